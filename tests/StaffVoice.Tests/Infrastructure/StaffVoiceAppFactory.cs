using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// Hosts the real app on its own fresh SQLite file, migrated and seeded at start-up as in production.
/// Settings given with UseSetting are visible to Program's own configuration code.
/// The first host with the default settings in a test process keeps a copy of the database it migrated and seeded;
/// later ones start on their own copy of it (start-up then finds nothing to migrate or seed), which saves seconds each.
/// </summary>
public class StaffVoiceAppFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } =
        Path.Combine(Path.GetTempPath(), "staffvoice-tests", $"app-{Guid.NewGuid():N}.db");

    private static readonly ConcurrentDictionary<string, string> Templates = new();
    private static readonly ConcurrentDictionary<string, bool> TemplatesBeingMade = new();
    private string? _makesTemplate;

    /// <summary>
    /// Whether this host may start from (or make) the shared seeded database: only a host with the default settings.
    /// A host configured otherwise migrates and seeds, or not, as its own settings say.
    /// </summary>
    protected virtual bool SharesSeededDatabase => GetType() == typeof(StaffVoiceAppFactory);

    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        if (SharesSeededDatabase && !File.Exists(DatabasePath))
        {
            var key = DatabaseTemplates.ActiveMutantKey();
            if (Templates.TryGetValue(key, out var template)) File.Copy(template, DatabasePath);
            else if (TemplatesBeingMade.TryAdd(key, true)) _makesTemplate = key;
        }
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:StaffVoice", $"Data Source={DatabasePath}");
        builder.UseSetting("Authentication:Mode", "Local");
        builder.UseSetting("AzureAd:ClientId", "");
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("DataProtection:KeysPath", DatabasePath + "-keys");
        ConfigureSettings(builder);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        // Started: migrated and seeded, and no test has used it yet.
        if (_makesTemplate is { } key) Templates[key] = DatabaseTemplates.Snapshot(DatabasePath);
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
        }
        try { Directory.Delete(DatabasePath + "-keys", recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
