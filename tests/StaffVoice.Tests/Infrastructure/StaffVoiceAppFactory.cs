using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// Hosts the real app on its own fresh SQLite file, migrated and seeded at start-up as in production.
/// Settings given with UseSetting are visible to Program's own configuration code.
/// </summary>
public class StaffVoiceAppFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } =
        Path.Combine(Path.GetTempPath(), "staffvoice-tests", $"app-{Guid.NewGuid():N}.db");

    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:StaffVoice", $"Data Source={DatabasePath}");
        builder.UseSetting("Authentication:Mode", "Local");
        builder.UseSetting("AzureAd:ClientId", "");
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("DataProtection:KeysPath", DatabasePath + "-keys");
        ConfigureSettings(builder);
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
