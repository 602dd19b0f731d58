using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Training;

public class TrainingServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(2, 2, 100)]
    [InlineData(1, 2, 50)]
    [InlineData(2, 3, 66)]
    [InlineData(0, 4, 0)]
    public void Quiz_scores_are_whole_percentages_rounded_down(int correct, int total, int expected) =>
        Assert.Equal(expected, QuizScoring.ScorePercent(correct, total));

    [Fact]
    public async Task The_course_editor_gets_the_title_of_every_linked_article_including_an_archived_one()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var k = new Knowledge.KnowledgeServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var alex = await database.ActorAsync(Demo.Employee);
        var kept = await k.CreateArticleAsync(alex, "Complaints procedure stages", "Stage one, then stage two.");
        var archived = await k.CreateArticleAsync(alex, "Old complaints leaflet", "Replaced by the procedure.");
        var course = await t.Training.SaveCourseAsync(trainer, null, TrainingServices.TwoModuleCourse() with { ArticleIds = [kept, archived] }, null, ct: Ct);
        await k.Articles.ArchiveAsync(await database.ActorAsync(Demo.Admin), archived, Ct);

        var state = (await t.Training.GetForEditAsync(trainer, course, Ct))!;

        Assert.Equal([kept, archived], state.Input.ArticleIds);
        Assert.Equal(new Dictionary<int, string> { [kept] = "Complaints procedure stages", [archived] = "Old complaints leaflet" }, state.ArticleTitles);
    }

    [Fact]
    public async Task A_trainer_hands_a_course_to_another_active_trainer_who_is_told_and_named_as_its_owner()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var sam = await database.ActorAsync(Demo.Trainer);
        var fatima = await database.ActorAsync("fatima.zahra@example.org");
        var alex = await database.ActorAsync(Demo.Employee);
        var course = await t.PublishedCourseAsync(sam);
        Assert.Equal((sam.PersonId, "Sam Whitfield"), ((await t.Training.GetForEditAsync(sam, course, Ct))!.OwnerId, (await t.Training.GetForEditAsync(sam, course, Ct))!.OwnerName));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => t.Training.HandOverCourseAsync(alex, course, fatima.PersonId, Ct));
        var notTrainer = await Assert.ThrowsAsync<ValidationFailedException>(() => t.Training.HandOverCourseAsync(sam, course, alex.PersonId, Ct));
        Assert.Equal("Alex Morgan is not a trainer: choose someone who is.", notTrainer.Errors["Owner"]);
        await Assert.ThrowsAsync<ValidationFailedException>(() => t.Training.HandOverCourseAsync(sam, course, sam.PersonId, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => t.Training.HandOverCourseAsync(sam, 999_999, fatima.PersonId, Ct));

        await t.Training.HandOverCourseAsync(sam, course, fatima.PersonId, Ct);

        var state = await t.Training.GetForEditAsync(sam, course, Ct);
        Assert.Equal((fatima.PersonId, "Fatima Zahra"), (state!.OwnerId, state.OwnerName));
        await using var db = database.NewContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "Course" && a.EntityId == course && a.Action == "handed-over", Ct);
        Assert.Equal("Sam Whitfield", entry.ActorName);
        Assert.Equal("Answering complaints well → Fatima Zahra", entry.Details);
        var told = await db.Notifications.SingleAsync(n => n.Kind == "course-handed-over", Ct);
        Assert.Equal((fatima.PersonId, $"/training/admin/courses/{course}"), (told.RecipientId, told.Link));
        // Nothing else about the course changed.
        Assert.Equal(CourseStatus.Published, state.Status);
        Assert.Equal(1, state.CurrentVersion);
    }

    [Fact]
    public async Task Single_and_multiple_choice_answers_are_scored_on_the_server_and_the_answers_revealed_only_on_passing()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var learner = await database.ActorAsync("george.mills@example.org");
        var course = await t.PublishedCourseAsync(trainer);
        var quiz = (await t.Training.GetPlayerAsync(learner, course, Ct))!.Modules[1];
        await using var db = database.NewContext();
        var options = await db.QuizOptions.Where(o => quiz.Questions.Select(q => q.Id).Contains(o.QuestionId)).ToListAsync(Ct);
        var single = quiz.Questions.Single(q => !q.MultipleChoice);
        var multi = quiz.Questions.Single(q => q.MultipleChoice);
        int Option(string text) => options.Single(o => o.Text == text).Id;

        var half = await t.Training.SubmitQuizAsync(learner, quiz.Id, new Dictionary<int, IReadOnlyCollection<int>>
        {
            [single.Id] = [Option("Listen")],
            [multi.Id] = [Option("Repeat back")], // one of two correct answers is not enough
        }, Ct);
        Assert.Equal(50, half.ScorePercent);
        Assert.False(half.Passed);
        // Not passed: the wrong answer is marked, but neither the right options nor the explanation that gives them away.
        var wrong = half.Questions.Single(q => q.QuestionId == multi.Id);
        Assert.False(wrong.Correct);
        Assert.Empty(wrong.CorrectOptionIds);
        Assert.Equal("", wrong.Explanation);
        Assert.True(half.Questions.Single(q => q.QuestionId == single.Id).Correct);

        var full = await t.Training.SubmitQuizAsync(learner, quiz.Id, new Dictionary<int, IReadOnlyCollection<int>>
        {
            [single.Id] = [Option("Listen")],
            [multi.Id] = [Option("Repeat back"), Option("Summarise next steps")],
        }, Ct);
        Assert.Equal(100, full.ScorePercent);
        Assert.True(full.Passed);
        Assert.Null(full.CompletionId); // the lesson module is not done yet
        Assert.Equal("Both help.", full.Questions.Single(q => q.QuestionId == multi.Id).Explanation);
        Assert.Equal([Option("Repeat back"), Option("Summarise next steps")], full.Questions.Single(q => q.QuestionId == multi.Id).CorrectOptionIds.Order());

        // A trainer may choose to show the answers after a failed attempt.
        await db.Courses.Where(c => c.Id == course).ExecuteUpdateAsync(s => s.SetProperty(c => c.RevealAnswersBeforePass, true), Ct);
        var revealed = await t.Training.SubmitQuizAsync(learner, quiz.Id, new Dictionary<int, IReadOnlyCollection<int>> { [single.Id] = [Option("Listen")] }, Ct);
        Assert.False(revealed.Passed);
        Assert.Equal("Both help.", revealed.Questions.Single(q => q.QuestionId == multi.Id).Explanation);
    }

    [Fact]
    public async Task Completing_every_module_completes_the_assignment_and_issues_a_certificate()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var learner = await database.ActorAsync("george.mills@example.org");
        var course = await t.PublishedCourseAsync(trainer, TrainingServices.TwoModuleCourse(validityMonths: 12));
        Assert.Equal(1, await t.Training.AssignAsync(trainer, new AssignInput(course, [learner.PersonId], null, null, null, 14, AssignmentKind.Required), Ct));

        var completion = await t.CompleteAsync(learner, course);

        var mine = await t.Training.MyTrainingAsync(learner, Ct);
        Assert.DoesNotContain(mine.Assignments, a => a.CourseId == course);
        Assert.Contains(mine.Completed, a => a.CourseId == course && a.CompletionId == completion);
        var certificate = await t.Training.GetCertificateAsync(learner, completion!.Value, Ct);
        Assert.Equal(("George Mills", "Answering complaints well", 1), (certificate!.PersonName, certificate.CourseTitle, certificate.CourseVersion));
        Assert.Equal(certificate.CompletedAt.AddMonths(12), certificate.ValidUntil);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => t.Training.GetCertificateAsync(database.ActorAsync(Demo.Employee).Result, completion.Value, Ct));
    }

    [Fact]
    public async Task A_new_version_keeps_completions_unless_it_requires_re_completion_which_reopens_them_with_a_note()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var learner = await database.ActorAsync("george.mills@example.org");
        var course = await t.PublishedCourseAsync(trainer);
        await t.Training.AssignAsync(trainer, new AssignInput(course, [learner.PersonId], null, null, null, 14, AssignmentKind.Required), Ct);
        await t.CompleteAsync(learner, course);

        var edit = await t.Training.GetForEditAsync(trainer, course, Ct);
        await t.Training.SaveCourseAsync(trainer, course, edit!.Input with { Summary = "Typo fixed." }, edit.Version, ct: Ct);
        Assert.Empty((await t.Training.MyTrainingAsync(learner, Ct)).Assignments);

        edit = await t.Training.GetForEditAsync(trainer, course, Ct);
        await Assert.ThrowsAsync<ValidationFailedException>(() => t.Training.SaveCourseAsync(trainer, course, edit!.Input, edit.Version, true, null, Ct));
        await t.Training.SaveCourseAsync(trainer, course, edit!.Input, edit.Version, true, "New rules on apologies.", Ct);

        var reopened = Assert.Single((await t.Training.MyTrainingAsync(learner, Ct)).Assignments);
        Assert.Equal(course, reopened.CourseId);
        Assert.Equal(LearnerStatus.NotStarted, reopened.Status);
        var note = Assert.Single(await t.Notifications.ListAsync(learner, 0, 50, Ct), n => n.Kind == "training-recomplete");
        Assert.Equal("New rules on apologies.", note.Text);
        Assert.Equal(3, (await t.Training.GetForEditAsync(trainer, course, Ct))!.CurrentVersion);
    }

    [Fact]
    public async Task Rules_cover_existing_members_at_once_and_later_joiners_through_the_sweep_never_twice()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var course = await t.PublishedCourseAsync(trainer);
        await using var db = database.NewContext();
        var licensing = await db.Departments.Where(d => d.Name == "Licensing").Select(d => d.Id).SingleAsync(Ct);
        var members = await db.People.CountAsync(p => p.DepartmentId == licensing, Ct);

        Assert.Equal(members, await t.Training.AssignAsync(trainer, new AssignInput(course, [], licensing, null, null, 30, AssignmentKind.Required), Ct));
        Assert.Equal(0, await t.Rules.RunAsync(Ct));

        var joiner = new StaffVoice.Web.Features.People.Person { DisplayName = "New Starter", Email = "new.starter@example.org", DepartmentId = licensing };
        db.People.Add(joiner);
        await db.SaveChangesAsync(Ct);
        var runs = await Task.WhenAll(t.Rules.RunAsync(Ct), t.Rules.RunAsync(Ct));
        Assert.Equal(1, runs.Sum());
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.CourseId == course && a.PersonId == joiner.Id, Ct));
        Assert.Equal(members + 1, await db.Assignments.CountAsync(a => a.CourseId == course && a.Status == AssignmentStatus.Open, Ct));
    }

    [Fact]
    public async Task Assigning_checks_the_due_date_and_the_trainer_role()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        var trainer = await database.ActorAsync(Demo.Trainer);
        var course = await t.PublishedCourseAsync(trainer);
        var past = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            t.Training.AssignAsync(trainer, new AssignInput(course, [trainer.PersonId], null, null, DateTime.UtcNow.AddDays(-1), null, AssignmentKind.Required), Ct));
        Assert.Equal("The due date must be after today.", past.Errors["Due"]);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            t.Training.AssignAsync(trainer, new AssignInput(course, [trainer.PersonId], null, null, DateTime.UtcNow.AddDays(5), 5, AssignmentKind.Required), Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(async () =>
            await t.Training.AssignAsync(await database.ActorAsync(Demo.Employee), new AssignInput(course, [trainer.PersonId], null, null, null, 5, AssignmentKind.Required), Ct));
    }

    [Fact]
    public async Task The_social_media_gate_refuses_people_without_a_current_policy_completion()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var t = new TrainingServices(database);
        await StaffVoice.Web.Data.DemoData.SeedTrainingAsync(TestHost.Services(database), Ct);

        await t.Gate.EnsureMaySpeakPubliclyAsync(await database.ActorAsync(Demo.Employee), Ct);
        var refused = await Assert.ThrowsAsync<TrainingRequiredException>(async () =>
            await t.Gate.EnsureMaySpeakPubliclyAsync(await database.ActorAsync("george.mills@example.org"), Ct));
        Assert.Contains(StaffVoice.Web.Data.DemoData.PolicyCourseTitle, refused.Message);
    }
}
