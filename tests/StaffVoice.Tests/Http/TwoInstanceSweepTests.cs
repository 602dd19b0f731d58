using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training.Sweeps;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Http;

/// <summary>
/// Two instances over one database run every recurring sweep at the same moment, as their schedulers would: each
/// effect (a notification, an assignment, a publication) happens once, and running everything again adds nothing.
/// </summary>
public class TwoInstanceSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_sweep_run_on_two_instances_at_once_has_each_effect_once()
    {
        await using var a = new StaffVoiceAppFactory();
        a.CreateAnonymousClient().Dispose(); // start A: migrate and seed
        await using var b = new SecondInstance(a.DatabasePath);
        b.CreateAnonymousClient().Dispose();

        // Something due on every sweep: a post to publish now (the demo data already has overdue training, stale
        // articles and replies waiting for approval).
        var directory = a.Services.GetRequiredService<PeopleDirectory>();
        async Task<Actor> As(string email)
        {
            var p = (await directory.FindByEmailAsync(email, Ct))!;
            return new Actor(p.PersonId, p.DisplayName, p.Roles.ToHashSet());
        }
        var responses = a.Services.GetRequiredService<ResponseService>();
        var (alex, sam, jordan) = (await As(Demo.Employee), await As(Demo.Trainer), await As(Demo.Comms));
        var draft = await responses.CreateAsync(alex, new DraftInput("Thanks for telling us; the crew will call today.",
            [SocialChannel.X, SocialChannel.Facebook], null, []), null, Ct);
        async Task<Guid> V() => (await responses.GetAsync(jordan, draft, Ct))!.Version;
        await responses.SubmitForReviewAsync(alex, draft, [sam.PersonId], false, null, await V(), Ct);
        await responses.EndorseAsync(sam, draft, await V(), Ct);
        await responses.ApproveAsync(jordan, draft, null, await V(), Ct);
        await responses.ScheduleAsync(jordan, draft, null, await V(), Ct);

        var before = await CountsAsync(a);
        await Task.WhenAll(RunAllAsync(a), RunAllAsync(b));
        var once = await CountsAsync(a);
        await Task.WhenAll(RunAllAsync(a), RunAllAsync(b));
        var twice = await CountsAsync(a);

        Assert.True(once.Notifications > before.Notifications, "the sweeps had nothing to do: the test proves nothing");
        Assert.Equal(once, twice);
        Assert.Equal(0, once.DuplicateNotifications);
        Assert.Equal(0, once.DuplicateOpenAssignments);
        // Each channel of the post was handed to the publisher exactly once.
        Assert.Equal(2, once.ReadyToPost - before.ReadyToPost);
    }

    private static async Task RunAllAsync(StaffVoiceAppFactory instance)
    {
        var services = instance.Services;
        // The order a scheduler would reach them in; each instance runs its own copy concurrently with the other's.
        await services.GetRequiredService<TrainingRuleSweep>().RunAsync(Ct);
        await services.GetRequiredService<TrainingReminderSweep>().RunAsync(Ct);
        await services.GetRequiredService<TrainingEscalationSweep>().RunAsync(Ct);
        await services.GetRequiredService<RecertificationSweep>().RunAsync(Ct);
        await services.GetRequiredService<PublishSweep>().RunAsync(Ct);
        await services.GetRequiredService<ApprovalEscalationSweep>().RunAsync(Ct);
        await services.GetRequiredService<StaleContentSweep>().RunAsync(Ct);
    }

    private sealed record Counts(int Notifications, int DuplicateNotifications, int OpenAssignments, int DuplicateOpenAssignments, int ReadyToPost);

    private static async Task<Counts> CountsAsync(StaffVoiceAppFactory instance)
    {
        await using var db = await instance.Services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>().CreateDbContextAsync(Ct);
        var notifications = await db.Notifications.CountAsync(Ct);
        var duplicates = await db.Notifications.Where(n => n.DedupKey != null)
            .GroupBy(n => new { n.RecipientId, n.DedupKey }).CountAsync(g => g.Count() > 1, Ct);
        var open = await db.Assignments.Where(a => a.Status == StaffVoice.Web.Features.Training.AssignmentStatus.Open).CountAsync(Ct);
        var openDuplicates = await db.Assignments.Where(a => a.Status == StaffVoice.Web.Features.Training.AssignmentStatus.Open)
            .GroupBy(a => new { a.CourseId, a.PersonId }).CountAsync(g => g.Count() > 1, Ct);
        var ready = await db.AuditEntries.CountAsync(e => e.Action == "ready-to-post", Ct);
        return new Counts(notifications, duplicates, open, openDuplicates, ready);
    }

    private sealed class SecondInstance(string database) : StaffVoiceAppFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:StaffVoice", $"Data Source={database}");
            builder.UseSetting("DataProtection:KeysPath", database + "-keys");
        }
    }
}
