using Microsoft.EntityFrameworkCore;

namespace StaffVoice.Web.Data;

/// <summary>
/// Inserts many rows with multi-row INSERT statements (a few hundred rows each) instead of EF Core's one statement per
/// row on SQLite: a sweep writing thousands of rows costs a handful of commands. The statement is built from the
/// table and column names given by code and numbered placeholders only; every value is a parameter. Runs in whatever
/// transaction the context has (callers run it inside an operation or their own transaction).
/// </summary>
public static class MultiRowInsert
{
    /// <summary>SQL Server takes at most 2,100 parameters a statement.</summary>
    private const int MaxParameters = 2_000;

    public static async Task ExecuteAsync(StaffVoiceDb db, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var perStatement = Math.Max(1, Math.Min(200, MaxParameters / columns.Count));
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var values = new List<string>(chunk.Length);
            var parameters = new List<object?>(chunk.Length * columns.Count);
            foreach (var row in chunk)
            {
                if (row.Length != columns.Count) throw new ArgumentException($"A row for {table} has {row.Length} values for {columns.Count} columns.");
                var first = parameters.Count;
                values.Add("(" + string.Join(", ", Enumerable.Range(first, row.Length).Select(i => $"{{{i}}}")) + ")");
                parameters.AddRange(row);
            }
#pragma warning disable EF1002, EF1003 // names from code, placeholders only; every value is a parameter
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES " + string.Join(", ", values), parameters!, ct);
#pragma warning restore EF1002, EF1003
        }
    }
}
