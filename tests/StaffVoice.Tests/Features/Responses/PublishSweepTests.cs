using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>
/// The publish sweep's edges on a fake clock: when a post is due, when a quiet period holds it, when a lease left by
/// another run may be taken over, how many attempts it gets, and the checks re-run on the text as it stands.
/// </summary>
public sealed class PublishSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private sealed record Setup(TestDatabase Database, FakeTimeProvider Clock, ResponseServices R) : IAsyncDisposable
    {
        public DateTime Now => Clock.GetUtcNow().UtcDateTime;

        public async Task<int> ApprovedAsync()
        {
            var alex = await Database.ActorAsync(Demo.Employee);
            var sam = await Database.ActorAsync(Demo.Trainer);
            var id = await R.AwaitingApprovalAsync(alex, sam, SocialChannel.X);
            await R.Responses.ApproveAsync(await Database.ActorAsync(Demo.Comms), id, null, await R.VersionAsync(id), Ct);
            return id;
        }

        public async Task ScheduleAsync(int id, DateTime? at) =>
            await R.Responses.ScheduleAsync(await Database.ActorAsync(Demo.Comms), id, at, await R.VersionAsync(id), Ct);

        public async Task<DraftChannelPost> PostAsync(int id)
        {
            await using var db = Database.NewContext();
            return await db.DraftChannelPosts.AsNoTracking().SingleAsync(p => p.DraftId == id, Ct);
        }

        public async Task LeaveClaimAsync(int id, DateTime claimedAt, int attempts)
        {
            await using var db = Database.NewContext();
            await db.DraftChannelPosts.Where(p => p.DraftId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Claimed)
                .SetProperty(p => p.ClaimedAt, claimedAt).SetProperty(p => p.Attempts, attempts).SetProperty(p => p.ClaimToken, Guid.NewGuid()), Ct);
        }

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private static async Task<Setup> SetUpAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        return new Setup(database, clock, new ResponseServices(database, clock));
    }

    [Fact]
    public async Task A_post_goes_out_at_its_time_and_not_a_second_before()
    {
        await using var s = await SetUpAsync();
        var id = await s.ApprovedAsync();
        await s.ScheduleAsync(id, s.Now.AddMinutes(10));

        s.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await s.R.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.Pending, (await s.PostAsync(id)).Status);

        s.Clock.Advance(TimeSpan.FromSeconds(1));
        await s.R.Sweep.RunAsync(Ct);
        var post = await s.PostAsync(id);
        Assert.Equal(PostStatus.ReadyToPost, post.Status);
        Assert.Equal(1, post.Attempts);
        Assert.Null(post.PublishedAt); // a manual post has not gone out until a person says so
        Assert.Equal("X via Manual", (await s.R.Audit.ForAsync("Draft", id, Ct)).Single(a => a.Action == "ready-to-post").Details);
    }

    [Fact]
    public async Task A_quiet_period_holds_posts_from_its_first_moment_until_its_last()
    {
        await using var s = await SetUpAsync();
        var admin = await s.Database.ActorAsync(Demo.Admin);
        await s.R.Settings.DeclareQuietPeriodAsync(admin, s.Now.AddMinutes(5), s.Now.AddMinutes(65), "Election", Ct);
        var id = await s.ApprovedAsync();
        await s.ScheduleAsync(id, s.Now.AddMinutes(5));

        s.Clock.Advance(TimeSpan.FromMinutes(5)); // due now, and the quiet period starts now
        await s.R.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.Pending, (await s.PostAsync(id)).Status);

        s.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        await s.R.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.Pending, (await s.PostAsync(id)).Status);

        s.Clock.Advance(TimeSpan.FromSeconds(1)); // the period has ended
        await s.R.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.ReadyToPost, (await s.PostAsync(id)).Status);
    }

    [Fact]
    public async Task A_claim_is_taken_over_only_once_its_lease_has_run_out_and_the_last_allowed_attempt_is_still_made()
    {
        await using var s = await SetUpAsync();
        var id = await s.ApprovedAsync();
        await s.ScheduleAsync(id, null);
        var lease = s.R.Options.Value.PublishLease;
        var maxAttempts = s.R.Options.Value.MaxPublishAttempts;
        // Another run claimed it for the second-to-last time exactly one lease ago: the claim still holds.
        await s.LeaveClaimAsync(id, s.Now - lease, maxAttempts - 1);

        Assert.Equal(0, await s.R.Sweep.RunAsync(Ct));
        var held = await s.PostAsync(id);
        Assert.Equal(PostStatus.Claimed, held.Status);
        Assert.Equal(maxAttempts - 1, held.Attempts);

        s.Clock.Advance(TimeSpan.FromSeconds(1));
        await s.R.Sweep.RunAsync(Ct);
        var taken = await s.PostAsync(id);
        Assert.Equal(PostStatus.ReadyToPost, taken.Status);
        Assert.Equal(maxAttempts, taken.Attempts);
        Assert.Null(taken.LastError);
        Assert.Equal("X via Manual", (await s.R.Audit.ForAsync("Draft", id, Ct)).Single(a => a.Action == "ready-to-post").Details);
    }

    [Fact]
    public async Task A_text_that_no_longer_fits_its_channel_fails_with_the_reason_and_nothing_goes_out()
    {
        await using var s = await SetUpAsync();
        var id = await s.ApprovedAsync();
        await s.ScheduleAsync(id, null);
        // Changed under the app (a restore, a hand edit): the sweep checks the text it is about to send.
        await using (var db = s.Database.NewContext())
        {
            await db.Drafts.Where(d => d.Id == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Text, new string('a', 281)), Ct);
        }

        Assert.Equal(0, await s.R.Sweep.RunAsync(Ct));

        var post = await s.PostAsync(id);
        Assert.Equal(PostStatus.Failed, post.Status);
        Assert.Equal("Not published: the text no longer passes the checks. Too long for X.", post.LastError);
        var audit = (await s.R.Audit.ForAsync("Draft", id, Ct)).Single(a => a.Action == "publish-failed");
        Assert.Equal("X via Manual: Not published: the text no longer passes the checks. Too long for X.", audit.Details);

        // Every reason is given, one sentence after another.
        var other = await s.ApprovedAsync();
        await s.ScheduleAsync(other, null);
        await using (var db = s.Database.NewContext())
        {
            await db.Drafts.Where(d => d.Id == other).ExecuteUpdateAsync(u => u.SetProperty(d => d.Text, "Call us on 01632 960 001 about it. " + new string('a', 260)), Ct);
        }
        await s.R.Sweep.RunAsync(Ct);
        Assert.Matches(@"^Not published: the text no longer passes the checks\. \S.*\. Too long for X\.$", (await s.PostAsync(other)).LastError);
    }

    [Fact]
    public async Task A_due_post_of_a_draft_that_is_no_longer_scheduled_is_left_alone()
    {
        await using var s = await SetUpAsync();
        var id = await s.ApprovedAsync();
        // Only a Scheduled draft goes out: an approved one with a time and pending rows (left by an old version, a restore
        // or a hand edit) is not published.
        await using (var db = s.Database.NewContext())
        {
            await db.Drafts.Where(d => d.Id == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.ScheduledFor, s.Now.AddMinutes(-1)), Ct);
        }
        Assert.Equal(PostStatus.Pending, (await s.PostAsync(id)).Status);

        Assert.Equal(0, await s.R.Sweep.RunAsync(Ct));
        var post = await s.PostAsync(id);
        Assert.Equal(PostStatus.Pending, post.Status);
        Assert.Equal(0, post.Attempts);
    }

    [Fact]
    public async Task Every_due_post_of_a_run_goes_out_in_that_run_each_claimed_on_its_own()
    {
        await using var s = await SetUpAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var id = await s.R.ScheduledNowAsync(alex, await s.Database.ActorAsync(Demo.Trainer), await s.Database.ActorAsync(Demo.Comms),
            SocialChannel.X, SocialChannel.Facebook);
        var other = await s.ApprovedAsync();
        await s.ScheduleAsync(other, null);

        await s.R.Sweep.RunAsync(Ct);
        await using var db = s.Database.NewContext();
        var posts = await db.DraftChannelPosts.AsNoTracking().Where(p => p.DraftId == id || p.DraftId == other)
            .Select(p => new { p.DraftId, p.Channel, p.Status, p.Attempts }).ToListAsync(Ct);
        Assert.Equal([(id, SocialChannel.X), (id, SocialChannel.Facebook), (other, SocialChannel.X)],
            posts.Select(p => (p.DraftId, p.Channel)).OrderBy(p => p.DraftId).ThenBy(p => p.Channel));
        Assert.All(posts, p => Assert.Equal((PostStatus.ReadyToPost, 1), (p.Status, p.Attempts)));
    }

    [Fact]
    public async Task Personal_data_kept_for_a_recorded_reason_still_goes_out()
    {
        await using var s = await SetUpAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var id = await s.R.DraftAsync(alex, "Call the contact centre on 01632 960 001 and we will sort it.");
        await s.R.Responses.SubmitForReviewAsync(alex, id, [(await s.Database.ActorAsync(Demo.Trainer)).PersonId], false,
            "The contact centre's public number.", await s.R.VersionAsync(id), Ct);
        await s.R.Responses.EndorseAsync(await s.Database.ActorAsync(Demo.Trainer), id, await s.R.VersionAsync(id), Ct);
        await s.R.Responses.ApproveAsync(await s.Database.ActorAsync(Demo.Comms), id, null, await s.R.VersionAsync(id), Ct);
        await s.ScheduleAsync(id, null);

        await s.R.Sweep.RunAsync(Ct);
        var post = await s.PostAsync(id);
        Assert.Equal((PostStatus.ReadyToPost, (string?)null), (post.Status, post.LastError));
    }
}
