using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.SqlServer.Storage.Internal;
using StaffVoice.Web.Data;

namespace StaffVoice.Tests.Data;

public class ExecutionStrategyTests
{
    [Fact]
    public void SQL_Server_retries_transient_failures_and_SQLite_does_not_need_to()
    {
        var sqlServer = new DatabaseOptions(DatabaseProvider.SqlServer, "Server=localhost;Database=StaffVoice;Integrated Security=true;TrustServerCertificate=true");
        using (var db = new StaffVoiceDb(StaffVoiceDbFactory.BuildOptions(sqlServer, TimeProvider.System)))
        {
            var strategy = db.Database.CreateExecutionStrategy();
#pragma warning disable EF1001 // the concrete type is what proves retries are on
            Assert.IsType<SqlServerRetryingExecutionStrategy>(strategy);
#pragma warning restore EF1001
            Assert.True(strategy.RetriesOnFailure);
        }

        var path = Path.Combine(Path.GetTempPath(), $"sv-strategy-{Guid.NewGuid():N}.db");
        using var sqlite = new StaffVoiceDb(StaffVoiceDbFactory.BuildOptions(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}"), TimeProvider.System));
        Assert.False(sqlite.Database.CreateExecutionStrategy().RetriesOnFailure);
    }
}
