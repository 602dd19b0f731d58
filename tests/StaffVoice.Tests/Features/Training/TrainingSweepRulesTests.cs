using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Features.Training.Sweeps;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Training;

/// <summary>
/// The sweeps' rules at their edges, on rows placed at exact times: who is reminded or escalated and who is not, what
/// each notification says and links to, and what each run reports. (Written where mutation testing showed gaps.)
/// </summary>
public class TrainingSweepRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static DateTime Now => Start.UtcDateTime;

    private sealed class World : IAsyncDisposable
    {
        public required TestDatabase Database { get; init; }
        public required FakeTimeProvider Clock { get; init; }
        public required TrainingServices T { get; init; }
        public required Actor Trainer { get; init; }
        public required int Course { get; init; }
        public required string CourseTitle { get; init; }

        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public async Task<int> PersonAsync(string name, int? departmentId, bool trainer = false, bool active = true, int? managerId = null)
        {
            await using var db = Database.NewContext();
            var person = new Person { DisplayName = name, Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.org", DepartmentId = departmentId, IsActive = active, ManagerId = managerId };
            db.People.Add(person);
            await db.SaveChangesAsync(Ct);
            db.PersonRoles.Add(new PersonRole { PersonId = person.Id, Role = Roles.Employee });
            if (trainer) db.PersonRoles.Add(new PersonRole { PersonId = person.Id, Role = Roles.Trainer });
            await db.SaveChangesAsync(Ct);
            return person.Id;
        }

        public async Task<int> DepartmentAsync(string name)
        {
            await using var db = Database.NewContext();
            var department = new Department { Name = name };
            db.Departments.Add(department);
            await db.SaveChangesAsync(Ct);
            return department.Id;
        }

        public async Task<int> AssignAsync(int personId, DateTime dueAt, AssignmentStatus status = AssignmentStatus.Open,
            AssignmentKind kind = AssignmentKind.Required, DateTime? completedAt = null, DateTime? overdueNotifiedAt = null, int? course = null)
        {
            await using var db = Database.NewContext();
            var courseId = course ?? Course;
            var assignment = new Assignment
            {
                CourseId = courseId, PersonId = personId, Kind = kind, Status = status, AssignedAt = Now.AddDays(-30), DueAt = dueAt,
                CompletedAt = completedAt, OverdueNotifiedAt = overdueNotifiedAt,
                OpenKey = status == AssignmentStatus.Open ? Assignment.KeyFor(courseId, personId) : null,
            };
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync(Ct);
            return assignment.Id;
        }

        public async Task<int> CompletionAsync(int personId, DateTime? validUntil, DateTime? renewalCreatedAt = null)
        {
            await using var db = Database.NewContext();
            var completion = new Completion
            {
                PersonId = personId, CourseId = Course, CourseVersion = 1, CompletedAt = Now.AddDays(-300), ValidUntil = validUntil,
                RenewalCreatedAt = renewalCreatedAt,
            };
            db.Completions.Add(completion);
            await db.SaveChangesAsync(Ct);
            return completion.Id;
        }

        public async Task<List<(string Kind, string Title, string Link, string? Key)>> NotesAsync(int personId)
        {
            await using var db = Database.NewContext();
            return (await db.Notifications.Where(n => n.RecipientId == personId).OrderBy(n => n.Id)
                .Select(n => new { n.Kind, n.Title, n.Link, n.DedupKey }).ToListAsync(Ct))
                .Select(n => (n.Kind, n.Title, n.Link, n.DedupKey)).ToList();
        }
    }

    private static async Task<World> WorldAsync(TrainingOptions? options = null)
    {
        var clock = new FakeTimeProvider(Start);
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        var t = new TrainingServices(database, clock, options);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var course = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse("Handling personal data"));
        return new World { Database = database, Clock = clock, T = t, Trainer = trainer, Course = course, CourseTitle = "Handling personal data" };
    }

    [Fact]
    public async Task Reminders_go_to_open_assignments_due_after_now_and_up_to_the_horizon_with_their_title_link_and_key()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Reminder test");
        var onHorizon = await w.PersonAsync("Edge Seven", dept);
        var dueNow = await w.PersonAsync("Due Now", dept);
        var overdue = await w.PersonAsync("Already Late", dept);
        var done = await w.PersonAsync("Done Early", dept);
        var later = await w.PersonAsync("Much Later", dept);
        var edge = await w.AssignAsync(onHorizon, Now.AddDays(7));
        await w.AssignAsync(dueNow, Now);
        await w.AssignAsync(overdue, Now.AddDays(-1));
        await w.AssignAsync(done, Now.AddDays(3), AssignmentStatus.Completed, completedAt: Now.AddDays(-1));
        await w.AssignAsync(later, Now.AddDays(7).AddMinutes(1));

        Assert.Equal(1, await w.T.Reminders.RunAsync(Ct));

        var note = Assert.Single(await w.NotesAsync(onHorizon));
        Assert.Equal(("training-reminder", $"Reminder: “{w.CourseTitle}” is due 9 Mar 2026", $"/training/courses/{w.Course}", $"training-reminder:{edge}:first"), note);
        foreach (var person in new[] { dueNow, overdue, done, later }) Assert.Empty(await w.NotesAsync(person));

        // The day before: the last reminder, counted with the first in what the run reports.
        w.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(2, await w.T.Reminders.RunAsync(Ct)); // Edge Seven's last, Much Later's first
        Assert.Equal($"training-reminder:{edge}:last", (await w.NotesAsync(onHorizon))[^1].Key);
    }

    [Fact]
    public async Task Every_batch_is_worked_through_in_one_run()
    {
        await using var w = await WorldAsync(new TrainingOptions { SweepBatchSize = 1 });
        var dept = await w.DepartmentAsync("Batches");
        var people = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var person = await w.PersonAsync($"Batch Person {i}", dept);
            people.Add(person);
            await w.AssignAsync(person, Now.AddDays(2));
        }
        Assert.Equal(3, await w.T.Reminders.RunAsync(Ct));

        w.Clock.Advance(TimeSpan.FromDays(3)); // a day overdue
        // Each learner (3), and the trainer's one summary for the day, rewritten by each of the three batches.
        Assert.Equal(6, await w.T.Escalation.RunAsync(Ct));
        var summary = Assert.Single(await w.NotesAsync(w.Trainer.PersonId), n => n.Kind == "training-overdue-summary");
        Assert.Equal("3 people became overdue today on 1 course you own", summary.Title);
        foreach (var person in people) Assert.Contains(await w.NotesAsync(person), n => n.Kind == "training-overdue");
    }

    [Fact]
    public async Task Overdue_notices_say_what_and_link_to_the_course_and_the_report_from_exactly_one_day_late()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Overdue test");
        var late = await w.PersonAsync("Just Late", dept);
        var notYet = await w.PersonAsync("Not Yet", dept);
        var id = await w.AssignAsync(late, Now.AddDays(-1));
        await w.AssignAsync(notYet, Now.AddDays(-1).AddMinutes(1));

        Assert.Equal(2, await w.T.Escalation.RunAsync(Ct));

        Assert.Equal(("training-overdue", $"“{w.CourseTitle}” is overdue (it was due 1 Mar 2026)", $"/training/courses/{w.Course}", $"training-overdue:{id}"),
            Assert.Single(await w.NotesAsync(late)));
        Assert.Empty(await w.NotesAsync(notYet));
        var toTrainer = (await w.NotesAsync(w.Trainer.PersonId)).Single(n => n.Kind == "training-overdue-summary");
        Assert.Equal(("1 person became overdue today on 1 course you own", "/training/admin/reports", "training-overdue-summary:2026-03-02"),
            (toTrainer.Title, toTrainer.Link, toTrainer.Key));
    }

    [Fact]
    public async Task A_run_at_midnight_counts_the_people_it_has_just_told_in_the_owner_s_summary()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Midnight test");
        var late = await w.PersonAsync("Late At Midnight", dept);
        await w.AssignAsync(late, Now.AddDays(-1));
        w.Clock.Advance(TimeSpan.FromHours(16)); // 00:00:00 on 3 March: the learner is told at the very start of the day

        Assert.Equal(2, await w.T.Escalation.RunAsync(Ct));

        await using var db = w.Database.NewContext();
        var summary = await db.Notifications.SingleAsync(n => n.RecipientId == w.Trainer.PersonId && n.Kind == "training-overdue-summary", Ct);
        Assert.Equal(("1 person became overdue today on 1 course you own", "Each of them has been told. The report lists who.",
            "training-overdue-summary:2026-03-03"), (summary.Title, summary.Text, summary.DedupKey));
    }

    [Fact]
    public async Task Escalation_reaches_the_manager_and_the_departments_active_trainers_only_after_the_set_days()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Escalation test");
        var elsewhere = await w.DepartmentAsync("Somewhere else");
        var manager = await w.PersonAsync("Mona Manager", dept);
        var learner = await w.PersonAsync("Larry Learner", dept, managerId: manager);
        var deptTrainer = await w.PersonAsync("Tara Trainer", dept, trainer: true);
        var leftTrainer = await w.PersonAsync("Lena Left", dept, trainer: true, active: false);
        var otherTrainer = await w.PersonAsync("Otto Other", elsewhere, trainer: true);
        var colleague = await w.PersonAsync("Cole Colleague", dept);
        // Told it was overdue a week ago; due 1 + 7 days ago (the default: 7 days after the first notice).
        var id = await w.AssignAsync(learner, Now.AddDays(-8), overdueNotifiedAt: Now.AddDays(-7));
        var notYet = await w.PersonAsync("Nearly Escalated", dept, managerId: manager);
        await w.AssignAsync(notYet, Now.AddDays(-8).AddMinutes(1), overdueNotifiedAt: Now.AddDays(-7));

        var sent = await w.T.Escalation.RunAsync(Ct);

        Assert.Equal(2, sent); // the manager and the department's active trainer, for Larry only
        var toManager = Assert.Single(await w.NotesAsync(manager));
        Assert.Equal(("training-escalated-team", "1 person in your team is at least 8 days overdue on 1 course", "/training", "training-escalated-team:2026-03-02"), toManager);
        var toTrainer = Assert.Single(await w.NotesAsync(deptTrainer));
        Assert.Equal(("training-escalated-department", "1 person in Escalation test is at least 8 days overdue on 1 course", "/training/admin/reports",
            $"training-escalated-department:{dept}:2026-03-02"), toTrainer);
        await using (var db = w.Database.NewContext())
        {
            Assert.Equal("Larry Learner.", await db.Notifications.Where(n => n.RecipientId == manager).Select(n => n.Text).SingleAsync(Ct));
            Assert.Equal("Their managers have been told too.", await db.Notifications.Where(n => n.RecipientId == deptTrainer).Select(n => n.Text).SingleAsync(Ct));
            Assert.NotNull(await db.Assignments.Where(a => a.Id == id).Select(a => a.ManagerEscalatedAt).SingleAsync(Ct));
        }
        foreach (var person in new[] { leftTrainer, otherTrainer, colleague, learner }) Assert.Empty(await w.NotesAsync(person));
    }

    [Fact]
    public async Task A_run_at_midnight_counts_the_people_it_has_just_escalated_in_the_manager_s_and_trainer_s_summaries()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Midnight escalation");
        var manager = await w.PersonAsync("Mia Manager", dept);
        var learner = await w.PersonAsync("Leo Learner", dept, managerId: manager);
        var deptTrainer = await w.PersonAsync("Tess Trainer", dept, trainer: true);
        await w.AssignAsync(learner, Now.AddDays(-8), overdueNotifiedAt: Now.AddDays(-7));
        w.Clock.Advance(TimeSpan.FromHours(16)); // 00:00:00 on 3 March: escalated at the very start of the day

        Assert.Equal(2, await w.T.Escalation.RunAsync(Ct));

        Assert.Equal("1 person in your team is at least 8 days overdue on 1 course", Assert.Single(await w.NotesAsync(manager)).Title);
        Assert.Equal("1 person in Midnight escalation is at least 8 days overdue on 1 course", Assert.Single(await w.NotesAsync(deptTrainer)).Title);
    }

    [Fact]
    public async Task Hundreds_overdue_make_one_summary_per_trainer_and_manager_a_day_however_many_batches_or_concurrent_runs()
    {
        await using var w = await WorldAsync(new TrainingOptions { SweepBatchSize = 7 });
        var dept = await w.DepartmentAsync("Scale test");
        var manager = await w.PersonAsync("Big Boss", dept);
        var deptTrainer = await w.PersonAsync("Dept Trainer", dept, trainer: true);
        var second = await w.T.PublishedCourseAsync(w.Trainer, TrainingServices.TwoModuleCourse("Second course"));
        var learners = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var person = await w.PersonAsync($"Learner {i:00}", dept, managerId: manager);
            learners.Add(person);
            await w.AssignAsync(person, Now.AddDays(-1), course: i % 2 == 0 ? w.Course : second);
        }

        var runs = await Task.WhenAll(w.T.Escalation.RunAsync(Ct), w.T.Escalation.RunAsync(Ct));
        await w.T.Escalation.RunAsync(Ct);
        foreach (var learner in learners) Assert.Single(await w.NotesAsync(learner));
        var summary = Assert.Single(await w.NotesAsync(w.Trainer.PersonId));
        Assert.Equal("30 people became overdue today on 2 courses you own", summary.Title);
        Assert.Empty(await w.NotesAsync(manager));

        // A week later the managers' step: one summary each for the manager and the department's trainer.
        w.Clock.Advance(TimeSpan.FromDays(8));
        await Task.WhenAll(w.T.Escalation.RunAsync(Ct), w.T.Escalation.RunAsync(Ct));
        var toManager = Assert.Single(await w.NotesAsync(manager));
        Assert.Equal("30 people in your team are at least 8 days overdue on 2 courses", toManager.Title);
        await using var db = w.Database.NewContext();
        Assert.Equal("Learner 00, Learner 01, Learner 02, Learner 03, Learner 04 and 25 more.",
            await db.Notifications.Where(n => n.RecipientId == manager).Select(n => n.Text).SingleAsync(Ct));
        Assert.Equal("30 people in Scale test are at least 8 days overdue on 2 courses", Assert.Single(await w.NotesAsync(deptTrainer)).Title);
        Assert.Equal(30 + 1 + 2, await db.Notifications.CountAsync(n => learners.Contains(n.RecipientId) || n.RecipientId == manager
            || n.RecipientId == deptTrainer || n.RecipientId == w.Trainer.PersonId, Ct));
        Assert.True(runs.Sum() >= 31);
    }

    [Fact]
    public async Task A_manager_s_summary_names_up_to_five_people_in_full()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Five names");
        var manager = await w.PersonAsync("Max Manager", dept);
        foreach (var name in new[] { "Ann Ash", "Ben Birch", "Cat Cedar", "Dan Dogwood", "Eve Elm" })
        {
            await w.AssignAsync(await w.PersonAsync(name, dept, managerId: manager), Now.AddDays(-8), overdueNotifiedAt: Now.AddDays(-7));
        }

        await w.T.Escalation.RunAsync(Ct);

        Assert.Equal("5 people in your team are at least 8 days overdue on 1 course", Assert.Single(await w.NotesAsync(manager)).Title);
        await using var db = w.Database.NewContext();
        Assert.Equal("Ann Ash, Ben Birch, Cat Cedar, Dan Dogwood, Eve Elm.",
            await db.Notifications.Where(n => n.RecipientId == manager).Select(n => n.Text).SingleAsync(Ct));
    }

    [Fact]
    public async Task Another_team_s_escalation_later_in_the_day_leaves_a_summary_already_read_as_it_was()
    {
        await using var w = await WorldAsync();
        var benefits = await w.DepartmentAsync("Benefits desk");
        var arts = await w.DepartmentAsync("Arts desk");
        var benefitsManager = await w.PersonAsync("Bea Manager", benefits);
        var benefitsTrainer = await w.PersonAsync("Bo Trainer", benefits, trainer: true);
        var artsManager = await w.PersonAsync("Al Manager", arts);
        var artsTrainer = await w.PersonAsync("Ada Trainer", arts, trainer: true);
        await w.AssignAsync(await w.PersonAsync("Bill Late", benefits, managerId: benefitsManager), Now.AddDays(-8), overdueNotifiedAt: Now.AddDays(-7));
        var soonDone = await w.AssignAsync(await w.PersonAsync("Bella Late", benefits, managerId: benefitsManager), Now.AddDays(-8), overdueNotifiedAt: Now.AddDays(-7));
        // Arts' learner reaches the manager step five hours later the same day.
        await w.AssignAsync(await w.PersonAsync("Art Late", arts, managerId: artsManager), Now.AddDays(-8).AddHours(5), overdueNotifiedAt: Now.AddDays(-7));
        Assert.Equal(2, await w.T.Escalation.RunAsync(Ct));
        await using (var db = w.Database.NewContext())
        {
            // Both Benefits summaries are read, and one of the two people has since done the course.
            await db.Notifications.Where(n => n.RecipientId == benefitsManager || n.RecipientId == benefitsTrainer)
                .ExecuteUpdateAsync(x => x.SetProperty(n => n.ReadAt, Now.AddHours(1)), Ct);
            await db.Assignments.Where(a => a.Id == soonDone)
                .ExecuteUpdateAsync(x => x.SetProperty(a => a.Status, AssignmentStatus.Completed).SetProperty(a => a.OpenKey, (string?)null)
                    .SetProperty(a => a.CompletedAt, Now.AddHours(2)), Ct);
        }
        w.Clock.Advance(TimeSpan.FromHours(5));

        Assert.Equal(2, await w.T.Escalation.RunAsync(Ct)); // Arts' manager and trainer only

        Assert.Equal("1 person in your team is at least 8 days overdue on 1 course", Assert.Single(await w.NotesAsync(artsManager)).Title);
        Assert.Equal("1 person in Arts desk is at least 8 days overdue on 1 course", Assert.Single(await w.NotesAsync(artsTrainer)).Title);
        await using var check = w.Database.NewContext();
        var untouched = await check.Notifications.Where(n => n.RecipientId == benefitsManager || n.RecipientId == benefitsTrainer)
            .OrderBy(n => n.RecipientId).Select(n => new { n.Title, n.ReadAt }).ToListAsync(Ct);
        Assert.Equal(["2 people in your team are at least 8 days overdue on 1 course", "2 people in Benefits desk are at least 8 days overdue on 1 course"],
            untouched.Select(n => n.Title));
        Assert.All(untouched, n => Assert.NotNull(n.ReadAt));
    }

    [Fact]
    public async Task Renewals_start_exactly_at_the_lead_time_once_per_completion_in_batches_and_the_run_reports_them()
    {
        await using var w = await WorldAsync(new TrainingOptions { SweepBatchSize = 2 });
        var dept = await w.DepartmentAsync("Renewals");
        var lead = 30; // the course's default lead time
        // The lowest id: expired and already renewed, so it is not taken again and does not stop the batch behind it.
        var renewedBefore = await w.PersonAsync("Already Renewed", dept);
        await w.CompletionAsync(renewedBefore, Now.AddDays(-1), renewalCreatedAt: Now.AddDays(-31));
        var due = new List<int>();
        foreach (var name in new[] { "Due One", "Due Two", "Due Three" })
        {
            var person = await w.PersonAsync(name, dept);
            due.Add(person);
            await w.CompletionAsync(person, Now.AddDays(lead)); // the lead time begins exactly now
        }
        var notYet = await w.PersonAsync("Not Yet", dept);
        var notYetCompletion = await w.CompletionAsync(notYet, Now.AddDays(lead).AddMinutes(1));
        var forever = await w.PersonAsync("Never Expires", dept);
        await w.CompletionAsync(forever, null);

        Assert.Equal(3, await w.T.Recertification.RunAsync(Ct));
        Assert.Equal(0, await w.T.Recertification.RunAsync(Ct));

        await using var db = w.Database.NewContext();
        var renewals = await db.Assignments.Where(a => a.CourseId == w.Course).OrderBy(a => a.PersonId)
            .Select(a => new { a.PersonId, a.DueAt, a.Kind, a.Status }).ToListAsync(Ct);
        Assert.Equal(due, renewals.Select(r => r.PersonId));
        Assert.All(renewals, r => Assert.Equal((Now.AddDays(lead), AssignmentKind.Required, AssignmentStatus.Open), (r.DueAt, r.Kind, r.Status)));
        Assert.Null(await db.Completions.Where(c => c.Id == notYetCompletion).Select(c => c.RenewalCreatedAt).SingleAsync(Ct));
        Assert.Equal(3, await db.Completions.CountAsync(c => due.Contains(c.PersonId) && c.RenewalCreatedAt == Now, Ct));
    }

    [Fact]
    public async Task A_recertification_run_that_finds_part_of_its_batch_taken_by_another_leaves_the_batch_and_makes_nothing_twice()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Race");
        var first = await w.PersonAsync("First Person", dept);
        var second = await w.PersonAsync("Second Person", dept);
        var taken = await w.CompletionAsync(first, Now.AddDays(10));
        await w.CompletionAsync(second, Now.AddDays(10));
        // Another run marks one completion of this batch just before this run's own mark.
        var racing = w.Database.FactoryWith(new AuditStampInterceptor(w.Clock),
            new SavedInBetween("Completions", $"UPDATE Completions SET RenewalCreatedAt = '2026-03-02 07:59:00' WHERE Id = {taken}"));
        var sweep = new RecertificationSweep(new Operations(racing, new AuditTrail(racing, w.Clock), NullLogger<Operations>.Instance), w.T.Training,
            Options.Create(new TrainingOptions()), w.Clock, NullLogger<RecertificationSweep>.Instance);

        Assert.Equal(0, await sweep.RunAsync(Ct));
        await using (var db = w.Database.NewContext())
        {
            Assert.False(await db.Assignments.AnyAsync(a => a.CourseId == w.Course, Ct));
            Assert.False(await db.Completions.AnyAsync(c => c.RenewalCreatedAt != null, Ct)); // the whole batch rolled back
        }

        Assert.Equal(2, await sweep.RunAsync(Ct));
        await using var check = w.Database.NewContext();
        Assert.Equal([first, second], await check.Assignments.Where(a => a.CourseId == w.Course).OrderBy(a => a.PersonId).Select(a => a.PersonId).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_rule_for_a_course_that_is_not_published_assigns_nothing_and_the_run_reports_what_it_made()
    {
        await using var w = await WorldAsync();
        var draftCourse = await w.T.Training.SaveCourseAsync(w.Trainer, null, TrainingServices.TwoModuleCourse("Not yet published"), null, ct: Ct);
        var dept = await w.DepartmentAsync("Rules test");
        var member = await w.PersonAsync("Rita Rules", dept);
        await w.T.Training.AssignAsync(w.Trainer, new AssignInput(w.Course, [], dept, null, null, 14, AssignmentKind.Required), Ct);
        await using (var db = w.Database.NewContext())
        {
            db.AssignmentRules.Add(new AssignmentRule
            {
                CourseId = draftCourse, Target = RuleTarget.Department, DepartmentId = dept, Kind = AssignmentKind.Required, DueDays = 14,
                CreatedById = w.Trainer.PersonId, CreatedAt = Now,
            });
            await db.SaveChangesAsync(Ct);
        }
        var joiner = await w.PersonAsync("Jo Joiner", dept);

        Assert.Equal(1, await w.T.Rules.RunAsync(Ct)); // the joiner, for the published course only
        Assert.Equal(0, await w.T.Rules.RunAsync(Ct));
        await using var check = w.Database.NewContext();
        Assert.Equal([w.Course], await check.Assignments.Where(a => a.PersonId == joiner).Select(a => a.CourseId).ToListAsync(Ct));
        Assert.False(await check.Assignments.AnyAsync(a => a.CourseId == draftCourse, Ct));
        Assert.True(await check.Assignments.AnyAsync(a => a.PersonId == member && a.CourseId == w.Course, Ct));
    }

    [Fact]
    public async Task The_compliance_snapshot_counts_required_training_due_so_far_and_what_was_done_on_time_and_is_taken_each_day()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Compliance test");
        var onTime = await w.PersonAsync("On Time", dept);
        var atTheDeadline = await w.PersonAsync("At The Deadline", dept);
        var late = await w.PersonAsync("Done Late", dept);
        var notDone = await w.PersonAsync("Not Done", dept);
        var notDueYet = await w.PersonAsync("Not Due Yet", dept);
        var dueNow = await w.PersonAsync("Due Right Now", dept);
        var optional = await w.PersonAsync("Optional Only", dept);
        await w.AssignAsync(onTime, Now.AddDays(-5), AssignmentStatus.Completed, completedAt: Now.AddDays(-6));
        await w.AssignAsync(atTheDeadline, Now.AddDays(-5), AssignmentStatus.Completed, completedAt: Now.AddDays(-5));
        await w.AssignAsync(late, Now.AddDays(-5), AssignmentStatus.Completed, completedAt: Now.AddDays(-4));
        await w.AssignAsync(notDone, Now.AddDays(-5));
        await w.AssignAsync(notDueYet, Now.AddDays(5));
        await w.AssignAsync(dueNow, Now);
        await w.AssignAsync(optional, Now.AddDays(-5), kind: AssignmentKind.Recommended);

        Assert.True(await w.T.Compliance.RunAsync(Ct) > 0);
        Assert.Equal(0, await w.T.Compliance.RunAsync(Ct));
        await using (var db = w.Database.NewContext())
        {
            var row = await db.ComplianceSnapshots.SingleAsync(s => s.DepartmentId == dept, Ct);
            Assert.Equal((5, 2), (row.Due, row.CompletedOnTime)); // on time, at the deadline; late, not done and due now are not
            Assert.Equal(DateOnly.FromDateTime(Now), row.Date);
        }

        w.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await w.T.Compliance.RunAsync(Ct) > 0);
        await using var next = w.Database.NewContext();
        Assert.Equal(2, await next.ComplianceSnapshots.CountAsync(s => s.DepartmentId == dept, Ct));
    }

    /// <summary>Stands for another copy of the snapshot job that saves today's figures between this copy's check and its save.</summary>
    private sealed class OtherCopySavesFirst(TestDatabase database, ComplianceSnapshot theirs) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            await using var other = database.NewContext();
            other.ComplianceSnapshots.Add(theirs);
            await other.SaveChangesAsync(cancellationToken);
            return result;
        }
    }

    [Fact]
    public async Task A_compliance_snapshot_saved_first_by_another_copy_is_kept_and_this_copy_reports_nothing_written()
    {
        await using var w = await WorldAsync();
        var dept = await w.DepartmentAsync("Snapshot race");
        await w.AssignAsync(await w.PersonAsync("Due Person", dept), Now.AddDays(-1));
        var theirs = new ComplianceSnapshot { Date = DateOnly.FromDateTime(Now), DepartmentId = dept, CourseId = w.Course, Due = 1, CompletedOnTime = 0 };
        var racing = w.Database.FactoryWith(new AuditStampInterceptor(w.Clock), new OtherCopySavesFirst(w.Database, theirs));
        var sweep = new ComplianceSnapshotSweep(racing, w.Clock, NullLogger<ComplianceSnapshotSweep>.Instance);

        Assert.Equal(0, await sweep.RunAsync(Ct));

        await using var db = w.Database.NewContext();
        Assert.Equal([theirs.Id], await db.ComplianceSnapshots.Where(s => s.DepartmentId == dept).Select(s => s.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Every_link_to_a_revised_article_is_told_once_in_one_run_whether_it_shares_the_course_or_the_article()
    {
        await using var w = await WorldAsync();
        var k = new Knowledge.KnowledgeServices(w.Database, w.Clock);
        var alex = await w.Database.ActorAsync(Demo.Employee);
        var first = await k.CreateArticleAsync(alex, "Council tax discounts", "Single person discount: 25%.");
        var second = await k.CreateArticleAsync(alex, "Council tax appeals", "Appeal within two months.");
        var edit = await w.T.Training.GetForEditAsync(w.Trainer, w.Course, Ct);
        await w.T.Training.SaveCourseAsync(w.Trainer, w.Course, edit!.Input with { ArticleIds = [first, second] }, edit.Version, ct: Ct);
        var untouched = await k.CreateArticleAsync(alex, "Council tax bands", "Bands A to H.");
        var other = await w.T.PublishedCourseAsync(w.Trainer, TrainingServices.TwoModuleCourse("Council tax basics") with { ArticleIds = [first, untouched] });
        Assert.Equal(0, await w.T.Articles.RunAsync(Ct));
        await using (var db = w.Database.NewContext())
        {
            await db.Articles.Where(a => a.Id == first || a.Id == second).ExecuteUpdateAsync(x => x.SetProperty(a => a.RevisionCount, a => a.RevisionCount + 1), Ct);
        }

        Assert.Equal(3, await w.T.Articles.RunAsync(Ct));
        Assert.Equal(0, await w.T.Articles.RunAsync(Ct));

        var keys = (await w.NotesAsync(w.Trainer.PersonId)).Where(n => n.Kind == "course-article-changed").Select(n => n.Key).Order().ToList();
        Assert.Equal(new[] { $"course-article-changed:{w.Course}:{first}:2", $"course-article-changed:{w.Course}:{second}:2", $"course-article-changed:{other}:{first}:2" }.Order(), keys);

        // The article nobody revised kept its place: its first revision is told too.
        await using (var db = w.Database.NewContext())
        {
            await db.Articles.Where(a => a.Id == untouched).ExecuteUpdateAsync(x => x.SetProperty(a => a.RevisionCount, a => a.RevisionCount + 1), Ct);
        }
        Assert.Equal(1, await w.T.Articles.RunAsync(Ct));
        Assert.Contains(await w.NotesAsync(w.Trainer.PersonId), n => n.Key == $"course-article-changed:{other}:{untouched}:2");
    }

    [Fact]
    public async Task A_thousand_links_to_unchanged_articles_never_crowd_out_a_revised_one()
    {
        await using var w = await WorldAsync();
        var k = new Knowledge.KnowledgeServices(w.Database, w.Clock);
        var alex = await w.Database.ActorAsync(Demo.Employee);
        var unchanged = await k.CreateArticleAsync(alex, "Opening hours", "Nine to five.");
        var revised = await k.CreateArticleAsync(alex, "Parking permits", "Apply online.");
        await using (var db = w.Database.NewContext())
        {
            var seen = await db.Articles.Where(a => a.Id == unchanged).Select(a => a.RevisionCount).SingleAsync(Ct);
            var courses = Enumerable.Range(0, 1_000).Select(i => new Course { Title = $"Course {i}", Summary = "s", OwnerId = w.Trainer.PersonId, Status = CourseStatus.Published }).ToList();
            db.Courses.AddRange(courses);
            await db.SaveChangesAsync(Ct);
            db.CourseArticles.AddRange(courses.Select(c => new CourseArticle { CourseId = c.Id, ArticleId = unchanged, SeenRevision = seen }));
            db.CourseArticles.Add(new CourseArticle { CourseId = courses[^1].Id, ArticleId = revised, SeenRevision = 0 });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, await w.T.Articles.RunAsync(Ct));
        Assert.Equal("course-article-changed", Assert.Single(await w.NotesAsync(w.Trainer.PersonId), n => n.Key!.Contains($":{revised}:", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public async Task A_revised_article_tells_the_trainer_with_a_link_to_the_course_once_per_revision()
    {
        await using var w = await WorldAsync();
        var k = new Knowledge.KnowledgeServices(w.Database, w.Clock);
        var alex = await w.Database.ActorAsync(Demo.Employee);
        var article = await k.CreateArticleAsync(alex, "Subject access requests", "Within one month.");
        var edit = await w.T.Training.GetForEditAsync(w.Trainer, w.Course, Ct);
        await w.T.Training.SaveCourseAsync(w.Trainer, w.Course, edit!.Input with { ArticleIds = [article] }, edit.Version, ct: Ct);
        Assert.Equal(0, await w.T.Articles.RunAsync(Ct));

        var current = await k.Articles.GetForEditAsync(alex, article, Ct);
        await k.Articles.UpdateAsync(alex, article, new StaffVoice.Web.Features.Knowledge.ArticleInput(current!.Title, "Within one calendar month.", current.ServiceAreaId, []), null, current!.Version, Ct);

        Assert.Equal(1, await w.T.Articles.RunAsync(Ct));
        Assert.Equal(0, await w.T.Articles.RunAsync(Ct));
        var note = (await w.NotesAsync(w.Trainer.PersonId)).Single(n => n.Kind == "course-article-changed");
        Assert.Equal(($"“Subject access requests” changed: check your course “{w.CourseTitle}”", $"/training/admin/courses/{w.Course}",
            $"course-article-changed:{w.Course}:{article}:2"), (note.Title, note.Link, note.Key));
    }
}
