using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace StaffVoice.Web.Data;

/// <summary>
/// Creates a short-lived context per operation, of the type that owns the configured provider's migrations.
/// </summary>
public sealed class StaffVoiceDbFactory(DatabaseOptions database, DbContextOptions<StaffVoiceDb> options)
    : IDbContextFactory<StaffVoiceDb>
{
    public DatabaseProvider Provider => database.Provider;

    public StaffVoiceDb CreateDbContext() => database.Provider == DatabaseProvider.Sqlite
        ? new SqliteStaffVoiceDb(options)
        : new StaffVoiceDb(options);

    public static DbContextOptions<StaffVoiceDb> BuildOptions(DatabaseOptions database, TimeProvider time)
    {
        var builder = new DbContextOptionsBuilder<StaffVoiceDb>();
        Configure(builder, database);
        builder.AddInterceptors(new AuditStampInterceptor(time));
        return builder.Options;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(database.ConnectionString);
            builder.UseSqlite(database.ConnectionString);
        }
        else
        {
            // Transient failures (a failover, a dropped connection, SQL Server still starting) are retried. Every write
            // runs as one unit inside the execution strategy (Operations), so a retry repeats the whole unit, never half.
            builder.UseSqlServer(database.ConnectionString, sql => sql.EnableRetryOnFailure(
                maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(10), errorNumbersToAdd: null));
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
