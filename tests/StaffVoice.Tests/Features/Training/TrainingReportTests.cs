using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features.Training;

namespace StaffVoice.Tests.Features.Training;

/// <summary>The trainer reports on a hand-built set of assignments whose figures are known.</summary>
public class TrainingReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static async Task<(TestDatabase Database, TrainingServices T, int CourseA, int CourseB)> ArrangeAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var a = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse("Course A on complaints"));
        var b = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse("Course B on records"));
        await using var db = database.NewContext();
        var people = await db.People.Where(p => p.Department != null).OrderBy(p => p.Id)
            .Select(p => new { p.Id, Department = p.Department!.Name }).ToListAsync(Ct);
        var housing = people.Where(p => p.Department == "Housing").Select(p => p.Id).ToList();
        var waste = people.Where(p => p.Department == "Waste & Recycling").Select(p => p.Id).ToList();
        Assignment Make(int course, int person, AssignmentStatus status, int assignedDaysAgo, int dueInDays, double? completedDaysAfter = null, bool started = false) => new()
        {
            CourseId = course, PersonId = person, Status = status, Kind = AssignmentKind.Required, AssignedAt = Now.AddDays(-assignedDaysAgo),
            DueAt = Now.AddDays(dueInDays), CompletedAt = completedDaysAfter is { } d ? Now.AddDays(-assignedDaysAgo + d) : null,
            StartedAt = started ? Now.AddDays(-1) : null, OpenKey = status == AssignmentStatus.Open ? Assignment.KeyFor(course, person) : null,
        };
        db.Assignments.AddRange(
            // Course A, Housing: completed in 2 and 4 days, one in progress, one overdue (3 days), one not started.
            Make(a, housing[0], AssignmentStatus.Completed, 10, 5, completedDaysAfter: 2),
            Make(a, housing[1], AssignmentStatus.Completed, 10, 5, completedDaysAfter: 4),
            Make(a, housing[2], AssignmentStatus.Open, 10, 5, started: true),
            Make(a, housing[3], AssignmentStatus.Open, 10, -3),
            Make(a, housing[4], AssignmentStatus.Open, 1, 10),
            // Course A, Waste: completed in 9 days; a cancelled one that counts nowhere.
            Make(a, waste[0], AssignmentStatus.Completed, 20, 5, completedDaysAfter: 9),
            Make(a, waste[1], AssignmentStatus.Cancelled, 20, -10),
            // Course B, Waste: overdue by 10 days, started but overdue (counts as overdue, not in progress).
            Make(b, waste[2], AssignmentStatus.Open, 30, -10),
            Make(b, waste[3], AssignmentStatus.Open, 30, -1, started: true));
        // Self-study: one current completion of B without an assignment, and an expired one that no longer counts.
        db.Completions.AddRange(
            new Completion { PersonId = housing[0], CourseId = b, CourseVersion = 1, CompletedAt = Now.AddDays(-5) },
            new Completion { PersonId = housing[1], CourseId = b, CourseVersion = 1, CompletedAt = Now.AddDays(-400), ValidUntil = Now.AddDays(-35) });
        await db.SaveChangesAsync(Ct);
        return (database, t, a, b);
    }

    [Fact]
    public async Task Per_course_and_department_the_counts_rates_and_medians_are_right_and_cancelled_assignments_count_nowhere()
    {
        var (database, t, a, b) = await ArrangeAsync();
        await using var _ = database;
        var report = await t.Reports.BuildAsync(await database.ActorAsync(Demo.Trainer), ct: Ct);

        var courseA = report.ByCourse.Single(r => r.Name == "Course A on complaints");
        Assert.Equal((6, 3, 1, 1, 50.0, 4.0, 0), (courseA.Assigned, courseA.Completed, courseA.InProgress, courseA.Overdue, courseA.CompletionRate,
            courseA.MedianDaysToComplete, courseA.CompletedWithoutAssignment));
        var courseB = report.ByCourse.Single(r => r.Name == "Course B on records");
        Assert.Equal((2, 0, 0, 2, 0.0, (double?)null, 1), (courseB.Assigned, courseB.Completed, courseB.InProgress, courseB.Overdue, courseB.CompletionRate,
            courseB.MedianDaysToComplete, courseB.CompletedWithoutAssignment));

        var housing = report.ByDepartment.Single(r => r.Name == "Housing");
        Assert.Equal((5, 2, 1, 1, 40.0, 3.0), (housing.Assigned, housing.Completed, housing.InProgress, housing.Overdue, housing.CompletionRate, housing.MedianDaysToComplete));
        var waste = report.ByDepartment.Single(r => r.Name == "Waste & Recycling");
        Assert.Equal((3, 1, 0, 2, 9.0), (waste.Assigned, waste.Completed, waste.InProgress, waste.Overdue, waste.MedianDaysToComplete));

        // Most overdue first.
        Assert.Equal([10, 3, 1], report.Overdue.Items.Select(o => o.DaysOverdue));
        Assert.Equal(3, report.Overdue.TotalCount);
        Assert.All(report.Overdue.Items, o => Assert.False(string.IsNullOrEmpty(o.Person)));
        var streamed = new List<OverdueRow>();
        await foreach (var row in t.Reports.AllOverdueAsync(await database.ActorAsync(Demo.Trainer), null, Ct)) streamed.Add(row);
        Assert.Equal(report.Overdue.Items, streamed);

        var onlyB = await t.Reports.BuildAsync(await database.ActorAsync(Demo.Trainer), b, Ct);
        Assert.Equal(["Course B on records"], onlyB.ByCourse.Select(r => r.Name));
        Assert.Equal(2, onlyB.Overdue.TotalCount);
        Assert.Equal(3, (await t.Reports.BuildAsync(await database.ActorAsync(Demo.Trainer), a, Ct)).ByCourse.Single().Completed);
    }

    [Fact]
    public async Task The_overdue_list_is_paged_on_the_server_fifty_at_a_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var course = await t.PublishedCourseAsync(trainer);
        await using (var db = database.NewContext())
        {
            var people = await db.People.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(Ct);
            Assert.Equal(29, people.Count);
            var other = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse("Second course for paging"));
            var third = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse("Third course for paging"));
            var i = 0;
            foreach (var c in new[] { course, other, third })
            {
                db.Assignments.AddRange(people.Select(p => new Assignment
                {
                    CourseId = c, PersonId = p, Status = AssignmentStatus.Open, AssignedAt = Now.AddDays(-40), DueAt = Now.AddDays(-1 - i++),
                    OpenKey = Assignment.KeyFor(c, p),
                }));
            }
            await db.SaveChangesAsync(Ct);
        }
        var report = await t.Reports.BuildAsync(trainer, ct: Ct);
        Assert.Equal(87, report.Overdue.TotalCount); // 29 people × 3 courses
        Assert.Equal(TrainingReports.OverduePageSize, report.Overdue.Items.Count);
        Assert.Equal(87, report.Overdue.Items[0].DaysOverdue);
        var last = await t.Reports.OverdueAsync(trainer, null, 1, Ct);
        Assert.Equal(37, last.Items.Count);
        Assert.Equal(1, last.Items[^1].DaysOverdue);
        await Assert.ThrowsAsync<StaffVoice.Web.Security.PermissionDeniedException>(async () => await t.Reports.OverdueAsync(await database.ActorAsync(Demo.Employee), null, 0, Ct));
    }
}
