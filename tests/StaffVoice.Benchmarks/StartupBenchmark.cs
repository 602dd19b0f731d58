namespace StaffVoice.Benchmarks;

/// <summary>
/// <c>startup</c>: from starting the app's process to its first healthy <c>/health/ready</c>, on an existing (already
/// migrated) database and on an empty one (created, migrated and seeded with the demo organisation), five times each.
/// </summary>
public static class StartupBenchmark
{
    public sealed record Result(string Database, IReadOnlyList<double> Seconds, double Median);

    public static async Task<IReadOnlyList<Result>> RunAsync(string existing, TextWriter log, int runs = 5)
    {
        var results = new List<Result>();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var app = await AppUnderTest.StartOnCopyAsync(existing);
            times.Add(app.StartedIn.TotalSeconds);
        }
        results.Add(Summarise($"existing ({Path.GetFileName(existing)})", times));
        times = [];
        for (var i = 0; i < runs; i++)
        {
            var empty = Path.Combine(Path.GetTempPath(), $"staffvoice-bench-{Guid.NewGuid():N}.db");
            await using var app = await AppUnderTest.StartAsync(empty, new Dictionary<string, string> { ["Database:SeedDemoData"] = "true" });
            times.Add(app.StartedIn.TotalSeconds);
        }
        results.Add(Summarise("empty (created, migrated, demo seeded)", times));
        foreach (var r in results)
        {
            log.WriteLine($"  start-up, {r.Database,-40} median {r.Median:0.00} s   runs {string.Join(" ", r.Seconds.Select(s => s.ToString("0.00")))}");
        }
        await BenchmarkOutput.WriteJsonAsync("startup", results);
        return results;
    }

    private static Result Summarise(string name, List<double> seconds)
    {
        var sorted = seconds.Order().ToList();
        return new Result(name, seconds, sorted[sorted.Count / 2]);
    }
}
