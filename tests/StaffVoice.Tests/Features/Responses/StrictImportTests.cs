using System.Text;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>The import never guesses: what it cannot read is named with its line, and nothing is silently rewritten.</summary>
public class StrictImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Header = "channel,author_handle,text,received_at,priority\n";

    private static async Task<(ImportReport Report, ResponseServices R, TestDatabase Database)> ImportAsync(byte[] bytes)
    {
        var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var report = await r.Conversations.ImportCsvAsync(await database.ActorAsync(Demo.Comms), new MemoryStream(bytes), Ct);
        return (report, r, database);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task An_unterminated_quote_is_named_with_its_line_and_every_line_after_it_is_reported_not_swallowed()
    {
        var (report, _, database) = await ImportAsync(Utf8(Header +
            "X,@one,Fine,2026-01-05T09:00:00Z,\n" +
            "X,@two,\"Never closed,2026-01-05T09:00:00Z,\n" +
            "X,@three,Swallowed?,2026-01-05T09:00:00Z,\n" +
            "X,@four,Swallowed too?,2026-01-05T09:00:00Z,\n"));
        await using var _ = database;

        Assert.Equal(1, report.ImportedCount);
        Assert.Contains(report.Rows, row => row.Line == 3 && row.Message.Contains("closing quote is missing"));
        Assert.Contains(report.Rows, row => row.Line == 4 && !row.Imported && row.Message.Contains("past line 3"));
        Assert.Contains(report.Rows, row => row.Line == 5 && !row.Imported && row.Message.Contains("past line 3"));
    }

    [Fact]
    public async Task A_quote_that_is_not_doubled_is_an_error_not_a_rewrite()
    {
        var (report, r, database) = await ImportAsync(Utf8(Header + "X,@one,\"He said \"hi\" ok\",2026-01-05T09:00:00Z,\n"));
        await using var _ = database;

        Assert.Equal(0, report.ImportedCount);
        Assert.Contains(report.Rows, row => row.Line == 2 && row.Message.Contains("written twice"));
    }

    [Fact]
    public async Task Latin_1_bytes_are_refused_with_the_line_they_are_on()
    {
        var bytes = Utf8(Header + "X,@one,Fine,2026-01-05T09:00:00Z,\n").Concat(
            Encoding.Latin1.GetBytes("X,@two,Caf\u00e9 closed,2026-01-05T09:00:00Z,\n")).ToArray();
        var (report, _, database) = await ImportAsync(bytes);
        await using var _ = database;

        var row = Assert.Single(report.Rows);
        Assert.False(row.Imported);
        Assert.Contains("Line 3 is not UTF-8", row.Message);
    }

    [Fact]
    public async Task A_UTF_16_file_with_its_byte_order_mark_is_read()
    {
        var text = Header + "X,@one,Caf\u00e9 closed,2026-01-05T09:00:00Z,\n";
        var (report, r, database) = await ImportAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        await using var _ = database;

        Assert.Equal(1, report.ImportedCount);
        Assert.Equal("Caf\u00e9 closed", (await r.Conversations.GetAsync(report.Rows.Single().ConversationId!.Value, Ct))!.Summary.Text);
    }

    [Theory]
    [InlineData("99", "", "channel")]
    [InlineData("-1", "", "channel")]
    [InlineData("X", "7", "priority")]
    [InlineData("X", "\"High,Urgent\"", "priority")]
    public async Task Enum_values_are_taken_by_name_only(string channel, string priority, string rejectedField)
    {
        var (report, _, database) = await ImportAsync(Utf8(Header + $"{channel},@one,Text,2026-01-05T09:00:00Z,{priority}\n"));
        await using var _ = database;

        var row = Assert.Single(report.Rows);
        Assert.False(row.Imported);
        Assert.Contains(rejectedField, row.Message);
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("02/01/2026 09:00")]
    [InlineData("yesterday")]
    public async Task Only_ISO_8601_times_are_accepted(string received)
    {
        var (report, _, database) = await ImportAsync(Utf8(Header + $"X,@one,Text,{received},\n"));
        await using var _ = database;
        Assert.Contains("ISO 8601", Assert.Single(report.Rows).Message);
    }

    [Fact]
    public async Task Control_and_bidi_override_characters_are_removed_before_storing()
    {
        var (report, r, database) = await ImportAsync(Utf8(Header + "X,@one\u0007,\"Pay \u202Eyenom\u202C now\tplease\",2026-01-05T09:00:00+01:00,\n"));
        await using var _ = database;

        var view = await r.Conversations.GetAsync(report.Rows.Single().ConversationId!.Value, Ct);
        Assert.Equal("@one", view!.Summary.AuthorHandle);
        Assert.Equal("Pay yenom now\tplease", view.Summary.Text);
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc), view.Summary.ReceivedAt);
    }

    [Fact]
    public async Task A_row_longer_than_the_reader_s_buffer_is_rejected_with_its_line_and_the_rows_after_it_are_imported()
    {
        var longText = new string('x', 100_000);
        var (report, _, database) = await ImportAsync(Utf8(Header +
            $"X,@one,First,2026-01-05T09:00:00Z,\nX,@two,{longText},2026-01-05T09:00:00Z,\nX,@three,Third,2026-01-05T09:00:00Z,\n"));
        await using var _ = database;

        Assert.Equal([(2, true), (3, false), (4, true)], report.Rows.Select(row => (row.Line, row.Imported)));
        Assert.Equal("Rejected: text is empty or longer than 5,000 characters.", report.Rows[1].Message);
    }

    [Fact]
    public async Task Every_imported_conversation_has_its_own_audit_entry()
    {
        var (report, _, database) = await ImportAsync(Utf8(Header +
            "X,@one,First,2026-01-05T09:00:00Z,\nX,@two,Second,2026-01-05T09:00:00Z,\nX,@three,Third,2026-01-05T09:00:00Z,\n"));
        await using var _ = database;

        await using var db = database.NewContext();
        var audited = await db.AuditEntries.Where(a => a.Action == "imported" && a.EntityType == "Conversation").Select(a => a.EntityId).ToListAsync(Ct);
        Assert.Equal(report.Rows.Select(row => row.ConversationId!.Value).Order(), audited.Order());
    }

    [Fact]
    public async Task Progress_is_reported_on_large_files()
    {
        var builder = new StringBuilder(Header);
        for (var i = 0; i < 1_000; i++) builder.Append(CultureInfo($"X,@person{i},Message {i},2026-01-05T09:00:00Z,\n"));
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var seen = new List<ImportProgress>();
        var report = await r.Conversations.ImportCsvAsync(await database.ActorAsync(Demo.Comms), new MemoryStream(Utf8(builder.ToString())), Ct,
            new SynchronousProgress(seen.Add));

        Assert.Equal(1_000, report.ImportedCount);
        Assert.Equal([250, 500, 750, 1_000, 1_000], seen.Select(p => p.RowsRead));
        Assert.All(seen, p => Assert.Equal(1_000, p.RowsTotal));
    }

    private static string CultureInfo(string text) => text;

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

public class CsvFilesTests
{
    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+44 7700", "'+44 7700")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("  =1+1", "'  =1+1")]
    [InlineData("plain", "plain")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData("   ", "   ")]
    [InlineData(null, null)]
    public void Formulas_are_neutralised_by_one_rule(string? value, string? expected) => Assert.Equal(expected, CsvFiles.Neutralise(value));

    [Fact]
    public void What_is_written_reads_back_the_same_with_quotes_commas_and_line_breaks()
    {
        var rows = new[] { new[] { "He said \"hi\", then left", "two\nlines" }, new[] { "=evil()", null } };
        var bytes = CsvFiles.Write(["a", "b"], rows);

        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()));
        var read = CsvFiles.Read(bytes);
        Assert.Equal(["a", "b"], read.Header);
        Assert.Equal(["He said \"hi\", then left", "two\nlines"], read.Records[0].Fields);
        Assert.Equal(["'=evil()", ""], read.Records[1].Fields);
        Assert.Equal(4, read.Records[1].Line);
    }

    [Fact]
    public void Lines_are_counted_across_multi_line_fields_and_blank_lines()
    {
        var read = CsvFiles.Read(Encoding.UTF8.GetBytes("a,b\n\"one\ntwo\",\"three\nfour\nfive\"\n\nx,y"));
        Assert.Equal(["a", "b"], read.Header);
        Assert.Equal(2, read.Records.Count);
        Assert.Equal(2, read.Records[0].Line);
        Assert.Equal(7, read.Records[1].Line); // the quoted fields span lines 2-5, line 6 is blank
        Assert.Equal(["x", "y"], read.Records[1].Fields);
        Assert.Empty(read.Unread);
    }

    [Fact]
    public void An_unclosed_quote_on_the_last_line_without_a_line_break_is_reported_alone()
    {
        var read = CsvFiles.Read(Encoding.UTF8.GetBytes("a,b\n1,2\n\"open,3"));
        var unread = Assert.Single(read.Unread);
        Assert.Equal(3, unread.Line);
        Assert.Contains("closing quote is missing", unread.Message);
    }

    [Fact]
    public void An_unclosed_quote_reports_each_line_after_it_once()
    {
        var read = CsvFiles.Read(Encoding.UTF8.GetBytes("a,b\n\"open,1\n2,3\n4,5\n"));
        Assert.Equal([2, 3, 4], read.Unread.Select(u => u.Line));
    }

    [Fact]
    public void A_header_only_file_has_no_records_and_no_problem()
    {
        var read = CsvFiles.Read(Encoding.UTF8.GetBytes("a,b\n"));
        Assert.Equal(["a", "b"], read.Header);
        Assert.Empty(read.Records);
        Assert.Null(read.Problem);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n', (byte)'1' })]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0, (byte)'\n', 0, (byte)'1', 0 })]
    [InlineData(new byte[] { 0xFE, 0xFF, 0, (byte)'a', 0, (byte)'\n', 0, (byte)'1' })]
    public void Byte_order_marks_are_honoured_and_not_read_as_text(byte[] bytes)
    {
        var read = CsvFiles.Read(bytes);
        Assert.Equal(["a"], read.Header);
        Assert.Equal("1", read.Records.Single().Fields[0]);
    }

    [Fact]
    public void Invalid_utf8_on_the_first_line_names_line_1_and_says_what_to_do()
    {
        var read = CsvFiles.Read([(byte)'a', 0xE9, (byte)'\n', (byte)'1']);
        Assert.StartsWith("Line 1 is not UTF-8", read.Problem);
        Assert.Contains("Save it as \"CSV UTF-8\"", read.Problem);
    }

    [Fact]
    public void An_unclosed_quote_in_a_file_without_a_final_line_break_reports_every_line_after_it()
    {
        var read = CsvFiles.Read(Encoding.UTF8.GetBytes("a,b\n\"open,1\n2,3\n4,5"));
        Assert.Equal([2, 3, 4], read.Unread.Select(u => u.Line));
    }

    [Fact]
    public void Exactly_one_block_of_rows_and_no_rows_both_write_a_header()
    {
        var empty = CsvFiles.Read(CsvFiles.Write(["n"], []));
        Assert.Equal(["n"], empty.Header);
        Assert.Empty(empty.Records);
        var block = CsvFiles.Read(CsvFiles.Write(["n"], Enumerable.Range(0, 500).Select(i => new string?[] { $"r{i}" })));
        Assert.Equal(500, block.Records.Count);
        Assert.Equal(["n"], block.Header);
    }

    [Fact]
    public void More_than_one_block_of_rows_is_written_with_one_header()
    {
        var bytes = CsvFiles.Write(["n"], Enumerable.Range(0, 1_234).Select(i => new string?[] { i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var read = CsvFiles.Read(bytes);
        Assert.Equal(1_234, read.Records.Count);
        Assert.Equal("1233", read.Records[^1].Fields[0]);
    }
}

public class ExportTests
{
    [Fact]
    public async Task The_audit_export_reads_every_row_of_the_range_across_pages_even_with_equal_times()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var at = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        await using (var db = database.NewContext())
        {
            db.AuditEntries.AddRange(Enumerable.Range(0, 2_345).Select(i => new AuditEntry
            {
                At = at.AddSeconds(i / 1_000), ActorName = "Bulk", Action = "tested", EntityType = "Test", EntityId = i,
            }));
            await db.SaveChangesAsync(ct);
        }
        var audit = new AuditTrail(database.Factory, TimeProvider.System);

        var items = await audit.Export(await database.ActorAsync(Demo.Admin), at, at.AddDays(1)).ToListAsync(ct);

        Assert.Equal(2_345, items.Count);
        Assert.Equal(Enumerable.Range(0, 2_345), items.Select(i => i.EntityId));
    }

    [Fact]
    public void Training_report_exports_neutralise_formulas_too()
    {
        var csv = Encoding.UTF8.GetString(StaffVoice.Web.Features.Training.TrainingReports.ToCsv(
            [new StaffVoice.Web.Features.Training.OverdueRow("=1+2", "Housing", "@course", DateTime.UtcNow, 3)]));
        Assert.Contains("'=1+2", csv);
        Assert.Contains("'@course", csv);
    }
}
