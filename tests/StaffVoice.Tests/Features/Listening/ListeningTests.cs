using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.Listening;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Listening;

/// <summary>
/// The listening loop on a real SQLite database: insights without personal data, ideas with evidence and support,
/// follow-up by the area's owners only, the people told of each move, and "You said, we did" with its exports.
/// </summary>
public class ListeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(TestDatabase Database, ListeningService Listening, FakeTimeProvider Clock, int BinArea, int ParkingArea) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private static async Task<Setup> SetupAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        var listening = new ListeningService(database.Factory, TestHost.Operations(database, clock),
            new NotificationService(database.Factory, clock, new NotificationEvents()), new SqliteKnowledgeSearch(database.Factory),
            Options.Create(new ResponseOptions()), clock);
        await using var db = database.NewContext();
        var bins = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
        var parking = await db.ServiceAreas.Where(a => a.Name == "Parking permits").Select(a => a.Id).SingleAsync(Ct);
        return new Setup(database, listening, clock, bins, parking);
    }

    [Theory]
    [InlineData("Resident at jo.bloggs@mail.example asked about the bins.", "jo.bloggs@mail.example")]
    [InlineData("Caller on 07700 900123 asked about the bins again.", "07700 900123")]
    [InlineData("@marnie_k says the recycling was missed again.", "@marnie_k")]
    [InlineData("Mrs Patel says the recycling was missed again.", "Mrs Patel")]
    [InlineData("Caller quoted CASE-123456 about the missed bins.", "CASE-123456")]
    public async Task An_insight_naming_or_reaching_a_person_is_refused_with_what_to_remove(string text, string found)
    {
        await using var s = await SetupAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.RecordInsightAsync(alex,
            new InsightInput(text, InsightChannel.Phone, s.BinArea, ConversationSentiment.Negative, []), Ct));
        Assert.Equal(["Text"], refused.Errors.Keys);
        Assert.Contains(found, refused.Errors["Text"]);
        await using var db = s.Database.NewContext();
        Assert.Equal(0, await db.Insights.CountAsync(Ct));
    }

    [Fact]
    public async Task A_clean_insight_is_recorded_with_normalised_themes_its_conversation_and_an_audit_entry()
    {
        await using var s = await SetupAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.RecordInsightAsync(alex,
            new InsightInput("short", InsightChannel.Phone, null, ConversationSentiment.Negative, ["a", "b", "c", "d", "e", "f"]), Ct));
        Assert.Equal(["ServiceAreaId", "Text", "Themes"], invalid.Errors.Keys.Order());
        var badTheme = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.RecordInsightAsync(alex,
            new InsightInput("Residents ask when bins are collected.", InsightChannel.Phone, s.BinArea, ConversationSentiment.Negative, ["<b>"]), Ct));
        Assert.Equal(["Themes"], badTheme.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Listening.RecordInsightAsync(alex,
            new InsightInput("Residents ask when bins are collected.", InsightChannel.Phone, s.BinArea, ConversationSentiment.Negative, [], ConversationId: 999), Ct));

        var id = await s.Listening.RecordInsightAsync(alex, new InsightInput("  Residents ask when\u202E bins are collected.  ", InsightChannel.WebForm,
            s.BinArea, ConversationSentiment.Neutral, ["Missed  Collections", "#website", "website"]), Ct);

        var item = (await s.Listening.GetInsightAsync(id, Ct))!;
        Assert.Equal("Residents ask when bins are collected.", item.Text);
        Assert.Equal(["missed collections", "website"], item.Themes);
        Assert.Equal("Bin collections", item.ServiceArea);
        Assert.Equal(["missed collections", "website"], (await s.Listening.ThemesAsync(Ct)).Order());
        var page = await s.Listening.ListInsightsAsync(new InsightFilter(Theme: "Website"), ct: Ct);
        Assert.Equal(1, page.Total);
        Assert.Equal(0, (await s.Listening.ListInsightsAsync(new InsightFilter(s.ParkingArea), ct: Ct)).Total);
        await using var db = s.Database.NewContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == "Insight" && a.EntityId == id && a.Action == "insight-recorded", Ct));
    }

    [Fact]
    public async Task An_idea_gathers_evidence_and_one_support_per_person_and_its_owners_hear_of_it()
    {
        await using var s = await SetupAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var nina = await s.Database.ActorAsync("nina.petrova@example.org");
        var george = await s.Database.ActorAsync("george.mills@example.org");
        var admin = await s.Database.ActorAsync(Demo.Admin);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => s.Listening.SetOwnersAsync(alex, s.BinArea, [nina.PersonId], Ct));
        await s.Listening.SetOwnersAsync(admin, s.BinArea, [nina.PersonId], Ct);
        var insight = await s.Listening.RecordInsightAsync(george, new InsightInput("Nobody tells residents when a missed bin is collected.",
            InsightChannel.Phone, s.BinArea, ConversationSentiment.Negative, ["updates"]), Ct);

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.ProposeIdeaAsync(alex, new IdeaInput("Hi", "", "", null, []), Ct));
        Assert.Equal(["Problem", "Proposal", "ServiceAreaId", "Title"], invalid.Errors.Keys.Order());
        var id = await s.Listening.ProposeIdeaAsync(alex, new IdeaInput("Text residents when a missed bin is collected",
            "Residents chase us about missed bins.", "Send a text with the recollection day.", s.BinArea, [insight]), Ct);

        var view = (await s.Listening.GetIdeaAsync(george, id, Ct))!;
        Assert.Equal(IdeaStatus.Proposed, view.Status);
        Assert.Equal(1, view.Supporters); // the proposer
        Assert.False(view.ISupport);
        Assert.False(view.CanChangeStatus);
        Assert.Equal([insight], view.Evidence.Select(e => e.Id));
        Assert.Equal(["Nina Petrova"], view.Owners);
        Assert.True((await s.Listening.GetIdeaAsync(nina, id, Ct))!.CanChangeStatus);

        await s.Listening.SetSupportAsync(george, id, true, Ct);
        await s.Listening.SetSupportAsync(george, id, true, Ct);
        Assert.Equal(2, (await s.Listening.GetIdeaAsync(george, id, Ct))!.Supporters);
        await s.Listening.SetSupportAsync(george, id, false, Ct);
        Assert.Equal(1, (await s.Listening.GetIdeaAsync(george, id, Ct))!.Supporters);
        await s.Listening.LinkEvidenceAsync(george, id, [insight], Ct); // already linked: nothing changes
        Assert.Single((await s.Listening.GetIdeaAsync(george, id, Ct))!.Evidence);
        Assert.Empty(await s.Listening.EvidenceCandidatesAsync(id, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Listening.LinkEvidenceAsync(george, id, [9999], Ct));
        await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.CommentAsync(george, id, " ", Ct));
        await s.Listening.CommentAsync(george, id, "We get ten calls a day about this.", Ct);

        await using var db = s.Database.NewContext();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == nina.PersonId && n.Kind == "idea-owner", Ct));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == nina.PersonId && n.Kind == "idea-proposed", Ct));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == alex.PersonId && n.Kind == "idea-comment", Ct));
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.RecipientId == alex.PersonId && n.Kind == "idea-proposed", Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == "Idea" && a.EntityId == id && a.Action == "idea-proposed", Ct));
    }

    [Fact]
    public async Task Only_owners_and_administrators_move_an_idea_each_move_tells_its_people_once_and_done_lands_on_you_said_we_did()
    {
        await using var s = await SetupAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var nina = await s.Database.ActorAsync("nina.petrova@example.org");
        var george = await s.Database.ActorAsync("george.mills@example.org");
        var ben = await s.Database.ActorAsync("ben.carter@example.org");
        var admin = await s.Database.ActorAsync(Demo.Admin);
        await s.Listening.SetOwnersAsync(admin, s.BinArea, [nina.PersonId], Ct);
        var insight = await s.Listening.RecordInsightAsync(george, new InsightInput("Nobody tells residents when a missed bin is collected.",
            InsightChannel.Phone, s.BinArea, ConversationSentiment.Negative, []), Ct);
        var id = await s.Listening.ProposeIdeaAsync(alex, new IdeaInput("Text residents about missed bins",
            "Residents chase us about missed bins.", "Send a text with the recollection day.", s.BinArea, [insight]), Ct);
        await s.Listening.SetSupportAsync(ben, id, true, Ct);
        Guid Version() => s.Listening.GetIdeaAsync(alex, id, Ct).GetAwaiter().GetResult()!.Version;

        await Assert.ThrowsAsync<PermissionDeniedException>(() => s.Listening.ChangeStatusAsync(alex, id, IdeaStatus.Done, "We did it all already.", Version(), Ct));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.ChangeStatusAsync(nina, id, IdeaStatus.NotDoing, " ", Version(), Ct));
        Assert.Equal(["Note"], noReason.Errors.Keys);
        await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.ChangeStatusAsync(nina, id, IdeaStatus.Done, "done", Version(), Ct));
        var stale = Version();
        s.Clock.Advance(TimeSpan.FromDays(2));
        await s.Listening.ChangeStatusAsync(nina, id, IdeaStatus.Planned, null, stale, Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => s.Listening.ChangeStatusAsync(admin, id, IdeaStatus.InProgress, null, stale, Ct));
        Assert.Empty(await s.Listening.YouSaidWeDidAsync(ct: Ct));

        s.Clock.Advance(TimeSpan.FromDays(30));
        await s.Listening.ChangeStatusAsync(admin, id, IdeaStatus.Done, "Residents now get a text with the recollection day.", Version(), Ct);
        var done = (await s.Listening.GetIdeaAsync(alex, id, Ct))!;
        Assert.Equal(IdeaStatus.Done, done.Status);
        Assert.Equal(s.Clock.GetUtcNow().UtcDateTime, done.DoneAt);
        Assert.Equal([IdeaStatus.Planned, IdeaStatus.Done], done.History.Select(h => h.To));
        await Assert.ThrowsAsync<InvalidStateException>(() => s.Listening.SetSupportAsync(george, id, true, Ct));
        var said = Assert.Single(await s.Listening.YouSaidWeDidAsync(ct: Ct));
        Assert.Equal(("Text residents about missed bins", "Residents now get a text with the recollection day.", 1, 2, "Waste & Recycling"),
            (said.Title, said.WhatWeDid, said.Evidence, said.Supporters, said.Department));
        Assert.Empty(await s.Listening.YouSaidWeDidAsync(s.ParkingArea, Ct));

        // The proposer (a supporter), the other supporter and the insight's author: told of each move once; the mover never.
        await using var db = s.Database.NewContext();
        foreach (var person in new[] { alex, ben, george })
        {
            Assert.Equal(2, await db.Notifications.CountAsync(n => n.RecipientId == person.PersonId && n.Kind == "idea-status", Ct));
        }
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.RecipientId == nina.PersonId && n.Kind == "idea-status", Ct));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == alex.PersonId && n.Title == "“Text residents about missed bins” is now done"
            && n.Text == "Residents now get a text with the recollection day." && n.Link == $"/ideas/{id}", Ct));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "Idea" && a.EntityId == id && a.Action == "idea-status-changed", Ct));
        Assert.Equal("ideas", NotificationCategories.For("idea-status").Key);

        // Moving it back from Done takes it off "You said, we did".
        await s.Listening.ChangeStatusAsync(nina, id, IdeaStatus.InProgress, "Texts paused while the provider changes.", Version(), Ct);
        Assert.Empty(await s.Listening.YouSaidWeDidAsync(ct: Ct));
        Assert.Null((await s.Listening.GetIdeaAsync(alex, id, Ct))!.DoneAt);
    }

    [Fact]
    public async Task An_insight_is_deleted_by_its_author_or_an_administrator_and_its_words_never_reach_the_record()
    {
        await using var s = await SetupAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var george = await s.Database.ActorAsync("george.mills@example.org");
        var admin = await s.Database.ActorAsync(Demo.Admin);
        var first = await s.Listening.RecordInsightAsync(george, new InsightInput("Residents say Agnes at number 4 is upset.", InsightChannel.Phone,
            s.BinArea, ConversationSentiment.Negative, ["bins"]), Ct);
        var second = await s.Listening.RecordInsightAsync(george, new InsightInput("Residents ask when the bins are collected.", InsightChannel.Phone,
            s.BinArea, ConversationSentiment.Neutral, []), Ct);
        var idea = await s.Listening.ProposeIdeaAsync(alex, new IdeaInput("Print collection days on the bins", "Residents ask.", "Print the day on every bin.",
            s.BinArea, [first, second]), Ct);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => s.Listening.DeleteInsightAsync(alex, first, Ct));
        await s.Listening.DeleteInsightAsync(george, first, Ct);
        await s.Listening.DeleteInsightAsync(admin, second, Ct);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Listening.DeleteInsightAsync(admin, second, Ct));

        Assert.Empty((await s.Listening.GetIdeaAsync(alex, idea, Ct))!.Evidence);
        await using var db = s.Database.NewContext();
        Assert.Equal(0, await db.InsightThemes.CountAsync(Ct));
        var record = await db.AuditEntries.Where(a => a.EntityType == "Insight").ToListAsync(Ct);
        Assert.Equal(2, record.Count(a => a.Action == "insight-deleted"));
        Assert.DoesNotContain(record, a => $"{a.Before} {a.After} {a.Details}".Contains("Agnes"));
    }

    [Fact]
    public async Task Each_text_is_taken_at_its_limit_and_refused_one_past_it_with_a_message_next_to_the_field()
    {
        await using var s = await SetupAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var admin = await s.Database.ActorAsync(Demo.Admin);
        static string Of(int length) => new('b', length);

        var insight = await s.Listening.RecordInsightAsync(alex, new InsightInput(Of(ListeningRules.InsightMax), InsightChannel.Phone, s.BinArea, ConversationSentiment.Neutral, []), Ct);
        Assert.Equal(ListeningRules.InsightMax, (await s.Listening.GetInsightAsync(insight, Ct))!.Text.Length);
        var longInsight = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.RecordInsightAsync(alex,
            new InsightInput(Of(ListeningRules.InsightMax + 1), InsightChannel.Phone, s.BinArea, ConversationSentiment.Neutral, []), Ct));
        Assert.Equal("Write what was said in 10 to 500 characters.", longInsight.Errors["Text"]);

        var idea = await s.Listening.ProposeIdeaAsync(alex, new IdeaInput(Of(ListeningRules.TitleMax), Of(ListeningRules.TextMax), Of(ListeningRules.TextMax), s.BinArea, []), Ct);
        var view = (await s.Listening.GetIdeaAsync(alex, idea, Ct))!;
        Assert.Equal((ListeningRules.TitleMax, ListeningRules.TextMax, ListeningRules.TextMax), (view.Title.Length, view.Problem.Length, view.Proposal.Length));
        var longIdea = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.ProposeIdeaAsync(alex,
            new IdeaInput(Of(ListeningRules.TitleMax + 1), Of(ListeningRules.TextMax + 1), Of(ListeningRules.TextMax + 1), s.BinArea, []), Ct));
        Assert.Equal(["Problem", "Proposal", "Title"], longIdea.Errors.Keys.Order());
        Assert.Equal("Give it a title of 5 to 150 characters.", longIdea.Errors["Title"]);

        await s.Listening.CommentAsync(alex, idea, Of(ListeningRules.CommentMax), Ct);
        var longComment = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Listening.CommentAsync(alex, idea, Of(ListeningRules.CommentMax + 1), Ct));
        Assert.Equal("Write a comment of 2 to 2,000 characters.", longComment.Errors["Comment"]);

        var longNote = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Listening.ChangeStatusAsync(admin, idea, IdeaStatus.Done, Of(ListeningRules.NoteMax + 1), view.Version, Ct));
        Assert.Equal("Keep the note to 1,000 characters.", longNote.Errors["Note"]);
        await s.Listening.ChangeStatusAsync(admin, idea, IdeaStatus.Done, Of(ListeningRules.NoteMax), view.Version, Ct);
        Assert.Equal(ListeningRules.NoteMax, (await s.Listening.GetIdeaAsync(alex, idea, Ct))!.StatusNote!.Length);
    }

    [Fact]
    public async Task Similar_ideas_are_found_by_the_words_of_a_title_and_ideas_stay_out_of_knowledge_search()
    {
        await using var s = await SetupAsync();
        var alex = await s.Database.ActorAsync(Demo.Employee);
        var id = await s.Listening.ProposeIdeaAsync(alex, new IdeaInput("Visitor parking permits on a phone",
            "The form fails on phones.", "Rebuild the form for small screens.", s.ParkingArea, []), Ct);

        var similar = await s.Listening.SimilarIdeasAsync("permits for visitors", Ct);
        Assert.Equal([id], similar.Select(h => h.ItemId));
        Assert.Equal($"/ideas/{id}", similar[0].Link);
        Assert.Empty(await s.Listening.SimilarIdeasAsync("bin", Ct));
        var knowledge = new SqliteKnowledgeSearch(s.Database.Factory);
        Assert.DoesNotContain((await knowledge.SearchAsync(new SearchQuery("permits"), Ct)).Hits, h => h.Kind == SearchKind.Idea);
        Assert.DoesNotContain(await knowledge.SimilarAsync("Visitor parking permits", ct: Ct), h => h.Kind == SearchKind.Idea);
    }

    [Fact]
    public void The_exports_escape_what_people_wrote_for_each_format()
    {
        var calendar = TestHost.Calendar();
        var item = new YouSaidWeDidItem(1, "Bins *now* <b>weekly</b>", "Bin collections", "Waste & Recycling", "=HYPERLINK(\"x\") # missed\nagain",
            "We did [this](javascript:alert(1)) <script>alert(1)</script>", 3, 4, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 6, 30, 23, 30, 0, DateTimeKind.Utc));

        var md = YouSaidWeDidExport.Markdown([item], "Northbridge City Council", calendar);
        Assert.Contains(@"## Bins \*now\* \<b\>weekly\</b\>", md);
        Assert.Contains(@"We did \[this\]\(javascript:alert\(1\)\)", md);
        Assert.Contains("done 1 July 2026", md); // organisation time: 00:30 BST on 1 July
        Assert.Contains("3 things residents told us", md);
        Assert.DoesNotContain("\nagain", md);

        var html = YouSaidWeDidExport.Html([item], "Northbridge <City>", calendar);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("Northbridge &lt;City&gt;", html);
        Assert.Contains("<html lang=\"en-GB\">", html);
        Assert.Contains("<time datetime=\"2026-07-01\">1 July 2026</time>", html);
        Assert.DoesNotContain("http", html); // self-contained: nothing fetched from anywhere

        var csv = System.Text.Encoding.UTF8.GetString(YouSaidWeDidExport.Csv([item])).TrimStart('\uFEFF');
        Assert.StartsWith("title,service_area,department,you_said,we_did,evidence,supporters,proposed_utc,done_utc", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\") # missed", csv);
        Assert.Contains("Nothing is marked done yet.", YouSaidWeDidExport.Markdown([], "N", calendar));
    }
}
