using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StaffVoice.Web.Data;
using StaffVoice.Web.Extensions;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Http;

/// <summary>What several instances need from the app: split health, a shared key ring, live events across instances, migrations apart.</summary>
public class ScaleOutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_has_no_dependencies_and_readiness_checks_the_database_and_the_job_storage()
    {
        await using var factory = new StaffVoiceAppFactory();
        using var client = factory.CreateAnonymousClient();

        var live = await client.GetAsync("/health/live", Ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty(Checks(await live.Content.ReadAsStringAsync(Ct)));
        foreach (var path in new[] { "/health/ready", "/health" })
        {
            var ready = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(["database", "jobs"], Checks(await ready.Content.ReadAsStringAsync(Ct)).Order());
        }

        // The database goes away: the process is still alive (no restart), but no longer ready for traffic.
        File.Delete(factory.DatabasePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", Ct)).StatusCode);

        static IEnumerable<string> Checks(string json) =>
            JsonDocument.Parse(json).RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
    }

    [Fact]
    public async Task Two_instances_with_the_key_ring_in_the_database_read_each_others_cookies_and_a_certificate_encrypts_the_keys()
    {
        using var certificate = TestCertificates.SelfSigned("CN=StaffVoice key encryption (test)");
        var pfx = Path.Combine(Path.GetTempPath(), $"sv-keys-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"), Ct);
        try
        {
            await using var a = new SharedKeysFactory(null, pfx);
            using var clientA = a.CreateAnonymousClient();
            Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync("/health/live", Ct)).StatusCode);
            await using var b = new SharedKeysFactory(a.DatabasePath, pfx);
            using var clientB = b.CreateAnonymousClient();
            Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync("/health/live", Ct)).StatusCode);

            var fromA = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookies").Protect("signed in as Alex");
            Assert.Equal("signed in as Alex", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookies").Unprotect(fromA));

            await using var db = Sqlite(a.DatabasePath);
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct);
            var key = Assert.Single(keys);
            Assert.Contains("encryptedSecret", key);
            Assert.DoesNotContain("<masterKey", key.Replace("encryptedSecret", ""));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task A_notification_written_by_another_instance_rings_here_on_the_next_poll_once()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var alex = await database.ActorAsync(Demo.Employee);
        var here = new NotificationEvents();
        var rang = new List<int>();
        here.Changed += ids => rang.AddRange(ids);
        var feed = new NotificationFeed(database.Factory, here, TimeSpan.FromSeconds(2), NullLogger<NotificationFeed>.Instance);
        Assert.Equal(0, await feed.PollAsync(Ct)); // finds where to start; old notifications do not ring

        // "Instance A" has its own events object: nothing reaches this one except through the database.
        var elsewhere = new NotificationService(database.Factory, TimeProvider.System, new NotificationEvents());
        await elsewhere.NotifyAsync([new NotificationRequest(alex.PersonId, "review-requested", "Please review", "/responses/drafts/1")], Ct);
        Assert.Empty(rang);

        Assert.Equal(1, await feed.PollAsync(Ct));
        Assert.Equal([alex.PersonId], rang);
        Assert.Equal(0, await feed.PollAsync(Ct));
        Assert.Equal([alex.PersonId], rang);
    }

    [Fact]
    public async Task Migrate_only_brings_a_fresh_database_up_to_date_and_exits_without_starting_the_app()
    {
        // On SQL Server when STAFFVOICE_TEST_SQLSERVER names one (a fresh database), else a fresh SQLite file.
        var server = Environment.GetEnvironmentVariable(TestDatabase.SqlServerVariable);
        var path = Path.Combine(Path.GetTempPath(), "staffvoice-tests", $"migrate-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var database = string.IsNullOrWhiteSpace(server)
            ? new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}")
            : new DatabaseOptions(DatabaseProvider.SqlServer,
                new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(server) { InitialCatalog = $"StaffVoiceMigrate_{Guid.NewGuid():N}" }.ConnectionString);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "StaffVoice.Web.dll"), "--migrate-only"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
        };
        // Production, and no sign-in settings at all: migrating must not need them.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__StaffVoice"] = database.ConnectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await output} {await errors}");
        Assert.Contains("up to date", await output);

        await using var db = new StaffVoiceDbFactory(database, StaffVoiceDbFactory.BuildOptions(database, TimeProvider.System)).CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(0, await db.People.CountAsync(Ct)); // migrated, not seeded
        await db.Database.EnsureDeletedAsync(Ct);
    }

    [Fact]
    public async Task An_instance_that_may_not_migrate_refuses_a_database_that_is_behind_and_says_how_to_fix_it()
    {
        var production = new TestEnvironment("Production");
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var sqlServer = new DatabaseOptions(DatabaseProvider.SqlServer, "Server=sql;Database=StaffVoice");
        Assert.False(DatabaseSetup.MigrateOnStartup(config, production, sqlServer));
        Assert.True(DatabaseSetup.MigrateOnStartup(config, new TestEnvironment("Development"), sqlServer));
        Assert.True(DatabaseSetup.MigrateOnStartup(config, production, new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=x.db")));
        var asked = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "true" }).Build();
        Assert.True(DatabaseSetup.MigrateOnStartup(asked, production, sqlServer));

        var path = Path.Combine(Path.GetTempPath(), $"sv-behind-{Guid.NewGuid():N}.db");
        await using var db = Sqlite(path);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSetup.RequireUpToDateAsync(db, Ct));
        Assert.Contains("--migrate-only", error.Message);
        Assert.Contains("deploy/sql/staffvoice-sqlserver.sql", error.Message);
    }

    [Fact]
    public async Task Workflow_changes_and_sweeps_are_measured_on_StaffVoices_meter()
    {
        var measured = new List<(string Instrument, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == Telemetry.Name) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "state") measured.Add((instrument.Name, tag.Value as string));
        });
        listener.Start();
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new Features.Responses.ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);

        await r.AwaitingApprovalAsync(alex, sam);

        Assert.Contains(("staffvoice.drafts.state_changes", "InPeerReview"), measured);
        Assert.Contains(("staffvoice.drafts.state_changes", "AwaitingApproval"), measured);
    }

    private static StaffVoiceDb Sqlite(string path)
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        return new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, TimeProvider.System)).CreateDbContext();
    }

    private sealed class TestEnvironment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "StaffVoice.Web";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    /// <summary>An instance whose key ring lives in the database (optionally another instance's database), encrypted with a certificate.</summary>
    private sealed class SharedKeysFactory(string? sharedDatabase, string certificatePath) : StaffVoiceAppFactory
    {
        public new string DatabasePath => sharedDatabase ?? base.DatabasePath;

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:StaffVoice", $"Data Source={DatabasePath}");
            builder.UseSetting("DataProtection:Store", "Database");
            builder.UseSetting("DataProtection:CertificatePath", certificatePath);
            builder.UseSetting("DataProtection:CertificatePassword", "test-password");
        }
    }
}

/// <summary>The optional operations integrations are wired when, and only when, they are configured.</summary>
public class OperationsIntegrationTests
{
    [Fact]
    public void Azure_SignalR_in_required_sticky_mode_and_OpenTelemetry_are_registered_only_when_configured()
    {
        using (var plain = new StaffVoiceAppFactory())
        {
            Assert.Null(plain.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
            Assert.Null(plain.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Azure.SignalR.ServiceOptions>>().Value.ConnectionString);
            Assert.Equal(TimeSpan.FromSeconds(30), plain.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value.ShutdownTimeout);
        }
        using var configured = new ConfiguredFactory();
        var signalR = configured.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Azure.SignalR.ServiceOptions>>().Value;
        Assert.Equal(Microsoft.Azure.SignalR.ServerStickyMode.Required, signalR.ServerStickyMode);
        Assert.Contains("signalr.example.invalid", signalR.ConnectionString);
        Assert.NotNull(configured.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(configured.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    private sealed class ConfiguredFactory : StaffVoiceAppFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("OpenTelemetry:Endpoint", "http://127.0.0.1:1");
            builder.UseSetting("Azure:SignalR:ConnectionString", "Endpoint=https://signalr.example.invalid;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg=;Version=1.0;");
        }
    }
}
