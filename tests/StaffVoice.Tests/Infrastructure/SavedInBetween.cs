using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// Stands for another person's save landing between an operation's version check and its write, which SQL Server's
/// read-committed transactions allow: just before the first UPDATE of <paramref name="table"/>, the row's version is
/// changed on the same connection. Only the version column as a concurrency token can then refuse the write.
/// </summary>
public sealed class SavedInBetween(string table, int id) : DbCommandInterceptor
{
    private bool _done;

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await ChangeVersionAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await ChangeVersionAsync(command, cancellationToken);
        return result;
    }

    private async Task ChangeVersionAsync(DbCommand command, CancellationToken ct)
    {
        if (_done || !command.CommandText.Contains($"UPDATE \"{table}\"", StringComparison.Ordinal)) return;
        _done = true;
        await using var other = command.Connection!.CreateCommand();
        other.Transaction = command.Transaction;
        other.CommandText = $"UPDATE \"{table}\" SET \"Version\" = '{Guid.NewGuid().ToString().ToUpperInvariant()}' WHERE \"Id\" = {id}";
        await other.ExecuteNonQueryAsync(ct);
    }
}
