using StaffVoice.Web.Data;

namespace StaffVoice.Tests.Data;

/// <summary>
/// The scripts a DBA applies (deploy/sql) are what the migrations and Hangfire's installer generate today. After a model
/// change, regenerate them with <c>STAFFVOICE_UPDATE_SQL=1 dotnet test --filter-class "*SqlScriptTests"</c>.
/// </summary>
public class SqlScriptTests
{
    private static string Folder => Path.Combine(RepositoryRoot(), "deploy", "sql");

    [Fact]
    public void The_committed_SQL_Server_scripts_match_a_regeneration()
    {
        var scripts = DatabaseSetup.SqlServerScripts();
        if (Environment.GetEnvironmentVariable("STAFFVOICE_UPDATE_SQL") == "1")
        {
            foreach (var (name, text) in scripts) File.WriteAllText(Path.Combine(Folder, name), text);
        }
        foreach (var (name, text) in scripts)
        {
            var path = Path.Combine(Folder, name);
            Assert.True(File.Exists(path), $"{path} is missing: regenerate the scripts (see {nameof(SqlScriptTests)}).");
            Assert.True(text == File.ReadAllText(path).Replace("\r\n", "\n"),
                $"deploy/sql/{name} is stale: regenerate it with STAFFVOICE_UPDATE_SQL=1 (see {nameof(SqlScriptTests)}).");
        }
    }

    [Fact]
    public void The_scripts_cover_every_migration_Hangfire_and_the_full_text_language()
    {
        var scripts = DatabaseSetup.SqlServerScripts();
        var app = scripts["staffvoice-sqlserver.sql"];
        using var db = new SqlServerDesignTimeFactoryAccess().Create();
        foreach (var migration in Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetMigrations(db.Database))
        {
            Assert.Contains($"N'{migration}'", app);
        }
        Assert.Contains("CREATE FULLTEXT INDEX", app);
        Assert.Contains("LANGUAGE 2057", app);
        var jobs = scripts["hangfire-sqlserver.sql"];
        Assert.Contains("[hangfire].[Job]", jobs);
        Assert.DoesNotContain("$(HangFireSchema)", jobs);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StaffVoice.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("StaffVoice.sln not found above the test binaries.");
    }

    private sealed class SqlServerDesignTimeFactoryAccess
    {
        public StaffVoiceDb Create() => new(StaffVoiceDbFactory.BuildOptions(
            new DatabaseOptions(DatabaseProvider.SqlServer, "Server=localhost;Database=StaffVoice;Integrated Security=true"), TimeProvider.System));
    }
}
