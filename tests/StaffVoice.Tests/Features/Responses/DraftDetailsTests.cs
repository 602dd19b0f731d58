using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>
/// What <see cref="ResponseService"/> shows and refuses beyond the main path (ResponseServiceTests): the lists, each
/// field's message, what an edit records, the library, and the words the record and the people it tells are given.
/// </summary>
public class DraftDetailsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private sealed record World(TestDatabase Database, FakeTimeProvider Clock, ResponseServices R, Actor Alex, Actor Sam, Actor Jordan) : IAsyncDisposable
    {
        public ResponseService Responses => R.Responses;

        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public Task<int> AreaAsync(string name) => Database.AreaAsync(name);

        public Task<string?> AuditDetailsAsync(int draftId, string action) => R.AuditDetailsAsync(draftId, action);
    }

    private static async Task<World> SetUpAsync()
    {
        var clock = new FakeTimeProvider(Monday);
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        return new World(database, clock, new ResponseServices(database, clock), await database.ActorAsync(Demo.Employee),
            await database.ActorAsync(Demo.Trainer), await database.ActorAsync(Demo.Comms));
    }

    [Fact]
    public async Task Each_list_holds_the_drafts_it_names_in_its_order_with_author_channels_area_and_endorsers()
    {
        await using var w = await SetUpAsync();
        var parking = await w.AreaAsync("Parking permits");
        var grace = await w.Database.ActorAsync("grace.adeyemi@example.org");
        var plain = await w.Responses.CreateAsync(w.Alex, new DraftInput("A plain draft, not sent yet.", [SocialChannel.X], parking, []), null, Ct);
        var alsoPlain = await w.R.DraftAsync(w.Alex, "Another draft written in the same minute.");
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        var inReview = await w.R.DraftAsync(w.Alex, "Waiting for Sam's review.");
        await w.Responses.SubmitForReviewAsync(w.Alex, inReview, [w.Sam.PersonId], false, null, await w.R.VersionAsync(inReview), Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        var othersReview = await w.R.DraftAsync(grace, "Waiting for Alex's review.");
        await w.Responses.SubmitForReviewAsync(grace, othersReview, [w.Alex.PersonId], false, null, await w.R.VersionAsync(othersReview), Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        var waitingLonger = await w.R.AwaitingApprovalAsync(w.Alex, w.Sam, SocialChannel.Facebook, SocialChannel.X);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        var waiting = await w.R.AwaitingApprovalAsync(w.Alex, w.Sam);
        var waitingAsLong = await w.R.AwaitingApprovalAsync(w.Alex, w.Sam); // the same moment: the older draft first
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        var ready = await w.R.ScheduledNowAsync(w.Alex, w.Sam, w.Jordan, SocialChannel.X, SocialChannel.Facebook);
        Assert.Equal(0, await w.R.Sweep.RunAsync(Ct)); // posted by hand: ready to post
        // One of its two posts made by hand: the other is still ready to post, so the draft stays in that list.
        await w.Responses.MarkPostedAsync(w.Jordan, ready, SocialChannel.Facebook, "https://facebook.example/posts/1", Ct);

        async Task<List<int>> Ids(Actor actor, DraftListKind kind, int page = 0, int size = 50) =>
            (await w.Responses.ListAsync(actor, kind, page, size, Ct)).Items.Select(d => d.Id).ToList();

        // Latest change first; drafts changed in the same moment newest first.
        Assert.Equal([ready, waitingAsLong, waiting, waitingLonger, inReview, alsoPlain, plain], await Ids(w.Alex, DraftListKind.Mine));
        Assert.Equal([inReview], await Ids(w.Sam, DraftListKind.ToReview));
        Assert.Equal([othersReview], await Ids(w.Alex, DraftListKind.ToReview));
        Assert.Equal([waitingLonger, waiting, waitingAsLong], await Ids(w.Jordan, DraftListKind.AwaitingApproval)); // longest wait first
        Assert.Equal([ready], await Ids(w.Jordan, DraftListKind.ReadyToPost));
        Assert.Equal([ready, waitingAsLong, waiting, waitingLonger, othersReview, inReview, alsoPlain, plain], await Ids(w.Jordan, DraftListKind.Recent));

        // Pages: the count is of the whole list; a page size is kept between 1 and 100 and a page number from 0.
        var second = await w.Responses.ListAsync(w.Alex, DraftListKind.Mine, 1, 2, Ct);
        Assert.Equal(7, second.TotalCount);
        Assert.Equal([waiting, waitingLonger], second.Items.Select(d => d.Id));
        Assert.Equal([ready], await Ids(w.Alex, DraftListKind.Mine, page: 0, size: 0));
        Assert.Equal([ready], await Ids(w.Alex, DraftListKind.Mine, page: -3, size: 1));

        var items = (await w.Responses.ListAsync(w.Jordan, DraftListKind.Recent, 0, 50, Ct)).Items.ToDictionary(d => d.Id);
        var longer = items[waitingLonger];
        Assert.Equal("Alex Morgan", longer.AuthorName);
        Assert.Equal(DraftState.AwaitingApproval, longer.State);
        Assert.Equal([SocialChannel.X, SocialChannel.Facebook], longer.Channels.Order());
        Assert.Equal(["Sam Whitfield"], longer.Endorsers!);
        Assert.Equal(Monday.UtcDateTime.AddMinutes(3), longer.AwaitingApprovalSince);
        Assert.Null(longer.ServiceArea);
        Assert.Equal("Parking permits", items[plain].ServiceArea);
        Assert.Equal("A plain draft, not sent yet.", items[plain].Text);
        Assert.Empty(items[inReview].Endorsers!);
        Assert.Equal("Grace Adeyemi", items[othersReview].AuthorName);
        Assert.Equal(Monday.UtcDateTime.AddMinutes(5), items[ready].ScheduledFor);
    }

    [Fact]
    public async Task A_draft_without_text_or_channel_or_longer_than_any_network_allows_is_refused_field_by_field_and_nothing_is_saved()
    {
        await using var w = await SetUpAsync();

        // Only control and direction characters: nothing is left once they are removed.
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.CreateAsync(w.Alex, new DraftInput(" \u202E\u0007 ", [], null, []), null, Ct));
        Assert.Equal("Write the reply first: an empty draft is not saved.", error.Errors["Text"]);
        Assert.Equal("Choose at least one channel.", error.Errors["Channels"]);
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.CreateAsync(w.Alex, new DraftInput(new string('a', ResponseRules.DraftTextMax + 1), [SocialChannel.Facebook], null, []), null, Ct));
        Assert.Equal("At most 63,206 characters.", error.Errors["Text"]);
        Assert.False(error.Errors.ContainsKey("Channels"));
        await using (var db = w.Database.NewContext()) Assert.Equal(0, await db.Drafts.CountAsync(Ct));

        var longest = await w.Responses.CreateAsync(w.Alex,
            new DraftInput(new string('a', ResponseRules.DraftTextMax), [SocialChannel.Facebook, SocialChannel.Facebook], null, []), null, Ct);
        var saved = (await w.Responses.GetAsync(w.Alex, longest, Ct))!;
        Assert.Equal(ResponseRules.DraftTextMax, saved.Text.Length);
        Assert.Equal([SocialChannel.Facebook], saved.Channels.Select(c => c.Channel)); // a channel chosen twice is one post

        // An edit is checked the same way and leaves the saved draft as it was.
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.ReviseAsync(w.Alex, longest, new DraftInput("\u202A", [SocialChannel.X], null, []), saved.Version, Ct));
        Assert.Equal("Write the reply first: an empty draft is not saved.", error.Errors["Text"]);
        Assert.Equal(saved.Text, (await w.Responses.GetAsync(w.Alex, longest, Ct))!.Text);
    }

    [Fact]
    public async Task Only_an_employee_starts_a_draft_and_only_on_a_conversation_that_still_exists()
    {
        await using var w = await SetUpAsync();
        var input = new DraftInput("Thanks, we are on it.", [SocialChannel.X], null, []);

        var outsider = w.Alex with { Roles = new HashSet<string>() };
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => w.Responses.CreateAsync(outsider, input, null, Ct));
        Assert.Equal("Only people with the Employee role can draft responses.", refused.Message);
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => w.Responses.CreateAsync(w.Alex, input, 999_999, Ct));
        Assert.Equal("That conversation no longer exists.", gone.Message);
        await using (var db = w.Database.NewContext()) Assert.Equal(0, await db.Drafts.CountAsync(Ct));
    }

    [Fact]
    public async Task An_edit_replaces_channels_area_and_sources_and_only_a_changed_text_is_a_new_revision()
    {
        await using var w = await SetUpAsync();
        var parking = await w.AreaAsync("Parking permits");
        List<(int Id, string Title)> articles;
        await using (var db = w.Database.NewContext())
        {
            articles = (await db.Articles.OrderBy(a => a.Id).Take(3).Select(a => new { a.Id, a.Title }).ToListAsync(Ct))
                .Select(a => (a.Id, a.Title)).ToList();
        }
        var id = await w.Responses.CreateAsync(w.Alex,
            new DraftInput("First words.", [SocialChannel.X, SocialChannel.Facebook], null, [articles[0].Id, articles[1].Id, 999_999]), null, Ct);
        var created = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal([articles[0].Id, articles[1].Id], created.Sources.Select(s => s.ArticleId).Order()); // an unknown article is not a source

        await w.Responses.ReviseAsync(w.Alex, id,
            new DraftInput("First words.", [SocialChannel.Facebook, SocialChannel.Bluesky], parking, [articles[1].Id, articles[2].Id]), created.Version, Ct);
        var same = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal([SocialChannel.Bluesky, SocialChannel.Facebook], same.Channels.Select(c => c.Channel));
        Assert.Equal("Parking permits", same.ServiceArea);
        Assert.Equal([(articles[1].Id, articles[1].Title), (articles[2].Id, articles[2].Title)],
            same.Sources.OrderBy(s => s.ArticleId).Select(s => (s.ArticleId, s.Title)));
        Assert.Equal([(1, "Created", "First words.")], same.Revisions.Select(r => (r.Number, r.Note, r.Text)));

        w.Clock.Advance(TimeSpan.FromMinutes(10));
        await w.Responses.ReviseAsync(w.Alex, id,
            new DraftInput("Second words.", [SocialChannel.Facebook, SocialChannel.Bluesky], parking, [articles[1].Id, articles[2].Id]), same.Version, Ct);
        var edited = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal([(2, "Edited by the author", "Second words."), (1, "Created", "First words.")],
            edited.Revisions.Select(r => (r.Number, r.Note, r.Text)));
        Assert.All(edited.Revisions, r => Assert.Equal("Alex Morgan", r.AuthorName));
        Assert.Equal(Monday.UtcDateTime.AddMinutes(10), edited.Revisions[0].CreatedAt);
        var revised = await w.R.Audit.ForAsync("Draft", id, Ct);
        Assert.Equal(["created", "revised", "revised"], revised.Select(a => a.Action));
    }

    [Fact]
    public async Task Alt_text_is_trimmed_limited_and_goes_with_the_image()
    {
        await using var w = await SetUpAsync();
        var id = await w.R.DraftAsync(w.Alex);
        Assert.Null(await w.Responses.GetImageAsync(id, Ct));

        await w.Responses.SetImageAsync(w.Alex, id, Knowledge.ContentImagesTests.Png(4, 3), "   ", await w.R.VersionAsync(id), Ct);
        var withImage = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.True(withImage.HasImage);
        Assert.Null(withImage.ImageAltText);
        Assert.Equal("image/png, 4×3", await w.AuditDetailsAsync(id, "image-attached"));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.SetAltTextAsync(w.Alex, id, new string('a', ResponseRules.AltTextMax + 1), withImage.Version, Ct));
        Assert.Equal("At most 1,000 characters.", error.Errors["AltText"]);
        await w.Responses.SetAltTextAsync(w.Alex, id, new string('a', ResponseRules.AltTextMax), withImage.Version, Ct);
        await w.Responses.SetAltTextAsync(w.Alex, id, "  The bin calendar for December  ", await w.R.VersionAsync(id), Ct);
        Assert.Equal("The bin calendar for December", (await w.Responses.GetAsync(w.Alex, id, Ct))!.ImageAltText);
        await w.Responses.SetAltTextAsync(w.Alex, id, " ", await w.R.VersionAsync(id), Ct);
        Assert.Null((await w.Responses.GetAsync(w.Alex, id, Ct))!.ImageAltText);
        Assert.Equal(3, await w.R.AuditCountAsync(id, "alt-text-changed"));

        // Alt text given with the image is trimmed the same way.
        await w.Responses.SetImageAsync(w.Alex, id, Knowledge.ContentImagesTests.Png(4, 3), "  The bin calendar  ", await w.R.VersionAsync(id), Ct);
        Assert.Equal("The bin calendar", (await w.Responses.GetAsync(w.Alex, id, Ct))!.ImageAltText);

        await w.Responses.SetAltTextAsync(w.Alex, id, "A calendar", await w.R.VersionAsync(id), Ct);
        await w.Responses.RemoveImageAsync(w.Alex, id, await w.R.VersionAsync(id), Ct);
        var without = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.False(without.HasImage);
        Assert.Null(without.ImageAltText);
        Assert.Null(await w.Responses.GetImageAsync(id, Ct));
        Assert.Equal(1, await w.R.AuditCountAsync(id, "image-removed"));
        await using var db = w.Database.NewContext();
        Assert.Null(await db.Drafts.Where(d => d.Id == id).Select(d => d.ImageContentType).SingleAsync(Ct));
    }

    [Fact]
    public async Task Sending_back_rejecting_and_commenting_need_their_words_and_the_author_is_told_them()
    {
        await using var w = await SetUpAsync();
        var id = await w.R.AwaitingApprovalAsync(w.Alex, w.Sam);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => w.Responses.RequestChangesAsync(w.Jordan, id, "  ", w.R.VersionAsync(id).Result, Ct));
        Assert.Equal("Say what should change.", error.Errors["Comment"]);
        await w.Responses.RequestChangesAsync(w.Jordan, id, "Please add the opening hours.", await w.R.VersionAsync(id), Ct);
        var sentBack = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal(DraftState.ChangesRequested, sentBack.State);
        Assert.Equal([("Jordan Reyes", "Please add the opening hours.")], sentBack.Comments.Select(c => (c.AuthorName, c.Text)));
        Assert.Equal("Please add the opening hours.", await w.AuditDetailsAsync(id, "changes-requested"));
        await using (var db = w.Database.NewContext())
        {
            Assert.Null(await db.Drafts.Where(d => d.Id == id).Select(d => d.AwaitingApprovalSince).SingleAsync(Ct));
        }
        var told = (await w.R.Notifications.ListAsync(w.Alex, 0, 50, Ct)).Single(n => n.Kind == "changes-requested");
        Assert.Equal(("Jordan Reyes asked for changes to your reply", "Please add the opening hours.", $"/responses/drafts/{id}"), (told.Title, told.Text, told.Link));

        // A reviewer sends a draft in peer review back: the decision is theirs and recorded; asked again, they are told again.
        var inReview = await w.R.DraftAsync(w.Alex);
        await w.Responses.SubmitForReviewAsync(w.Alex, inReview, [w.Sam.PersonId], false, null, await w.R.VersionAsync(inReview), Ct);
        await w.Responses.RequestChangesAsync(w.Sam, inReview, "Name the office.", await w.R.VersionAsync(inReview), Ct);
        var reviewed = (await w.Responses.GetAsync(w.Alex, inReview, Ct))!;
        Assert.Equal(DraftState.ChangesRequested, reviewed.State);
        Assert.Equal([("Sam Whitfield", ReviewDecision.ChangesRequested)], reviewed.Reviewers.Select(r => (r.Name, r.Decision)));
        Assert.Equal([("Sam Whitfield", "Name the office.")], reviewed.Comments.Select(c => (c.AuthorName, c.Text)));
        await w.Responses.SubmitForReviewAsync(w.Alex, inReview, [w.Sam.PersonId], false, null, await w.R.VersionAsync(inReview), Ct);
        var asked = (await w.R.Notifications.ListAsync(w.Sam, 0, 50, Ct)).Where(n => n.Kind == "review-requested" && n.Link == $"/responses/drafts/{inReview}");
        Assert.Equal(2, asked.Count());
        Assert.Equal([("Sam Whitfield", ReviewDecision.Pending)], (await w.Responses.GetAsync(w.Alex, inReview, Ct))!.Reviewers.Select(r => (r.Name, r.Decision)));
        await w.Responses.EndorseAsync(w.Sam, inReview, await w.R.VersionAsync(inReview), Ct); // a new decision in the new round
        Assert.Equal(DraftState.AwaitingApproval, (await w.Responses.GetAsync(w.Alex, inReview, Ct))!.State);

        var other = await w.R.AwaitingApprovalAsync(w.Alex, w.Sam);
        error = await Assert.ThrowsAsync<ValidationFailedException>(() => w.Responses.RejectAsync(w.Jordan, other, "\t", w.R.VersionAsync(other).Result, Ct));
        Assert.Equal("Give the author a reason.", error.Errors["Reason"]);
        await w.Responses.RejectAsync(w.Jordan, other, "  Not our tone.  ", await w.R.VersionAsync(other), Ct);
        Assert.Equal("Not our tone.", (await w.Responses.GetAsync(w.Alex, other, Ct))!.RejectionReason);
        var rejected = (await w.R.Notifications.ListAsync(w.Alex, 0, 50, Ct)).Single(n => n.Kind == "draft-rejected");
        Assert.Equal(("Jordan Reyes rejected your reply", $"/responses/drafts/{other}"), (rejected.Title, rejected.Link));

        var open = await w.R.DraftAsync(w.Alex);
        foreach (var bad in new[] { "", "   ", new string('a', 2001) })
        {
            error = await Assert.ThrowsAsync<ValidationFailedException>(() => w.Responses.CommentAsync(w.Sam, open, bad, Ct));
            Assert.Equal("Write a comment of up to 2,000 characters.", error.Errors["Comment"]);
        }
        await w.Responses.CommentAsync(w.Sam, open, new string('b', 2000), Ct);
        w.Clock.Advance(TimeSpan.FromSeconds(1));
        await w.Responses.CommentAsync(w.Sam, open, "  Looks \u202Eright\u0000 to me  ", Ct);
        Assert.Equal([new string('b', 2000), "Looks right to me"], (await w.Responses.GetAsync(w.Alex, open, Ct))!.Comments.Select(c => c.Text));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Responses.CommentAsync(w.Sam, 999_999, "Anyone there?", Ct));
    }

    [Fact]
    public async Task Reviewers_come_from_the_list_or_the_whole_service_area_never_the_author_and_only_active_people()
    {
        await using var w = await SetUpAsync();
        var register = await w.AreaAsync("Housing register"); // experts: Grace Adeyemi and Alex Morgan
        var grace = await w.Database.ActorAsync("grace.adeyemi@example.org");
        var id = await w.Responses.CreateAsync(w.Alex, new DraftInput("Your place on the register is kept while we check.", [SocialChannel.X], register, []), null, Ct);

        await w.Responses.SubmitForReviewAsync(w.Alex, id, [w.Sam.PersonId, w.Alex.PersonId], true, "  ", await w.R.VersionAsync(id), Ct);
        var submitted = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal(["Grace Adeyemi", "Sam Whitfield"], submitted.Reviewers.Select(r => r.Name).Order());
        Assert.All(submitted.Reviewers, r => Assert.Equal(ReviewDecision.Pending, r.Decision));
        Assert.Equal("Reviewers: 2", await w.AuditDetailsAsync(id, "review-requested"));
        var asked = (await w.R.Notifications.ListAsync(grace, 0, 50, Ct)).Single(n => n.Kind == "review-requested");
        Assert.Equal(("Alex Morgan asks you to review a reply", "Your place on the register is kept while we check."), (asked.Title, asked.Text));

        // A reason given for personal data the text does not contain is not kept.
        var plain = await w.R.DraftAsync(w.Alex);
        await w.Responses.SubmitForReviewAsync(w.Alex, plain, [w.Sam.PersonId], false, "Our public number", await w.R.VersionAsync(plain), Ct);
        Assert.Null((await w.Responses.GetAsync(w.Alex, plain, Ct))!.PersonalDataReason);
        var personal = await w.R.DraftAsync(w.Alex, "Call us on 01632 960 001 and we will sort it.");
        await w.Responses.SubmitForReviewAsync(w.Alex, personal, [w.Sam.PersonId], false, "  The contact centre's public number.  ",
            await w.R.VersionAsync(personal), Ct);
        Assert.Equal("Reviewers: 1; personal data kept because: The contact centre's public number.", await w.AuditDetailsAsync(personal, "review-requested"));

        await using (var db = w.Database.NewContext())
        {
            await db.People.Where(p => p.Id == grace.PersonId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false), Ct);
        }
        var later = await w.R.DraftAsync(w.Alex);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.SubmitForReviewAsync(w.Alex, later, [grace.PersonId], false, null, w.R.VersionAsync(later).Result, Ct));
        Assert.Equal("One of the reviewers is not an active person in the directory.", error.Errors["Reviewers"]);
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.SubmitForReviewAsync(w.Alex, later, [w.Alex.PersonId], false, null, w.R.VersionAsync(later).Result, Ct));
        Assert.Equal("Ask at least one colleague (other than yourself) to review.", error.Errors["Reviewers"]);
        // The whole area now means only its active experts other than the author: nobody.
        var inArea = await w.Responses.CreateAsync(w.Alex, new DraftInput("Another reply about the register.", [SocialChannel.X], register, []), null, Ct);
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.SubmitForReviewAsync(w.Alex, inArea, [], true, null, w.R.VersionAsync(inArea).Result, Ct));
        Assert.Equal("Ask at least one colleague (other than yourself) to review.", error.Errors["Reviewers"]);
        Assert.Equal(DraftState.Draft, (await w.Responses.GetAsync(w.Alex, later, Ct))!.State);
        await w.Responses.SubmitForReviewAsync(w.Alex, inArea, [w.Sam.PersonId], true, null, await w.R.VersionAsync(inArea), Ct);
        Assert.Equal(["Sam Whitfield"], (await w.Responses.GetAsync(w.Alex, inArea, Ct))!.Reviewers.Select(r => r.Name));

        // Sent back and sent again to someone else: the reviewers asked before are no longer asked.
        await w.Responses.RequestChangesAsync(w.Sam, inArea, "Say how long the check takes.", await w.R.VersionAsync(inArea), Ct);
        await w.Responses.SubmitForReviewAsync(w.Alex, inArea, [w.Jordan.PersonId], false, null, await w.R.VersionAsync(inArea), Ct);
        Assert.Equal([("Jordan Reyes", ReviewDecision.Pending)],
            (await w.Responses.GetAsync(w.Alex, inArea, Ct))!.Reviewers.Select(r => (r.Name, r.Decision)));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 1)] // at least one colleague always endorses
    public async Task A_draft_needs_the_configured_number_of_endorsements_and_never_none(int configured, int needed)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock, new ResponseOptions { RequiredEndorsements = configured });
        var alex = await database.ActorAsync(Demo.Employee);
        var reviewers = new[] { await database.ActorAsync(Demo.Trainer), await database.ActorAsync("grace.adeyemi@example.org") };
        var id = await r.DraftAsync(alex);
        await r.Responses.SubmitForReviewAsync(alex, id, reviewers.Select(p => p.PersonId).ToList(), false, null, await r.VersionAsync(id), Ct);
        Assert.Equal(needed, (await r.Responses.GetAsync(alex, id, Ct))!.RequiredEndorsements);

        await r.Responses.EndorseAsync(reviewers[0], id, await r.VersionAsync(id), Ct);
        Assert.Equal(needed == 1 ? DraftState.AwaitingApproval : DraftState.InPeerReview, (await r.Responses.GetAsync(alex, id, Ct))!.State);
        if (needed == 1) return;
        await r.Responses.EndorseAsync(reviewers[1], id, await r.VersionAsync(id), Ct);
        Assert.Equal(DraftState.AwaitingApproval, (await r.Responses.GetAsync(alex, id, Ct))!.State);
    }

    [Fact]
    public async Task Someone_without_a_current_policy_course_completion_cannot_send_a_draft_to_review()
    {
        await using var w = await SetUpAsync();
        await StaffVoice.Web.Data.DemoData.SeedTrainingAsync(TestHost.Services(w.Database), Ct);
        var george = await w.Database.ActorAsync("george.mills@example.org");
        var id = await w.R.DraftAsync(george);

        var refused = await Assert.ThrowsAsync<StaffVoice.Web.Features.Training.TrainingRequiredException>(async () =>
            await w.Responses.SubmitForReviewAsync(george, id, [w.Sam.PersonId], false, null, await w.R.VersionAsync(id), Ct));
        Assert.Contains(StaffVoice.Web.Data.DemoData.PolicyCourseTitle, refused.Message);
        var kept = (await w.Responses.GetAsync(george, id, Ct))!;
        Assert.Equal(DraftState.Draft, kept.State);
        Assert.Empty(kept.Reviewers);
    }

    [Fact]
    public async Task A_time_more_than_a_minute_past_is_refused_and_the_record_says_when_each_post_was_set_for()
    {
        await using var w = await SetUpAsync();
        var id = await w.R.AwaitingApprovalAsync(w.Alex, w.Sam);
        await w.Responses.ApproveAsync(w.Jordan, id, null, await w.R.VersionAsync(id), Ct);
        var now = Monday.UtcDateTime;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.Responses.ScheduleAsync(w.Jordan, id, now.AddSeconds(-61), w.R.VersionAsync(id).Result, Ct));
        Assert.Equal("Choose a time from now on.", error.Errors["ScheduledFor"]);
        await w.Responses.ScheduleAsync(w.Jordan, id, now.AddSeconds(-59), await w.R.VersionAsync(id), Ct);
        Assert.Equal("for 2026-03-02 08:59 UTC", await w.AuditDetailsAsync(id, "scheduled"));

        await w.Responses.RescheduleAsync(w.Jordan, id, now.AddHours(4), "After the meeting", await w.R.VersionAsync(id), Ct);
        Assert.Equal("from 2026-03-02 08:59 to 2026-03-02 13:00 UTC; After the meeting", await w.AuditDetailsAsync(id, "rescheduled"));
        Assert.Equal([("Jordan Reyes", "Moved to another time: After the meeting")],
            (await w.Responses.GetAsync(w.Alex, id, Ct))!.Comments.Select(c => (c.AuthorName, c.Text)));
        await w.Responses.UnscheduleAsync(w.Jordan, id, "Hold for now", await w.R.VersionAsync(id), Ct);
        Assert.Equal("was scheduled for 2026-03-02 13:00 UTC; Hold for now", await w.AuditDetailsAsync(id, "unscheduled"));
        var held = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal(DraftState.Approved, held.State);
        Assert.Null(held.ScheduledFor);

        // No time given: now.
        await w.Responses.ScheduleAsync(w.Jordan, id, null, await w.R.VersionAsync(id), Ct);
        Assert.Equal(now, (await w.Responses.GetAsync(w.Alex, id, Ct))!.ScheduledFor);
    }

    [Fact]
    public async Task A_post_marked_as_published_needs_its_full_web_address()
    {
        await using var w = await SetUpAsync();
        var id = await w.R.ScheduledNowAsync(w.Alex, w.Sam, w.Jordan);
        await w.R.Sweep.RunAsync(Ct);

        foreach (var bad in new[] { "", "x.example/status/1", "ftp://x.example/status/1", "javascript:alert(1)" })
        {
            var error = await Assert.ThrowsAsync<ValidationFailedException>(() => w.Responses.MarkPostedAsync(w.Jordan, id, SocialChannel.X, bad, Ct));
            Assert.Equal("Paste the full address of the live post, starting with https://.", error.Errors["LiveUrl"]);
        }
        await Assert.ThrowsAsync<NotFoundException>(() => w.Responses.MarkPostedAsync(w.Jordan, id, SocialChannel.Facebook, "https://facebook.example/1", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Responses.MarkPostedAsync(w.Jordan, 999_999, SocialChannel.X, "https://x.example/1", Ct));
        Assert.Equal(PostStatus.ReadyToPost, (await w.Responses.GetAsync(w.Jordan, id, Ct))!.Channels.Single().Status);

        w.Clock.Advance(TimeSpan.FromMinutes(3));
        await w.Responses.MarkPostedAsync(w.Jordan, id, SocialChannel.X, "  http://x.example/northbridge/status/7  ", Ct);
        var done = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal("http://x.example/northbridge/status/7", done.Channels.Single().LiveUrl);
        Assert.Equal(DraftState.Published, done.State);
        Assert.Equal(Monday.UtcDateTime.AddMinutes(3), done.PublishedAt);
        Assert.Equal("X: http://x.example/northbridge/status/7", await w.AuditDetailsAsync(id, "published"));
        await using var db = w.Database.NewContext();
        Assert.Equal(Monday.UtcDateTime.AddMinutes(3), await db.DraftChannelPosts.Where(p => p.DraftId == id).Select(p => p.PublishedAt).SingleAsync(Ct));
    }

    [Fact]
    public async Task The_library_keeps_approved_replies_under_a_title_and_lists_an_areas_replies_with_the_general_ones()
    {
        await using var w = await SetUpAsync();
        var parking = await w.AreaAsync("Parking permits");
        var bins = await w.AreaAsync("Bin collections");
        async Task<int> Approved(string text, int? area)
        {
            var id = await w.Responses.CreateAsync(w.Alex, new DraftInput(text, [SocialChannel.X], area, []), null, Ct);
            await w.Responses.SubmitForReviewAsync(w.Alex, id, [w.Sam.PersonId], false, null, await w.R.VersionAsync(id), Ct);
            await w.Responses.EndorseAsync(w.Sam, id, await w.R.VersionAsync(id), Ct);
            await w.Responses.ApproveAsync(w.Jordan, id, null, await w.R.VersionAsync(id), Ct);
            return id;
        }
        var permit = await Approved("Permits renew online in five minutes.", parking);
        var general = await Approved("Thanks for telling us; we will reply within two working days.", null);
        var collection = await Approved("Collections run a day late after a bank holiday.", bins);
        var notApproved = await w.R.DraftAsync(w.Alex);

        foreach (var bad in new[] { " ", new string('t', 151) })
        {
            var error = await Assert.ThrowsAsync<ValidationFailedException>(() => w.Responses.SaveToLibraryAsync(w.Jordan, permit, bad, Ct));
            Assert.Equal("Give the reply a title of up to 150 characters.", error.Errors["Title"]);
        }
        await Assert.ThrowsAsync<PermissionDeniedException>(() => w.Responses.SaveToLibraryAsync(w.Alex, permit, "Mine", Ct));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => w.Responses.SaveToLibraryAsync(w.Jordan, notApproved, "Not yet", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Responses.SaveToLibraryAsync(w.Jordan, 999_999, "Gone", Ct));

        await w.Responses.SaveToLibraryAsync(w.Jordan, permit, "  Renewing a permit  ", Ct);
        await w.Responses.SaveToLibraryAsync(w.Jordan, general, "Acknowledgement", Ct);
        await w.Responses.SaveToLibraryAsync(w.Jordan, collection, new string('B', 150), Ct);

        Assert.Equal([("Acknowledgement", (string?)null), ("Renewing a permit", "Parking permits")],
            (await w.Responses.ListTemplatesAsync(parking, Ct)).Select(t => (t.Title, t.ServiceArea)));
        Assert.Equal(["Acknowledgement", new string('B', 150), "Renewing a permit"], (await w.Responses.ListTemplatesAsync(null, Ct)).Select(t => t.Title));
        Assert.Equal("Permits renew online in five minutes.", (await w.Responses.ListTemplatesAsync(parking, Ct)).Single(t => t.Title == "Renewing a permit").Text);
    }

    [Fact]
    public async Task A_stale_copy_is_told_who_acted_first_what_they_did_and_when()
    {
        await using var w = await SetUpAsync();
        var id = await w.R.DraftAsync(w.Alex);
        var stale = await w.R.VersionAsync(id);
        w.Clock.Advance(TimeSpan.FromSeconds(75));
        await w.Responses.SubmitForReviewAsync(w.Alex, id, [w.Sam.PersonId], false, null, stale, Ct);

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            w.Responses.ReviseAsync(w.Alex, id, new DraftInput("Changed on another tab.", [SocialChannel.X], null, []), stale, Ct));
        Assert.Equal("Alex Morgan acted first (review requested at 09:01:15 UTC). Reload the draft to see where it stands.", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => w.Responses.WithdrawAsync(w.Alex, 999_999, stale, Ct));
    }

    [Fact]
    public async Task The_checks_a_text_gets_while_it_is_typed_are_the_ones_at_submission()
    {
        await using var w = await SetUpAsync();
        await w.R.Settings.AddBannedAsync(w.Jordan, "as per", Ct);

        var checks = await w.Responses.CheckAsync("As per our policy, bins go out on Monday.", true, null, Ct);
        Assert.Contains(checks, c => c.Code == "banned-words");
        Assert.Contains(checks, c => c.Code == "alt-text");
        Assert.DoesNotContain(await w.Responses.CheckAsync("Bins go out on Monday.", true, "A bin", Ct),
            c => c.Code is "banned-words" or "alt-text");
    }

    [Fact]
    public async Task The_draft_page_names_every_person_and_shows_what_each_did_and_which_source_changed_since_approval()
    {
        await using var w = await SetUpAsync();
        var parking = await w.AreaAsync("Parking permits");
        var hannah = await w.Database.ActorAsync("hannah.brooks@example.org");
        List<int> articles;
        await using (var db = w.Database.NewContext()) articles = await db.Articles.OrderBy(a => a.Id).Take(2).Select(a => a.Id).ToListAsync(Ct);
        const string written = "Permits renew online in five minutes.";
        const string approved = "Permits renew online in about five minutes.";
        var id = await w.Responses.CreateAsync(w.Alex, new DraftInput(written, [SocialChannel.Facebook, SocialChannel.X], parking, articles), null, Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        await w.Responses.CommentAsync(w.Sam, id, "Say where to renew.", Ct);
        await w.Responses.SubmitForReviewAsync(w.Alex, id, [w.Sam.PersonId, hannah.PersonId], false, null, await w.R.VersionAsync(id), Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        await w.Responses.EndorseAsync(w.Sam, id, await w.R.VersionAsync(id), Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        await w.Responses.ApproveAsync(w.Jordan, id, approved, await w.R.VersionAsync(id), Ct);
        await using (var db = w.Database.NewContext())
        {
            await db.Articles.Where(a => a.Id == articles[0]).ExecuteUpdateAsync(u => u.SetProperty(a => a.RevisionCount, a => a.RevisionCount + 1), Ct);
        }
        var waiting = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.True(waiting.ApproverChangedText);
        Assert.Null(waiting.SecondApprovedBy);
        Assert.True((await w.Responses.GetAsync(hannah, id, Ct))!.Can.SecondApprove);
        await w.Responses.SecondApproveAsync(hannah, id, waiting.Version, Ct);

        var view = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal(("Alex Morgan", w.Alex.PersonId, "Parking permits", parking, approved, DraftState.Approved),
            (view.AuthorName, view.AuthorId, view.ServiceArea, view.ServiceAreaId, view.Text, view.State));
        Assert.Equal([(SocialChannel.X, approved.Length, 280, PostStatus.Pending), (SocialChannel.Facebook, approved.Length, 63_206, PostStatus.Pending)],
            view.Channels.Select(c => (c.Channel, c.Count, c.Limit, c.Status)));
        Assert.Equal([("Hannah Brooks", ReviewDecision.Pending, (DateTime?)null), ("Sam Whitfield", ReviewDecision.Endorsed, Monday.UtcDateTime.AddMinutes(2))],
            view.Reviewers.Select(r => (r.Name, r.Decision, r.DecidedAt)).OrderBy(r => r.Name));
        Assert.Equal((1, 1), (view.Endorsements, view.RequiredEndorsements));
        Assert.Equal([("Sam Whitfield", "Say where to renew.", Monday.UtcDateTime.AddMinutes(1))], view.Comments.Select(c => (c.AuthorName, c.Text, c.CreatedAt)));
        Assert.Equal([(2, approved, "Jordan Reyes", "Edited by the approver"), (1, written, "Alex Morgan", "Created")],
            view.Revisions.Select(r => (r.Number, r.Text, r.AuthorName, r.Note)));
        Assert.Equal([(articles[0], true, true), (articles[1], false, true)],
            view.Sources.OrderBy(s => s.ArticleId).Select(s => (s.ArticleId, s.ChangedSinceApproval, s.Exists)));
        Assert.Equal(("Jordan Reyes", Monday.UtcDateTime.AddMinutes(3), "Hannah Brooks"), (view.ApprovedBy, view.ApprovedAt, view.SecondApprovedBy));
        Assert.False(view.HasImage);
        Assert.False(view.InQuietPeriod);
        Assert.Null(await w.Responses.GetAsync(w.Alex, 999_999, Ct));
    }

    [Fact]
    public async Task A_person_named_for_one_reason_only_is_still_named_reviewer_commenter_approver_second_approver_or_former_approver()
    {
        await using var w = await SetUpAsync();
        var hannah = await w.Database.ActorAsync("hannah.brooks@example.org");
        var grace = await w.Database.ActorAsync("grace.adeyemi@example.org");
        var admin = await w.Database.ActorAsync(Demo.Admin);
        // A quiet period: the approval needs a second comms manager.
        await w.R.Settings.DeclareQuietPeriodAsync(admin, Monday.UtcDateTime, Monday.UtcDateTime.AddDays(1), "Election", Ct);

        // Grace only comments, Sam only reviews, Jordan only approves, Hannah only gives the second approval.
        var id = await w.R.DraftAsync(w.Alex, "Permits renew online in five minutes.");
        await w.Responses.CommentAsync(grace, id, "Name the page.", Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        await w.Responses.CommentAsync(w.Alex, id, "Done.", Ct);
        await w.Responses.SubmitForReviewAsync(w.Alex, id, [w.Sam.PersonId], false, null, await w.R.VersionAsync(id), Ct);
        await w.Responses.EndorseAsync(w.Sam, id, await w.R.VersionAsync(id), Ct);
        await w.Responses.ApproveAsync(w.Jordan, id, null, await w.R.VersionAsync(id), Ct);
        await w.Responses.SecondApproveAsync(hannah, id, await w.R.VersionAsync(id), Ct);
        var view = (await w.Responses.GetAsync(w.Alex, id, Ct))!;
        Assert.Equal(["Sam Whitfield"], view.Reviewers.Select(r => r.Name));
        Assert.Equal(["Grace Adeyemi", "Alex Morgan"], view.Comments.Select(c => c.AuthorName));
        Assert.Equal(("Alex Morgan", "Jordan Reyes", "Hannah Brooks"), (view.AuthorName, view.ApprovedBy, view.SecondApprovedBy));

        // Jordan changed the text on approving; Hannah revoked the approval: Jordan is named by the revision alone.
        var other = await w.R.AwaitingApprovalAsync(w.Alex, w.Sam);
        await w.Responses.ApproveAsync(w.Jordan, other, "Thanks for telling us. The crew will come back within three working days.",
            await w.R.VersionAsync(other), Ct);
        await w.Responses.RevokeApprovalAsync(hannah, other, "The wrong number of days", await w.R.VersionAsync(other), Ct);
        var revoked = (await w.Responses.GetAsync(w.Alex, other, Ct))!;
        Assert.Null(revoked.ApprovedBy);
        Assert.Equal([(2, "Jordan Reyes"), (1, "Alex Morgan")], revoked.Revisions.Select(r => (r.Number, r.AuthorName)));
        Assert.Equal([("Hannah Brooks", "Approval revoked: The wrong number of days")], revoked.Comments.Select(c => (c.AuthorName, c.Text)));
    }

    [Fact]
    public async Task A_draft_is_in_a_quiet_period_from_its_first_moment_and_out_at_its_end()
    {
        await using var w = await SetUpAsync();
        var admin = await w.Database.ActorAsync(Demo.Admin);
        var id = await w.R.DraftAsync(w.Alex);
        async Task<bool> InQuiet() => (await w.Responses.GetAsync(w.Alex, id, Ct))!.InQuietPeriod;

        await w.R.Settings.DeclareQuietPeriodAsync(admin, Monday.UtcDateTime, Monday.UtcDateTime.AddHours(1), "Election", Ct);
        Assert.True(await InQuiet());
        w.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(10));
        Assert.True(await InQuiet());
        w.Clock.Advance(TimeSpan.FromTicks(10));
        Assert.False(await InQuiet());
    }

    [Fact]
    public async Task Entering_approval_tells_every_active_comms_manager_but_the_author_with_the_start_of_the_text()
    {
        await using var w = await SetUpAsync();
        var hannah = await w.Database.ActorAsync("hannah.brooks@example.org");
        var nina = await w.Database.ActorAsync("nina.petrova@example.org");
        await using (var db = w.Database.NewContext())
        {
            db.PersonRoles.Add(new StaffVoice.Web.Features.People.PersonRole { PersonId = nina.PersonId, Role = Roles.CommsManager });
            await db.SaveChangesAsync(Ct);
            await db.People.Where(p => p.Id == nina.PersonId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false), Ct);
        }
        var text = "Thanks for telling us about the missed collection on Elm Street. " + new string('x', 150);
        var id = await w.Responses.CreateAsync(hannah, new DraftInput(text, [SocialChannel.Facebook], null, []), null, Ct);
        await w.Responses.SubmitForReviewAsync(hannah, id, [w.Sam.PersonId], false, null, await w.R.VersionAsync(id), Ct);
        await w.Responses.EndorseAsync(w.Sam, id, await w.R.VersionAsync(id), Ct);

        var told = (await w.R.Notifications.ListAsync(w.Jordan, 0, 50, Ct)).Single(n => n.Kind == "approval-needed");
        Assert.Equal(("A reply is waiting for approval", $"/responses/drafts/{id}"), (told.Title, told.Link));
        Assert.Equal(text[..139] + "…", told.Text);
        Assert.DoesNotContain(await w.R.Notifications.ListAsync(hannah, 0, 50, Ct), n => n.Kind == "approval-needed");
        Assert.DoesNotContain(await w.R.Notifications.ListAsync(nina, 0, 50, Ct), n => n.Kind == "approval-needed");
        await using (var db = w.Database.NewContext())
        {
            Assert.Equal(Monday.UtcDateTime, await db.Drafts.Where(d => d.Id == id).Select(d => d.AwaitingApprovalSince).SingleAsync(Ct));
        }
    }

    [Fact]
    public async Task A_reply_to_a_conversation_marks_it_being_drafted_from_its_first_draft_and_answered_when_published()
    {
        await using var w = await SetUpAsync();
        var conversation = await w.R.Conversations.LogAsync(w.Alex, new ConversationInput(SocialChannel.X, "@resident", null, "Missed bins again",
            Monday.UtcDateTime.AddHours(-2), null, ConversationPriority.Normal), Ct);
        var before = await CountAsync();
        await Assert.ThrowsAsync<NotFoundException>(() =>
            w.Responses.CreateAsync(w.Alex, new DraftInput("Sorry about that.", [SocialChannel.X], null, []), 999_999, Ct));
        Assert.Equal(before, await CountAsync());

        w.Clock.Advance(TimeSpan.FromMinutes(5));
        var first = await w.Responses.CreateAsync(w.Alex, new DraftInput("Sorry about that; the crew comes back today.", [SocialChannel.X], null, []), conversation, Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await w.Responses.CreateAsync(w.Sam, new DraftInput("Sorry; the crew will return today.", [SocialChannel.X], null, []), conversation, Ct);
        var drafting = (await w.R.Conversations.GetAsync(conversation, Ct))!;
        Assert.Equal(ConversationStatus.Drafting, drafting.Summary.Status);
        Assert.Equal([first, second], drafting.Drafts.Select(d => d.Id));
        await using (var db = w.Database.NewContext())
        {
            Assert.Equal(Monday.UtcDateTime.AddMinutes(5), await db.Conversations.Where(c => c.Id == conversation).Select(c => c.FirstDraftAt).SingleAsync(Ct));
        }
        var draft = (await w.Responses.GetAsync(w.Alex, first, Ct))!;
        Assert.Equal(("@resident", "Missed bins again", (int?)conversation), (draft.ConversationHandle, draft.ConversationText, draft.ConversationId));

        await w.Responses.SubmitForReviewAsync(w.Alex, first, [w.Sam.PersonId], false, null, await w.R.VersionAsync(first), Ct);
        await w.Responses.EndorseAsync(w.Sam, first, await w.R.VersionAsync(first), Ct);
        await w.Responses.ApproveAsync(w.Jordan, first, null, await w.R.VersionAsync(first), Ct);
        await w.Responses.ScheduleAsync(w.Jordan, first, null, await w.R.VersionAsync(first), Ct);
        await w.R.Sweep.RunAsync(Ct);
        w.Clock.Advance(TimeSpan.FromMinutes(5));
        await w.Responses.MarkPostedAsync(w.Jordan, first, SocialChannel.X, "https://x.example/northbridge/status/9", Ct);

        var answered = (await w.R.Conversations.GetAsync(conversation, Ct))!;
        Assert.Equal(ConversationStatus.Answered, answered.Summary.Status);
        await using (var db = w.Database.NewContext())
        {
            Assert.Equal(Monday.UtcDateTime.AddMinutes(15), await db.Conversations.Where(c => c.Id == conversation).Select(c => c.AnsweredAt).SingleAsync(Ct));
        }
        var items = (await w.Responses.ListAsync(w.Jordan, DraftListKind.Recent, 0, 10, Ct)).Items.Single(d => d.Id == first);
        Assert.Equal(("@resident", (int?)conversation), (items.ConversationHandle, items.ConversationId));

        async Task<int> CountAsync()
        {
            await using var db = w.Database.NewContext();
            return await db.Drafts.CountAsync(Ct) + await db.AuditEntries.CountAsync(Ct);
        }
    }
}
