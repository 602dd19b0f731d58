using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// Stands for another writer landing between an operation's read and its write, which SQL Server's read-committed
/// transactions allow and SQLite's immediate ones never do: just before the first UPDATE of <paramref name="table"/>,
/// <paramref name="sql"/> runs once on the same connection and transaction.
/// </summary>
public sealed class SavedInBetween(string table, string sql) : DbCommandInterceptor
{
    private bool _done;

    /// <summary>Another person's save of row <paramref name="id"/>: its version changes, so only the concurrency token can refuse the write.</summary>
    public static SavedInBetween NewVersion(string table, int id) =>
        new(table, $"UPDATE \"{table}\" SET \"Version\" = '{Guid.NewGuid().ToString().ToUpperInvariant()}' WHERE \"Id\" = {id}");

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await RunFirstAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await RunFirstAsync(command, cancellationToken);
        return result;
    }

    private async Task RunFirstAsync(DbCommand command, CancellationToken ct)
    {
        if (_done || !command.CommandText.Contains($"UPDATE \"{table}\"", StringComparison.Ordinal)) return;
        _done = true;
        await using var other = command.Connection!.CreateCommand();
        other.Transaction = command.Transaction;
        other.CommandText = sql;
        await other.ExecuteNonQueryAsync(ct);
    }
}
