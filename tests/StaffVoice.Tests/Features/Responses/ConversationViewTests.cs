using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>One conversation's page: who logged it, its drafts in order and how long each step took in working hours.</summary>
public sealed class ConversationViewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_conversation_shows_its_drafts_in_order_and_the_working_hours_to_first_draft_approval_and_publication()
    {
        // Monday 30 November 2026, 09:00 UK time (GMT): working hours 09:00–17:00.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        int bins;
        await using (var db = database.NewContext()) bins = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
        var id = await r.Conversations.LogAsync(alex, new ConversationInput(SocialChannel.X, "@resident", "https://x.example/resident/status/1",
            "The bins on Mill Lane were missed again", clock.GetUtcNow().UtcDateTime, bins, ConversationPriority.Normal), Ct);

        var fresh = (await r.Conversations.GetAsync(id, Ct))!;
        Assert.Equal(new ResponseTimes(null, null, null), fresh.Times);
        Assert.Empty(fresh.Drafts);

        clock.Advance(TimeSpan.FromHours(1));
        var draft = await r.Responses.CreateAsync(alex, new DraftInput("Sorry about that, the crew is on its way today.", [SocialChannel.X], bins, []), id, Ct);
        await r.Responses.SubmitForReviewAsync(alex, draft, [sam.PersonId], false, null, await r.VersionAsync(draft), Ct);
        await r.Responses.EndorseAsync(sam, draft, await r.VersionAsync(draft), Ct);
        clock.Advance(TimeSpan.FromHours(2));
        await r.Responses.ApproveAsync(jordan, draft, null, await r.VersionAsync(draft), Ct);
        await r.Responses.ScheduleAsync(jordan, draft, null, await r.VersionAsync(draft), Ct);
        await r.Sweep.RunAsync(Ct);
        clock.Advance(TimeSpan.FromHours(1));
        await r.Responses.MarkPostedAsync(jordan, draft, SocialChannel.X, "https://x.example/northbridge/status/9", Ct);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await r.Responses.CreateAsync(jordan, new DraftInput("A follow-up once the crew has been.", [SocialChannel.X], bins, []), id, Ct);

        var view = (await r.Conversations.GetAsync(id, Ct))!;
        Assert.Equal(new ResponseTimes(1, 3, 4), view.Times);
        Assert.Equal([(draft, alex.DisplayName, DraftState.Published), (second, jordan.DisplayName, DraftState.Draft)],
            view.Drafts.Select(d => (d.Id, d.AuthorName, d.State)));
        Assert.Equal((alex.DisplayName, "https://x.example/resident/status/1", (int?)bins), (view.LoggedBy, view.Link, view.ServiceAreaId));
        Assert.Equal(("Bin collections", ConversationStatus.Answered), (view.Summary.ServiceArea, view.Summary.Status));
        Assert.Null(await r.Conversations.GetAsync(id + 1000, Ct));

        // A later reply approved and published does not move the times: they are to the first approval and publication.
        clock.Advance(TimeSpan.FromHours(1));
        var third = await r.Responses.CreateAsync(alex, new DraftInput("The crew has been; thanks for telling us.", [SocialChannel.X], bins, []), id, Ct);
        await r.Responses.SubmitForReviewAsync(alex, third, [sam.PersonId], false, null, await r.VersionAsync(third), Ct);
        await r.Responses.EndorseAsync(sam, third, await r.VersionAsync(third), Ct);
        await r.Responses.ApproveAsync(jordan, third, null, await r.VersionAsync(third), Ct);
        await r.Responses.ScheduleAsync(jordan, third, null, await r.VersionAsync(third), Ct);
        await r.Sweep.RunAsync(Ct);
        await r.Responses.MarkPostedAsync(jordan, third, SocialChannel.X, "https://x.example/northbridge/status/10", Ct);
        var later = (await r.Conversations.GetAsync(id, Ct))!;
        Assert.Equal(DraftState.Published, later.Drafts.Single(d => d.Id == third).State);
        Assert.Equal(new ResponseTimes(1, 3, 4), later.Times);
    }

    [Theory]
    [InlineData(ConversationStatus.New, "new")]
    [InlineData(ConversationStatus.Drafting, "being drafted")]
    [InlineData(ConversationStatus.Answered, "answered")]
    [InlineData(ConversationStatus.NoReplyNeeded, "closed without a reply")]
    public void Each_status_has_its_words(ConversationStatus status, string words) => Assert.Equal(words, ConversationService.StatusWords(status));
}
