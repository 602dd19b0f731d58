using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>An inbox people own: assignment rules, views, filters, search, sorting, triage, tags and closing with a reason.</summary>
public class InboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Tuesday 1 December 2026, 10:00 UK time (GMT).
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private sealed record World(TestDatabase Database, ResponseServices R, Actor Alex, Actor Jordan, Actor Sam, FakeTimeProvider Clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
        public async Task<Guid> V(int id) => (await R.Conversations.GetAsync(id, Ct))!.Version;

        public Task<int> LogAsync(string text, ConversationPriority priority = ConversationPriority.Normal, double hoursAgo = 1,
            SocialChannel channel = SocialChannel.X, int? area = null, string handle = "@citizen") =>
            R.Conversations.LogAsync(Alex, new ConversationInput(channel, handle, null, text, Clock.GetUtcNow().UtcDateTime.AddHours(-hoursAgo), area, priority), Ct);

        public Task<PagedResult<ConversationListItem>> ListAsync(Actor actor, InboxQuery query) => R.Conversations.ListAsync(actor, query, 0, 50, Ct);
    }

    private static async Task<World> WorldAsync()
    {
        var clock = Clock();
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        return new World(database, r, await database.ActorAsync(Demo.Employee), await database.ActorAsync(Demo.Comms),
            await database.ActorAsync(Demo.Trainer), clock);
    }

    [Fact]
    public async Task Anyone_takes_an_unassigned_conversation_but_only_a_comms_manager_assigns_a_colleague_or_takes_one_from_them()
    {
        await using var w = await WorldAsync();
        var id = await w.LogAsync("Bins not collected on Elm Road");

        var version = await w.V(id);
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => w.R.Conversations.AssignAsync(w.Alex, id, w.Sam.PersonId, version, Ct));
        Assert.Contains("take it yourself", refused.Message);
        await w.R.Conversations.AssignAsync(w.Alex, id, w.Alex.PersonId, await w.V(id), Ct);
        Assert.Equal("Alex Morgan", (await w.R.Conversations.GetAsync(id, Ct))!.Summary.Assignee);

        // Sam cannot take it from Alex, nor hand it back for Alex; Alex can hand it back; Jordan can reassign.
        var taken = await Assert.ThrowsAsync<PermissionDeniedException>(async () => await w.R.Conversations.AssignAsync(w.Sam, id, w.Sam.PersonId, await w.V(id), Ct));
        Assert.Equal("This conversation belongs to someone else: ask a comms manager to reassign it.", taken.Message);
        await Assert.ThrowsAsync<PermissionDeniedException>(async () => await w.R.Conversations.AssignAsync(w.Sam, id, null, await w.V(id), Ct));
        await w.R.Conversations.AssignAsync(w.Jordan, id, w.Sam.PersonId, await w.V(id), Ct);
        Assert.Equal(w.Sam.PersonId, (await w.R.Conversations.GetAsync(id, Ct))!.Summary.AssigneeId);
        await w.R.Conversations.AssignAsync(w.Sam, id, null, await w.V(id), Ct);
        Assert.Null((await w.R.Conversations.GetAsync(id, Ct))!.Summary.AssigneeId);

        await using var db = w.Database.NewContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Conversation" && a.EntityId == id && a.Action == "assigned").OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["assigned to Alex Morgan", "assigned to Sam Whitfield", "unassigned"], audit.Select(a => a.Details).ToList());
        Assert.Contains("\"assigneeId\":null", audit[0].Before);
        Assert.Contains($"\"assigneeId\":{w.Sam.PersonId}", audit[1].After);
        // Sam was told by Jordan; Alex, who took it, was not told about their own action.
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == w.Sam.PersonId && n.Kind == "conversation-assigned", Ct));
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.RecipientId == w.Alex.PersonId && n.Kind == "conversation-assigned", Ct));
    }

    [Fact]
    public async Task An_assignment_landing_between_the_version_check_and_the_write_is_refused_by_the_database_not_overwritten()
    {
        await using var w = await WorldAsync();
        var id = await w.LogAsync("Broken street light on Mill Lane");
        var version = await w.V(id);
        var r = new ResponseServices(w.Database, w.Clock, factory: w.Database.FactoryWith(new AuditStampInterceptor(w.Clock), SavedInBetween.NewVersion("Conversations", id)));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => r.Conversations.AssignAsync(w.Jordan, id, w.Sam.PersonId, version, Ct));

        await using var db = w.Database.NewContext();
        Assert.Null(await db.Conversations.Where(c => c.Id == id).Select(c => c.AssigneeId).SingleAsync(Ct));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == "Conversation" && a.EntityId == id && a.Action == "assigned", Ct));
    }

    [Fact]
    public async Task Assigning_an_inactive_person_or_with_an_old_version_is_refused_and_changes_nothing()
    {
        await using var w = await WorldAsync();
        var id = await w.LogAsync("Pothole on Station Road");
        var old = await w.V(id);
        await w.R.Conversations.AssignAsync(w.Jordan, id, w.Alex.PersonId, old, Ct);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => w.R.Conversations.AssignAsync(w.Jordan, id, w.Sam.PersonId, old, Ct));
        Assert.Contains("Someone else changed this conversation", conflict.Message);

        await using (var db = w.Database.NewContext())
        {
            await db.People.Where(p => p.Id == w.Sam.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), Ct);
        }
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(async () => await w.R.Conversations.AssignAsync(w.Jordan, id, w.Sam.PersonId, await w.V(id), Ct));
        Assert.Equal("Choose an active colleague.", invalid.Errors["AssigneeId"]);
        Assert.Equal(w.Alex.PersonId, (await w.R.Conversations.GetAsync(id, Ct))!.Summary.AssigneeId);
    }

    [Fact]
    public async Task Mine_unassigned_and_all_show_the_right_conversations_and_every_filter_narrows_them()
    {
        await using var w = await WorldAsync();
        int area;
        await using (var db = w.Database.NewContext()) area = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
        var mine = await w.LogAsync("Recycling missed again", ConversationPriority.High, channel: SocialChannel.Facebook, area: area);
        var sams = await w.LogAsync("Bus pass renewal", ConversationPriority.Low);
        var nobody = await w.LogAsync("Licence for a food stall", handle: "@northbridge_eats");
        var closed = await w.LogAsync("Thank you crew");
        await w.R.Conversations.AssignAsync(w.Alex, mine, w.Alex.PersonId, await w.V(mine), Ct);
        await w.R.Conversations.AssignAsync(w.Jordan, sams, w.Sam.PersonId, await w.V(sams), Ct);
        await w.R.Conversations.SetTagsAsync(w.Alex, mine, ["Missed collection", "#complaint"], await w.V(mine), Ct);
        await w.R.Conversations.CloseAsync(w.Alex, closed, "Praise; passed on", await w.V(closed), Ct);

        async Task<List<int>> Ids(InboxQuery q, Actor? actor = null) => (await w.ListAsync(actor ?? w.Alex, q)).Items.Select(i => i.Id).Order().ToList();
        Assert.Equal([mine], await Ids(new InboxQuery(InboxView.Mine)));
        Assert.Equal([sams], await Ids(new InboxQuery(InboxView.Mine), w.Sam));
        Assert.Equal([nobody], await Ids(new InboxQuery(InboxView.Unassigned)));
        Assert.Equal([mine, sams, nobody], await Ids(new InboxQuery()));
        Assert.Equal([closed], await Ids(new InboxQuery(Status: ConversationStatus.NoReplyNeeded)));
        Assert.Equal([mine], await Ids(new InboxQuery(Channel: SocialChannel.Facebook)));
        Assert.Equal([mine], await Ids(new InboxQuery(ServiceAreaId: area)));
        Assert.Equal([sams], await Ids(new InboxQuery(Priority: ConversationPriority.Low)));
        Assert.Equal([sams], await Ids(new InboxQuery(AssigneeId: w.Sam.PersonId)));
        Assert.Equal([mine], await Ids(new InboxQuery(Tag: "complaint")));
        Assert.Equal([mine], await Ids(new InboxQuery(Tag: "MISSED collection")));
        Assert.Empty(await Ids(new InboxQuery(Tag: "praise")));

        var item = (await w.ListAsync(w.Alex, new InboxQuery(InboxView.Mine))).Items.Single();
        Assert.Equal(["complaint", "missed collection"], item.Tags);
        Assert.Equal("Alex Morgan", item.Assignee);
    }

    [Fact]
    public async Task A_list_item_names_its_area_and_a_later_page_goes_on_where_the_first_stopped()
    {
        await using var w = await WorldAsync();
        int area;
        await using (var db = w.Database.NewContext()) area = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
        var first = await w.LogAsync("First", hoursAgo: 3, area: area);
        var second = await w.LogAsync("Second", hoursAgo: 2);
        var third = await w.LogAsync("Third", hoursAgo: 1);

        var page0 = await w.R.Conversations.ListAsync(w.Alex, new InboxQuery(Sort: InboxSort.Oldest), 0, 2, Ct);
        var page1 = await w.R.Conversations.ListAsync(w.Alex, new InboxQuery(Sort: InboxSort.Oldest), 1, 2, Ct);

        Assert.Equal([first, second], page0.Items.Select(i => i.Id));
        Assert.Equal([third], page1.Items.Select(i => i.Id));
        Assert.Equal((3, 3), (page0.TotalCount, page1.TotalCount));
        Assert.Equal(["Bin collections", null], page0.Items.Select(i => i.ServiceArea));
    }

    [Fact]
    public async Task Conversations_that_arrived_at_the_same_moment_keep_a_stable_order_by_when_they_were_logged()
    {
        await using var w = await WorldAsync();
        var first = await w.LogAsync("First", hoursAgo: 2);
        var second = await w.LogAsync("Second", hoursAgo: 2);

        async Task<List<int>> Sorted(InboxSort sort) => (await w.ListAsync(w.Alex, new InboxQuery(Sort: sort))).Items.Select(i => i.Id).ToList();
        Assert.Equal([first, second], await Sorted(InboxSort.MostOverdue));
        Assert.Equal([first, second], await Sorted(InboxSort.Oldest));
        Assert.Equal([second, first], await Sorted(InboxSort.Newest));
    }

    [Theory]
    [InlineData(ConversationStatus.New, 5.0, 4.0, true, true)]
    [InlineData(ConversationStatus.Drafting, 5.0, 4.0, true, true)]
    [InlineData(ConversationStatus.Drafting, 4.0, 4.0, true, false)] // at its target, not yet past it
    [InlineData(ConversationStatus.New, 3.0, 4.0, true, false)]
    [InlineData(ConversationStatus.Answered, 5.0, 4.0, false, false)]
    [InlineData(ConversationStatus.NoReplyNeeded, 5.0, 4.0, false, false)]
    public void A_conversation_is_open_while_new_or_drafting_and_overdue_only_while_open_and_past_its_target(
        ConversationStatus status, double age, double target, bool open, bool overdue)
    {
        var item = new ConversationListItem(1, SocialChannel.X, "@a", "Text", DateTime.UtcNow, null, ConversationPriority.Normal, status, age, target);
        Assert.Equal((open, overdue), (item.IsOpen, item.IsOverdue));
    }

    [Fact]
    public void A_search_is_at_most_five_distinct_words_of_two_to_a_hundred_characters()
    {
        var longWord = new string('w', 150);
        Assert.Equal([new string('w', 100), "cc"], ConversationService.SearchWords($"{longWord} b  cc CC"));
        Assert.Equal(["one", "two", "three", "four", "five"], ConversationService.SearchWords("one two three four five six"));
        Assert.Empty(ConversationService.SearchWords(null));
        Assert.Equal(["recycling", "elm"], ConversationService.SearchWords("\trecycling\t elm\n")); // pasted with tabs
    }

    [Fact]
    public async Task Only_an_employee_logs_a_conversation()
    {
        await using var w = await WorldAsync();
        var outsider = w.Alex with { Roles = new HashSet<string>() };
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => w.R.Conversations.LogAsync(outsider,
            new ConversationInput(SocialChannel.X, "@citizen", null, "Hello", w.Clock.GetUtcNow().UtcDateTime, null, ConversationPriority.Normal), Ct));
        Assert.Equal("Only people with the Employee role can log conversations.", refused.Message);
        await using var db = w.Database.NewContext();
        Assert.False(await db.Conversations.AnyAsync(c => c.AuthorHandle == "@citizen", Ct));
    }

    [Fact]
    public async Task Search_finds_every_word_in_the_message_or_the_handle_in_any_case_and_treats_wildcards_as_text()
    {
        await using var w = await WorldAsync();
        var bins = await w.LogAsync("Our RECYCLING was not collected on Elm Road");
        var fridge = await w.LogAsync("How much to take a fridge away?", handle: "@dev_sharma");
        var percent = await w.LogAsync("Council tax up 5% again");

        async Task<List<int>> Search(string text) => (await w.ListAsync(w.Alex, new InboxQuery(Search: text))).Items.Select(i => i.Id).Order().ToList();
        Assert.Equal([bins], await Search("recycling"));
        Assert.Equal([bins], await Search("elm recycling"));
        Assert.Empty(await Search("elm fridge"));
        Assert.Equal([fridge], await Search("DEV_SHARMA"));
        Assert.Equal([percent], await Search("5%"));
        Assert.Empty(await Search("%_%"));
        Assert.Equal([bins, fridge, percent], await Search("  "));
    }

    [Fact]
    public async Task Most_overdue_sorts_by_when_the_target_runs_out_not_by_age_and_newest_and_oldest_sort_by_arrival()
    {
        await using var w = await WorldAsync();
        // An hour-old urgent message (target 1 working hour) is more overdue than a day-old low-priority one (40 hours).
        var lowOld = await w.LogAsync("Old question", ConversationPriority.Low, hoursAgo: 26);
        var urgentNew = await w.LogAsync("Dangerous pothole", ConversationPriority.Urgent, hoursAgo: 0.9);
        var normal = await w.LogAsync("Bulky waste price", ConversationPriority.Normal, hoursAgo: 3);

        async Task<List<int>> Sorted(InboxSort sort) => (await w.ListAsync(w.Alex, new InboxQuery(Sort: sort))).Items.Select(i => i.Id).ToList();
        Assert.Equal([urgentNew, normal, lowOld], await Sorted(InboxSort.MostOverdue));
        Assert.Equal([urgentNew, normal, lowOld], await Sorted(InboxSort.Newest));
        Assert.Equal([lowOld, normal, urgentNew], await Sorted(InboxSort.Oldest));
    }

    [Fact]
    public async Task Correcting_the_priority_moves_the_target_and_every_correction_is_audited_with_before_and_after()
    {
        await using var w = await WorldAsync();
        int area;
        await using (var db = w.Database.NewContext()) area = await db.ServiceAreas.Where(a => a.Name == "Parking permits").Select(a => a.Id).SingleAsync(Ct);
        var id = await w.LogAsync("Permits site down", ConversationPriority.Normal, hoursAgo: 0);
        var before = (await w.R.Conversations.GetAsync(id, Ct))!;
        // Tuesday 10:00 + 16 working hours = Thursday 10:00; urgent: 11:00 the same day.
        Assert.Equal(new DateTime(2026, 12, 3, 10, 0, 0), before.Summary.DueAt);

        await w.R.Conversations.TriageAsync(w.Alex, id, new ConversationTriage(ConversationPriority.Urgent, area, ConversationSentiment.Negative), before.Version, Ct);
        var after = (await w.R.Conversations.GetAsync(id, Ct))!;
        Assert.Equal(ConversationPriority.Urgent, after.Summary.Priority);
        Assert.Equal("Parking permits", after.Summary.ServiceArea);
        Assert.Equal(ConversationSentiment.Negative, after.Summary.Sentiment);
        Assert.Equal(new DateTime(2026, 12, 1, 11, 0, 0), after.Summary.DueAt);

        // Saving the same values again changes nothing and records nothing.
        await w.R.Conversations.TriageAsync(w.Alex, id, new ConversationTriage(ConversationPriority.Urgent, area, ConversationSentiment.Negative), after.Version, Ct);
        Assert.Equal(after.Version, await w.V(id));

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.R.Conversations.TriageAsync(w.Alex, id, new ConversationTriage(ConversationPriority.Urgent, 99_999, null), after.Version, Ct));
        Assert.Equal("Choose a service area.", bad.Errors["ServiceAreaId"]);
        bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            w.R.Conversations.TriageAsync(w.Alex, id, new ConversationTriage((ConversationPriority)7, area, (ConversationSentiment)9), after.Version, Ct));
        Assert.Equal(new Dictionary<string, string> { ["Priority"] = "Choose a priority.", ["Sentiment"] = "Choose negative, neutral or positive." }, bad.Errors);
        var gone = await Assert.ThrowsAsync<NotFoundException>(() =>
            w.R.Conversations.TriageAsync(w.Alex, 999_999, new ConversationTriage(ConversationPriority.Low, null, null), after.Version, Ct));
        Assert.Equal("That conversation no longer exists.", gone.Message);

        await using var check = w.Database.NewContext();
        var entry = await check.AuditEntries.SingleAsync(a => a.EntityType == "Conversation" && a.EntityId == id && a.Action == "triaged", Ct);
        Assert.Contains("\"priority\":\"Normal\"", entry.Before);
        Assert.Contains("\"priority\":\"Urgent\"", entry.After);
        Assert.Contains("\"sentiment\":\"Negative\"", entry.After);
    }

    [Fact]
    public async Task Tags_are_normalised_limited_to_ten_and_unreadable_ones_are_named()
    {
        await using var w = await WorldAsync();
        var id = await w.LogAsync("Mould in my flat");
        await w.R.Conversations.SetTagsAsync(w.Alex, id, ["  Damp   and MOULD ", "#complaint", "complaint"], await w.V(id), Ct);
        Assert.Equal(["complaint", "damp and mould"], (await w.R.Conversations.GetAsync(id, Ct))!.Summary.Tags);

        var odd = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await w.R.Conversations.SetTagsAsync(w.Alex, id, ["<script>"], await w.V(id), Ct));
        Assert.Contains("\"<script>\" is not a tag", odd.Errors["Tags"]);
        var many = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await w.R.Conversations.SetTagsAsync(w.Alex, id, Enumerable.Range(1, 11).Select(i => $"tag {i}").ToList(), await w.V(id), Ct));
        Assert.Equal("At most 10 tags on one conversation.", many.Errors["Tags"]);
        await w.R.Conversations.SetTagsAsync(w.Alex, id, Enumerable.Range(1, 10).Select(i => $"tag {i}").ToList(), await w.V(id), Ct);
        Assert.Equal(10, (await w.R.Conversations.GetAsync(id, Ct))!.Summary.Tags.Count);
        await w.R.Conversations.SetTagsAsync(w.Alex, id, [], await w.V(id), Ct);
        Assert.Empty((await w.R.Conversations.GetAsync(id, Ct))!.Summary.Tags);
        Assert.Equal(new string('a', 40), ResponseRules.NormaliseTag(new string('A', 40)));
        Assert.Null(ResponseRules.NormaliseTag(new string('a', 41)));
        Assert.Null(ResponseRules.NormaliseTag(" # "));
    }

    [Fact]
    public async Task Closing_without_a_reply_needs_a_reason_keeps_it_and_can_be_undone_by_reopening()
    {
        await using var w = await WorldAsync();
        var id = await w.LogAsync("Thanks to the crew");
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(async () => await w.R.Conversations.CloseAsync(w.Alex, id, "  ", await w.V(id), Ct));
        Assert.True(missing.Errors.ContainsKey("Reason"));
        await Assert.ThrowsAsync<ValidationFailedException>(async () => await w.R.Conversations.CloseAsync(w.Alex, id, new string('x', 1001), await w.V(id), Ct));
        await w.R.Conversations.CloseAsync(w.Alex, id, new string('x', 1000), await w.V(id), Ct);

        var closed = (await w.R.Conversations.GetAsync(id, Ct))!;
        Assert.Equal(ConversationStatus.NoReplyNeeded, closed.Summary.Status);
        Assert.Equal(1000, closed.ClosedReason!.Length);
        Assert.Equal(w.Clock.GetUtcNow().UtcDateTime, closed.ClosedAt);
        var again = await Assert.ThrowsAsync<InvalidStateException>(() => w.R.Conversations.CloseAsync(w.Alex, id, "again", closed.Version, Ct));
        Assert.Equal("This conversation is already closed without a reply.", again.Message);

        await w.R.Conversations.ReopenAsync(w.Alex, id, closed.Version, Ct);
        var reopened = (await w.R.Conversations.GetAsync(id, Ct))!;
        Assert.Equal(ConversationStatus.New, reopened.Summary.Status);
        Assert.Null(reopened.ClosedReason);
        var open = await Assert.ThrowsAsync<InvalidStateException>(() => w.R.Conversations.ReopenAsync(w.Alex, id, reopened.Version, Ct));
        Assert.Equal("Only a conversation closed without a reply can be reopened.", open.Message);

        // One with a draft goes back to being drafted, and the words for each state are the inbox's.
        var drafted = await w.LogAsync("Where is my permit?");
        await w.R.Responses.CreateAsync(w.Alex, new DraftInput("It is in the post.", [SocialChannel.X], null, []), drafted, Ct);
        var beingDrafted = await Assert.ThrowsAsync<InvalidStateException>(async () => await w.R.Conversations.ReopenAsync(w.Alex, drafted, await w.V(drafted), Ct));
        Assert.Equal("Only a conversation closed without a reply can be reopened.", beingDrafted.Message);
        await w.R.Conversations.CloseAsync(w.Alex, drafted, "Answered by phone", await w.V(drafted), Ct);
        await w.R.Conversations.ReopenAsync(w.Alex, drafted, await w.V(drafted), Ct);
        Assert.Equal(ConversationStatus.Drafting, (await w.R.Conversations.GetAsync(drafted, Ct))!.Summary.Status);
        Assert.Equal(["new", "being drafted", "answered", "closed without a reply"],
            new[] { ConversationStatus.New, ConversationStatus.Drafting, ConversationStatus.Answered, ConversationStatus.NoReplyNeeded }
                .Select(ConversationService.StatusWords));

        await using var db = w.Database.NewContext();
        Assert.Equal(["closed", "reopened"], await db.AuditEntries.Where(a => a.EntityType == "Conversation" && a.EntityId == id && a.Action != "created")
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_managed_tag_list_is_for_comms_managers_and_audited()
    {
        await using var w = await WorldAsync();
        await Assert.ThrowsAsync<PermissionDeniedException>(() => w.R.Settings.AddTagAsync(w.Alex, "complaint", Ct));
        await w.R.Settings.AddTagAsync(w.Jordan, " Complaint ", Ct);
        await w.R.Settings.AddTagAsync(w.Jordan, "complaint", Ct);
        var tags = await w.R.Settings.ListTagsAsync(Ct);
        Assert.Equal(["complaint"], tags.Select(t => t.Name));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.R.Settings.AddTagAsync(w.Jordan, "a/b", Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => w.R.Settings.RemoveTagAsync(w.Alex, tags[0].Id, Ct));
        await w.R.Settings.RemoveTagAsync(w.Jordan, tags[0].Id, Ct);
        Assert.Empty(await w.R.Settings.ListTagsAsync(Ct));
        await using var db = w.Database.NewContext();
        Assert.Equal(["tag-added", "tag-removed"], await db.AuditEntries.Where(a => a.EntityType == "InboxTag").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }
}
