using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features.Listening;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

public static partial class DemoData
{
    private sealed record DemoInsight(string Key, string Email, string Text, InsightChannel Channel, string Area, ConversationSentiment Sentiment,
        string[] Themes, int DaysAgo, string? FromHandle = null);

    private static readonly DemoInsight[] Insights =
    [
        new("elm", "nina.petrova@example.org", "Recycling on Elm Road missed three weeks running; the resident did not know who to contact.", InsightChannel.X,
            "Bin collections", ConversationSentiment.Negative, ["missed collections", "contact"], 80, "@marnie_k"),
        new("missed-call", "george.mills@example.org", "Caller asked why nobody tells them when the missed bin will be picked up.", InsightChannel.Phone,
            "Bin collections", ConversationSentiment.Negative, ["missed collections", "updates"], 75),
        new("missed-web", "ben.carter@example.org", "Web form comment: reported a missed bin and heard nothing for a week.", InsightChannel.WebForm,
            "Bin collections", ConversationSentiment.Negative, ["missed collections", "updates"], 70),
        new("garden", "employee@example.org", "Residents ask every January when garden waste collections restart.", InsightChannel.X,
            "Bin collections", ConversationSentiment.Neutral, ["garden waste", "calendar"], 20, "@newtonowner"),
        new("thanks", "nina.petrova@example.org", "A resident thanked the crew for collecting a bin from the back garden of an elderly relative.", InsightChannel.Facebook,
            "Bin collections", ConversationSentiment.Positive, ["assisted collections"], 10, "Gill Roberts"),
        new("mould", "omar.haddad@example.org", "Tenant has had mould for three months with no inspection date.", InsightChannel.X,
            "Council housing repairs", ConversationSentiment.Negative, ["damp and mould", "waiting times"], 95, "@tenant_voice"),
        new("mould-call", "dana.kowalski@example.org", "Tenants keep asking how long a damp survey takes; we cannot point them to anything.", InsightChannel.Phone,
            "Council housing repairs", ConversationSentiment.Negative, ["damp and mould", "waiting times"], 90),
        new("permits", "elena.rossi@example.org", "Visitor permit site keeps failing on phones.", InsightChannel.X,
            "Parking permits", ConversationSentiment.Negative, ["website"], 40, "@parkingwoes"),
        new("permits-desk", "elena.rossi@example.org", "Visitors queue at the desk because the permit form does not load on a phone.", InsightChannel.InPerson,
            "Parking permits", ConversationSentiment.Negative, ["website", "waiting times"], 35),
        new("pothole", "ravi.patel@example.org", "Cyclist reported a pothole by the school gates and asked to send a photo.", InsightChannel.Bluesky,
            "Roads and potholes", ConversationSentiment.Negative, ["reporting", "safety"], 30, "@cyclingmum.bsky.social"),
        new("stall", "chloe.martin@example.org", "Food stall holders do not know which licences a summer fair needs.", InsightChannel.Instagram,
            "Street trading", ConversationSentiment.Neutral, ["licences", "events"], 15, "northbridge.eats"),
        new("weekly", "george.mills@example.org", "Caller asked for weekly recycling collections on Elm Road.", InsightChannel.Phone,
            "Bin collections", ConversationSentiment.Neutral, ["missed collections"], 60),
    ];

    private sealed record DemoIdea(string Email, string Title, string Problem, string Proposal, string Area, string[] Evidence,
        (IdeaStatus Status, string? Note, int DaysAgo)[] Moves, string[] Supporters, int DaysAgo);

    private static readonly DemoIdea[] Ideas =
    [
        new("nina.petrova@example.org", "Text residents when a missed bin will be collected",
            "Residents who report a missed bin hear nothing until the crew turns up, so they call again or post publicly.",
            "Send an automatic text with the recollection day when a missed bin is reported, and another when it is done.",
            "Bin collections", ["elm", "missed-call", "missed-web"],
            [(IdeaStatus.UnderReview, null, 65), (IdeaStatus.Planned, "Agreed with the crews; the text provider is already under contract.", 55),
                (IdeaStatus.InProgress, null, 45), (IdeaStatus.Done, "Since 1 October everyone who reports a missed bin gets a text with the recollection day, and a second one when it is collected.", 25)],
            ["george.mills@example.org", "ben.carter@example.org", "aisha.rahman@example.org", "employee@example.org"], 68),
        new("omar.haddad@example.org", "Publish how long damp and mould surveys take",
            "Tenants with damp or mould do not know when a surveyor will come, and chase us by phone and in public.",
            "Publish the survey timescale (10 working days) on the repairs page and in every acknowledgement.",
            "Council housing repairs", ["mould", "mould-call"],
            [(IdeaStatus.UnderReview, null, 85), (IdeaStatus.Done, "The repairs page and every acknowledgement now say a surveyor visits within 10 working days.", 60)],
            ["dana.kowalski@example.org", "helen.okafor@example.org", "employee@example.org"], 88),
        new("elena.rossi@example.org", "Make the visitor permit form work on phones",
            "Most visitors try to buy a permit on a phone; the form fails there and they queue at the desk.",
            "Rebuild the visitor permit form for small screens and test it with residents.",
            "Parking permits", ["permits", "permits-desk"],
            [(IdeaStatus.UnderReview, null, 33), (IdeaStatus.Planned, null, 25), (IdeaStatus.InProgress, "Supplier fix in testing; expected live next month.", 12)],
            ["kwame.mensah@example.org", "priya.raman@example.org"], 34),
        new("ravi.patel@example.org", "Report a pothole with a photo and a map pin",
            "People describe potholes in words; inspectors lose time finding them.",
            "Let residents attach a photo and drop a pin on a map when they report a pothole.",
            "Roads and potholes", ["pothole"],
            [(IdeaStatus.UnderReview, null, 20), (IdeaStatus.Planned, "In next year's highways system upgrade.", 8)],
            ["kwame.mensah@example.org", "employee@example.org"], 28),
        new("employee@example.org", "Show garden waste restart dates on the bin calendar",
            "Every January residents ask when garden waste collections restart.",
            "Print the restart date on the online bin calendar and in the December newsletter.",
            "Bin collections", ["garden"],
            [(IdeaStatus.UnderReview, null, 5)],
            ["nina.petrova@example.org"], 18),
        new("chloe.martin@example.org", "One licence checklist for summer fair food stalls",
            "Stall holders do not know which licences an event needs and ask several teams.",
            "Publish one checklist per event type, linked from the events page.",
            "Street trading", ["stall"], [],
            ["sofia.lindqvist@example.org"], 12),
        new("george.mills@example.org", "Weekly recycling collections on Elm Road",
            "Elm Road's recycling was missed several weeks running.",
            "Collect recycling weekly on Elm Road.",
            "Bin collections", ["weekly"],
            [(IdeaStatus.UnderReview, null, 50), (IdeaStatus.NotDoing, "Elm Road's misses came from a blocked access, now fixed; weekly rounds for one street would cost a whole extra crew.", 40)],
            [], 58),
    ];

    private static readonly (string Area, string[] Owners)[] AreaOwnerSeeds =
    [
        ("Bin collections", ["nina.petrova@example.org", "marcus.bell@example.org"]),
        ("Council housing repairs", ["omar.haddad@example.org"]),
        ("Parking permits", ["elena.rossi@example.org"]),
        ("Roads and potholes", ["ravi.patel@example.org"]),
        ("Street trading", ["chloe.martin@example.org"]),
    ];

    /// <summary>
    /// Area owners, insights (some from the seeded conversations) and ideas in every status, driven through the real
    /// service; then dated back over the last three months, so "You said, we did" and the history read as a real year.
    /// </summary>
    public static async Task SeedListeningAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Insights.AnyAsync(ct) || await db.Ideas.AnyAsync(ct) || !await db.People.AnyAsync(ct)) return;
        var listening = services.GetRequiredService<ListeningService>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var people = await db.People.AsNoTracking().Include(p => p.Roles).ToDictionaryAsync(p => p.Email, ct);
        var areas = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Name, a => a.Id, ct);
        var conversations = await db.Conversations.AsNoTracking().GroupBy(c => c.AuthorHandle).Select(g => new { g.Key, Id = g.Min(c => c.Id) })
            .ToDictionaryAsync(c => c.Key, c => c.Id, ct);
        Actor As(string email) => new(people[email].Id, people[email].DisplayName, people[email].Roles.Select(r => r.Role).ToHashSet());
        var admin = As("admin@example.org");

        foreach (var (area, owners) in AreaOwnerSeeds)
        {
            await listening.SetOwnersAsync(admin, areas[area], owners.Select(o => people[o].Id).ToList(), ct);
        }

        var insightIds = new Dictionary<string, int>();
        foreach (var i in Insights)
        {
            int? conversation = i.FromHandle is { } handle && conversations.TryGetValue(handle, out var cid) ? cid : null;
            var id = await listening.RecordInsightAsync(As(i.Email), new InsightInput(i.Text, i.Channel, areas[i.Area], i.Sentiment, i.Themes, conversation), ct);
            insightIds[i.Key] = id;
            await db.Insights.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, now.AddDays(-i.DaysAgo)), ct);
        }

        foreach (var idea in Ideas)
        {
            var id = await listening.ProposeIdeaAsync(As(idea.Email), new IdeaInput(idea.Title, idea.Problem, idea.Proposal, areas[idea.Area],
                idea.Evidence.Select(e => insightIds[e]).ToList()), ct);
            foreach (var supporter in idea.Supporters) await listening.SetSupportAsync(As(supporter), id, true, ct);
            var owner = As(AreaOwnerSeeds.Single(o => o.Area == idea.Area).Owners[0]);
            foreach (var (status, note, _) in idea.Moves)
            {
                var version = await db.Ideas.Where(x => x.Id == id).Select(x => x.Version).SingleAsync(ct);
                await listening.ChangeStatusAsync(owner, id, status, note, version, ct);
            }
            // Back-date what the services stamped "now": proposal, each move, and the last move on the idea itself.
            var created = now.AddDays(-idea.DaysAgo);
            var changes = await db.IdeaStatusChanges.Where(c => c.IdeaId == id).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
            for (var m = 0; m < changes.Count; m++)
            {
                var at = now.AddDays(-idea.Moves[m].DaysAgo);
                await db.IdeaStatusChanges.Where(c => c.Id == changes[m]).ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedAt, at), ct);
            }
            var last = idea.Moves.Length == 0 ? created : now.AddDays(-idea.Moves[^1].DaysAgo);
            await db.Ideas.Where(x => x.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.CreatedAt, created)
                .SetProperty(x => x.StatusChangedAt, last)
                .SetProperty(x => x.DoneAt, x => x.Status == IdeaStatus.Done ? last : null), ct);
            await db.IdeaSupports.Where(x => x.IdeaId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SupportedAt, created), ct);
        }

        var garden = await db.Ideas.Where(x => x.Title.StartsWith("Show garden waste")).Select(x => x.Id).SingleAsync(ct);
        await listening.CommentAsync(As("nina.petrova@example.org"), garden, "Good idea: the calendar team can add it before the December print run.", ct);
        await listening.CommentAsync(As("george.mills@example.org"), garden, "We had 40 calls about this last January.", ct);
    }
}
