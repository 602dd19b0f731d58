using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>The comms team's settings: banned words (comms managers), quiet periods (administrators) and the calendar.</summary>
public sealed class ResponseSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private sealed record World(TestDatabase Database, ResponseServices R, FakeTimeProvider Clock, Actor Alex, Actor Jordan, Actor Admin)
        : IAsyncDisposable
    {
        public DateTime Now => Clock.GetUtcNow().UtcDateTime;
        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public async Task<List<string>> AuditDetailsAsync(string action)
        {
            await using var db = Database.NewContext();
            return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync(Ct);
        }
    }

    private static async Task<World> WorldAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        return new World(database, new ResponseServices(database, clock), clock, await database.ActorAsync(Demo.Employee),
            await database.ActorAsync(Demo.Comms), await database.ActorAsync(Demo.Admin));
    }

    [Fact]
    public async Task A_comms_manager_keeps_the_banned_words_list_once_each_lower_case_and_in_order()
    {
        await using var w = await WorldAsync();
        Assert.Empty(await w.R.Settings.ListBannedAsync(Ct));

        await w.R.Settings.AddBannedAsync(w.Jordan, "unfortunately", Ct);
        await w.R.Settings.AddBannedAsync(w.Jordan, "As per", Ct);
        await w.R.Settings.AddBannedAsync(w.Jordan, "  With Respect  ", Ct);
        await w.R.Settings.AddBannedAsync(w.Jordan, "with respect", Ct);
        await w.R.Settings.AddBannedAsync(w.Jordan, new string('b', 100), Ct);

        var list = await w.R.Settings.ListBannedAsync(Ct);
        Assert.Equal(["as per", new string('b', 100), "unfortunately", "with respect"], list.Select(b => b.Phrase));
        Assert.Equal(["unfortunately", "as per", "with respect", new string('b', 100)], await w.AuditDetailsAsync("banned-phrase-added"));

        var removed = list.Single(b => b.Phrase == "with respect").Id;
        await w.R.Settings.RemoveBannedAsync(w.Jordan, removed, Ct);
        await w.R.Settings.RemoveBannedAsync(w.Jordan, removed, Ct); // a second click on a stale list changes nothing
        Assert.DoesNotContain("with respect", (await w.R.Settings.ListBannedAsync(Ct)).Select(b => b.Phrase));
        Assert.Equal(["with respect"], await w.AuditDetailsAsync("banned-phrase-removed"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_banned_phrase_must_have_words_and_at_most_100_characters(string? phrase)
    {
        await using var w = await WorldAsync();
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => w.R.Settings.AddBannedAsync(w.Jordan, phrase!, Ct));
        Assert.Equal("Enter a word or phrase of up to 100 characters.", empty.Errors["Phrase"]);
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => w.R.Settings.AddBannedAsync(w.Jordan, new string('b', 101), Ct));
        Assert.Equal("Enter a word or phrase of up to 100 characters.", tooLong.Errors["Phrase"]);
        Assert.Empty(await w.R.Settings.ListBannedAsync(Ct));
    }

    [Fact]
    public async Task Only_comms_managers_change_the_banned_words()
    {
        await using var w = await WorldAsync();
        await w.R.Settings.AddBannedAsync(w.Jordan, "no comment", Ct);
        var id = (await w.R.Settings.ListBannedAsync(Ct))[0].Id;
        var add = await Assert.ThrowsAsync<PermissionDeniedException>(() => w.R.Settings.AddBannedAsync(w.Alex, "anything", Ct));
        Assert.Equal("Only people with the Comms manager role can maintain the banned words list.", add.Message);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => w.R.Settings.RemoveBannedAsync(w.Alex, id, Ct));
        Assert.Equal(["no comment"], (await w.R.Settings.ListBannedAsync(Ct)).Select(b => b.Phrase));
    }

    [Fact]
    public async Task A_quiet_period_needs_an_end_after_its_start_and_a_short_reason_from_an_administrator()
    {
        await using var w = await WorldAsync();
        var at = w.Now.AddDays(1);
        var same = await Assert.ThrowsAsync<ValidationFailedException>(() => w.R.Settings.DeclareQuietPeriodAsync(w.Admin, at, at, "Election", Ct));
        Assert.Equal("The end must be after the start.", same.Errors["EndsAt"]);
        Assert.False(same.Errors.ContainsKey("Reason"));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.R.Settings.DeclareQuietPeriodAsync(w.Admin, at, at.AddHours(1), " ", Ct));
        Assert.Equal("Say why, in up to 300 characters.", noReason.Errors["Reason"]);
        Assert.False(noReason.Errors.ContainsKey("EndsAt"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.R.Settings.DeclareQuietPeriodAsync(w.Admin, at, at.AddHours(1), new string('r', 301), Ct));
        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            w.R.Settings.DeclareQuietPeriodAsync(w.Jordan, at, at.AddHours(1), "Election", Ct));
        Assert.Equal("Only people with the Administrator role can declare quiet periods.", denied.Message);

        var id = await w.R.Settings.DeclareQuietPeriodAsync(w.Admin, at, at.AddHours(1), new string('r', 299) + "\u202E", Ct);
        var period = (await w.R.Settings.ListQuietPeriodsAsync(ct: Ct)).Single(q => q.Id == id);
        Assert.Equal(new string('r', 299), period.Reason);
        Assert.Equal(w.Admin.DisplayName, period.CreatedBy);
        Assert.Equal((at, at.AddHours(1)), (period.StartsAt, period.EndsAt));
    }

    [Fact]
    public async Task Quiet_periods_are_listed_when_they_overlap_the_range_asked_for()
    {
        await using var w = await WorldAsync();
        var starts = w.Now.AddDays(1);
        var ends = starts.AddHours(2);
        var id = await w.R.Settings.DeclareQuietPeriodAsync(w.Admin, starts, ends, "Budget day", Ct);

        async Task<bool> Listed(DateTime? from, DateTime? to) => (await w.R.Settings.ListQuietPeriodsAsync(from, to, Ct)).Any(q => q.Id == id);

        Assert.True(await Listed(null, null));
        Assert.True(await Listed(ends.AddSeconds(-1), null));
        Assert.False(await Listed(ends, null));
        Assert.True(await Listed(null, starts.AddSeconds(1)));
        Assert.False(await Listed(null, starts));
        Assert.True(await Listed(starts.AddMinutes(30), starts.AddMinutes(40)));
        var earlier = await w.R.Settings.DeclareQuietPeriodAsync(w.Admin, starts.AddDays(-1), starts.AddDays(-1).AddHours(1), "Earlier", Ct);
        Assert.Equal([earlier, id], (await w.R.Settings.ListQuietPeriodsAsync(ct: Ct)).Select(q => q.Id));
    }

    [Fact]
    public async Task Ending_a_quiet_period_that_has_begun_cuts_it_short_and_one_not_yet_begun_is_removed()
    {
        await using var w = await WorldAsync();
        var running = await w.R.Settings.DeclareQuietPeriodAsync(w.Admin, w.Now.AddHours(-1), w.Now.AddDays(1), "Running", Ct);
        var future = await w.R.Settings.DeclareQuietPeriodAsync(w.Admin, w.Now.AddDays(2), w.Now.AddDays(3), "Future", Ct);
        var startsNow = await w.R.Settings.DeclareQuietPeriodAsync(w.Admin, w.Now, w.Now.AddDays(1), "Starts now", Ct);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => w.R.Settings.EndQuietPeriodAsync(w.Jordan, running, Ct));

        await w.R.Settings.EndQuietPeriodAsync(w.Admin, running, Ct);
        await w.R.Settings.EndQuietPeriodAsync(w.Admin, future, Ct);
        await w.R.Settings.EndQuietPeriodAsync(w.Admin, startsNow, Ct);

        var periods = (await w.R.Settings.ListQuietPeriodsAsync(ct: Ct)).ToDictionary(q => q.Id);
        Assert.Equal(w.Now, periods[running].EndsAt);
        Assert.Equal(w.Now, periods[startsNow].EndsAt);
        Assert.False(periods.ContainsKey(future));
        Assert.Equal(3, (await w.AuditDetailsAsync("quiet-period-ended")).Count);
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => w.R.Settings.EndQuietPeriodAsync(w.Admin, future, Ct));
        Assert.Equal("That quiet period no longer exists.", gone.Message);
    }

    [Fact]
    public async Task The_calendar_shows_scheduled_posts_at_their_time_and_published_ones_when_they_went_out()
    {
        await using var w = await WorldAsync();
        var sam = await w.Database.ActorAsync(Demo.Trainer);
        var scheduled = await w.R.AwaitingApprovalAsync(w.Alex, sam, SocialChannel.X, SocialChannel.Facebook);
        await w.R.Responses.ApproveAsync(w.Jordan, scheduled, null, await w.R.VersionAsync(scheduled), Ct);
        var at = w.Now.AddDays(3);
        await w.R.Responses.ScheduleAsync(w.Jordan, scheduled, at, await w.R.VersionAsync(scheduled), Ct);
        var approvedOnly = await w.R.AwaitingApprovalAsync(w.Alex, sam);
        await w.R.Responses.ApproveAsync(w.Jordan, approvedOnly, null, await w.R.VersionAsync(approvedOnly), Ct);
        var published = await w.R.ScheduledNowAsync(w.Alex, sam, w.Jordan, SocialChannel.X);
        await w.R.Sweep.RunAsync(Ct);
        w.Clock.Advance(TimeSpan.FromHours(1));
        await w.R.Responses.MarkPostedAsync(w.Jordan, published, SocialChannel.X, "https://x.example/northbridge/status/7", Ct);

        async Task<List<int>> Ids(DateTime from, DateTime to) =>
            (await w.R.Settings.CalendarAsync(from, to, Ct)).Select(c => c.DraftId).Where(id => id == scheduled || id == published || id == approvedOnly).ToList();

        Assert.Equal([scheduled], await Ids(at, at.AddSeconds(1)));
        Assert.Empty(await Ids(at.AddDays(-1), at));
        Assert.Equal([published], await Ids(w.Now, w.Now.AddSeconds(1))); // when it was marked posted, not when it was due
        Assert.Empty(await Ids(w.Now.AddHours(-1), w.Now));
        Assert.Equal([published, scheduled], await Ids(w.Now.AddDays(-1), w.Now.AddDays(7)));
        var item = (await w.R.Settings.CalendarAsync(at, at.AddSeconds(1), Ct)).Single(c => c.DraftId == scheduled);
        Assert.Equal((at, DraftState.Scheduled), (item.At, item.State));
        Assert.Equal([SocialChannel.X, SocialChannel.Facebook], item.Channels.Order());
    }
}
