using System.Collections.Concurrent;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
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
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // Migrating and seeding once per test process and copying the file is the same database in a fraction of
            // the time (the migrations alone are 23 steps); each test still gets its own file.
            // Seeded rows are stamped with the test's clock: a test on a fake clock gets a template made at its time.
            var seededAt = seed && !ReferenceEquals(time ?? TimeProvider.System, TimeProvider.System) ? time!.GetUtcNow() : (DateTimeOffset?)null;
            var template = await Templates.GetOrAdd(TemplateKey(seed, seededAt),
                _ => new Lazy<Task<string>>(() => BuildTemplateAsync(seed, seededAt))).Value;
            File.Copy(template, new SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
        }
        else
        {
            await MigrateAndSeedAsync(factory, seed);
        }
        return new TestDatabase(options, factory);
    }

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    private static async Task MigrateAndSeedAsync(StaffVoiceDbFactory factory, bool seed)
    {
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync();
        if (seed) await DemoData.SeedAsync(db);
    }

    private static async Task<string> BuildTemplateAsync(bool seed, DateTimeOffset? seededAt)
    {
        var options = ChooseDatabase();
        var clock = seededAt is { } at ? new FakeTimeProvider(at) : TimeProvider.System;
        await MigrateAndSeedAsync(new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, clock)), seed);
        var built = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        var template = DatabaseTemplates.Snapshot(built);
        SqliteConnection.ClearPool(new SqliteConnection(options.ConnectionString));
        File.Delete(built);
        return template;
    }

    private static string TemplateKey(bool seed, DateTimeOffset? seededAt) => $"{seed}/{seededAt?.UtcTicks}/{DatabaseTemplates.ActiveMutantKey()}";

    public StaffVoiceDb NewContext() => Factory.CreateDbContext();

    /// <summary>
    /// A context factory on this database with exactly these interceptors (pass an <see cref="AuditStampInterceptor"/>
    /// among them where the code under test writes audited rows): for tests that stand in for a crash or another run.
    /// </summary>
    public StaffVoiceDbFactory FactoryWith(params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<StaffVoiceDb>();
        StaffVoiceDbFactory.Configure(builder, Options);
        builder.AddInterceptors(interceptors);
        return new StaffVoiceDbFactory(Options, builder.Options);
    }

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
