using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Knowledge;

/// <summary>
/// The knowledge list at organisation scale reads a page, not the table: its SQL never selects or sorts article bodies,
/// and SQLite walks the (Status, UpdatedAt, Id) index for "newest first" instead of sorting every row.
/// </summary>
public class KnowledgeListQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_reads_no_bodies_and_the_newest_first_order_comes_from_an_index()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var recorder = new CommandRecorder();
        var recorded = recorder.Factory(database);
        var articles = new ArticleService(recorded, TestHost.Operations(database), new SafeMarkdown(), TimeProvider.System, new NotificationService(database.Factory, TimeProvider.System, new NotificationEvents()));
        var alex = await database.ActorAsync(Demo.Employee);

        var page = await articles.ListAsync(alex, new ArticleListQuery(PageSize: 5), Ct);
        var all = await new ArticleService(database.Factory, TestHost.Operations(database), new SafeMarkdown(), TimeProvider.System, new NotificationService(database.Factory, TimeProvider.System, new NotificationEvents()))
            .ListAsync(alex, new ArticleListQuery(PageSize: 100), Ct);

        Assert.Equal(5, page.Items.Count);
        Assert.Equal(all.Items.Take(5).Select(i => i.Id), page.Items.Select(i => i.Id)); // newest first, the same order
        Assert.True(all.Items.Zip(all.Items.Skip(1)).All(p => p.First.UpdatedAt >= p.Second.UpdatedAt));
        Assert.NotEmpty(recorder.Sql);
        Assert.All(recorder.Sql, sql => Assert.DoesNotContain("Body", sql));

        // The ordering query, as SQLite plans it: the index gives the order, no temporary sort of the table.
        var ordering = recorder.Sql.First(sql => sql.Contains("ORDER BY") && sql.Contains("LIMIT"));
        if (database.Options.Provider != DatabaseProvider.Sqlite) return;
        await using var connection = new SqliteConnection(database.Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + ordering;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(ordering, "@[A-Za-z_0-9]+").Select(m => m.Value).Distinct())
        {
            explain.Parameters.AddWithValue(name, 5);
        }
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct)) plan.Add(reader.GetString(3));
        }
        Assert.Contains(plan, step => step.Contains("IX_Articles_Status_UpdatedAt_Id"));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE FOR ORDER BY"));
    }
}
