using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Training;

public sealed record ReportRow(string Name, int Assigned, int Completed, int InProgress, int Overdue, double CompletionRate, double? MedianDaysToComplete,
    int CompletedWithoutAssignment = 0);

public sealed record OverdueRow(string Person, string Department, string Course, DateTime DueAt, int DaysOverdue);

public sealed record TrendPoint(DateOnly Date, string Department, double Share);

public sealed record TrainingReport(IReadOnlyList<ReportRow> ByCourse, IReadOnlyList<ReportRow> ByDepartment, PagedResult<OverdueRow> Overdue,
    IReadOnlyList<TrendPoint> Trend);

/// <summary>
/// What trainers see: per course and department, who is overdue, and the compliance trend. Every figure is counted in
/// the database (GROUP BY per course, and per person summed into departments); medians read the completion times once;
/// the overdue list is paged on the server and its CSV streamed, so a report over 250,000 assignments holds a page of rows, not all of them.
/// </summary>
public sealed class TrainingReports(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time)
{
    public const int OverduePageSize = 50;
    private const string NoDepartment = "(no department)";

    public async Task<TrainingReport> BuildAsync(Actor actor, int? courseId = null, CancellationToken ct = default, int overduePage = 0)
    {
        actor.Require(Roles.Trainer, "see training reports");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignments = Assignments(db, courseId);
        var courses = await db.Courses.AsNoTracking().Where(c => courseId == null || c.Id == courseId).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        var perCourse = await assignments.GroupBy(a => a.CourseId)
            .Select(g => new Counts(g.Key, g.Count(), g.Count(a => a.Status == AssignmentStatus.Completed),
                g.Count(a => a.Status == AssignmentStatus.Open && a.StartedAt != null && a.DueAt >= now),
                g.Count(a => a.Status == AssignmentStatus.Open && a.DueAt < now)))
            .ToListAsync(ct);
        // Per department from per-person counts (one pass in PersonId index order, 20,000 rows at most) and the
        // person -> department map: joining every assignment to its person and grouping by department took 4x longer.
        var departmentOf = await db.People.AsNoTracking().Select(p => new { p.Id, p.DepartmentId }).ToDictionaryAsync(p => p.Id, p => p.DepartmentId, ct);
        var perPerson = await assignments.GroupBy(a => a.PersonId)
            .Select(g => new Counts(g.Key, g.Count(), g.Count(a => a.Status == AssignmentStatus.Completed),
                g.Count(a => a.Status == AssignmentStatus.Open && a.StartedAt != null && a.DueAt >= now),
                g.Count(a => a.Status == AssignmentStatus.Open && a.DueAt < now)))
            .ToListAsync(ct);
        var perDepartment = perPerson.GroupBy(p => departmentOf.GetValueOrDefault(p.Key ?? 0))
            .Select(g => new Counts(g.Key, g.Sum(c => c.Assigned), g.Sum(c => c.Completed), g.Sum(c => c.InProgress), g.Sum(c => c.Overdue)))
            .ToList();
        // Medians: the completion times read once (no sort, no join), collected per course and per department.
        var courseDays = new Dictionary<int, List<double>>();
        var departmentDays = new Dictionary<int, List<double>>();
        await foreach (var done in assignments.Where(a => a.Status == AssignmentStatus.Completed && a.CompletedAt != null)
            .Select(a => new { a.CourseId, a.PersonId, a.AssignedAt, CompletedAt = a.CompletedAt!.Value }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var days = (done.CompletedAt - done.AssignedAt).TotalDays;
            Add(courseDays, done.CourseId, days);
            Add(departmentDays, departmentOf.GetValueOrDefault(done.PersonId) ?? 0, days);
        }
        var courseMedians = courseDays.ToDictionary(d => d.Key, d => Math.Round(Responses.ConversationService.Median(d.Value)!.Value, 1));
        var departmentMedians = departmentDays.ToDictionary(d => d.Key, d => Math.Round(Responses.ConversationService.Median(d.Value)!.Value, 1));

        // Self-study: people who completed a course (and still hold it) without being assigned it, e.g. through the policy gate.
        var selfStudy = await db.Completions.AsNoTracking()
            .Where(c => c.AssignmentId == null && (courseId == null || c.CourseId == courseId) && (c.ValidUntil == null || c.ValidUntil > now))
            .GroupBy(c => c.CourseId).Select(g => new { CourseId = g.Key, People = g.Select(x => x.PersonId).Distinct().Count() })
            .ToDictionaryAsync(x => x.CourseId, x => x.People, ct);

        var byCourse = perCourse.Select(c => Row(courses.GetValueOrDefault(c.Key ?? 0, "(deleted course)"), c, courseMedians.GetValueOrDefault(c.Key ?? 0))
                with { CompletedWithoutAssignment = selfStudy.GetValueOrDefault(c.Key ?? 0) })
            .Concat(selfStudy.Where(s => perCourse.All(c => c.Key != s.Key))
                .Select(s => new ReportRow(courses.GetValueOrDefault(s.Key, "(deleted course)"), 0, 0, 0, 0, 0, null, s.Value)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        var byDepartment = perDepartment
            .Select(d => Row(d.Key is int id ? departments.GetValueOrDefault(id, NoDepartment) : NoDepartment, d, departmentMedians.GetValueOrDefault(d.Key ?? 0)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();

        var overdue = await OverduePageAsync(db, courseId, now, overduePage, ct);

        var snapshots = db.ComplianceSnapshots.AsNoTracking();
        if (courseId is int c) snapshots = snapshots.Where(s => s.CourseId == c);
        var trend = await snapshots.Where(s => s.Due > 0)
            .Join(db.Departments, s => s.DepartmentId, d => d.Id, (s, d) => new { s.Date, Department = d.Name, s.Due, s.CompletedOnTime })
            .OrderBy(s => s.Date).Take(5000).ToListAsync(ct);
        var points = trend.GroupBy(t => (t.Date, t.Department))
            .Select(g => new TrendPoint(g.Key.Date, g.Key.Department, 100.0 * g.Sum(x => x.CompletedOnTime) / g.Sum(x => x.Due))).ToList();
        return new TrainingReport(byCourse, byDepartment, overdue, points);
    }

    /// <summary>One page of the overdue list, most overdue first.</summary>
    public async Task<PagedResult<OverdueRow>> OverdueAsync(Actor actor, int? courseId, int page, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "see training reports");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OverduePageAsync(db, courseId, time.GetUtcNow().UtcDateTime, page, ct);
    }

    /// <summary>The whole overdue list, read as it is written out (the CSV download), most overdue first.</summary>
    public async IAsyncEnumerable<OverdueRow> AllOverdueAsync(Actor actor, int? courseId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "see training reports");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Overdue(db, courseId, now).AsAsyncEnumerable().WithCancellation(ct)) yield return WithDays(row, now);
    }

    private static IQueryable<Assignment> Assignments(StaffVoiceDb db, int? courseId)
    {
        var query = db.Assignments.AsNoTracking().Where(a => a.Status != AssignmentStatus.Cancelled);
        return courseId is int id ? query.Where(a => a.CourseId == id) : query;
    }

    private static IQueryable<OverdueRow> Overdue(StaffVoiceDb db, int? courseId, DateTime now) =>
        Assignments(db, courseId).Where(a => a.Status == AssignmentStatus.Open && a.DueAt < now)
            .Join(db.Courses, a => a.CourseId, c => c.Id, (a, c) => new { a.DueAt, a.PersonId, a.Id, Course = c.Title })
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new
            {
                x.DueAt, x.Id, x.Course, Person = p.DisplayName, Department = p.Department != null ? p.Department.Name : NoDepartment,
            })
            .OrderBy(x => x.DueAt).ThenBy(x => x.Person).ThenBy(x => x.Id)
            .Select(x => new OverdueRow(x.Person, x.Department, x.Course, x.DueAt, 0));

    private static async Task<PagedResult<OverdueRow>> OverduePageAsync(StaffVoiceDb db, int? courseId, DateTime now, int page, CancellationToken ct)
    {
        var query = Overdue(db, courseId, now);
        // Counted on the assignments alone (the (Status, DueAt) index); every assignment has its course and person.
        var total = await Assignments(db, courseId).CountAsync(a => a.Status == AssignmentStatus.Open && a.DueAt < now, ct);
        var rows = await query.Skip(Math.Max(page, 0) * OverduePageSize).Take(OverduePageSize).ToListAsync(ct);
        return new PagedResult<OverdueRow>(rows.Select(r => WithDays(r, now)).ToList(), total);
    }

    internal static OverdueRow WithDays(OverdueRow row, DateTime now) => row with { DaysOverdue = (int)(now - row.DueAt).TotalDays };

    private static void Add(Dictionary<int, List<double>> groups, int key, double days)
    {
        if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
        list.Add(days);
    }

    private static ReportRow Row(string name, Counts c, double median) => new(name, c.Assigned, c.Completed, c.InProgress, c.Overdue,
        c.Assigned == 0 ? 0 : 100.0 * c.Completed / c.Assigned, c.Completed == 0 ? null : median);

    private sealed record Counts(int? Key, int Assigned, int Completed, int InProgress, int Overdue);

    public static byte[] ToCsv(IEnumerable<ReportRow> rows, string firstColumn) => CsvFiles.Write(
        [firstColumn, "assigned", "completed", "in_progress", "overdue", "completion_rate_percent", "median_days_to_complete", "completed_without_assignment"],
        rows.Select(r => new string?[]
        {
            r.Name, Number(r.Assigned), Number(r.Completed), Number(r.InProgress), Number(r.Overdue),
            r.CompletionRate.ToString("0.0", CultureInfo.InvariantCulture), r.MedianDaysToComplete?.ToString("0.0", CultureInfo.InvariantCulture),
            Number(r.CompletedWithoutAssignment),
        }));

    public static readonly IReadOnlyList<string> OverdueColumns = ["person", "department", "course", "due_utc", "days_overdue"];

    public static string?[] OverdueCells(OverdueRow r) =>
        [r.Person, r.Department, r.Course, r.DueAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(r.DaysOverdue)];

    public static byte[] ToCsv(IEnumerable<OverdueRow> rows) => CsvFiles.Write(OverdueColumns, rows.Select(OverdueCells));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
