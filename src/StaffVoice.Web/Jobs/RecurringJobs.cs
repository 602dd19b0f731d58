using StaffVoice.Web.Features.Engagement;
using Hangfire;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training.Sweeps;

namespace StaffVoice.Web.Jobs;

/// <summary>
/// Every recurring job: its kebab-case id, its default cron (UTC) and how to schedule it. Operators override a schedule
/// with <c>Jobs:Schedules:&lt;id&gt;</c> (a cron expression, or <c>disabled</c>). Every job is an idempotent sweep over
/// database state: safe to run twice, concurrently, or not at all for a while.
/// </summary>
public static class RecurringJobs
{
    public sealed record Definition(string Id, string DefaultCron, string Description, Action<IRecurringJobManager, string, string> Schedule);

    public static readonly IReadOnlyList<Definition> All =
    [
        new("directory-sync", "0 * * * *", "Reads changed people from Microsoft Graph (department, job title, manager, leavers); off without DirectorySync:Enabled",
            (manager, id, cron) => manager.AddOrUpdate<DirectorySync>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("stale-content-review", "0 6 * * *", "Gives owners of articles past their review date one review task per period",
            (manager, id, cron) => manager.AddOrUpdate<StaleContentSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("publish-due-posts", "* * * * *", "Publishes approved posts whose time has come, once per draft and channel",
            (manager, id, cron) => manager.AddOrUpdate<PublishSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("escalate-waiting-approvals", "*/5 * * * *", "Tells comms managers, then administrators, about drafts waiting too long for approval",
            (manager, id, cron) => manager.AddOrUpdate<ApprovalEscalationSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("escalate-conversations", "*/5 * * * *", "Tells assignees when a citizen's conversation nears its response target, and comms managers when it passes it",
            (manager, id, cron) => manager.AddOrUpdate<ConversationEscalationSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("mail-outbox", "* * * * *", "Sends the e-mails waiting in the outbox, each once, retrying failures with growing waits",
            (manager, id, cron) => manager.AddOrUpdate<MailOutboxSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("mail-digest", "5 * * * *", "After 07:00 organisation time, one daily digest per person with something new in their digest categories",
            (manager, id, cron) => manager.AddOrUpdate<MailDigestSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("training-assignment-rules", "*/15 * * * *", "Assigns courses to people a department or role rule does not yet cover",
            (manager, id, cron) => manager.AddOrUpdate<TrainingRuleSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("training-reminders", "0 7 * * *", "Reminds learners before due dates, never after completion",
            (manager, id, cron) => manager.AddOrUpdate<TrainingReminderSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("training-escalation", "15 7 * * *", "Tells learners, trainers and then managers about overdue training",
            (manager, id, cron) => manager.AddOrUpdate<TrainingEscalationSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("training-recertification", "30 6 * * *", "Creates renewal assignments before completions expire",
            (manager, id, cron) => manager.AddOrUpdate<RecertificationSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("training-compliance-snapshot", "0 2 * * *", "Records per department and course the share of required training done on time",
            (manager, id, cron) => manager.AddOrUpdate<ComplianceSnapshotSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
        new("training-article-check", "0 * * * *", "Tells trainers when an article their course links to is revised",
            (manager, id, cron) => manager.AddOrUpdate<CourseArticleSweep>(id, job => job.RunAsync(CancellationToken.None), cron)),
    ];

    public static string CronFor(Definition job, IConfiguration configuration) =>
        configuration[$"Jobs:Schedules:{job.Id}"] is { Length: > 0 } cron ? cron : job.DefaultCron;

    public static void ScheduleAll(IRecurringJobManager manager, IConfiguration configuration)
    {
        foreach (var job in All)
        {
            var cron = CronFor(job, configuration);
            if (string.Equals(cron, "disabled", StringComparison.OrdinalIgnoreCase))
            {
                manager.RemoveIfExists(job.Id);
                continue;
            }
            job.Schedule(manager, job.Id, cron);
        }
    }
}
