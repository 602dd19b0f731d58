using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StaffVoice.Web.Data;

/// <summary>
/// One entry of the append-only record: who did what to which thing, when, with the state before and after. Nothing in
/// the application updates or deletes an entry: <see cref="StaffVoiceDb"/> refuses such changes, and database triggers
/// created by the migrations refuse them too.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public int EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Details { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.EntityType).HasMaxLength(40);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        builder.HasIndex(a => a.At);
    }
}
