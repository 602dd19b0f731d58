using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>Conversations escalate, never expire: near the target the assignee hears once; past it the area's comms managers, once.</summary>
public class ConversationEscalationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(TestDatabase Database, ResponseServices R, ConversationEscalationSweep Sweep, FakeTimeProvider Clock,
        Actor Alex, Actor Jordan, int Hannah, int WasteArea) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public async Task<List<(int Recipient, string Kind)>> NotificationsAsync(string prefix)
        {
            await using var db = Database.NewContext();
            return (await db.Notifications.Where(n => n.Kind.StartsWith(prefix)).OrderBy(n => n.Id).Select(n => new { n.RecipientId, n.Kind }).ToListAsync(Ct))
                .Select(n => (n.RecipientId, n.Kind)).ToList();
        }
    }

    private static async Task<World> WorldAsync()
    {
        // Tuesday 1 December 2026, 09:00 UK time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var sweep = new ConversationEscalationSweep(database.Factory, r.Operations, r.Conversations, r.Notifications, r.Options,
            TestHost.Calendar(database, clock), clock, NullLogger<ConversationEscalationSweep>.Instance);
        int area, hannah;
        await using (var db = database.NewContext())
        {
            area = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
            hannah = await db.People.Where(p => p.Email == "hannah.brooks@example.org").Select(p => p.Id).SingleAsync(Ct);
        }
        return new World(database, r, sweep, clock, await database.ActorAsync(Demo.Employee), await database.ActorAsync(Demo.Comms), hannah, area);
    }

    [Fact]
    public async Task Near_the_target_the_assignee_is_told_once_and_past_it_the_comms_managers_once_however_often_the_sweep_runs()
    {
        await using var w = await WorldAsync();
        // High priority: 4 working hours, so "near" (75 %) is at 3 hours, 12:00; the breach after 13:00.
        var id = await w.R.Conversations.LogAsync(w.Alex, new ConversationInput(SocialChannel.X, "@resident", null, "Missed bins again",
            w.Clock.GetUtcNow().UtcDateTime, w.WasteArea, ConversationPriority.High), Ct);
        await w.R.Conversations.AssignAsync(w.Alex, id, w.Alex.PersonId, (await w.R.Conversations.GetAsync(id, Ct))!.Version, Ct);

        w.Clock.Advance(TimeSpan.FromHours(2.9));
        Assert.Equal(0, await w.Sweep.RunAsync(Ct));
        w.Clock.Advance(TimeSpan.FromHours(0.2));
        Assert.Equal(1, await w.Sweep.RunAsync(Ct));
        Assert.Equal(0, await w.Sweep.RunAsync(Ct));
        Assert.Equal([(w.Alex.PersonId, "conversation-near-target")], await w.NotificationsAsync("conversation-"));

        w.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await w.Sweep.RunAsync(Ct));
        await Task.WhenAll(w.Sweep.RunAsync(Ct), w.Sweep.RunAsync(Ct));
        // Waste & Recycling has no comms manager of its own, so every comms manager (Jordan, Hannah) hears of the breach — once a day.
        Assert.Equal([(w.Alex.PersonId, "conversation-near-target"), (w.Jordan.PersonId, "conversation-breached"), (w.Hannah, "conversation-breached")],
            await w.NotificationsAsync("conversation-"));
        w.Clock.Advance(TimeSpan.FromDays(30));
        await w.Sweep.RunAsync(Ct);
        await w.Sweep.RunAsync(Ct);
        // Never expires: still unanswered a month later, so that day's summary reminds them (once).
        Assert.Equal([(w.Alex.PersonId, "conversation-near-target"), (w.Jordan.PersonId, "conversation-breached"), (w.Hannah, "conversation-breached"),
            (w.Jordan.PersonId, "conversation-breached"), (w.Hannah, "conversation-breached")], await w.NotificationsAsync("conversation-"));
    }

    [Fact]
    public async Task A_breach_goes_to_the_comms_managers_of_the_areas_department_when_it_has_any_and_nothing_is_sent_once_answered()
    {
        await using var w = await WorldAsync();
        var nina = await NinaAsCommsManagerAsync(w); // Waste & Recycling's own comms manager
        var received = w.Clock.GetUtcNow().UtcDateTime;
        var breached = await w.R.Conversations.LogAsync(w.Alex, new ConversationInput(SocialChannel.X, "@a", null, "Urgent one", received, w.WasteArea,
            ConversationPriority.Urgent), Ct);
        var closed = await w.R.Conversations.LogAsync(w.Alex, new ConversationInput(SocialChannel.X, "@b", null, "Closed one", received, w.WasteArea,
            ConversationPriority.Urgent), Ct);
        await w.R.Conversations.CloseAsync(w.Alex, closed, "Duplicate of another message", (await w.R.Conversations.GetAsync(closed, Ct))!.Version, Ct);

        w.Clock.Advance(TimeSpan.FromHours(2));
        await w.Sweep.RunAsync(Ct);
        var sent = await w.NotificationsAsync("conversation-");
        Assert.Equal([(nina, "conversation-breached")], sent);
        await using var check = w.Database.NewContext();
        var link = await check.Notifications.Where(n => n.Kind == "conversation-breached").Select(n => n.Link).SingleAsync(Ct);
        Assert.Equal($"/responses/conversations/{breached}", link);
    }

    [Fact]
    public async Task An_unassigned_conversation_near_its_target_tells_the_comms_managers_and_old_rows_get_a_due_time_first()
    {
        await using var w = await WorldAsync();
        var id = await w.R.Conversations.LogAsync(w.Alex, new ConversationInput(SocialChannel.X, "@c", null, "Normal one",
            w.Clock.GetUtcNow().UtcDateTime, null, ConversationPriority.Normal), Ct);
        await using (var db = w.Database.NewContext())
        {
            await db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DueAt, (DateTime?)null), Ct);
        }
        // 16 working hours: 75 % is 12 hours, Wednesday 13:00.
        w.Clock.Advance(TimeSpan.FromHours(28.5));
        await w.Sweep.RunAsync(Ct);
        Assert.Equal([(w.Jordan.PersonId, "conversation-near-target"), (w.Hannah, "conversation-near-target")], await w.NotificationsAsync("conversation-"));
        Assert.Equal(new DateTime(2026, 12, 2, 17, 0, 0), (await w.R.Conversations.GetAsync(id, Ct))!.Summary.DueAt);
    }

    [Fact]
    public async Task A_backlog_is_one_summary_per_comms_manager_with_the_count_not_one_notification_per_conversation()
    {
        await using var w = await WorldAsync();
        var received = w.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 30; i++)
        {
            await w.R.Conversations.LogAsync(w.Alex, new ConversationInput(SocialChannel.X, $"@r{i}", null, $"Message {i}", received, w.WasteArea,
                ConversationPriority.Urgent), Ct);
        }
        w.Clock.Advance(TimeSpan.FromHours(2));
        await Task.WhenAll(w.Sweep.RunAsync(Ct), w.Sweep.RunAsync(Ct));

        Assert.Equal([(w.Jordan.PersonId, "conversation-breached"), (w.Hannah, "conversation-breached")], await w.NotificationsAsync("conversation-"));
        await using var check = w.Database.NewContext();
        var summary = await check.Notifications.Where(n => n.RecipientId == w.Jordan.PersonId && n.Kind == "conversation-breached").SingleAsync(Ct);
        Assert.Equal(("30 conversations are past their response target", "/responses"), (summary.Title, summary.Link));

        // One answered: the same summary, rewritten with the new count.
        var first = await check.Conversations.Where(c => c.AuthorHandle == "@r0").Select(c => c.Id).SingleAsync(Ct);
        await w.R.Conversations.CloseAsync(w.Alex, first, "Answered by phone", (await w.R.Conversations.GetAsync(first, Ct))!.Version, Ct);
        await w.Sweep.RunAsync(Ct);
        await using var again = w.Database.NewContext();
        Assert.Equal("29 conversations are past their response target",
            await again.Notifications.Where(n => n.RecipientId == w.Jordan.PersonId && n.Kind == "conversation-breached").Select(n => n.Title).SingleAsync(Ct));
    }

    private static async Task<List<(int Recipient, string Title, string? Text, string Link)>> MessagesAsync(World w, string kind)
    {
        await using var db = w.Database.NewContext();
        return (await db.Notifications.Where(n => n.Kind == kind).OrderBy(n => n.Id).Select(n => new { n.RecipientId, n.Title, n.Text, n.Link }).ToListAsync(Ct))
            .Select(n => (n.RecipientId, n.Title, n.Text, n.Link)).ToList();
    }

    /// <summary>Makes Nina Petrova (Waste &amp; Recycling) a comms manager, so that department has one of its own.</summary>
    private static async Task<int> NinaAsCommsManagerAsync(World w)
    {
        await using var db = w.Database.NewContext();
        var nina = await db.People.Where(p => p.Email == "nina.petrova@example.org").Select(p => p.Id).SingleAsync(Ct);
        db.PersonRoles.Add(new StaffVoice.Web.Features.People.PersonRole { PersonId = nina, Role = Roles.CommsManager });
        await db.SaveChangesAsync(Ct);
        return nina;
    }

    private static Task<int> LogAsync(World w, string handle, ConversationPriority priority, int? area = null) =>
        w.R.Conversations.LogAsync(w.Alex, new ConversationInput(SocialChannel.X, handle, null, $"Message from {handle}",
            w.Clock.GetUtcNow().UtcDateTime, area ?? w.WasteArea, priority), Ct);

    [Fact]
    public async Task The_assignee_is_told_the_target_and_the_working_hours_left()
    {
        await using var w = await WorldAsync();
        var id = await LogAsync(w, "@resident", ConversationPriority.High);
        await w.R.Conversations.AssignAsync(w.Alex, id, w.Alex.PersonId, (await w.R.Conversations.GetAsync(id, Ct))!.Version, Ct);

        w.Clock.Advance(TimeSpan.FromHours(3)); // exactly 75 % of 4 working hours
        await w.Sweep.RunAsync(Ct);

        Assert.Equal([(w.Alex.PersonId, "A conversation nears its 4-hour target", "@resident on X: 1.0 working hours left.", $"/responses/conversations/{id}")],
            await MessagesAsync(w, "conversation-near-target"));
    }

    [Fact]
    public async Task One_unassigned_conversation_near_its_target_is_named_and_several_are_counted()
    {
        await using var w = await WorldAsync();
        var first = await LogAsync(w, "@first", ConversationPriority.Urgent);
        w.Clock.Advance(TimeSpan.FromMinutes(10));
        await LogAsync(w, "@second", ConversationPriority.Urgent);

        w.Clock.Advance(TimeSpan.FromMinutes(36)); // the first has used 46 of its 60 minutes, the second 36
        await w.Sweep.RunAsync(Ct);
        const string assign = "Assign them so someone answers in time.";
        Assert.Equal([(w.Jordan.PersonId, "An unassigned conversation nears its response target", assign, $"/responses/conversations/{first}"),
            (w.Hannah, "An unassigned conversation nears its response target", assign, $"/responses/conversations/{first}")],
            await MessagesAsync(w, "conversation-near-target"));

        w.Clock.Advance(TimeSpan.FromMinutes(10));
        await w.Sweep.RunAsync(Ct);
        Assert.Equal([(w.Jordan.PersonId, "2 unassigned conversations near their response target", assign, "/responses"),
            (w.Hannah, "2 unassigned conversations near their response target", assign, "/responses")],
            await MessagesAsync(w, "conversation-near-target"));
    }

    [Fact]
    public async Task A_conversation_being_drafted_is_past_its_target_at_its_due_time_and_inactive_comms_managers_are_not_told()
    {
        await using var w = await WorldAsync();
        var id = await LogAsync(w, "@late", ConversationPriority.Urgent);
        await w.R.Responses.CreateAsync(w.Alex, new DraftInput("Thanks, we are looking into it.", [SocialChannel.X], null, []), id, Ct);
        await using (var db = w.Database.NewContext())
        {
            await db.People.Where(p => p.Id == w.Hannah).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false), Ct);
        }

        w.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        await w.Sweep.RunAsync(Ct);
        Assert.Empty(await MessagesAsync(w, "conversation-breached"));

        w.Clock.Advance(TimeSpan.FromSeconds(1));
        await w.Sweep.RunAsync(Ct);
        Assert.Equal([(w.Jordan.PersonId, "A conversation is past its response target", "Answer, reassign or close them: the inbox sorts the most overdue first.",
            $"/responses/conversations/{id}")], await MessagesAsync(w, "conversation-breached"));
    }

    [Fact]
    public async Task Near_the_target_each_assigned_conversation_tells_its_assignee_and_an_unassigned_one_its_departments_comms_manager()
    {
        await using var w = await WorldAsync();
        var nina = await NinaAsCommsManagerAsync(w); // Waste & Recycling's own comms manager
        var first = await LogAsync(w, "@one", ConversationPriority.Urgent);
        var second = await LogAsync(w, "@two", ConversationPriority.Urgent);
        foreach (var id in new[] { first, second })
        {
            await w.R.Conversations.AssignAsync(w.Alex, id, w.Alex.PersonId, (await w.R.Conversations.GetAsync(id, Ct))!.Version, Ct);
        }
        var unassigned = await LogAsync(w, "@three", ConversationPriority.Urgent); // Bin collections: Waste & Recycling, Nina's department

        w.Clock.Advance(TimeSpan.FromMinutes(46));
        await w.Sweep.RunAsync(Ct);
        Assert.Equal([(w.Alex.PersonId, $"/responses/conversations/{first}"), (w.Alex.PersonId, $"/responses/conversations/{second}"),
            (nina, $"/responses/conversations/{unassigned}")], (await MessagesAsync(w, "conversation-near-target")).Select(m => (m.Recipient, m.Link)));
    }

    [Fact]
    public async Task A_conversation_first_swept_at_its_due_time_is_past_its_target_not_near_it()
    {
        await using var w = await WorldAsync();
        await LogAsync(w, "@due", ConversationPriority.Urgent);
        w.Clock.Advance(TimeSpan.FromHours(1));
        await w.Sweep.RunAsync(Ct);
        Assert.Equal([(w.Jordan.PersonId, "conversation-breached"), (w.Hannah, "conversation-breached")], await w.NotificationsAsync("conversation-"));
    }

    [Fact]
    public async Task An_unassigned_conversation_still_nearing_its_target_on_a_later_day_gets_that_days_summary()
    {
        await using var w = await WorldAsync();
        // Low priority: 40 working hours from Tuesday 09:00, due Monday 17:00; near (30 hours) from Friday 15:00.
        await LogAsync(w, "@slow", ConversationPriority.Low);
        w.Clock.Advance(new TimeSpan(3, 6, 30, 0));
        await w.Sweep.RunAsync(Ct);
        w.Clock.Advance(new TimeSpan(2, 18, 30, 0)); // Monday 10:00
        await w.Sweep.RunAsync(Ct);
        Assert.Equal([(w.Jordan.PersonId, "conversation-near-target"), (w.Hannah, "conversation-near-target"),
            (w.Jordan.PersonId, "conversation-near-target"), (w.Hannah, "conversation-near-target")], await w.NotificationsAsync("conversation-"));
    }

    [Fact]
    public async Task More_than_a_batch_of_conversations_nearing_their_target_are_each_counted_once()
    {
        await using var w = await WorldAsync();
        var received = w.Clock.GetUtcNow().UtcDateTime;
        await using (var db = w.Database.NewContext())
        {
            // Logged before due times existed: the sweep gives them one first, a thousand at a time.
            db.Conversations.AddRange(Enumerable.Range(0, 1_001).Select(i => new Conversation
            {
                Channel = SocialChannel.X, AuthorHandle = $"@n{i}", Text = $"Message {i}", ReceivedAt = received, Priority = ConversationPriority.Urgent,
                Status = ConversationStatus.New, LoggedById = w.Alex.PersonId, ImportKey = $"test:{i}",
            }));
            await db.SaveChangesAsync(Ct);
        }
        w.Clock.Advance(TimeSpan.FromMinutes(46));
        await w.Sweep.RunAsync(Ct);
        Assert.Equal([(w.Jordan.PersonId, "1,001 unassigned conversations near their response target"),
            (w.Hannah, "1,001 unassigned conversations near their response target")],
            (await MessagesAsync(w, "conversation-near-target")).Select(m => (m.Recipient, m.Title)));
        await using var check = w.Database.NewContext();
        Assert.Equal(0, await check.Conversations.CountAsync(c => c.DueAt == null, Ct));
    }
}
