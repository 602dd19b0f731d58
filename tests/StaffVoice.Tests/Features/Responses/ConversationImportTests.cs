using Microsoft.EntityFrameworkCore;
using System.Text;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

public class ConversationImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string File = """
        channel,author_handle,link,text,received_at,service_area,priority,external_id
        X,@resident1,https://x.example/1,"Bins not collected, again",2026-01-05T09:00:00Z,Bin collections,High,111
        Bluesky,@resident2,,"He said ""thanks""
        over two lines",2026-01-05T10:00:00Z,,Low,222
        Fax,@resident3,,Wrong channel,2026-01-05T10:00:00Z,,,333
        X,,,No handle,2026-01-05T10:00:00Z,,,444
        X,@resident5,,Bad date,yesterday,,,555
        X,@resident6,javascript:alert(1),Bad link,2026-01-05T10:00:00Z,,,666
        X,@resident7,,Unknown area,2026-01-05T10:00:00Z,Moon landings,,777
        X,@resident1,https://x.example/1,"Bins not collected, again",2026-01-05T09:00:00Z,Bin collections,High,111
        """;

    private static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Good_rows_are_imported_bad_rows_are_reported_with_the_reason_and_nothing_is_imported_twice()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var jordan = await database.ActorAsync(Demo.Comms);

        var report = await r.Conversations.ImportCsvAsync(jordan, Csv(File), Ct);

        Assert.Equal(2, report.ImportedCount);
        Assert.Contains(report.Rows, row => row.Line == 5 && !row.Imported && row.Message.Contains("channel \"Fax\""));
        Assert.Contains(report.Rows, row => row.Line == 6 && row.Message.Contains("author_handle"));
        Assert.Contains(report.Rows, row => row.Line == 7 && row.Message.Contains("received_at"));
        Assert.Contains(report.Rows, row => row.Line == 8 && row.Message.Contains("link"));
        Assert.Contains(report.Rows, row => row.Line == 9 && row.Message.Contains("Moon landings"));
        Assert.Contains(report.Rows, row => row.Line == 10 && row.Message.Contains("earlier in this file"));
        var multiline = await r.Conversations.GetAsync(report.Rows.Single(row => row.Line == 3).ConversationId!.Value, Ct);
        Assert.Equal("He said \"thanks\"\nover two lines", multiline!.Summary.Text);

        var again = await r.Conversations.ImportCsvAsync(jordan, Csv(File), Ct);
        Assert.Equal(0, again.ImportedCount);
        Assert.Equal(2, again.Rows.Count(row => row.Message.Contains("already imported")));
    }

    [Fact]
    public async Task Only_comms_managers_import_and_a_file_without_the_required_columns_is_refused_whole()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(async () =>
            await r.Conversations.ImportCsvAsync(await database.ActorAsync(Demo.Employee), Csv(File), Ct));
        Assert.EndsWith(" role can import conversations.", refused.Message);
        var report = await r.Conversations.ImportCsvAsync(await database.ActorAsync(Demo.Comms), Csv("channel,text\nX,hello"), Ct);
        Assert.Equal((1, false, "The header row lacks the column(s): author_handle, received_at.", (int?)null),
            (report.Rows.Single().Line, report.Rows.Single().Imported, report.Rows.Single().Message, report.Rows.Single().ConversationId));
    }

    [Fact]
    public async Task A_file_with_exactly_the_columns_the_page_lists_imports_every_field()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var jordan = await database.ActorAsync(Demo.Comms);
        var csv = string.Join(",", ConversationService.ImportColumns) + "\n" +
            "Facebook,@resident9,https://facebook.example/p/9,Missed bin on Elm Road,2026-01-05T09:00:00Z,Bin collections,Urgent,fb-9\n";

        var report = await r.Conversations.ImportCsvAsync(jordan, Csv(csv), Ct);

        var view = (await r.Conversations.GetAsync(report.Rows.Single().ConversationId!.Value, Ct))!;
        Assert.Equal((SocialChannel.Facebook, "@resident9", "https://facebook.example/p/9", "Missed bin on Elm Road",
                new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), "Bin collections", ConversationPriority.Urgent),
            (view.Summary.Channel, view.Summary.AuthorHandle, view.Link, view.Summary.Text, view.Summary.ReceivedAt, view.Summary.ServiceArea,
                view.Summary.Priority));
        await using var db = database.NewContext();
        Assert.Equal("Facebook:fb-9", await db.Conversations.Where(c => c.Id == view.Summary.Id).Select(c => c.ImportKey).SingleAsync(Ct));
    }
}
