using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>An in-app notification: the one table every feature notifies through.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public int RecipientId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string? Text { get; set; }
    public required string Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>
    /// Makes a notification happen once: a second notification with the same key for the same person is not created,
    /// however many times (or how concurrently) a sweep runs. Null for notifications that may repeat.
    /// </summary>
    public string? DedupKey { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Text).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Property(n => n.DedupKey).HasMaxLength(200);
        builder.HasIndex(n => new { n.RecipientId, n.DedupKey }).IsUnique();
        builder.HasIndex(n => new { n.RecipientId, n.ReadAt, n.CreatedAt });
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}
