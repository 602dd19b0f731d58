using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Training;

public class CourseRosterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_trainer_sees_the_roster_extends_cancels_and_reminds_with_reasons_and_the_learners_are_told()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var george = await database.ActorAsync("george.mills@example.org");
        var alex = await database.ActorAsync(Demo.Employee);
        var course = await t.PublishedCourseAsync(trainer);
        await t.Training.AssignAsync(trainer, new AssignInput(course, [george.PersonId, alex.PersonId], null, null, null, 5, AssignmentKind.Required), Ct);
        await t.CompleteAsync(alex, course);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => t.Training.RosterAsync(alex, course, RosterFilter.All, null, 0, 20, Ct));
        var roster = await t.Training.RosterAsync(trainer, course, RosterFilter.All, null, 0, 20, Ct);
        Assert.Equal(2, roster.TotalCount);
        var georgeRow = roster.Items.Single(r => r.PersonId == george.PersonId);
        Assert.Equal((RosterStatus.NotStarted, 0, 2), (georgeRow.Status, georgeRow.ModulesDone, georgeRow.Modules));
        var alexRow = roster.Items.Single(r => r.PersonId == alex.PersonId);
        Assert.Equal((RosterStatus.Completed, 2), (alexRow.Status, alexRow.ModulesDone));
        Assert.Equal(georgeRow, roster.Items[0]); // still to do first
        Assert.Equal([george.PersonId], (await t.Training.RosterAsync(trainer, course, RosterFilter.Open, null, 0, 20, Ct)).Items.Select(r => r.PersonId));
        Assert.Equal([alex.PersonId], (await t.Training.RosterAsync(trainer, course, RosterFilter.All, "Alex", 0, 20, Ct)).Items.Select(r => r.PersonId));
        // Search ignores case, as the directory's does.
        Assert.Equal([george.PersonId], (await t.Training.RosterAsync(trainer, course, RosterFilter.All, "MILLS", 0, 20, Ct)).Items.Select(r => r.PersonId));

        // Overdue, then a reminder now (once a day), then more time.
        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(RosterStatus.Overdue, (await t.Training.RosterAsync(trainer, course, RosterFilter.Overdue, null, 0, 20, Ct)).Items.Single().Status);
        Assert.Equal(1, await t.Training.RemindNowAsync(trainer, course, null, Ct));
        Assert.Equal(0, await t.Training.RemindNowAsync(trainer, course, georgeRow.AssignmentId, Ct));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            t.Training.ExtendAssignmentAsync(trainer, georgeRow.AssignmentId, new DateTime(2026, 3, 20), "", Ct));
        var tooEarly = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            t.Training.ExtendAssignmentAsync(trainer, georgeRow.AssignmentId, new DateTime(2026, 3, 1), "Back from leave", Ct));
        Assert.True(tooEarly.Errors.ContainsKey("DueDate"));
        await t.Training.ExtendAssignmentAsync(trainer, georgeRow.AssignmentId, new DateTime(2026, 3, 20), "Back from leave on the 16th", Ct);

        var extended = (await t.Training.MyTrainingAsync(george, Ct)).Assignments.Single();
        Assert.Equal(new DateTime(2026, 3, 20, 17, 0, 0, DateTimeKind.Utc), extended.DueAt); // 17:00 GMT
        Assert.NotEqual(LearnerStatus.Overdue, extended.Status);
        var told = (await t.Notifications.ListAsync(george, 0, 50, Ct)).Select(n => n.Kind).ToList();
        Assert.Contains("training-extended", told);
        Assert.Contains("training-reminder", told);

        // Cancel: gone from the learner's list, on the roster as cancelled, and assignable again.
        await t.Training.CancelAssignmentAsync(trainer, georgeRow.AssignmentId, "Moved to another team", Ct);
        Assert.Empty((await t.Training.MyTrainingAsync(george, Ct)).Assignments);
        Assert.Equal(RosterStatus.Cancelled, (await t.Training.RosterAsync(trainer, course, RosterFilter.All, "George", 0, 20, Ct)).Items.Single().Status);
        await Assert.ThrowsAsync<InvalidStateException>(() => t.Training.CancelAssignmentAsync(trainer, georgeRow.AssignmentId, "Again", Ct));
        Assert.Equal(1, await t.Training.AssignAsync(trainer, new AssignInput(course, [george.PersonId], null, null, null, 5, AssignmentKind.Required), Ct));

        await using var db = database.NewContext();
        var record = await db.AuditEntries.Where(a => a.EntityType == "Course" && a.EntityId == course).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("assignment-extended", record);
        Assert.Contains("assignment-cancelled", record);
        Assert.Contains("reminders-sent", record);
    }

    [Fact]
    public async Task The_roster_downloads_as_CSV_with_the_same_filter_and_organisation_dates()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)); // 00:30 BST: already 2 July locally
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var george = await database.ActorAsync("george.mills@example.org");
        var alex = await database.ActorAsync(Demo.Employee);
        var course = await t.PublishedCourseAsync(trainer);
        await t.Training.AssignAsync(trainer, new AssignInput(course, [george.PersonId, alex.PersonId], null, null, new DateTime(2026, 7, 10), null, AssignmentKind.Required), Ct);
        await t.CompleteAsync(alex, course);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => t.Training.RosterCsvAsync(alex, course, RosterFilter.All, null, Ct));
        var all = await t.Training.RosterCsvAsync(trainer, course, RosterFilter.All, null, Ct);
        Assert.Equal(2, all.Count);
        var georgeRow = all.Single(r => r[0] == "George Mills");
        Assert.Equal(TrainingService.RosterColumns.Count, georgeRow.Length);
        Assert.Equal(new string?[] { "George Mills", "Waste & Recycling", "Required", "NotStarted", "0", "2", "2026-07-02", "2026-07-10", null, null }, georgeRow);
        Assert.Equal("Completed", all.Single(r => r[0] == "Alex Morgan")[3]);
        Assert.Equal(["Alex Morgan"], (await t.Training.RosterCsvAsync(trainer, course, RosterFilter.Completed, null, Ct)).Select(r => r[0]));
        Assert.Equal(["George Mills"], (await t.Training.RosterCsvAsync(trainer, course, RosterFilter.All, "mills", Ct)).Select(r => r[0]));
    }

    [Fact]
    public async Task Archiving_hides_a_course_from_learners_cancels_open_assignments_keeps_completions_and_can_be_undone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var george = await database.ActorAsync("george.mills@example.org");
        var alex = await database.ActorAsync(Demo.Employee);
        var course = await t.PublishedCourseAsync(trainer);
        await t.Training.AssignAsync(trainer, new AssignInput(course, [george.PersonId, alex.PersonId], null, null, null, 5, AssignmentKind.Required), Ct);
        await t.CompleteAsync(alex, course);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => t.Training.ArchiveCourseAsync(alex, course, "Out of date", Ct));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => t.Training.ArchiveCourseAsync(trainer, course, " ", Ct));
        Assert.True(noReason.Errors.ContainsKey("Reason"));
        Assert.Equal(1, await t.Training.ArchiveCourseAsync(trainer, course, "Replaced by the 2026 course", Ct));

        // George's open assignment is cancelled and he is told; the course is gone from recommendations and the player.
        var georges = await t.Training.MyTrainingAsync(george, Ct);
        Assert.Empty(georges.Assignments);
        Assert.DoesNotContain(georges.Recommended, c => c.Id == course);
        Assert.Null(await t.Training.GetPlayerAsync(george, course, Ct));
        Assert.Contains("training-cancelled", (await t.Notifications.ListAsync(george, 0, 50, Ct)).Select(n => n.Kind));
        // Alex keeps the completion and its certificate.
        var alexDone = Assert.Single((await t.Training.MyTrainingAsync(alex, Ct)).Completed, c => c.CourseId == course);
        Assert.NotNull(await t.Training.GetCertificateAsync(alex, alexDone.CompletionId!.Value, Ct));
        // Nothing more can be assigned, edited or archived again; the roster still shows who was assigned.
        await Assert.ThrowsAsync<InvalidStateException>(() =>
            t.Training.AssignAsync(trainer, new AssignInput(course, [george.PersonId], null, null, null, 5, AssignmentKind.Required), Ct));
        await Assert.ThrowsAsync<InvalidStateException>(() => t.Training.ArchiveCourseAsync(trainer, course, "Again", Ct));
        var edit = (await t.Training.GetForEditAsync(trainer, course, Ct))!;
        await Assert.ThrowsAsync<InvalidStateException>(() => t.Training.SaveCourseAsync(trainer, course, edit.Input, edit.Version, ct: Ct));
        Assert.Equal(2, (await t.Training.RosterAsync(trainer, course, RosterFilter.All, null, 0, 20, Ct)).TotalCount);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => t.Training.RestoreCourseAsync(alex, course, Ct));
        await t.Training.RestoreCourseAsync(trainer, course, Ct);
        Assert.Contains((await t.Training.MyTrainingAsync(george, Ct)).Recommended, c => c.Id == course);
        await Assert.ThrowsAsync<InvalidStateException>(() => t.Training.RestoreCourseAsync(trainer, course, Ct));

        await using var db = database.NewContext();
        var record = await db.AuditEntries.Where(a => a.EntityType == "Course" && a.EntityId == course).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["assignment-cancelled", "archived", "restored"], record.SkipWhile(a => a != "assignment-cancelled"));
    }

    [Fact]
    public async Task The_policy_course_cannot_be_archived_while_it_is_the_policy()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var policy = await t.PublishedCourseAsync(trainer);
        await using (var db = database.NewContext())
        {
            await db.Courses.Where(c => c.Id == policy).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsSocialMediaPolicy, true), Ct);
        }
        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => t.Training.ArchiveCourseAsync(trainer, policy, "Old", Ct));
        Assert.Contains("mark another course as the policy", refused.Message);
    }
}

public class SelfStudyTests
{
    [Fact]
    public async Task A_course_completed_without_an_assignment_is_completed_with_its_certificate_not_recommended_and_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var learner = await database.ActorAsync("george.mills@example.org");
        var course = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse("Self-study on complaints"));
        Assert.Contains((await t.Training.MyTrainingAsync(learner, ct)).Recommended, c => c.Id == course);

        var completion = await t.CompleteAsync(learner, course);

        var mine = await t.Training.MyTrainingAsync(learner, ct);
        var done = Assert.Single(mine.Completed, c => c.CourseId == course);
        Assert.Equal(completion, done.CompletionId);
        Assert.DoesNotContain(mine.Recommended, c => c.Id == course);
        Assert.DoesNotContain(mine.Assignments, a => a.CourseId == course);
        var row = (await t.Reports.BuildAsync(trainer, course, ct)).ByCourse.Single();
        Assert.Equal(("Self-study on complaints", 0, 1), (row.Name, row.Assigned, row.CompletedWithoutAssignment));
        // A later assignment of the same version is already satisfied.
        Assert.Equal(0, await t.Training.AssignAsync(trainer, new AssignInput(course, [learner.PersonId], null, null, null, 5, AssignmentKind.Required), ct));
    }
}

public class RecommendedCoursesTests
{
    [Fact]
    public async Task My_training_lists_the_first_ten_recommended_courses_by_title_counts_them_all_and_shows_all_when_asked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var learner = await database.ActorAsync("george.mills@example.org");
        var before = (await t.Training.MyTrainingAsync(learner, ct)).RecommendedTotal;
        for (var i = 0; i < 12; i++) await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse($"AAA course {i:00}"));

        var mine = await t.Training.MyTrainingAsync(learner, ct);
        Assert.Equal(before + 12, mine.RecommendedTotal);
        Assert.Equal(Enumerable.Range(0, TrainingService.RecommendedShown).Select(i => $"AAA course {i:00}"), mine.Recommended.Select(c => c.Title));

        var all = await t.Training.MyTrainingAsync(learner, allRecommended: true, ct);
        Assert.Equal(before + 12, all.Recommended.Count);
        Assert.Equal(all.Recommended.Select(c => c.Title).Order(StringComparer.Ordinal), all.Recommended.Select(c => c.Title));
    }
}
