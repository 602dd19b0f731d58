using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>What an approver approves is what goes out: their text passes every blocking check, a changed text needs a
/// second comms manager, and scheduling and publication check the final text again.</summary>
public class ApproverChecksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Email jo.bloggs@example.com and we will sort it.", "personal-data")]
    [InlineData("Call us on 01632 960 123 and we will sort it.", "personal-data")]
    [InlineData("Your case HSG-1234567 is being handled.", "personal-data")]
    [InlineData("Sorry, that is beyond our remit.", "banned-words")]
    public async Task An_approver_cannot_approve_a_text_that_fails_a_blocking_check(string finalText, string expectedCode)
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        await r.Settings.AddBannedAsync(jordan, "beyond our remit", Ct);
        var id = await r.AwaitingApprovalAsync(alex, sam);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Responses.ApproveAsync(jordan, id, finalText, r.VersionAsync(id).Result, Ct));

        Assert.Contains(expectedCode, error.Errors.Keys);
        var draft = await r.Responses.GetAsync(jordan, id, Ct);
        Assert.Equal(DraftState.AwaitingApproval, draft!.State);
        Assert.DoesNotContain(finalText, draft.Text);
    }

    [Fact]
    public async Task A_text_changed_by_the_approver_is_published_only_after_a_second_comms_manager_approves_it()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var hannah = await database.ActorAsync("hannah.brooks@example.org");
        var id = await r.AwaitingApprovalAsync(alex, sam);
        await r.Responses.ApproveAsync(jordan, id, "Thank you. The crew will be back within two working days.", await r.VersionAsync(id), Ct);
        await r.Responses.ScheduleAsync(jordan, id, null, await r.VersionAsync(id), Ct);

        await r.Sweep.RunAsync(Ct);
        var waiting = await r.Responses.GetAsync(hannah, id, Ct);
        Assert.Equal(PostStatus.Pending, waiting!.Channels.Single().Status); // not handed to the publisher
        Assert.True(waiting.ApproverChangedText);
        Assert.True(waiting.Can.SecondApprove);
        Assert.False((await r.Responses.GetAsync(jordan, id, Ct))!.Can.SecondApprove); // not the first approver
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.SecondApproveAsync(jordan, id, r.VersionAsync(id).Result, Ct));

        await r.Responses.SecondApproveAsync(hannah, id, await r.VersionAsync(id), Ct);
        await r.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.ReadyToPost, (await r.Responses.GetAsync(hannah, id, Ct))!.Channels.Single().Status);
    }

    [Fact]
    public async Task An_unchanged_text_needs_no_second_approval()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var id = await r.ScheduledNowAsync(await database.ActorAsync(Demo.Employee), await database.ActorAsync(Demo.Trainer),
            await database.ActorAsync(Demo.Comms));
        await r.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.ReadyToPost, (await r.Responses.GetAsync(await database.ActorAsync(Demo.Comms), id, Ct))!.Channels.Single().Status);
    }

    [Fact]
    public async Task A_word_banned_after_approval_stops_scheduling_and_publication()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var approvedOnly = await r.AwaitingApprovalAsync(alex, sam);
        await r.Responses.ApproveAsync(jordan, approvedOnly, null, await r.VersionAsync(approvedOnly), Ct);
        var scheduled = await r.ScheduledNowAsync(alex, sam, jordan);

        await r.Settings.AddBannedAsync(jordan, "crew", Ct);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Responses.ScheduleAsync(jordan, approvedOnly, null, r.VersionAsync(approvedOnly).Result, Ct));
        Assert.Contains("banned-words", error.Errors.Keys);
        await r.Sweep.RunAsync(Ct);
        var post = (await r.Responses.GetAsync(jordan, scheduled, Ct))!.Channels.Single();
        Assert.Equal(PostStatus.Failed, post.Status);
        Assert.Contains("no longer passes the checks", post.LastError);
        Assert.Equal(0, r.Webhook.Calls);
    }
}
