using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StaffVoice.Web.Data;

/// <summary>
/// Bringing the database up to date: at start-up (SQLite always; SQL Server outside Production, or when
/// <c>Database:MigrateOnStartup=true</c>), with <c>--migrate-only</c>, or by a DBA from the scripts in <c>deploy/sql/</c>.
/// </summary>
public static class DatabaseSetup
{
    public const string HangfireSchema = "hangfire";

    /// <summary>British English word breaking and stemming unless <c>Search:FullTextLanguage</c> names another LCID.</summary>
    public const int DefaultFullTextLanguage = 2057;

    public static bool MigrateOnStartup(IConfiguration configuration, IHostEnvironment environment, DatabaseOptions database) =>
        configuration.GetValue<bool?>("Database:MigrateOnStartup")
        ?? (database.Provider == DatabaseProvider.Sqlite || !environment.IsProduction());

    /// <summary>Applies every pending migration (and, on SQL Server, Hangfire's schema and the full-text language).</summary>
    public static async Task MigrateAsync(StaffVoiceDb db, DatabaseOptions database, IConfiguration configuration, ILogger logger,
        CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (database.Provider == DatabaseProvider.SqlServer && pending.Count > 0)
        {
            // The Knowledge migration creates a full-text catalog; without Full-Text Search it would fail half-way.
            await RequireFullTextAsync(database.ConnectionString, ct);
        }
        if (pending.Count > 0) logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers and one writer work at once; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            return;
        }
        await SetFullTextLanguageAsync(db, FullTextLanguage(configuration), ct);
        if (configuration.GetValue("Jobs:PrepareSchema", true))
        {
            await using var connection = new SqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            SqlServerObjectsInstaller.Install(connection, HangfireSchema, enableHeavyMigrations: true);
        }
    }

    /// <summary>Refuses to start on a database that is behind, saying how to bring it up to date.</summary>
    public static async Task RequireUpToDateAsync(StaffVoiceDb db, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0) return;
        throw new InvalidOperationException(
            $"The database is not up to date ({pending.Count} migration(s) pending: {string.Join(", ", pending)}). Run the app once with "
            + "--migrate-only, have the DBA apply deploy/sql/staffvoice-sqlserver.sql (sqlcmd -I -b), or set Database:MigrateOnStartup=true.");
    }

    public static int FullTextLanguage(IConfiguration configuration)
    {
        var language = configuration.GetValue("Search:FullTextLanguage", DefaultFullTextLanguage);
        return language is > 0 and < 100_000
            ? language
            : throw new InvalidOperationException("Search:FullTextLanguage must be a language id (LCID) such as 2057 (British English).");
    }

    private static async Task RequireFullTextAsync(string connectionString, CancellationToken ct)
    {
        // Asked of the server (master), since the database itself may not exist yet.
        var builder = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" };
        await using var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') AS int)";
        if (Convert.ToInt32(await command.ExecuteScalarAsync(ct)) != 1)
        {
            throw new InvalidOperationException(
                "This SQL Server has no Full-Text Search, which StaffVoice's search needs. Nothing was changed. Install the "
                + "Full-Text Search feature (on Linux the mssql-server-fts package; see deploy/sqlserver/Dockerfile) and start again.");
        }
    }

    /// <summary>Re-adds the search columns to the full-text index in the configured language when they are in another one.</summary>
    private static async Task SetFullTextLanguageAsync(StaffVoiceDb db, int language, CancellationToken ct)
    {
#pragma warning disable EF1002 // the language is a validated integer; ALTER FULLTEXT INDEX takes no parameters
        await db.Database.ExecuteSqlRawAsync(FullTextLanguageScript(language), ct);
#pragma warning restore EF1002
    }

    /// <summary>The statement that puts the search index in <paramref name="language"/>; also shipped for DBAs.</summary>
    public static string FullTextLanguageScript(int language) => $"""
        IF EXISTS (SELECT 1 FROM sys.fulltext_index_columns WHERE object_id = OBJECT_ID(N'[SearchIndex]') AND language_id <> {language})
        BEGIN
            ALTER FULLTEXT INDEX ON [SearchIndex] DROP ([Title], [Body], [Tags]) WITH NO POPULATION;
            ALTER FULLTEXT INDEX ON [SearchIndex] ADD ([Title] LANGUAGE {language}, [Body] LANGUAGE {language}, [Tags] LANGUAGE {language});
        END;
        """;

    /// <summary>
    /// The scripts a DBA applies instead of letting the app migrate: EF Core's idempotent script for every migration,
    /// and Hangfire's schema. Both are committed in <c>deploy/sql/</c>; a test fails when they are stale.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SqlServerScripts()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        // Filtered indexes need QUOTED_IDENTIFIER ON, which sqlcmd does not set unless run with -I: set it here too.
        var app = "SET QUOTED_IDENTIFIER ON;" + Environment.NewLine + "SET ANSI_NULLS ON;" + Environment.NewLine + "GO" + Environment.NewLine
            + db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent)
            + Environment.NewLine + "-- Full-text language (British English by default; change 2057 to another LCID if needed)" + Environment.NewLine
            + FullTextLanguageScript(DefaultFullTextLanguage) + Environment.NewLine + "GO" + Environment.NewLine;
        var jobs = "-- Hangfire's schema for StaffVoice's background jobs (schema [hangfire]). Apply with: sqlcmd -I -b -i hangfire-sqlserver.sql"
            + Environment.NewLine + SqlServerObjectsInstaller.GetInstallScript(HangfireSchema, enableHeavyMigrations: true);
        return new Dictionary<string, string>
        {
            ["staffvoice-sqlserver.sql"] = Normalise(app),
            ["hangfire-sqlserver.sql"] = Normalise(jobs),
        };
    }

    private static string Normalise(string script) => script.Replace("\r\n", "\n").TrimEnd() + "\n";
}
