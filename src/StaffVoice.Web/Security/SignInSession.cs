using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Security;

/// <summary>
/// One signed-in browser session. The auth cookie names it; signing out ends it here, so a copy of the cookie replayed
/// later is refused even though the cookie itself has not expired.
/// </summary>
public sealed class SignInSession
{
    public Guid Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>Why the session ended: signed out, signed out everywhere, ended by an administrator, deactivated.</summary>
    public string? EndedReason { get; set; }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.Property(s => s.EndedReason).HasMaxLength(100);
        builder.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PersonId, s.EndedAt });
    }
}
