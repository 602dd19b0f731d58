extern alias bench;

using Microsoft.Data.Sqlite;
using bench::StaffVoice.Benchmarks;
using StaffVoice.Web.Features.Engagement;

namespace StaffVoice.Tests.Benchmarks;

/// <summary>The scale-data generator (run in CI at its tiny scale): the same rows every time, and rows the app can read.</summary>
public class GeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_runs_write_the_same_organisation_and_the_dashboard_reads_it()
    {
        var first = Path.Combine(Path.GetTempPath(), $"staffvoice-gen-{Guid.NewGuid():N}.db");
        var second = Path.Combine(Path.GetTempPath(), $"staffvoice-gen-{Guid.NewGuid():N}.db");
        try
        {
            var a = await Generator.GenerateAsync(first, Scale.Tiny);
            var b = await Generator.GenerateAsync(second, Scale.Tiny);
            Assert.Equal(a, b);
            Assert.Equal(Scale.Tiny.People, a["People"]);
            Assert.Equal(Scale.Tiny.Answers, a["Answers"]);
            Assert.All(a.Where(kv => !kv.Key.EndsWith(".checksum")), kv => Assert.True(kv.Value > 0, $"{kv.Key} is empty"));

            await using (var connection = new SqliteConnection($"Data Source={first}"))
            {
                await connection.OpenAsync(Ct);
                var command = connection.CreateCommand();
                command.CommandText = "SELECT 1.0 * SUM(DueAt < $anchor) / COUNT(*) FROM Assignments WHERE Status = 'Open'";
                command.Parameters.AddWithValue("$anchor", Generator.Anchor.ToString("yyyy-MM-dd HH:mm:ss"));
                var overdueShare = Convert.ToDouble(await command.ExecuteScalarAsync(Ct));
                Assert.InRange(overdueShare, 0.05, 0.25); // a realistic overdue share, not none and not all
            }

            // The app reads what was written: every dashboard section has figures for the generated year.
            var dashboard = DashboardBenchmark.Create(first);
            var today = DateOnly.FromDateTime(Generator.Anchor);
            var view = await dashboard.BuildAsync(DashboardBenchmark.Administrator, new DashboardQuery(today.AddDays(-365), today), Ct);
            Assert.True(view.Figure("knowledge", "Questions asked")!.Value > 0);
            Assert.True(view.Figure("responses", "Conversations received")!.Value > 0);
            Assert.True(view.Figure("training", "Assignments overdue now")!.Value > 0);
            Assert.True(view.Figure("listening", "Ideas done")!.Value > 0);
            Assert.True(view.Figure("participation", "Share who contributed")!.Value is > 0 and < 1);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { first, second })
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            }
        }
    }
}
