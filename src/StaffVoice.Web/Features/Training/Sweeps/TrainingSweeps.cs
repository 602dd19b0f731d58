using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Training.Sweeps;

// Every sweep here is idempotent: it works in batches with a fixed number of commands each, and each batch is one
// operation that marks the rows it acts on (a conditional update, so two copies at once act on each row once) and adds
// the notifications, committed together: a run that stops half-way leaves a batch either done or untouched, never
// marked but unsent.

/// <summary>
/// The claim every assignment sweep makes: take a batch of candidate ids, stamp their marker (and a fresh token) with a
/// conditional update that only touches rows whose marker is still empty, and return the token. Only rows carrying the
/// token were claimed by this run, so two runs at once act on each row once.
/// </summary>
internal static class AssignmentClaims
{
    public static async Task<(int Candidates, Guid Token)> ClaimBatchAsync(StaffVoiceDb db, IQueryable<Assignment> candidates,
        Expression<Func<Assignment, DateTime?>> marker, DateTime now, int batchSize, CancellationToken ct)
    {
        var isUnclaimed = Expression.Lambda<Func<Assignment, bool>>(
            Expression.Equal(marker.Body, Expression.Constant(null, typeof(DateTime?))), marker.Parameters);
        var ids = await candidates.Where(isUnclaimed).OrderBy(a => a.Id).Take(batchSize).Select(a => a.Id).ToListAsync(ct);
        var token = Guid.NewGuid();
        if (ids.Count > 0)
        {
            await db.Assignments.Where(a => ids.Contains(a.Id) && a.Status == AssignmentStatus.Open).Where(isUnclaimed)
                .ExecuteUpdateAsync(s => s.SetProperty(marker, now).SetProperty(a => a.ClaimToken, token), ct);
        }
        return (ids.Count, token);
    }
}

/// <summary>Applies department and role rules to people they do not yet cover: later joiners and existing members alike.</summary>
public sealed class TrainingRuleSweep(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, TrainingService training, TimeProvider time,
    ILogger<TrainingRuleSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<AssignmentRule> rules;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rules = await db.AssignmentRules.AsNoTracking().ToListAsync(ct);
        }
        var created = 0;
        foreach (var rule in rules)
        {
            // One operation per rule: its assignments and their notifications commit together.
            created += await operations.RunAsync(async op =>
            {
                var course = await op.Db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == rule.CourseId && c.Status == CourseStatus.Published, ct);
                if (course is null) return 0;
                var members = await TrainingService.MembersAsync(op.Db, rule, ct);
                return await training.CreateAssignmentsAsync(op, course, members, rule.Kind, now, now.AddDays(rule.DueDays), rule.Id, null, ct);
            }, ct);
        }
        logger.LogInformation("Training rules: {Created} new assignments", created);
        return created;
    }
}

/// <summary>One reminder before the due date and one the day before (configurable); never after completion.</summary>
public sealed class TrainingReminderSweep(Operations operations, INotifier notifier, IOptions<TrainingOptions> options,
    TimeProvider time, ILogger<TrainingReminderSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var sent = await SendAsync(now, now.AddDays(o.FirstReminderDaysBefore), first: true, ct);
        sent += await SendAsync(now, now.AddDays(o.LastReminderDaysBefore), first: false, ct);
        logger.LogInformation("Training reminders: {Sent} sent", sent);
        return sent;
    }

    private async Task<int> SendAsync(DateTime now, DateTime horizon, bool first, CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var (count, added) = await operations.RunAsync(async op =>
            {
                var db = op.Db;
                var due = db.Assignments.Where(a => a.Status == AssignmentStatus.Open && a.DueAt > now && a.DueAt <= horizon);
                var (count, token) = await AssignmentClaims.ClaimBatchAsync(db, due,
                    first ? a => a.FirstReminderAt : a => a.LastReminderAt, now, options.Value.SweepBatchSize, ct);
                if (count == 0) return (0, 0);
                var claimed = await db.Assignments.AsNoTracking().Where(a => a.ClaimToken == token)
                    .Join(db.Courses, a => a.CourseId, c => c.Id, (a, c) => new { a.Id, a.PersonId, a.CourseId, c.Title, a.DueAt }).ToListAsync(ct);
                var added = await notifier.AddAsync(op, claimed.Select(a => new NotificationRequest(a.PersonId, "training-reminder",
                    $"Reminder: “{a.Title}” is due {a.DueAt:d MMM yyyy}", $"/training/courses/{a.CourseId}", null,
                    $"training-reminder:{a.Id}:{(first ? "first" : "last")}")).ToList(), ct);
                return (count, added);
            }, ct);
            sent += added;
            if (count < options.Value.SweepBatchSize) break;
        }
        return sent;
    }
}

/// <summary>
/// Escalate, never expire: the day after the due date the learner is told once and the course's trainer sees it in one
/// running summary for the day; after a further period the person's manager and the department's trainers get a
/// running summary each too (names for managers, counts for trainers). The assignment stays open. Notifications grow
/// with the people told, not with overdue assignments × trainers.
/// </summary>
public sealed class TrainingEscalationSweep(Operations operations, INotifier notifier, IOptions<TrainingOptions> options,
    TimeProvider time, ILogger<TrainingEscalationSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sent = await StepAsync(now, now.AddDays(-1), managers: false, ct);
        sent += await StepAsync(now, now.AddDays(-1 - options.Value.ManagerEscalationAfterDays), managers: true, ct);
        logger.LogInformation("Training escalation: {Sent} notifications", sent);
        return sent;
    }

    private async Task<int> StepAsync(DateTime now, DateTime dueBefore, bool managers, CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var (count, added) = await operations.RunAsync(async op => await EscalateBatchAsync(op, now, dueBefore, managers, ct), ct);
            sent += added;
            if (count < options.Value.SweepBatchSize) break;
        }
        return sent;
    }

    private async Task<(int Count, int Added)> EscalateBatchAsync(Operation op, DateTime now, DateTime dueBefore, bool managers, CancellationToken ct)
    {
        var db = op.Db;
        {
            var query = db.Assignments.Where(a => a.Status == AssignmentStatus.Open && a.DueAt <= dueBefore);
            if (managers) query = query.Where(a => a.OverdueNotifiedAt != null);
            var (count, token) = await AssignmentClaims.ClaimBatchAsync(db, query,
                managers ? a => a.ManagerEscalatedAt : a => a.OverdueNotifiedAt, now, options.Value.SweepBatchSize, ct);
            if (count == 0) return (0, 0);
            var rows = await db.Assignments.AsNoTracking().Where(a => a.ClaimToken == token)
                .Join(db.Courses, a => a.CourseId, c => c.Id, (a, c) => new { a.Id, a.PersonId, a.CourseId, c.Title, c.OwnerId, a.DueAt })
                .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.Id, x.PersonId, x.CourseId, x.Title, x.OwnerId, x.DueAt, p.DisplayName, p.ManagerId, p.DepartmentId })
                .ToListAsync(ct);
            var requests = new List<NotificationRequest>();
            var summaries = new List<NotificationRequest>();
            var day = now.Date;
            var dayKey = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (!managers)
            {
                // Each learner is told; each course owner gets one running summary for the day, whatever the numbers.
                foreach (var a in rows)
                {
                    requests.Add(new(a.PersonId, "training-overdue", $"“{a.Title}” is overdue (it was due {a.DueAt:d MMM yyyy})",
                        $"/training/courses/{a.CourseId}", null, $"training-overdue:{a.Id}"));
                }
                var owners = rows.Select(r => r.OwnerId).Distinct().ToList();
                var perOwner = await db.Assignments.AsNoTracking().Where(a => a.OverdueNotifiedAt >= day && a.Status == AssignmentStatus.Open)
                    .Join(db.Courses.Where(c => owners.Contains(c.OwnerId)), a => a.CourseId, c => c.Id, (a, c) => new { c.OwnerId, a.PersonId, a.CourseId })
                    .GroupBy(x => x.OwnerId)
                    .Select(g => new { Owner = g.Key, People = g.Select(x => x.PersonId).Distinct().Count(), Courses = g.Select(x => x.CourseId).Distinct().Count() })
                    .ToListAsync(ct);
                summaries.AddRange(perOwner.Select(o => new NotificationRequest(o.Owner, "training-overdue-summary",
                    $"{PeopleWords(o.People)} became overdue today on {CourseWords(o.Courses)} you own", "/training/admin/reports",
                    "Each of them has been told. The report lists who.", $"training-overdue-summary:{dayKey}")));
            }
            else
            {
                // Managers and the department's trainers: one running summary each for the day, not one per person.
                var after = 1 + options.Value.ManagerEscalationAfterDays;
                var escalatedToday = db.Assignments.AsNoTracking().Where(a => a.ManagerEscalatedAt >= day && a.Status == AssignmentStatus.Open)
                    .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a.PersonId, a.CourseId, p.DisplayName, p.ManagerId, p.DepartmentId });
                var managerIds = rows.Where(r => r.ManagerId is not null).Select(r => r.ManagerId!.Value).Distinct().ToList();
                var team = await escalatedToday.Where(x => x.ManagerId != null && managerIds.Contains(x.ManagerId.Value))
                    .OrderBy(x => x.DisplayName).Take(5_000)
                    .Select(x => new { Manager = x.ManagerId!.Value, x.PersonId, x.CourseId, x.DisplayName }).ToListAsync(ct);
                foreach (var g in team.GroupBy(x => x.Manager))
                {
                    var names = g.Select(x => x.DisplayName).Distinct().ToList();
                    summaries.Add(new NotificationRequest(g.Key, "training-escalated-team",
                        $"{PeopleWords(names.Count)} in your team {(names.Count == 1 ? "is" : "are")} at least {after} days overdue on {CourseWords(g.Select(x => x.CourseId).Distinct().Count())}",
                        "/training", Names(names), $"training-escalated-team:{dayKey}"));
                }
                var departments = rows.Where(r => r.DepartmentId is not null).Select(r => r.DepartmentId!.Value).Distinct().ToList();
                var trainers = await db.People.AsNoTracking()
                    .Where(p => p.DepartmentId != null && departments.Contains(p.DepartmentId.Value) && p.IsActive
                        && db.PersonRoles.Any(r => r.PersonId == p.Id && r.Role == Roles.Trainer))
                    .Select(p => new { p.Id, DepartmentId = p.DepartmentId!.Value, Department = p.Department!.Name }).ToListAsync(ct);
                var trained = trainers.Select(t => t.DepartmentId).Distinct().ToList();
                var perDepartment = await escalatedToday.Where(x => x.DepartmentId != null && trained.Contains(x.DepartmentId.Value))
                    .GroupBy(x => x.DepartmentId!.Value)
                    .Select(g => new { Department = g.Key, People = g.Select(x => x.PersonId).Distinct().Count(), Courses = g.Select(x => x.CourseId).Distinct().Count() })
                    .ToListAsync(ct);
                foreach (var d in perDepartment)
                {
                    summaries.AddRange(trainers.Where(t => t.DepartmentId == d.Department).Select(t => new NotificationRequest(t.Id, "training-escalated-department",
                        $"{PeopleWords(d.People)} in {t.Department} {(d.People == 1 ? "is" : "are")} at least {after} days overdue on {CourseWords(d.Courses)}",
                        "/training/admin/reports", "Their managers have been told too.", $"training-escalated-department:{d.Department}:{dayKey}")));
                }
            }
            var added = await notifier.AddAsync(op, requests, ct);
            return (count, added + await notifier.SummariseAsync(op, summaries, ct));
        }
    }

    private static string PeopleWords(int count) => count == 1 ? "1 person" : $"{count:N0} people";

    private static string CourseWords(int count) => count == 1 ? "1 course" : $"{count:N0} courses";

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 5 ? string.Join(", ", names) + "." : string.Join(", ", names.Take(5)) + $" and {names.Count - 5:N0} more.";
}

/// <summary>Before a completion expires (by the course's lead time), a renewal assignment due at the expiry; access never lapses.</summary>
public sealed class RecertificationSweep(Operations operations, TrainingService training, IOptions<TrainingOptions> options,
    TimeProvider time, ILogger<RecertificationSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var created = 0;
        while (true)
        {
            // One operation a batch: the "renewal created" mark and the renewal assignments (and their notifications)
            // commit together, so a run that stops half-way never leaves a completion marked without its renewal.
            int count = 0, made = 0;
            try
            {
            (count, made) = await operations.RunAsync(async op =>
            {
                var db = op.Db;
                var due = await db.Completions.AsNoTracking()
                    .Where(c => c.ValidUntil != null && c.RenewalCreatedAt == null)
                    .Join(db.Courses.Where(k => k.Status != CourseStatus.Archived), c => c.CourseId, k => k.Id,
                        (c, k) => new { c.Id, c.PersonId, c.CourseId, c.ValidUntil, k.RecertifyLeadDays })
                    .Where(x => x.ValidUntil!.Value.AddDays(-x.RecertifyLeadDays) <= now)
                    .OrderBy(x => x.Id).Take(options.Value.SweepBatchSize).ToListAsync(ct);
                if (due.Count == 0) return (0, 0);
                var ids = due.Select(d => d.Id).ToList();
                var marked = await db.Completions.Where(c => ids.Contains(c.Id) && c.RenewalCreatedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.RenewalCreatedAt, now), ct);
                // Another run marked some of them first (its transaction committed before ours began): leave the batch to it.
                if (marked != ids.Count) throw new RecertificationRaceException();
                var made = 0;
                foreach (var group in due.GroupBy(d => (d.CourseId, d.ValidUntil)))
                {
                    var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == group.Key.CourseId, ct);
                    made += await training.CreateRenewalsAsync(op, course, group.Select(g => g.PersonId).ToList(), now, group.Key.ValidUntil!.Value, ct);
                }
                return (due.Count, made);
            }, ct);
            }
            catch (RecertificationRaceException)
            {
                break;
            }
            created += made;
            if (count < options.Value.SweepBatchSize) break;
        }
        logger.LogInformation("Recertification: {Created} renewal assignments", created);
        return created;
    }
}

/// <summary>Two recertification runs reached the same batch; the later one stops and leaves it done by the first.</summary>
internal sealed class RecertificationRaceException() : Exception("Another recertification run took this batch.");

/// <summary>Nightly, per department and course: Required assignments due so far and how many were completed on time.</summary>
public sealed class ComplianceSnapshotSweep(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time, ILogger<ComplianceSnapshotSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ComplianceSnapshots.AnyAsync(s => s.Date == today, ct)) return 0;
        var rows = await db.Assignments.AsNoTracking()
            .Where(a => a.Kind == AssignmentKind.Required && a.DueAt <= now && a.Status != AssignmentStatus.Cancelled)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a.CourseId, p.DepartmentId, OnTime = a.CompletedAt != null && a.CompletedAt <= a.DueAt })
            .Where(x => x.DepartmentId != null)
            .GroupBy(x => new { x.CourseId, x.DepartmentId })
            .Select(g => new { g.Key.CourseId, g.Key.DepartmentId, Due = g.Count(), OnTime = g.Count(x => x.OnTime) })
            .ToListAsync(ct);
        db.ComplianceSnapshots.AddRange(rows.Select(r => new ComplianceSnapshot
        {
            Date = today, CourseId = r.CourseId, DepartmentId = r.DepartmentId!.Value, Due = r.Due, CompletedOnTime = r.OnTime,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another copy wrote today's snapshot first: the unique (date, department, course) index keeps one.
            return 0;
        }
        logger.LogInformation("Compliance snapshot for {Date}: {Rows} rows", today, rows.Count);
        return rows.Count;
    }
}

/// <summary>Tells a course's trainer when an article the course links to is revised, once per revision seen.</summary>
public sealed class CourseArticleSweep(Operations operations, INotifier notifier, ILogger<CourseArticleSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        // One operation: the links marked as seen and the notifications commit together, so a run that stops half-way
        // leaves the revisions unseen and the next run tells the trainers.
        var sent = await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var changed = await db.CourseArticles.AsNoTracking()
                .Join(db.Articles, ca => ca.ArticleId, a => a.Id, (ca, a) => new { ca.CourseId, ca.ArticleId, ca.SeenRevision, a.RevisionCount, a.Title })
                .Where(x => x.RevisionCount > x.SeenRevision)
                .Join(db.Courses, x => x.CourseId, c => c.Id, (x, c) => new { x.CourseId, x.ArticleId, x.RevisionCount, x.Title, CourseTitle = c.Title, c.OwnerId })
                .Take(1000).ToListAsync(ct);
            var requests = new List<NotificationRequest>();
            foreach (var x in changed)
            {
                // The conditional update is the claim: a copy running at the same time (SQL Server) marks each revision once.
                var claimed = await db.CourseArticles.Where(ca => ca.CourseId == x.CourseId && ca.ArticleId == x.ArticleId && ca.SeenRevision < x.RevisionCount)
                    .ExecuteUpdateAsync(s => s.SetProperty(ca => ca.SeenRevision, x.RevisionCount), ct);
                if (claimed == 0) continue;
                requests.Add(new NotificationRequest(x.OwnerId, "course-article-changed", $"“{x.Title}” changed: check your course “{x.CourseTitle}”",
                    $"/training/admin/courses/{x.CourseId}", null, $"course-article-changed:{x.CourseId}:{x.ArticleId}:{x.RevisionCount}"));
            }
            return await notifier.AddAsync(op, requests, ct);
        }, ct);
        logger.LogInformation("Course article check: {Sent} notifications", sent);
        return sent;
    }
}
