using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>A policy update sent to people who must confirm they have read it.</summary>
public sealed class PolicyUpdate
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string BodyHtml { get; set; }
    public int? CourseId { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string Audience { get; set; }
}

/// <summary>One person who must read a policy update; the acknowledgement is kept and cannot be undone.</summary>
public sealed class PolicyRecipient
{
    public int PolicyUpdateId { get; set; }
    public int PersonId { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? LastRemindedAt { get; set; }
}

internal sealed class PolicyUpdateConfiguration : IEntityTypeConfiguration<PolicyUpdate>
{
    public void Configure(EntityTypeBuilder<PolicyUpdate> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(PolicyService.TitleMax);
        builder.Property(p => p.Audience).HasMaxLength(500);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Training.Course>().WithMany().HasForeignKey(p => p.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PolicyRecipientConfiguration : IEntityTypeConfiguration<PolicyRecipient>
{
    public void Configure(EntityTypeBuilder<PolicyRecipient> builder)
    {
        builder.HasKey(r => new { r.PolicyUpdateId, r.PersonId });
        builder.HasIndex(r => new { r.PersonId, r.AcknowledgedAt });
        builder.HasOne<PolicyUpdate>().WithMany().HasForeignKey(r => r.PolicyUpdateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record PolicyInput(string Title, string BodyMarkdown, IReadOnlyCollection<int> DepartmentIds, IReadOnlyCollection<string> Roles,
    IReadOnlyCollection<int> PersonIds, int? CourseId);

public sealed record PolicyListItem(int Id, string Title, DateTime CreatedAt, string CreatedBy, int Recipients, int Acknowledged, bool? MineAcknowledged);

public sealed record PolicyRecipientItem(int PersonId, string Person, string? Department, DateTime? AcknowledgedAt, DateTime? LastRemindedAt);

public sealed record PolicyView(int Id, string Title, string BodyHtml, DateTime CreatedAt, string CreatedBy, string Audience, int? CourseId,
    string? CourseTitle, bool IsRecipient, DateTime? MyAcknowledgement, bool CanManage, IReadOnlyList<PolicyRecipientItem> Recipients);

/// <summary>
/// Policy updates: a comms manager or administrator sends one (Markdown, sanitised) to departments, roles or named people,
/// optionally with a course to take; each recipient is told and sees it until they confirm "I have read this" (kept,
/// audited, never undone); the sender sees who has and has not, and can remind the rest at most once a day.
/// </summary>
public sealed class PolicyService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, SafeMarkdown markdown, INotifier notifier, TimeProvider time)
{
    public const int TitleMax = 150;
    public const int BodyMax = 20_000;

    private static bool CanManage(Actor actor) => actor.IsIn(Roles.CommsManager) || actor.IsIn(Roles.Administrator);

    public async Task<int> PublishAsync(Actor actor, PolicyInput input, CancellationToken ct = default)
    {
        if (!CanManage(actor)) throw new PermissionDeniedException("Only comms managers and administrators can send policy updates.");
        var title = PlainText.Clean(input.Title ?? "").Trim();
        var body = input.BodyMarkdown ?? "";
        var errors = new Dictionary<string, string>();
        if (title.Length is < 5 or > TitleMax) errors["Title"] = $"Give it a title of 5 to {TitleMax} characters.";
        if (string.IsNullOrWhiteSpace(body) || body.Length > BodyMax) errors["Body"] = $"Write the update in up to {BodyMax:N0} characters.";
        if (input.DepartmentIds.Count + input.Roles.Count + input.PersonIds.Count == 0) errors["Audience"] = "Choose departments, roles or people.";
        if (input.Roles.Any(r => !Roles.IsKnown(r))) errors["Audience"] = "One of those roles does not exist.";
        ValidationFailedException.ThrowIfAny(errors);
        var now = time.GetUtcNow().UtcDateTime;
        return await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var departments = await db.Departments.Where(d => input.DepartmentIds.Contains(d.Id)).Select(d => d.Name).ToListAsync(ct);
            if (departments.Count != input.DepartmentIds.Distinct().Count()) throw new ValidationFailedException("Audience", "One of those departments no longer exists.");
            string? courseTitle = null;
            if (input.CourseId is { } course)
            {
                courseTitle = await db.Courses.Where(c => c.Id == course && c.Status == Training.CourseStatus.Published).Select(c => c.Title).SingleOrDefaultAsync(ct)
                    ?? throw new ValidationFailedException("CourseId", "Choose a published course.");
            }
            var people = await db.People.Where(p => p.IsActive && (input.PersonIds.Contains(p.Id)
                    || (p.DepartmentId != null && input.DepartmentIds.Contains(p.DepartmentId.Value))
                    || db.PersonRoles.Any(r => r.PersonId == p.Id && input.Roles.Contains(r.Role))))
                .Select(p => p.Id).ToListAsync(ct);
            if (people.Count == 0) throw new ValidationFailedException("Audience", "Nobody active is in that audience.");
            var audience = string.Join("; ", new[]
            {
                departments.Count > 0 ? "departments: " + string.Join(", ", departments) : null,
                input.Roles.Count > 0 ? "roles: " + string.Join(", ", input.Roles.Select(Roles.DisplayName)) : null,
                input.PersonIds.Count > 0 ? $"{input.PersonIds.Count} named people" : null,
            }.Where(x => x is not null));
            var update = new PolicyUpdate
            {
                Title = title, BodyMarkdown = body, BodyHtml = markdown.ToHtml(body), CourseId = input.CourseId, CreatedById = actor.PersonId,
                CreatedAt = now, Audience = audience.Length > 500 ? audience[..500] : audience,
            };
            db.PolicyUpdates.Add(update);
            await db.SaveChangesAsync(ct);
            db.PolicyRecipients.AddRange(people.Select(p => new PolicyRecipient { PolicyUpdateId = update.Id, PersonId = p }));
            await db.SaveChangesAsync(ct);
            op.Audit(actor, "policy-published", "PolicyUpdate", update.Id, details: $"{title} → {audience} ({people.Count} people)");
            await notifier.AddAsync(op, people.Where(p => p != actor.PersonId).Select(p => new NotificationRequest(p, "policy-update",
                $"Please read: {title}", $"/policies/{update.Id}", courseTitle is null ? "Confirm that you have read it." : $"Then take the course “{courseTitle}”.",
                $"policy-update:{update.Id}")).ToList(), ct);
            return update.Id;
        }, ct);
    }

    /// <summary>"I have read this": kept once, audited, never undone; a second click changes nothing.</summary>
    public async Task AcknowledgeAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await operations.RunAsync(async op =>
        {
            var recipient = await op.Db.PolicyRecipients.SingleOrDefaultAsync(r => r.PolicyUpdateId == id && r.PersonId == actor.PersonId, ct)
                ?? throw new NotFoundException("This policy update was not sent to you.");
            if (recipient.AcknowledgedAt is not null) return;
            recipient.AcknowledgedAt = time.GetUtcNow().UtcDateTime;
            op.Audit(actor, "policy-acknowledged", "PolicyUpdate", id);
        }, ct);
    }

    /// <summary>Reminds everyone who has not confirmed, each at most once a day; returns how many were reminded.</summary>
    public async Task<int> RemindAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!CanManage(actor)) throw new PermissionDeniedException("Only comms managers and administrators can send reminders.");
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-1);
        return await operations.RunAsync(async op =>
        {
            var title = await op.Db.PolicyUpdates.Where(p => p.Id == id).Select(p => p.Title).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("That policy update no longer exists.");
            var due = await op.Db.PolicyRecipients.Where(r => r.PolicyUpdateId == id && r.AcknowledgedAt == null
                && (r.LastRemindedAt == null || r.LastRemindedAt <= since)).ToListAsync(ct);
            foreach (var r in due) r.LastRemindedAt = now;
            if (due.Count > 0) op.Audit(actor, "policy-reminded", "PolicyUpdate", id, details: $"{due.Count} people reminded");
            await notifier.AddAsync(op, due.Select(r => new NotificationRequest(r.PersonId, "policy-reminder", $"Reminder: please read “{title}”",
                $"/policies/{id}", null, $"policy-reminder:{id}:{now.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}")).ToList(), ct);
            return due.Count;
        }, ct);
    }

    /// <summary>For managers: every update with its counts; for everyone else: the updates sent to them.</summary>
    public async Task<IReadOnlyList<PolicyListItem>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var updates = db.PolicyUpdates.AsNoTracking();
        if (!CanManage(actor)) updates = updates.Where(p => db.PolicyRecipients.Any(r => r.PolicyUpdateId == p.Id && r.PersonId == actor.PersonId));
        return await updates.OrderByDescending(p => p.CreatedAt).Take(200)
            .Select(p => new PolicyListItem(p.Id, p.Title, p.CreatedAt, db.People.Where(x => x.Id == p.CreatedById).Select(x => x.DisplayName).First(),
                db.PolicyRecipients.Count(r => r.PolicyUpdateId == p.Id), db.PolicyRecipients.Count(r => r.PolicyUpdateId == p.Id && r.AcknowledgedAt != null),
                db.PolicyRecipients.Where(r => r.PolicyUpdateId == p.Id && r.PersonId == actor.PersonId).Select(r => (bool?)(r.AcknowledgedAt != null)).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public async Task<PolicyView?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.PolicyUpdates.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x, By = db.People.Where(y => y.Id == x.CreatedById).Select(y => y.DisplayName).First(),
                Course = db.Courses.Where(c => c.Id == x.CourseId).Select(c => c.Title).FirstOrDefault(),
                Mine = db.PolicyRecipients.Where(r => r.PolicyUpdateId == x.Id && r.PersonId == actor.PersonId).Select(r => new { r.AcknowledgedAt }).FirstOrDefault(),
            }).SingleOrDefaultAsync(ct);
        if (p is null) return null;
        var manage = CanManage(actor);
        if (p.Mine is null && !manage) return null;
        var recipients = manage ? await Recipients(db, id).ToListAsync(ct) : [];
        return new PolicyView(id, p.x.Title, p.x.BodyHtml, p.x.CreatedAt, p.By, p.x.Audience, p.x.CourseId, p.Course, p.Mine is not null,
            p.Mine?.AcknowledgedAt, manage, recipients);
    }

    /// <summary>Who has and has not confirmed, for the CSV download (managers only).</summary>
    public async Task<IReadOnlyList<PolicyRecipientItem>> RecipientsAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!CanManage(actor)) throw new PermissionDeniedException("Only comms managers and administrators can see who has read a policy update.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Recipients(db, id).ToListAsync(ct);
    }

    private static IQueryable<PolicyRecipientItem> Recipients(StaffVoiceDb db, int id) =>
        db.PolicyRecipients.AsNoTracking().Where(r => r.PolicyUpdateId == id)
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r, p.DisplayName, Department = p.Department != null ? p.Department.Name : null })
            .OrderBy(x => x.r.AcknowledgedAt != null).ThenBy(x => x.DisplayName)
            .Select(x => new PolicyRecipientItem(x.r.PersonId, x.DisplayName, x.Department, x.r.AcknowledgedAt, x.r.LastRemindedAt));
}
