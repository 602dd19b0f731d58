using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Extensions;

public static class DataExtensions
{
    public static WebApplicationBuilder AddStaffVoiceData(this WebApplicationBuilder builder)
    {
        var database = DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => StaffVoiceDbFactory.BuildOptions(database, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IDbContextFactory<StaffVoiceDb>, StaffVoiceDbFactory>();
        builder.Services.AddSingleton<DatabaseGuard>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Creates or upgrades the database when this instance may (see <see cref="DatabaseSetup.MigrateOnStartup"/>), or
    /// refuses to start on one that is behind; then seeds the demo organisation when asked and the directory is empty.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>();
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        await using var db = await factory.CreateDbContextAsync();
        if (DatabaseSetup.MigrateOnStartup(app.Configuration, app.Environment, database))
        {
            await DatabaseSetup.MigrateAsync(db, database, app.Configuration, app.Logger);
        }
        else
        {
            await DatabaseSetup.RequireUpToDateAsync(db);
        }
        // Demo data only when the demo sign-in was chosen on purpose (or seeding is asked for by name), and only into an
        // empty directory or one that holds nothing but the fictional demo people.
        var auth = app.Services.GetRequiredService<AuthenticationSettings>();
        var seedByDefault = auth.IsLocal && auth.ModeChosenExplicitly;
        if (app.Configuration.GetValue("Database:SeedDemoData", seedByDefault) && await DemoData.IsDemoDirectoryAsync(db))
        {
            await DemoData.SeedAsync(db, time: app.Services.GetRequiredService<TimeProvider>());
            await DemoData.SeedTrainingAsync(app.Services);
            await DemoData.SeedResponsesAsync(app.Services);
            await DemoData.SeedPoliciesAsync(app.Services);
            await DemoData.SeedListeningAsync(app.Services);
        }
    }

    /// <summary>
    /// <c>--migrate-only</c>: applies the migrations (and Hangfire's schema on SQL Server) and exits, without starting the
    /// app or needing its sign-in settings. For a one-shot container or Kubernetes Job before the instances start.
    /// </summary>
    /// <summary>Exit 0 when <paramref name="url"/> answers 2xx within five seconds, else 1 (for images without curl).</summary>
    public static async Task<int> ProbeAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            return 1;
        }
    }

    public static async Task<int> MigrateOnlyAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddStaffVoiceData();
        await using var app = builder.Build();
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        try
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>().CreateDbContextAsync();
            await DatabaseSetup.MigrateAsync(db, database, app.Configuration, app.Logger);
            app.Logger.LogInformation("The {Provider} database is up to date.", database.Provider);
            return 0;
        }
        catch (Exception ex)
        {
            app.Logger.LogCritical(ex, "Migrating the database failed: {Message}", ex.Message);
            return 1;
        }
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (no dependencies, so a database outage never restarts every pod).
    /// <c>/health/ready</c> and <c>/health</c>: the database takes a write and the job storage answers.
    /// </summary>
    public static void MapStaffVoiceHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthJson }).AllowAnonymous();
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteHealthJson };
        endpoints.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        endpoints.MapHealthChecks("/health", ready).AllowAnonymous();
    }

    public const string ReadyTag = "ready";

    private static Task WriteHealthJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>
/// Healthy only when the database takes a write: the file is where it was (SQLite), and a write transaction can begin
/// (<c>BEGIN IMMEDIATE</c> with a schema write, rolled back), which a read-only or full file refuses.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<StaffVoiceDb> dbFactory, DatabaseGuard guard, DatabaseOptions database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (guard.Problem() is { } problem) return HealthCheckResult.Unhealthy(problem);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // A connection of its own, outside the pool, that may not create a missing file.
                var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString)
                {
                    Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite, Pooling = false,
                };
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var probe = connection.CreateCommand();
                probe.CommandText = "BEGIN IMMEDIATE; CREATE TABLE staffvoice_write_probe (x INTEGER); ROLLBACK;";
                await probe.ExecuteNonQueryAsync(cancellationToken);
                return HealthCheckResult.Healthy("The database takes writes.");
            }
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
