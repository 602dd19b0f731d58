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

    [Fact]
    public async Task Upgrading_gives_answers_indexed_before_question_titles_their_question_title_in_search()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), "staffvoice-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        var factory = new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, TimeProvider.System));
        await using var db = factory.CreateDbContext();
        var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
        var all = db.Database.GetMigrations().ToList();
        var fix = all.Single(m => m.EndsWith("_AnswerSearchTitles", StringComparison.Ordinal));
        await migrator.MigrateAsync(null, ct);
        await DemoData.SeedAsync(db, ct);
        // An answer indexed the old way: no title. Then the database goes back to before the fix (later migrations undone).
        var question = await db.Questions.OrderBy(q => q.Id).Select(q => new { q.Id, q.Title }).FirstAsync(ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO SearchIndex (rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags) VALUES (999999, 3, 999999, {question.Id}, 1, '', 'An old answer', '')", ct);
        await migrator.MigrateAsync(all[all.IndexOf(fix) - 1], ct);

        await migrator.MigrateAsync(null, ct);
        var title = await db.Database.SqlQuery<string>($"SELECT Title AS Value FROM SearchIndex WHERE rowid = 999999").SingleAsync(ct);
        Assert.Equal($"Answer to: {question.Title}", title);
        // Rows indexed before the facets were added get theirs when the index is rebuilt (migration SearchFacets).
        Assert.Equal("k3 a1", await db.Database.SqlQuery<string>($"SELECT Facets AS Value FROM SearchIndex WHERE rowid = 999999").SingleAsync(ct));
        await db.Database.EnsureDeletedAsync(ct);
    }
}
