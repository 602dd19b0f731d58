using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

public static partial class DemoData
{
    private static readonly (SocialChannel Channel, string Handle, string Text, string Area, ConversationPriority Priority, int HoursAgo)[] Conversations =
    [
        (SocialChannel.X, "@marnie_k", "Third week running our recycling hasn't been collected on Elm Road. Who do I even talk to?", "Bin collections", ConversationPriority.High, 3),
        (SocialChannel.Facebook, "Dev Sharma", "How much is it to get an old fridge and a sofa taken away?", "Bulky waste collection", ConversationPriority.Normal, 20),
        (SocialChannel.Bluesky, "@cyclingmum.bsky.social", "Massive pothole on Station Road by the school gates. Someone will come off their bike.", "Roads and potholes", ConversationPriority.Urgent, 2),
        (SocialChannel.X, "@tenant_voice", "Mould in my flat for 3 months and still no inspection. @NorthbridgeCC this is a health risk.", "Council housing repairs", ConversationPriority.High, 30),
        (SocialChannel.Mastodon, "@oldbus@toot.example", "My bus pass expires next month, do I need to apply again?", "Concessionary travel", ConversationPriority.Low, 50),
        (SocialChannel.Instagram, "northbridge.eats", "Do we need a licence for a food stall at the summer fair?", "Street trading", ConversationPriority.Normal, 70),
        (SocialChannel.LinkedIn, "Priya Doshi", "Great to see the council publishing its repairs timescales. Any plans for the same for licensing?", "Premises licences", ConversationPriority.Low, 100),
        (SocialChannel.X, "@parkingwoes", "Visitor permits site is down again!!", "Parking permits", ConversationPriority.High, 6),
        (SocialChannel.Facebook, "Gill Roberts", "Thank you to the crew who picked up my mum's bin from the back garden, so kind.", "Bin collections", ConversationPriority.Low, 26),
        (SocialChannel.X, "@newtonowner", "When do garden waste collections start again after Christmas?", "Bin collections", ConversationPriority.Normal, 8),
    ];

    /// <summary>Drafts in every state, driven through the real services so their revisions and audit trail are real.</summary>
    public static async Task SeedResponsesAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Conversations.AnyAsync(ct) || !await db.People.AnyAsync(ct)) return;
        var conversations = services.GetRequiredService<ConversationService>();
        var responses = services.GetRequiredService<ResponseService>();
        var settings = services.GetRequiredService<ResponseSettingsService>();
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow().UtcDateTime;

        var people = await db.People.AsNoTracking().Include(p => p.Roles).ToDictionaryAsync(p => p.Email, ct);
        var areas = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Name, a => a.Id, ct);
        Actor As(string email) => new(people[email].Id, people[email].DisplayName, people[email].Roles.Select(r => r.Role).ToHashSet());
        var alex = As("employee@example.org");
        var jordan = As("comms@example.org");
        var hannah = As("hannah.brooks@example.org");
        var nina = As("nina.petrova@example.org");
        var sam = As("trainer@example.org");
        var admin = As("admin@example.org");

        foreach (var phrase in new[] { "unfortunately", "as per", "going forward", "no comment" }) await settings.AddBannedAsync(jordan, phrase, ct);
        await settings.DeclareQuietPeriodAsync(admin, now.Date.AddDays(40), now.Date.AddDays(54), "Local election pre-election period", ct);

        var ids = new List<int>();
        foreach (var c in Conversations)
        {
            ids.Add(await conversations.LogAsync(alex, new ConversationInput(c.Channel, c.Handle, null, c.Text, now.AddHours(-c.HoursAgo),
                areas[c.Area], c.Priority), ct));
        }
        await SeedInboxAsync(conversations, settings, ids, alex, jordan, nina, ct);

        async Task<int> Draft(Actor author, int? conversation, string text, string area, params SocialChannel[] channels) =>
            await responses.CreateAsync(author, new DraftInput(text, channels, areas[area], []), conversation, ct);
        async Task<Guid> V(int id) => (await responses.GetAsync(admin, id, ct))!.Version;
        async Task Submit(Actor author, int id, params Actor[] reviewers) =>
            await responses.SubmitForReviewAsync(author, id, reviewers.Select(r => r.PersonId).ToList(), false, null, await V(id), ct);

        // Draft
        await Draft(alex, ids[1], "Hi Dev, a bulky waste collection is £35 for up to three items, and £8 for each extra item. Book on our website.",
            "Bulky waste collection", SocialChannel.Facebook);
        // In peer review
        var inReview = await Draft(alex, ids[0], "Sorry about the missed collections on Elm Road. We've asked the crew to return within two working days. Please DM us your address.",
            "Bin collections", SocialChannel.X);
        await Submit(alex, inReview, nina);
        // Changes requested
        var changes = await Draft(alex, ids[3], "We're sorry. A surveyor will inspect damp and mould within 10 working days. Please DM us your address.",
            "Council housing repairs", SocialChannel.X);
        await Submit(alex, changes, sam);
        await responses.RequestChangesAsync(sam, changes, "Say we prioritise homes with young children, and link the repairs page.", await V(changes), ct);
        // Awaiting approval
        var awaiting = await Draft(nina, ids[9], "Garden waste collections restart on Monday 12 January. Real trees are collected in the first two weeks of January.",
            "Bin collections", SocialChannel.X, SocialChannel.Facebook);
        await Submit(nina, awaiting, alex);
        await responses.EndorseAsync(alex, awaiting, await V(awaiting), ct);
        // Approved
        var approved = await Draft(hannah, ids[4], "Yes: older person's bus passes are renewed every five years. We send a reminder eight weeks before expiry.",
            "Concessionary travel", SocialChannel.Mastodon);
        await Submit(hannah, approved, alex);
        await responses.EndorseAsync(alex, approved, await V(approved), ct);
        await responses.ApproveAsync(jordan, approved, null, await V(approved), ct);
        // Scheduled (tomorrow)
        var scheduled = await Draft(alex, null, "Reminder: the recycling centres switch to winter hours (8am to 4pm) from 1 October. #RecyclingCentres",
            "Recycling centres", SocialChannel.X, SocialChannel.Facebook);
        await Submit(alex, scheduled, nina);
        await responses.EndorseAsync(nina, scheduled, await V(scheduled), ct);
        await responses.ApproveAsync(jordan, scheduled, null, await V(scheduled), ct);
        await responses.ScheduleAsync(jordan, scheduled, now.AddDays(1).Date.AddHours(9), await V(scheduled), ct);
        await responses.RescheduleAsync(jordan, scheduled, now.AddDays(2).Date.AddHours(10),
            "Moved a day so it does not clash with the bin-round announcement.", await V(scheduled), ct);
        // Published
        var published = await Draft(alex, ids[2], "Thank you for telling us. Our highways team will make the Station Road pothole safe within 24 hours.",
            "Roads and potholes", SocialChannel.Bluesky);
        await Submit(alex, published, nina);
        await responses.EndorseAsync(nina, published, await V(published), ct);
        await responses.ApproveAsync(jordan, published, null, await V(published), ct);
        await responses.ScheduleAsync(jordan, published, null, await V(published), ct);
        await services.GetRequiredService<PublishSweep>().RunAsync(ct);
        await responses.MarkPostedAsync(jordan, published, SocialChannel.Bluesky, "https://bsky.app/profile/northbridge.example/post/3kdemo", ct);
        await responses.SaveToLibraryAsync(jordan, published, "Pothole reported: made safe within 24 hours", ct);
        // Rejected
        var rejected = await Draft(alex, ids[7], "The permits site is working fine on our side, try clearing your cache.", "Parking permits", SocialChannel.X);
        await Submit(alex, rejected, nina);
        await responses.EndorseAsync(nina, rejected, await V(rejected), ct);
        await responses.RejectAsync(jordan, rejected, "It was down for an hour this morning: acknowledge that and apologise.", await V(rejected), ct);
        // Withdrawn
        var withdrawn = await Draft(alex, ids[5], "Yes, you need a street trading consent for the summer fair.", "Street trading", SocialChannel.Instagram);
        await responses.WithdrawAsync(alex, withdrawn, await V(withdrawn), ct);

        await SeedResponseHistoryAsync(services, conversations, jordan, now, ct);
    }

    /// <summary>Owners, tags, sentiment, a corrected priority and a closure on the open conversations, through the inbox's own service.</summary>
    private static async Task SeedInboxAsync(ConversationService conversations, ResponseSettingsService settings, List<int> ids,
        Actor alex, Actor jordan, Actor nina, CancellationToken ct)
    {
        foreach (var tag in new[] { "complaint", "missed collection", "praise", "website", "health and safety", "question" })
        {
            await settings.AddTagAsync(jordan, tag, ct);
        }
        async Task<Guid> V(int id) => (await conversations.GetAsync(id, ct))!.Version;
        await conversations.AssignAsync(alex, ids[0], alex.PersonId, await V(ids[0]), ct);
        await conversations.AssignAsync(jordan, ids[3], nina.PersonId, await V(ids[3]), ct);
        await conversations.AssignAsync(jordan, ids[2], jordan.PersonId, await V(ids[2]), ct);
        await conversations.AssignAsync(jordan, ids[9], alex.PersonId, await V(ids[9]), ct);
        await conversations.SetTagsAsync(alex, ids[0], ["missed collection", "complaint"], await V(ids[0]), ct);
        await conversations.SetTagsAsync(alex, ids[2], ["health and safety"], await V(ids[2]), ct);
        await conversations.SetTagsAsync(jordan, ids[3], ["complaint", "damp and mould"], await V(ids[3]), ct);
        await conversations.SetTagsAsync(jordan, ids[7], ["website"], await V(ids[7]), ct);
        await conversations.SetTagsAsync(alex, ids[1], ["question"], await V(ids[1]), ct);
        var first = (await conversations.GetAsync(ids[0], ct))!;
        await conversations.TriageAsync(alex, ids[0], new ConversationTriage(first.Summary.Priority, first.ServiceAreaId, ConversationSentiment.Negative), first.Version, ct);
        var permits = (await conversations.GetAsync(ids[7], ct))!;
        await conversations.TriageAsync(jordan, ids[7], new ConversationTriage(ConversationPriority.Urgent, permits.ServiceAreaId, ConversationSentiment.Negative), permits.Version, ct);
        var thanks = (await conversations.GetAsync(ids[8], ct))!;
        await conversations.TriageAsync(alex, ids[8], new ConversationTriage(thanks.Summary.Priority, thanks.ServiceAreaId, ConversationSentiment.Positive), thanks.Version, ct);
        await conversations.SetTagsAsync(alex, ids[8], ["praise"], await V(ids[8]), ct);
        await conversations.CloseAsync(alex, ids[8], "A thank-you: passed to the crew's supervisor; no public reply needed.", await V(ids[8]), ct);
    }

    /// <summary>
    /// Eight weeks of answered conversations, so the response-times report has weeks to compare. They are imported through
    /// the CSV import (audited like any import); their reply times are history and are written as such, without drafts.
    /// </summary>
    private static async Task SeedResponseHistoryAsync(IServiceProvider services, ConversationService conversations, Actor jordan, DateTime now,
        CancellationToken ct)
    {
        var areas = new[] { "Bin collections", "Roads and potholes", "Council housing repairs", "Parking permits", "Bulky waste collection" };
        var channels = new[] { SocialChannel.X, SocialChannel.Facebook, SocialChannel.Bluesky, SocialChannel.Instagram };
        var priorities = new[] { ConversationPriority.Normal, ConversationPriority.Normal, ConversationPriority.High, ConversationPriority.Low };
        var random = new Random(20261201);
        var csv = new System.Text.StringBuilder("channel,author_handle,text,received_at,service_area,priority,external_id\n");
        var replies = new Dictionary<string, (double FirstDraft, double Answered, bool Closed)>();
        for (var i = 0; i < 72; i++)
        {
            var received = now.Date.AddDays(-7 * 8 + i * 56.0 / 72).AddHours(9 + random.Next(0, 8)).AddMinutes(random.Next(0, 60));
            var area = areas[random.Next(areas.Length)];
            var id = $"history-{i:000}";
            csv.Append($"{channels[i % channels.Length]},@resident{i:000},\"A question about {area.ToLowerInvariant()} (demo history {i + 1})\",")
               .Append($"{received:yyyy-MM-ddTHH:mm:ssZ},{area},{priorities[random.Next(priorities.Length)]},{id}\n");
            // Later weeks answer faster: the trend the report should show.
            var speed = 1.6 - 1.0 * i / 72;
            replies[id] = (random.NextDouble() * 6 * speed + 0.3, random.NextDouble() * 30 * speed + 1, i % 11 == 5);
        }
        var report = await conversations.ImportCsvAsync(jordan, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.ToString())), ct);
        if (report.RejectedCount > 0) throw new InvalidOperationException("Demo history did not import: " + report.Rows.First(r => !r.Imported).Message);

        var factory = services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var imported = await db.Conversations.Where(c => c.ImportKey.Contains(":history-")).ToListAsync(ct);
        foreach (var c in imported)
        {
            var (firstDraft, answered, closed) = replies[c.ImportKey[(c.ImportKey.IndexOf(':') + 1)..]];
            if (closed)
            {
                c.Status = ConversationStatus.NoReplyNeeded;
                c.ClosedReason = "Demo history: no reply needed.";
                c.ClosedAt = c.ReceivedAt.AddHours(2);
                continue;
            }
            c.Status = ConversationStatus.Answered;
            c.FirstDraftAt = c.ReceivedAt.AddHours(firstDraft);
            c.AnsweredAt = c.ReceivedAt.AddHours(Math.Max(answered, firstDraft + 0.5));
        }
        await db.SaveChangesAsync(ct);
    }
}
