using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>How a person wants one category of notification: always in the app, and optionally by e-mail.</summary>
public enum Delivery
{
    InAppOnly,
    EmailAtOnce,
    DailyDigest,
}

/// <summary>A group of notification kinds a person sets a delivery for.</summary>
public sealed record NotificationCategory(string Key, string Name, string Description, Delivery Default, IReadOnlyList<string> KindPrefixes);

public static class NotificationCategories
{
    public static readonly IReadOnlyList<NotificationCategory> All =
    [
        new("policies", "Policy updates", "A policy update you must read, and reminders to read it.", Delivery.EmailAtOnce, ["policy-"]),
        new("reviews", "Reviews and approvals", "A colleague asks for your review; a reply waits for approval or is overdue.", Delivery.EmailAtOnce,
            ["review-requested", "approval-needed", "approval-overdue"]),
        new("my-drafts", "Your drafts and posts", "Your draft was approved, returned, rejected, published or failed to publish.", Delivery.DailyDigest,
            ["draft-", "approval-revoked", "publish-failed", "commented"]),
        new("conversations", "Citizen conversations", "A conversation was assigned to you, nears its target or passed it.", Delivery.EmailAtOnce,
            ["conversation-"]),
        new("training-overdue", "Overdue training", "Your training is overdue, or people you manage or train are.", Delivery.EmailAtOnce,
            ["training-overdue", "training-escalated"]),
        new("training", "Training", "Courses assigned, reminders, changes to due dates and courses.", Delivery.DailyDigest,
            ["training-", "course-"]),
        new("knowledge", "Knowledge", "Questions in your areas, answers to yours, articles due for review, expertise decisions.", Delivery.DailyDigest,
            ["question-", "answer-", "article-", "expertise-"]),
        new("ideas", "Ideas and insights", "An idea you proposed, support or gave evidence for moved on or was commented on; ideas for areas you own.",
            Delivery.DailyDigest, ["idea-"]),
        new("other", "Everything else", "Quiet periods and other announcements.", Delivery.DailyDigest, [""]),
    ];

    /// <summary>The category of a notification kind: the first whose prefix matches (more specific categories come first).</summary>
    public static NotificationCategory For(string kind) =>
        All.First(c => c.KindPrefixes.Any(p => kind.StartsWith(p, StringComparison.Ordinal)));
}

/// <summary>A person's choice for one category; no row means the category's default.</summary>
public sealed class NotificationPreference
{
    public int PersonId { get; set; }
    public required string Category { get; set; }
    public Delivery Delivery { get; set; }
}

/// <summary>
/// An e-mail waiting to be sent (the outbox): written in the same transaction as what caused it, sent later by the
/// mail job, at most once per row: the job leases a row before sending and marks it sent afterwards; a failure is
/// retried with growing waits and never touches the action that caused it.
/// </summary>
public sealed class OutboxMail
{
    public long Id { get; set; }
    public int RecipientId { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public Guid? LeaseToken { get; set; }

    /// <summary>The organisation day a digest covers ("yyyy-MM-dd"); unique per person, so a day has at most one digest.</summary>
    public string? DigestDay { get; set; }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.PersonId, p.Category });
        builder.Property(p => p.Category).HasMaxLength(40);
        builder.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.DigestDay).HasMaxLength(10);
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        builder.HasIndex(m => new { m.RecipientId, m.DigestDay }).IsUnique().HasFilter("[DigestDay] IS NOT NULL");
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The <c>Mail</c> configuration section.</summary>
public sealed class MailOptions
{
    /// <summary>SMTP server; empty writes each message as an .eml file to <see cref="PickupDirectory"/> instead of sending it.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions; StartTlsWhenAvailable = Auto).</summary>
    public string Security { get; set; } = "StartTls";
    /// <summary>
    /// The SHA-1 thumbprint of the SMTP server's certificate, for a relay whose certificate the machine does not trust
    /// (an internal CA): that one certificate is accepted as well; every other one still needs a trusted chain and name.
    /// </summary>
    public string? ServerCertificateThumbprint { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "StaffVoice <staffvoice@example.org>";

    /// <summary>Where messages go when no host is set (relative to the working directory).</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>The app's address as people reach it, for the links in messages.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    public int BatchSize { get; set; } = 100;
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When the daily digest goes out, organisation time.</summary>
    public TimeSpan DigestAt { get; set; } = TimeSpan.FromHours(7);
}
