using System.Collections;
using System.Data.Common;
using System.Text;
using Sylvan.Data.Csv;

namespace StaffVoice.Web.Data;

/// <summary>One record of a CSV file: the line it starts on and its fields.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// What was read: the header, the records, and what could not be read, each with the line it concerns. A file that
/// cannot be read at all (not UTF-8, no header) has only a <see cref="Problem"/>.
/// </summary>
public sealed record CsvReadResult(IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records, IReadOnlyList<(int Line, string Message)> Unread,
    string? Problem = null);

/// <summary>
/// CSV in and out, through Sylvan.Data.Csv. Reading is strict: UTF-8 only (a UTF-8 or UTF-16 byte-order mark is
/// honoured; invalid bytes are reported with their line), a quote inside a quoted field must be doubled, and a quote that
/// never closes is reported with its line together with every line it would have swallowed. Writing quotes as needed and
/// neutralises anything a spreadsheet would run as a formula, by one rule for every export.
/// </summary>
public static class CsvFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static CsvReadResult Read(byte[] bytes)
    {
        string text;
        try
        {
            text = Decode(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + bytes.AsSpan(0, Math.Clamp(ex.Index, 0, bytes.Length)).Count((byte)'\n');
            return new CsvReadResult([], [], [], $"Line {line} is not UTF-8 text (the file may be saved as Latin-1 or Windows-1252). " +
                "Save it as \"CSV UTF-8\" and import it again; nothing was imported.");
        }

        var records = new List<CsvRecord>();
        var unread = new List<(int, string)>();
        IReadOnlyList<string> header = [];
        var totalLines = text.Length == 0 ? 0 : text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
        var nextLine = 1;
        using var reader = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions
        {
            HasHeaders = false, ResultSetMode = ResultSetMode.SingleResult, Delimiter = ',',
            // A record may be as long as the file (the caller limits its size): an over-long row is then rejected by the
            // field rules with its line, where Sylvan's fixed 64K buffer would throw and lose the whole report.
            MaxBufferSize = Math.Max(text.Length + 1, 0x10000),
        });
        while (true)
        {
            var line = nextLine;
            try
            {
                if (!reader.Read()) break;
            }
            catch (CsvFormatException ex)
            {
                var reason = ex.Message.Contains("without a closing quote", StringComparison.OrdinalIgnoreCase)
                    ? "a quoted field starts on this line and its closing quote is missing"
                    : "a quote inside a quoted field must be written twice (\"\")";
                unread.Add((line, $"Not read: {reason}."));
                for (var after = line + 1; after <= totalLines; after++)
                {
                    unread.Add((after, $"Not read: the file could not be read past line {line}; fix that line and import again."));
                }
                break;
            }
            var fields = new string[reader.RowFieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
            nextLine += 1 + fields.Sum(f => f.Count(c => c == '\n'));
            if (fields.Length == 1 && fields[0].Length == 0) continue; // a blank line
            if (header.Count == 0) header = fields;
            else records.Add(new CsvRecord(line, fields));
        }
        return new CsvReadResult(header, records, unread);
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return StrictUtf8.GetString(bytes, 3, bytes.Length - 3);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE })) return new UnicodeEncoding(false, false, true).GetString(bytes, 2, bytes.Length - 2);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF })) return new UnicodeEncoding(true, false, true).GetString(bytes, 2, bytes.Length - 2);
        return StrictUtf8.GetString(bytes);
    }

    /// <summary>A cell a spreadsheet would take as a formula (= + - @, a tab or a carriage return first, leading spaces
    /// ignored) gets a leading apostrophe, so it is shown as text.</summary>
    public static string? Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var first = value.TrimStart(' ');
        return first.Length > 0 && "=+-@\t\r".Contains(first[0]) ? "'" + value : value;
    }

    /// <summary>Writes a UTF-8 CSV (with byte-order mark, for spreadsheets) row by row as the rows arrive.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<string?[]> rows, CancellationToken ct)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var enumerator = rows.GetAsyncEnumerator(ct);
        var block = new RowsReader(columns);
        // Sylvan's writer pulls rows synchronously: it is fed in blocks, so the rows are streamed rather than collected.
        var first = true;
        while (true)
        {
            var rowsInBlock = new List<string?[]>(500);
            while (rowsInBlock.Count < 500 && await enumerator.MoveNextAsync()) rowsInBlock.Add(enumerator.Current.Select(Neutralise).ToArray());
            block.Reset(rowsInBlock);
            await using (var writer = CsvDataWriter.Create(text, new CsvDataWriterOptions { NewLine = "\r\n", WriteHeaders = first }))
            {
                await writer.WriteAsync(block, ct);
            }
            first = false;
            if (rowsInBlock.Count < 500) break;
        }
    }

    public static byte[] Write(IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        using var stream = new MemoryStream();
        WriteAsync(stream, columns, rows.ToAsyncEnumerable(), CancellationToken.None).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    /// <summary>A block of rows as the DbDataReader that Sylvan's writer reads.</summary>
    private sealed class RowsReader(IReadOnlyList<string> columns) : DbDataReader, IDbColumnSchemaGenerator
    {
        public System.Collections.ObjectModel.ReadOnlyCollection<DbColumn> GetColumnSchema() =>
            columns.Select((name, ordinal) => (DbColumn)new TextColumn(name, ordinal)).ToList().AsReadOnly();

        private sealed class TextColumn : DbColumn
        {
            public TextColumn(string name, int ordinal)
            {
                ColumnName = name;
                ColumnOrdinal = ordinal;
                DataType = typeof(string);
                DataTypeName = "string";
                AllowDBNull = true;
            }
        }

        private List<string?[]> _rows = [];
        private int _index = -1;

        public void Reset(List<string?[]> rows)
        {
            _rows = rows;
            _index = -1;
        }

        public override bool Read() => ++_index < _rows.Count;
        public override int FieldCount => columns.Count;
        public override string GetName(int ordinal) => columns[ordinal];
        public override string GetString(int ordinal) => _rows[_index][ordinal] ?? "";
        public override object GetValue(int ordinal) => (object?)_rows[_index][ordinal] ?? DBNull.Value;
        public override bool IsDBNull(int ordinal) => _rows[_index][ordinal] is null;
        public override Type GetFieldType(int ordinal) => typeof(string);
        public override string GetDataTypeName(int ordinal) => "string";
        public override int GetOrdinal(string name) => columns.ToList().IndexOf(name);
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(GetOrdinal(name));
        public override int GetValues(object[] values)
        {
            var count = Math.Min(values.Length, FieldCount);
            for (var i = 0; i < count; i++) values[i] = GetValue(i);
            return count;
        }
        public override bool HasRows => _rows.Count > 0;
        public override bool IsClosed => false;
        public override int RecordsAffected => -1;
        public override int Depth => 0;
        public override bool NextResult() => false;
        public override IEnumerator GetEnumerator() => throw new NotSupportedException();
        public override bool GetBoolean(int ordinal) => throw new NotSupportedException();
        public override byte GetByte(int ordinal) => throw new NotSupportedException();
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override char GetChar(int ordinal) => throw new NotSupportedException();
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();
        public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();
        public override double GetDouble(int ordinal) => throw new NotSupportedException();
        public override float GetFloat(int ordinal) => throw new NotSupportedException();
        public override Guid GetGuid(int ordinal) => throw new NotSupportedException();
        public override short GetInt16(int ordinal) => throw new NotSupportedException();
        public override int GetInt32(int ordinal) => throw new NotSupportedException();
        public override long GetInt64(int ordinal) => throw new NotSupportedException();
    }
}
