using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Features.Training.Sweeps;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Training;

/// <summary>The training services and sweeps on one test database, as the app wires them.</summary>
public sealed class TrainingServices
{
    public TrainingServices(TestDatabase database, TimeProvider? time = null, TrainingOptions? options = null)
    {
        Database = database;
        Time = time ?? TimeProvider.System;
        var o = Options.Create(options ?? new TrainingOptions());
        Notifications = new NotificationService(database.Factory, Time, new NotificationEvents());
        var operations = TestHost.Operations(database, Time);
        Training = new TrainingService(database.Factory, operations, new SafeMarkdown(), Time, Notifications, TestHost.Calendar(database, Time));
        Reports = new TrainingReports(database.Factory, Time);
        Rules = new TrainingRuleSweep(database.Factory, operations, Training, Time, NullLogger<TrainingRuleSweep>.Instance);
        Reminders = new TrainingReminderSweep(operations, Notifications, o, Time, NullLogger<TrainingReminderSweep>.Instance);
        Escalation = new TrainingEscalationSweep(operations, Notifications, o, Time, NullLogger<TrainingEscalationSweep>.Instance);
        Recertification = new RecertificationSweep(operations, Training, o, Time, NullLogger<RecertificationSweep>.Instance);
        Compliance = new ComplianceSnapshotSweep(database.Factory, Time, NullLogger<ComplianceSnapshotSweep>.Instance);
        Articles = new CourseArticleSweep(operations, Notifications, NullLogger<CourseArticleSweep>.Instance);
        Gate = new TrainingDraftGate(Training);
    }

    public TestDatabase Database { get; }
    public TimeProvider Time { get; }
    public NotificationService Notifications { get; }
    public TrainingService Training { get; }
    public TrainingReports Reports { get; }
    public TrainingRuleSweep Rules { get; }
    public TrainingReminderSweep Reminders { get; }
    public TrainingEscalationSweep Escalation { get; }
    public RecertificationSweep Recertification { get; }
    public ComplianceSnapshotSweep Compliance { get; }
    public CourseArticleSweep Articles { get; }
    public TrainingDraftGate Gate { get; }

    public static CourseInput TwoModuleCourse(string title = "Answering complaints well", int? validityMonths = null) => new(title,
        "How to answer a complaint so the resident feels heard.", 15, validityMonths, false,
        [
            new ModuleInput(null, "Listen first", "Let the resident finish. Repeat back what you heard.", null, []),
            new ModuleInput(null, "Check what you learned", "Two questions.", 100,
            [
                new QuizQuestionInput("What do you do first?", "Listening comes first.", [new("Listen", true), new("Explain the policy", false)]),
                new QuizQuestionInput("Which help?", "Both help.", [new("Repeat back", true), new("Summarise next steps", true), new("Interrupt", false)]),
            ]),
        ], []);

    public async Task<int> PublishedCourseAsync(Actor trainer, CourseInput? input = null)
    {
        var id = await Training.SaveCourseAsync(trainer, null, input ?? TwoModuleCourse(), null);
        await Training.PublishCourseAsync(trainer, id);
        return id;
    }

    /// <summary>Completes every module as <paramref name="learner"/>, answering all quizzes correctly.</summary>
    public async Task<int?> CompleteAsync(Actor learner, int courseId)
    {
        var player = await Training.GetPlayerAsync(learner, courseId);
        int? completion = null;
        await using var db = Database.NewContext();
        foreach (var module in player!.Modules)
        {
            if (module.Questions.Count == 0) { completion = await Training.CompleteLessonAsync(learner, module.Id); continue; }
            var answers = await db.QuizQuestions.Where(q => q.ModuleId == module.Id)
                .ToDictionaryAsync(q => q.Id, q => (IReadOnlyCollection<int>)db.QuizOptions.Where(o => o.QuestionId == q.Id && o.IsCorrect).Select(o => o.Id).ToList());
            completion = (await Training.SubmitQuizAsync(learner, module.Id, answers)).CompletionId;
        }
        return completion;
    }

    public async Task<int> NotificationsAsync(Actor who, string kind) =>
        (await Notifications.ListAsync(who, 0, 100)).Count(n => n.Kind == kind);
}
