using System.Diagnostics;

namespace StaffVoice.Benchmarks;

/// <summary>
/// <c>all</c>: every benchmark in one run, in under 15 minutes on two cores, with budgets trimmed from the single
/// commands' (fewer repetitions, shorter timed runs, a 30-second click phase); generates the large and small
/// organisations first when they are missing. Prints each benchmark's table as it goes, then how long each took;
/// every benchmark writes its JSON to <c>artifacts/bench/</c>.
/// </summary>
public static class AllBenchmarks
{
    public static async Task RunAsync(TextWriter log)
    {
        var large = Path.Combine("artifacts", "bench", "staffvoice-large.db");
        var small = Path.Combine("artifacts", "bench", "staffvoice-small.db");
        var durations = new List<(string Name, TimeSpan Took)>();
        async Task Step(string name, Func<Task> run)
        {
            log.WriteLine();
            log.WriteLine($"== {name} ==");
            var watch = Stopwatch.StartNew();
            await run();
            durations.Add((name, watch.Elapsed));
        }

        foreach (var (path, scale) in new[] { (large, Scale.Large), (small, Scale.Small) })
        {
            if (File.Exists(path)) continue;
            await Step($"generate {scale.Name}", async () =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await Generator.GenerateAsync(path, scale, log);
            });
        }
        await Step("search", () => SearchBenchmark.RunAsync(100_000, 50_000, log, repeats: 20));
        await Step("picker", () => PickerBenchmark.RunAsync(20_000));
        await Step("dashboard", () => DashboardBenchmark.RunAsync(large, runs: 3));
        await Step("startup", async () => await StartupBenchmark.RunAsync(large, log, runs: 3));
        await Step("pages", async () =>
            await BenchmarkOutput.WriteJsonAsync("pages", await PagesBenchmark.RunAsync(large, small, log, TimeSpan.FromSeconds(4))));
        await Step("sweeps", async () => await SweepsBenchmark.RunAsync(large, log));
        await Step("circuits", async () => await BenchmarkOutput.WriteJsonAsync("circuits",
            await Circuits.CircuitsBenchmark.RunAsync(large, log, Circuits.CircuitsBenchmark.Options.Default with { ClickFor = TimeSpan.FromSeconds(30) })));

        log.WriteLine();
        log.WriteLine("== all: time per benchmark ==");
        foreach (var (name, took) in durations) log.WriteLine($"  {name,-16} {took.TotalMinutes,6:0.0} min");
        log.WriteLine($"  {"total",-16} {durations.Sum(d => d.Took.TotalMinutes),6:0.0} min");
        await BenchmarkOutput.WriteJsonAsync("all", durations.Select(d => new { Benchmark = d.Name, Minutes = d.Took.TotalMinutes }));
    }
}
