using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>
/// The words a person logging or importing conversations is given for each problem, and what is kept of what they
/// typed (ConversationImportTests and StrictImportTests cover the file format itself).
/// </summary>
public class ConversationDetailsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    /// <summary>The responses services on a fresh seeded database whose clock stands at <see cref="Now"/>.</summary>
    private static async Task<ResponseServices> ServicesAsync()
    {
        var clock = new FakeTimeProvider(Now);
        return new ResponseServices(await TestDatabase.CreateAsync(clock, seed: true), clock);
    }

    private const string Header = "channel,author_handle,link,text,received_at,service_area,priority,external_id\n";

    [Fact]
    public async Task A_logged_conversation_needs_a_writer_a_text_a_web_address_and_a_time_not_in_the_future_and_is_kept_cleaned()
    {
        var r = await ServicesAsync();
        await using var database = r.Database;
        var alex = await database.ActorAsync(Demo.Employee);
        ConversationInput Input(string handle = "@resident", string? link = null, string text = "Missed bins again", DateTime? received = null) =>
            new(SocialChannel.X, handle, link, text, received ?? Now.AddHours(-1), null, ConversationPriority.Normal);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Conversations.LogAsync(alex, Input(handle: " \u202E ", link: "ftp://x.example/1", text: "\u0007", received: Now.AddMinutes(6)), Ct));
        Assert.Equal(new Dictionary<string, string>
        {
            ["AuthorHandle"] = "Enter who wrote it (up to 100 characters).",
            ["Text"] = "Enter what they wrote.",
            ["Link"] = "Enter the full address of the post, starting with https://.",
            ["ReceivedAt"] = "The time received cannot be in the future.",
        }, error.Errors);
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Conversations.LogAsync(alex, Input(handle: new string('h', 101), text: new string('t', ResponseRules.ConversationTextMax + 1)), Ct));
        Assert.Equal("Enter who wrote it (up to 100 characters).", error.Errors["AuthorHandle"]);
        Assert.Equal("At most 5,000 characters.", error.Errors["Text"]);
        error = await Assert.ThrowsAsync<ValidationFailedException>(() => r.Conversations.LogAsync(alex, Input(link: "x.example/status/1"), Ct));
        Assert.Equal(["Link"], error.Errors.Keys);
        await using (var db = database.NewContext()) Assert.Equal(0, await db.Conversations.CountAsync(Ct));

        // At the limits, and a clock a few minutes ahead of ours is not "the future".
        var longest = await r.Conversations.LogAsync(alex, Input(handle: new string('h', 100), text: new string('t', ResponseRules.ConversationTextMax),
            received: Now.AddMinutes(4)), Ct);
        Assert.Equal(ResponseRules.ConversationTextMax, (await r.Conversations.GetAsync(longest, Ct))!.Summary.Text.Length);

        var id = await r.Conversations.LogAsync(alex,
            Input(handle: "  @bins\u202Efan  ", link: "  https://x.example/bins/1  ", text: "  Missed\u0000 bins again  "), Ct);
        var view = (await r.Conversations.GetAsync(id, Ct))!;
        Assert.Equal(("@binsfan", "https://x.example/bins/1", "Missed bins again"), (view.Summary.AuthorHandle, view.Link, view.Summary.Text));
        Assert.Equal("Alex Morgan", view.LoggedBy);
        Assert.Equal(ConversationStatus.New, view.Summary.Status);
        Assert.Null((await r.Conversations.GetAsync(await r.Conversations.LogAsync(alex, Input(link: "   "), Ct), Ct))!.Link);
        var created = Assert.Single(await r.Audit.ForAsync("Conversation", id, Ct));
        Assert.Equal(("created", "Alex Morgan"), (created.Action, created.ActorName));
        Assert.Null(await r.Conversations.GetAsync(999_999, Ct));
    }

    [Fact]
    public async Task Each_bad_row_is_named_with_every_problem_in_one_sentence_and_good_rows_are_imported_with_their_line_on_the_record()
    {
        var r = await ServicesAsync();
        await using var database = r.Database;
        var jordan = await database.ActorAsync(Demo.Comms);
        var file = " Channel ,AUTHOR_HANDLE,link,text,received_at,service_area,priority,external_id\n"
            + "x,@one,https://x.example/1,Bins missed,2026-03-02T08:00:00Z,parking PERMITS,urgent,1\n"
            + "X,,,,2026-03-02T08:00:00Z,,,2\n"
            + "Fax,@three,,Wrong channel,2026-03-02T08:00:00Z,,7,3\n"
            + "X,@four,ftp://x.example/4,Old link,2026-03-02T09:06:00Z,Moon landings,,4\n"
            + "X,@five,,Soon,2026-03-02T09:04:00Z,,,5\n"
            + "Bluesky,@six,,Same id on another network,2026-03-02T08:00:00Z,,,1\n"
            + "X,@seven,,Same id on the same network,2026-03-02T08:00:00Z,,,1\n"
            + "X,@eight,,No id,yesterday,,,\n";

        var report = await r.Conversations.ImportCsvAsync(jordan, Csv(file), Ct);

        Assert.Equal(
        [
            (2, true, "Imported."),
            (3, false, "Rejected: author_handle is empty or longer than 100 characters; text is empty or longer than 5,000 characters."),
            (4, false, "Rejected: channel \"Fax\" is not one of X, Bluesky, Mastodon, Instagram, LinkedIn, Facebook; "
                + "priority \"7\" is not one of Low, Normal, High, Urgent."),
            (5, false, "Rejected: received_at is in the future; link is not an http(s) address; service_area \"Moon landings\" is not a known service area."),
            (6, true, "Imported."),
            (7, true, "Imported."),
            (8, false, "Skipped: the same message appears earlier in this file."),
            (9, false, "Rejected: received_at \"yesterday\" is not an ISO 8601 date and time (use 2026-11-29T09:30:00Z)."),
        ], report.Rows.Select(row => (row.Line, row.Imported, row.Message)));
        Assert.All(report.Rows, row => Assert.Equal(row.Imported, row.ConversationId is not null));

        var first = (await r.Conversations.GetAsync(report.Rows[0].ConversationId!.Value, Ct))!;
        Assert.Equal((SocialChannel.X, "Parking permits", ConversationPriority.Urgent, "https://x.example/1"),
            (first.Summary.Channel, first.Summary.ServiceArea, first.Summary.Priority, first.Link));
        var entry = Assert.Single(await r.Audit.ForAsync("Conversation", first.Summary.Id, Ct));
        Assert.Equal(("imported", "CSV import, line 2"), (entry.Action, entry.Details));
        var soon = (await r.Conversations.GetAsync(report.Rows[4].ConversationId!.Value, Ct))!;
        Assert.Equal((ConversationPriority.Normal, (string?)null), (soon.Summary.Priority, soon.Link));
    }

    [Fact]
    public async Task A_file_too_large_or_empty_is_refused_whole_and_rows_past_the_limit_are_named_not_read()
    {
        var r = await ServicesAsync();
        await using var database = r.Database;
        var jordan = await database.ActorAsync(Demo.Comms);

        var huge = new byte[ConversationService.MaxImportChars + 1];
        Array.Fill(huge, (byte)'a');
        var tooLarge = await r.Conversations.ImportCsvAsync(jordan, new MemoryStream(huge), Ct);
        Assert.Equal([(1, false, "The file is larger than 5 MB; split it into smaller files.")], tooLarge.Rows.Select(row => (row.Line, row.Imported, row.Message)));
        // Exactly the limit is read (here: one long header without the required columns).
        var atLimit = await r.Conversations.ImportCsvAsync(jordan, new MemoryStream(huge, 0, ConversationService.MaxImportChars), Ct);
        Assert.StartsWith("The header row lacks the column(s): channel,", atLimit.Rows.Single().Message);

        var empty = await r.Conversations.ImportCsvAsync(jordan, Csv(""), Ct);
        Assert.Equal([(1, false, "The file is empty: it needs a header row and at least one message.")], empty.Rows.Select(row => (row.Line, row.Imported, row.Message)));

        var missing = await r.Conversations.ImportCsvAsync(jordan, Csv("link,priority\nhttps://x.example/1,Low\n"), Ct);
        Assert.Equal("The header row lacks the column(s): channel, author_handle, text, received_at.", missing.Rows.Single().Message);

        var builder = new StringBuilder(Header);
        for (var i = 0; i <= ConversationService.MaxImportRows; i++) builder.Append($"X,@person{i},,Message {i},2026-01-05T09:00:00Z,,,{i}\n");
        var limited = await r.Conversations.ImportCsvAsync(jordan, Csv(builder.ToString()), Ct);
        Assert.Equal(ConversationService.MaxImportRows, limited.ImportedCount);
        var notRead = Assert.Single(limited.Rows, row => !row.Imported);
        Assert.Equal((ConversationService.MaxImportRows + 2, "Not read: only 5,000 rows are read per file; split the file."), (notRead.Line, notRead.Message));
        await using var db = database.NewContext();
        Assert.Equal(ConversationService.MaxImportRows, await db.Conversations.CountAsync(Ct));
        Assert.Equal(ConversationService.MaxImportRows, await db.AuditEntries.CountAsync(a => a.EntityType == "Conversation" && a.Action == "imported", Ct));
    }
}
