using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Features.Training.Sweeps;

namespace StaffVoice.Tests.Features.Training;

public class TrainingSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static async Task<(TestDatabase Database, FakeTimeProvider Clock, TrainingServices T, int Course, StaffVoice.Web.Security.Actor Learner, StaffVoice.Web.Security.Actor Trainer)>
        ArrangeAsync(int dueDays = 10, int? validityMonths = null)
    {
        var clock = new FakeTimeProvider(Start);
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var learner = await database.ActorAsync("george.mills@example.org");
        var course = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse(validityMonths: validityMonths));
        await t.Training.AssignAsync(trainer, new AssignInput(course, [learner.PersonId], null, null, null, dueDays, AssignmentKind.Required), Ct);
        return (database, clock, t, course, learner, trainer);
    }

    [Fact]
    public async Task Reminders_come_once_a_week_before_and_once_a_day_before_even_when_sweeps_run_twice_or_together()
    {
        var (database, clock, t, _, learner, _) = await ArrangeAsync(dueDays: 10);
        await using var _ = database;

        await t.Reminders.RunAsync(Ct);
        Assert.Equal(0, await t.NotificationsAsync(learner, "training-reminder"));
        clock.Advance(TimeSpan.FromDays(3.5));
        await Task.WhenAll(t.Reminders.RunAsync(Ct), t.Reminders.RunAsync(Ct));
        await t.Reminders.RunAsync(Ct);
        Assert.Equal(1, await t.NotificationsAsync(learner, "training-reminder"));
        clock.Advance(TimeSpan.FromDays(6));
        await Task.WhenAll(t.Reminders.RunAsync(Ct), t.Reminders.RunAsync(Ct));
        Assert.Equal(2, await t.NotificationsAsync(learner, "training-reminder"));
        clock.Advance(TimeSpan.FromDays(3));
        await t.Reminders.RunAsync(Ct);
        Assert.Equal(2, await t.NotificationsAsync(learner, "training-reminder"));
    }

    [Fact]
    public async Task No_reminder_is_sent_after_completion()
    {
        var (database, clock, t, course, learner, _) = await ArrangeAsync(dueDays: 10);
        await using var _ = database;
        await t.CompleteAsync(learner, course);
        clock.Advance(TimeSpan.FromDays(9.5));
        await t.Reminders.RunAsync(Ct);
        await t.Escalation.RunAsync(Ct);
        Assert.Equal(0, await t.NotificationsAsync(learner, "training-reminder"));
        Assert.Equal(0, await t.NotificationsAsync(learner, "training-overdue"));
    }

    [Fact]
    public async Task Overdue_training_escalates_to_learner_and_trainer_then_manager_and_department_trainers_once_each_and_stays_open()
    {
        var (database, clock, t, _, learner, trainer) = await ArrangeAsync(dueDays: 5);
        await using var _ = database;
        var manager = await database.ActorAsync("marcus.bell@example.org"); // George Mills's manager

        clock.Advance(TimeSpan.FromDays(5.5));
        await t.Escalation.RunAsync(Ct);
        Assert.Equal(0, await t.NotificationsAsync(learner, "training-overdue"));

        clock.Advance(TimeSpan.FromDays(1));
        await Task.WhenAll(t.Escalation.RunAsync(Ct), t.Escalation.RunAsync(Ct));
        Assert.Equal(1, await t.NotificationsAsync(learner, "training-overdue"));
        Assert.Equal(1, await t.NotificationsAsync(trainer, "training-overdue-summary"));
        Assert.Equal(0, await t.NotificationsAsync(manager, "training-escalated-team"));

        clock.Advance(TimeSpan.FromDays(7));
        await Task.WhenAll(t.Escalation.RunAsync(Ct), t.Escalation.RunAsync(Ct));
        await t.Escalation.RunAsync(Ct);
        Assert.Equal(1, await t.NotificationsAsync(manager, "training-escalated-team"));
        Assert.Equal(1, await t.NotificationsAsync(learner, "training-overdue"));

        var mine = await t.Training.MyTrainingAsync(learner, Ct);
        Assert.Equal(LearnerStatus.Overdue, Assert.Single(mine.Assignments).Status);
    }

    [Fact]
    public async Task Recertification_creates_one_renewal_assignment_before_expiry_and_access_continues()
    {
        var (database, clock, t, course, learner, _) = await ArrangeAsync(dueDays: 10, validityMonths: 12);
        await using var _ = database;
        await t.CompleteAsync(learner, course);

        clock.Advance(TimeSpan.FromDays(300));
        await t.Recertification.RunAsync(Ct);
        Assert.Empty((await t.Training.MyTrainingAsync(learner, Ct)).Assignments);

        clock.Advance(TimeSpan.FromDays(40)); // within 30 days of expiry
        await Task.WhenAll(t.Recertification.RunAsync(Ct), t.Recertification.RunAsync(Ct));
        await t.Recertification.RunAsync(Ct);
        var renewal = Assert.Single((await t.Training.MyTrainingAsync(learner, Ct)).Assignments);
        Assert.Equal(course, renewal.CourseId);
        Assert.NotNull(await t.Training.GetPlayerAsync(learner, course, Ct));

        await t.CompleteAsync(learner, course);
        Assert.Empty((await t.Training.MyTrainingAsync(learner, Ct)).Assignments);
    }

    [Fact]
    public async Task The_renewal_lead_time_is_set_per_course()
    {
        var (database, clock, t, course, learner, trainer) = await ArrangeAsync(dueDays: 10, validityMonths: 12);
        await using var _ = database;
        var edit = await t.Training.GetForEditAsync(trainer, course, Ct);
        await Assert.ThrowsAsync<StaffVoice.Web.Features.ValidationFailedException>(() =>
            t.Training.SaveCourseAsync(trainer, course, edit!.Input with { RecertifyLeadDays = 0 }, edit.Version, ct: Ct));
        await t.Training.SaveCourseAsync(trainer, course, edit!.Input with { RecertifyLeadDays = 90 }, edit.Version, ct: Ct);
        Assert.Equal(90, (await t.Training.GetForEditAsync(trainer, course, Ct))!.Input.RecertifyLeadDays);
        await t.CompleteAsync(learner, course);

        clock.Advance(TimeSpan.FromDays(280)); // 85 days before expiry: inside 90, outside the default 30
        await t.Recertification.RunAsync(Ct);
        Assert.Single((await t.Training.MyTrainingAsync(learner, Ct)).Assignments);
    }

    [Fact]
    public async Task The_compliance_snapshot_is_taken_once_a_day_per_department_and_course()
    {
        var (database, clock, t, course, learner, _) = await ArrangeAsync(dueDays: 2);
        await using var _ = database;
        clock.Advance(TimeSpan.FromDays(3));
        var runs = await Task.WhenAll(t.Compliance.RunAsync(Ct), t.Compliance.RunAsync(Ct));
        await t.Compliance.RunAsync(Ct);
        await using var db = database.NewContext();
        var snapshot = await db.ComplianceSnapshots.SingleAsync(s => s.CourseId == course, Ct);
        Assert.Equal((1, 0), (snapshot.Due, snapshot.CompletedOnTime));
        Assert.Equal(1, runs.Count(r => r > 0));

        var report = await t.Reports.BuildAsync(await database.ActorAsync(Demo.Trainer), course, Ct);
        Assert.Single(report.Trend);
        Assert.Equal("George Mills", Assert.Single(report.Overdue.Items).Person);
        var row = Assert.Single(report.ByCourse);
        Assert.Equal((1, 0, 1), (row.Assigned, row.Completed, row.Overdue));
    }

    [Fact]
    public async Task A_trainer_hears_once_when_an_article_their_course_links_to_is_revised()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var k = new Knowledge.KnowledgeServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var alex = await database.ActorAsync(Demo.Employee);
        var article = await k.CreateArticleAsync(alex, "Complaints procedure stages", "Stage one, then stage two.");
        var course = await t.Training.SaveCourseAsync(trainer, null, TrainingServices.TwoModuleCourse() with { ArticleIds = [article] }, null, ct: Ct);
        await t.Articles.RunAsync(Ct);
        Assert.Equal(0, await t.NotificationsAsync(trainer, "course-article-changed"));

        var edit = await k.Articles.GetForEditAsync(alex, article, Ct);
        await k.Articles.UpdateAsync(alex, article, new StaffVoice.Web.Features.Knowledge.ArticleInput(edit!.Title, "Now three stages.", edit.ServiceAreaId, []), null, edit.Version, Ct);
        await Task.WhenAll(t.Articles.RunAsync(Ct), t.Articles.RunAsync(Ct));
        await t.Articles.RunAsync(Ct);
        Assert.Equal(1, await t.NotificationsAsync(trainer, "course-article-changed"));
        Assert.Contains("Complaints procedure stages", (await t.Notifications.ListAsync(trainer, 0, 10, Ct)).First(n => n.Kind == "course-article-changed").Title);
        _ = course;
    }

    /// <summary>Stands for a crash at the worst moment: the statement that writes the notifications fails.</summary>
    private sealed class FailNotificationInserts : DbCommandInterceptor
    {
        public bool Armed { get; set; } = true;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Armed && command.CommandText.Contains("INSERT INTO Notifications", StringComparison.Ordinal)
                ? throw new InvalidOperationException("The process stopped here.")
                : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task A_reminder_run_that_stops_before_its_notifications_are_written_leaves_nothing_marked_and_the_next_run_sends_them()
    {
        var clock = new FakeTimeProvider(Start);
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var learner = await database.ActorAsync("george.mills@example.org");
        var course = await t.PublishedCourseAsync(trainer);
        await t.Training.AssignAsync(trainer, new AssignInput(course, [learner.PersonId], null, null, null, 5, AssignmentKind.Required), Ct);

        var failing = new FailNotificationInserts();
        var broken = database.FactoryWith(new AuditStampInterceptor(clock), failing);
        var sweep = new TrainingReminderSweep(new Operations(broken, new AuditTrail(broken, clock), NullLogger<Operations>.Instance),
            new NotificationService(broken, clock, new NotificationEvents()), Options.Create(new TrainingOptions()), clock, NullLogger<TrainingReminderSweep>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sweep.RunAsync(Ct));
        await using (var db = database.NewContext())
        {
            Assert.False(await db.Assignments.AnyAsync(a => a.PersonId == learner.PersonId && a.FirstReminderAt != null, Ct));
        }

        failing.Armed = false;
        Assert.Equal(1, await sweep.RunAsync(Ct));
        Assert.Equal(0, await sweep.RunAsync(Ct));
        await using (var db = database.NewContext())
        {
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == learner.PersonId && n.Kind == "training-reminder", Ct));
        }
    }

    [Fact]
    public async Task An_article_check_that_stops_before_its_notifications_are_written_leaves_the_revision_unseen_and_the_next_run_tells_the_trainer()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var k = new Knowledge.KnowledgeServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var alex = await database.ActorAsync(Demo.Employee);
        var article = await k.CreateArticleAsync(alex, "Bin collection days", "Weekly on Mondays.");
        await t.Training.SaveCourseAsync(trainer, null, TrainingServices.TwoModuleCourse() with { ArticleIds = [article] }, null, ct: Ct);
        await using (var db = database.NewContext())
        {
            await db.Articles.Where(a => a.Id == article).ExecuteUpdateAsync(x => x.SetProperty(a => a.RevisionCount, a => a.RevisionCount + 1), Ct);
        }

        var failing = new FailNotificationInserts();
        var broken = database.FactoryWith(new AuditStampInterceptor(TimeProvider.System), failing);
        var sweep = new CourseArticleSweep(new Operations(broken, new AuditTrail(broken, TimeProvider.System), NullLogger<Operations>.Instance),
            new NotificationService(broken, TimeProvider.System, new NotificationEvents()), NullLogger<CourseArticleSweep>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sweep.RunAsync(Ct));
        await using (var db = database.NewContext())
        {
            Assert.Equal(1, await db.CourseArticles.Where(ca => ca.ArticleId == article).Select(ca => ca.SeenRevision).SingleAsync(Ct));
        }

        failing.Armed = false;
        Assert.Equal(1, await sweep.RunAsync(Ct));
        Assert.Equal(1, await t.NotificationsAsync(trainer, "course-article-changed"));
    }

    [Fact]
    public async Task A_reminder_sweep_over_ten_thousand_assignments_issues_a_bounded_number_of_commands()
    {
        var clock = new FakeTimeProvider(Start);
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var trainer = await database.ActorAsync(Demo.Trainer);
        await using (var db = database.NewContext())
        {
            var people = Enumerable.Range(0, 100).Select(i => new Person { DisplayName = $"Learner {i}", Email = $"learner{i}@example.org" }).ToList();
            var courses = Enumerable.Range(0, 100).Select(i => new Course { Title = $"Course {i}", Summary = "s", OwnerId = trainer.PersonId, Status = CourseStatus.Published }).ToList();
            db.People.AddRange(people);
            db.Courses.AddRange(courses);
            await db.SaveChangesAsync(Ct);
            var now = Start.UtcDateTime;
            db.Assignments.AddRange(people.SelectMany(p => courses.Select(c => new Assignment
            {
                CourseId = c.Id, PersonId = p.Id, Kind = AssignmentKind.Required, Status = AssignmentStatus.Open, AssignedAt = now, DueAt = now.AddDays(5),
                OpenKey = Assignment.KeyFor(c.Id, p.Id),
            })));
            await db.SaveChangesAsync(Ct);
        }

        var counter = new CommandRecorder();
        var counted = counter.Factory(database, new AuditStampInterceptor(clock));
        var notifier = new NotificationService(counted, clock, new NotificationEvents());
        var operations = new Operations(counted, new AuditTrail(counted, clock), NullLogger<Operations>.Instance);
        var sweep = new TrainingReminderSweep(operations, notifier, Options.Create(new TrainingOptions()), clock, NullLogger<TrainingReminderSweep>.Instance);

        var sent = await sweep.RunAsync(Ct);

        Assert.Equal(10_000, sent);
        // Ten batches of 1,000, each a fixed dozen commands at most (claim, read, dedup keys, multi-row inserts, the outbox's
        // one lookup of preferences and addresses): bounded by the batches, never by the rows.
        Assert.True(counter.Count <= 120, $"{counter.Count} commands for 10,000 assignments: the sweep must work in batches, not per row");
        await using var check = database.NewContext();
        Assert.Equal(10_000, await check.Notifications.CountAsync(n => n.Kind == "training-reminder", Ct));
    }
}
