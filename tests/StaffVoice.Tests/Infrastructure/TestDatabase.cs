using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test: a new SQLite file, or a new SQL Server database when the environment
/// variable STAFFVOICE_TEST_SQLSERVER holds a connection string to a server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "STAFFVOICE_TEST_SQLSERVER";

    private TestDatabase(DatabaseOptions options, StaffVoiceDbFactory factory)
    {
        Options = options;
        Factory = factory;
    }

    public DatabaseOptions Options { get; }
    public StaffVoiceDbFactory Factory { get; }

    public static async Task<TestDatabase> CreateAsync(TimeProvider? time = null, bool seed = false)
    {
        var options = ChooseDatabase();
        var factory = new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, time ?? TimeProvider.System));
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            if (seed) await DemoData.SeedAsync(db);
        }
        return new TestDatabase(options, factory);
    }

    public StaffVoiceDb NewContext() => Factory.CreateDbContext();

    private static DatabaseOptions ChooseDatabase()
    {
        var server = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = $"StaffVoiceTest_{Guid.NewGuid():N}" };
            return new DatabaseOptions(DatabaseProvider.SqlServer, builder.ConnectionString);
        }
        var folder = Path.Combine(Path.GetTempPath(), "staffvoice-tests");
        Directory.CreateDirectory(folder);
        return new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}");
    }

    public async ValueTask DisposeAsync()
    {
        await using (var db = Factory.CreateDbContext())
        {
            await db.Database.EnsureDeletedAsync();
        }
        SqliteConnection.ClearAllPools();
    }
}
