using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using StaffVoice.Web.Data;
using StaffVoice.Web.Jobs;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Extensions;

public static class JobExtensions
{
    /// <summary>Hangfire: SQL Server storage in the app's own database (schema <c>hangfire</c>), or in-memory with SQLite.</summary>
    public static WebApplicationBuilder AddStaffVoiceJobs(this WebApplicationBuilder builder)
    {
        var database = DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new SweepTelemetryFilter()));
        // The storage is this host's own singleton rather than Hangfire's static JobStorage.Current, so that two hosts in
        // one process (tests) never share or dispose each other's storage.
        builder.Services.AddSingleton<JobStorage>(_ => database.Provider == DatabaseProvider.SqlServer
            ? new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
            {
                SchemaName = DatabaseSetup.HangfireSchema,
                // False when a DBA applies deploy/sql/hangfire-sqlserver.sql and the app's login has no DDL rights.
                PrepareSchemaIfNecessary = builder.Configuration.GetValue("Jobs:PrepareSchema", true),
            })
            : new InMemoryStorage(new InMemoryStorageOptions()));
        builder.Services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs", tags: [DataExtensions.ReadyTag]);
        if (builder.Configuration.GetValue("Jobs:RunServer", true))
        {
            builder.Services.AddHangfireServer(options =>
            {
                options.WorkerCount = builder.Configuration.GetValue("Jobs:WorkerCount", 2);
                options.ServerName = $"staffvoice-{Environment.MachineName}";
            });
        }
        return builder;
    }

    /// <summary>The dashboard at /jobs is guarded by ASP.NET Core authorization: administrators only.</summary>
    public static void MapStaffVoiceJobs(this WebApplication app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Administrator, "/jobs", new DashboardOptions
        {
            // Hangfire's own default filter allows local requests only; the policy above is the one guard.
            Authorization = [],
            AppPath = "/",
            DashboardTitle = "StaffVoice background jobs",
        });
        RecurringJobs.ScheduleAll(app.Services.GetRequiredService<IRecurringJobManager>(), app.Configuration);
    }
}

/// <summary>Ready only when the job storage answers (SQL Server's hangfire schema; the in-memory storage always does).</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"Job storage answers; {servers} job server(s)."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The job storage does not answer.", ex));
        }
    }
}
