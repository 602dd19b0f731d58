using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Training;

public sealed record ReportRow(string Name, int Assigned, int Completed, int InProgress, int Overdue, double CompletionRate, double? MedianDaysToComplete,
    int CompletedWithoutAssignment = 0);

public sealed record OverdueRow(string Person, string Department, string Course, DateTime DueAt, int DaysOverdue);

public sealed record TrendPoint(DateOnly Date, string Department, double Share);

public sealed record TrainingReport(IReadOnlyList<ReportRow> ByCourse, IReadOnlyList<ReportRow> ByDepartment, IReadOnlyList<OverdueRow> Overdue,
    IReadOnlyList<TrendPoint> Trend);

/// <summary>What trainers see: per course and department, who is overdue, and the compliance trend.</summary>
public sealed class TrainingReports(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time)
{
    public async Task<TrainingReport> BuildAsync(Actor actor, int? courseId = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "see training reports");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Assignments.AsNoTracking().Where(a => a.Status != AssignmentStatus.Cancelled);
        if (courseId is int id) query = query.Where(a => a.CourseId == id);
        var rows = await query
            .Join(db.Courses, a => a.CourseId, c => c.Id, (a, c) => new { a, Course = c.Title })
            .Join(db.People, x => x.a.PersonId, p => p.Id, (x, p) => new
            {
                x.a.Status, x.a.DueAt, x.a.AssignedAt, x.a.StartedAt, x.a.CompletedAt, x.Course, Person = p.DisplayName,
                Department = p.Department != null ? p.Department.Name : "(no department)",
            })
            .ToListAsync(ct);

        // Self-study: people who completed a course (and still hold it) without being assigned it, e.g. through the policy gate.
        var selfStudy = await db.Completions.AsNoTracking()
            .Where(c => c.AssignmentId == null && (courseId == null || c.CourseId == courseId) && (c.ValidUntil == null || c.ValidUntil > now))
            .Join(db.Courses, c => c.CourseId, k => k.Id, (c, k) => new { k.Title, c.PersonId })
            .GroupBy(x => x.Title).Select(g => new { Title = g.Key, People = g.Select(x => x.PersonId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Title, x => x.People, ct);
        var byCourse = rows.GroupBy(r => r.Course).Select(g => Summarise(g.Key, g.Select(r => (r.Status, r.DueAt, r.AssignedAt, r.StartedAt, r.CompletedAt)), now)
                with { CompletedWithoutAssignment = selfStudy.GetValueOrDefault(g.Key) })
            .Concat(selfStudy.Where(s => rows.All(r => r.Course != s.Key)).Select(s => new ReportRow(s.Key, 0, 0, 0, 0, 0, null, s.Value)))
            .OrderBy(r => r.Name).ToList();
        var byDepartment = rows.GroupBy(r => r.Department).Select(g => Summarise(g.Key, g.Select(r => (r.Status, r.DueAt, r.AssignedAt, r.StartedAt, r.CompletedAt)), now))
            .OrderBy(r => r.Name).ToList();
        var overdue = rows.Where(r => r.Status == AssignmentStatus.Open && r.DueAt < now)
            .Select(r => new OverdueRow(r.Person, r.Department, r.Course, r.DueAt, (int)(now - r.DueAt).TotalDays))
            .OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.Person).ToList();

        var snapshots = db.ComplianceSnapshots.AsNoTracking();
        if (courseId is int c) snapshots = snapshots.Where(s => s.CourseId == c);
        var trend = await snapshots.Where(s => s.Due > 0)
            .Join(db.Departments, s => s.DepartmentId, d => d.Id, (s, d) => new { s.Date, Department = d.Name, s.Due, s.CompletedOnTime })
            .OrderBy(s => s.Date).Take(5000).ToListAsync(ct);
        var points = trend.GroupBy(t => (t.Date, t.Department))
            .Select(g => new TrendPoint(g.Key.Date, g.Key.Department, 100.0 * g.Sum(x => x.CompletedOnTime) / g.Sum(x => x.Due))).ToList();
        return new TrainingReport(byCourse, byDepartment, overdue, points);
    }

    private static ReportRow Summarise(string name, IEnumerable<(AssignmentStatus Status, DateTime DueAt, DateTime AssignedAt, DateTime? StartedAt, DateTime? CompletedAt)> items,
        DateTime now)
    {
        var list = items.ToList();
        var completed = list.Where(i => i.Status == AssignmentStatus.Completed).ToList();
        var open = list.Where(i => i.Status == AssignmentStatus.Open).ToList();
        var days = completed.Where(i => i.CompletedAt is not null).Select(i => (i.CompletedAt!.Value - i.AssignedAt).TotalDays).Order().ToList();
        double? median = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;
        return new ReportRow(name, list.Count, completed.Count, open.Count(i => i.StartedAt is not null && i.DueAt >= now), open.Count(i => i.DueAt < now),
            list.Count == 0 ? 0 : 100.0 * completed.Count / list.Count, median is null ? null : Math.Round(median.Value, 1));
    }

    public static byte[] ToCsv(IEnumerable<ReportRow> rows, string firstColumn) => CsvFiles.Write(
        [firstColumn, "assigned", "completed", "in_progress", "overdue", "completion_rate_percent", "median_days_to_complete", "completed_without_assignment"],
        rows.Select(r => new string?[]
        {
            r.Name, Number(r.Assigned), Number(r.Completed), Number(r.InProgress), Number(r.Overdue),
            r.CompletionRate.ToString("0.0", CultureInfo.InvariantCulture), r.MedianDaysToComplete?.ToString("0.0", CultureInfo.InvariantCulture),
            Number(r.CompletedWithoutAssignment),
        }));

    public static byte[] ToCsv(IEnumerable<OverdueRow> rows) => CsvFiles.Write(
        ["person", "department", "course", "due_utc", "days_overdue"],
        rows.Select(r => new string?[] { r.Person, r.Department, r.Course, r.DueAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(r.DaysOverdue) }));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
