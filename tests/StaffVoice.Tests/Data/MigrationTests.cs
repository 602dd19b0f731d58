using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

namespace StaffVoice.Tests.Data;

public class MigrationTests
{
    [Fact]
    public void SqlServer_migrations_cover_the_whole_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changed since the last SQL Server migration: add one with --context StaffVoiceDb.");
    }

    [Fact]
    public void Sqlite_migrations_cover_the_whole_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changed since the last SQLite migration: add one with --context SqliteStaffVoiceDb.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_by_name()
    {
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[15..]);
        Assert.Equal(Names(sqlServer), Names(sqlite));
    }

    [Fact]
    public async Task A_fresh_database_migrates_to_the_latest_migration()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }
}
