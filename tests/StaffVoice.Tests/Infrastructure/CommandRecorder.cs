using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using StaffVoice.Web.Data;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// Records every database command a piece of code issues (readers, non-queries, scalars), for tests that hold a query
/// count or a query's shape in place. <see cref="Factory"/> gives a context factory on a test database that records.
/// </summary>
public sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly List<string> _sql = [];

    public int Count
    {
        get { lock (_sql) return _sql.Count; }
    }

    public IReadOnlyList<string> Sql
    {
        get { lock (_sql) return _sql.ToList(); }
    }

    public void Reset()
    {
        lock (_sql) _sql.Clear();
    }

    /// <summary>A context factory on <paramref name="database"/> whose commands this recorder sees (plus any other interceptors).</summary>
    public StaffVoiceDbFactory Factory(TestDatabase database, params IInterceptor[] others) => database.FactoryWith([.. others, this]);

    private void Record(DbCommand command)
    {
        lock (_sql) _sql.Add(command.CommandText);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
