using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace StaffVoice.Benchmarks.Circuits;

/// <summary>
/// <c>circuits</c>: what an open tab costs the server. With the headless client (<see cref="BlazorCircuitClient"/>,
/// in this process) it opens circuits in steps (10, 100, 500, 1,000, 2,000) on the stock template's <c>/counter</c> and
/// on StaffVoice's home page as different signed-in people, reads each server's managed heap after a forced full
/// collection and its working set at every step, and reports the slope per circuit. With 500 open, 100 of them click
/// once a second for a minute (the counter's button; StaffVoice's notification bell, which loads and lists the
/// person's latest notifications): click-to-render p50/p95/p99 and both processes' processor time.
/// </summary>
public static class CircuitsBenchmark
{
    /// <param name="GcDumpTo">When set, a <c>dotnet-gcdump</c> of the server at every step (the tool on the PATH), to see what a circuit holds.</param>
    /// <param name="OtherPages">Further StaffVoice pages measured for memory only, at <paramref name="OtherSteps"/> circuits.</param>
    public sealed record Options(IReadOnlyList<int> Steps, int Clickers, TimeSpan ClickFor, int ClickAt, string? CaptureTo, string? GcDumpTo = null,
        IReadOnlyList<string>? OtherPages = null, IReadOnlyList<int>? OtherSteps = null)
    {
        public static Options Default { get; } = new([10, 100, 500, 1_000, 2_000], 100, TimeSpan.FromMinutes(1), 500, null, null,
            ["/knowledge", "/responses", "/training"], [10, 110, 210]);
    }

    /// <param name="Commands">The app's database commands so far (its command counter).</param>
    public sealed record Step(int Circuits, int Failed, double ManagedHeapMiB, double WorkingSetMiB, int ServerCircuits, long Commands = 0);

    public sealed record Clicks(int Open, int Clickers, int Count, int Failed, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
        double ServerCpuPercent, double ClientCpuPercent);

    /// <param name="CommandsPerView">Database commands per opened tab, prerender and circuit start together, between the
    /// first two steps (the first step's caches warm): a page that queries once per view issues its prerender's count.</param>
    public sealed record Result(string App, string Path, int Components, double KiBPerCircuit, double WorkingSetKiBPerCircuit,
        IReadOnlyList<Step> Steps, Clicks? Clicks, IReadOnlyList<string> Errors, double CommandsPerView = 0);

    public static async Task<IReadOnlyList<Result>> RunAsync(string database, TextWriter log, Options? options = null)
    {
        options ??= Options.Default;
        var results = new List<Result>();
        var templateDll = await StockTemplate.EnsureBuiltAsync(log);
        await using (var template = await AppUnderTest.StartOtherAsync(templateDll, "/counter"))
        {
            log.WriteLine($"Stock template: started in {template.StartedIn.TotalSeconds:0.00} s");
            results.Add(await MeasureAsync(template, "stock template", "/counter", [null], e => e.Text == "Click me", options,
                Capture(options, "counter"), log));
        }
        await using (var app = await AppUnderTest.StartOnCopyAsync(database))
        {
            log.WriteLine($"StaffVoice on {database}: started in {app.StartedIn.TotalSeconds:0.00} s");
            var people = await SignInAsync(app, database, options.Steps.Max(), log);
            results.Add(await MeasureAsync(app, "StaffVoice", "/", people,
                e => e.Attributes.TryGetValue("aria-label", out var label) && label?.StartsWith("Notifications", StringComparison.Ordinal) == true,
                options, Capture(options, "home"), log));
            foreach (var other in options.OtherPages ?? [])
            {
                results.Add(await MeasureAsync(app, "StaffVoice", other, people, _ => false,
                    options with { Steps = options.OtherSteps ?? [10, 110], Clickers = 0, GcDumpTo = null }, null, log));
            }
        }
        Print(results, log);
        return results;
    }

    private static async Task<Result> MeasureAsync(AppUnderTest app, string name, string path, IReadOnlyList<string?> cookies,
        Func<HandledElement, bool> button, Options options, Action<long, byte[]>? capture, TextWriter log)
    {
        log.WriteLine($"{name} {path}:");
        var clients = new ConcurrentBag<BlazorCircuitClient>();
        var errors = new ConcurrentQueue<string>();
        var steps = new List<Step>();
        Clicks? clicks = null;
        var components = 0;
        var failed = 0;
        var opened = 0;
        BlazorCircuitClient? firstClient = null;
        try
        {
            foreach (var target in options.Steps)
            {
                await Parallel.ForEachAsync(Enumerable.Range(opened, Math.Max(0, target - opened)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                    async (i, _) =>
                    {
                        try
                        {
                            var client = await BlazorCircuitClient.StartAsync(app.Client, path, cookies[i % cookies.Count], TimeSpan.FromSeconds(60),
                                i == 0 ? capture : null);
                            clients.Add(client);
                            if (i == 0) firstClient = client;
                        }
                        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
                        {
                            Interlocked.Increment(ref failed);
                            if (errors.Count < 5) errors.Enqueue(e.Message);
                        }
                    });
                opened = target;
                await Task.Delay(TimeSpan.FromSeconds(2));
                components = firstClient?.Components ?? 0;
                if (capture is not null && steps.Count == 0 && firstClient?.Find(button) is { } captured)
                {
                    // The captured batches end with what one click changes.
                    await firstClient.ClickAsync(captured.EventHandlerId, TimeSpan.FromSeconds(30));
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
                await app.StatsAsync(collect: true);
                var stats = await app.StatsAsync(collect: true);
                var step = new Step(clients.Count, failed, stats.ManagedHeapBytes / 1048576.0, stats.WorkingSetBytes / 1048576.0, stats.Circuits, stats.Commands);
                steps.Add(step);
                log.WriteLine($"  {step.Circuits,5} open ({step.Failed} failed): heap {step.ManagedHeapMiB,8:0.0} MiB, working set {step.WorkingSetMiB,8:0.0} MiB");
                if (options.GcDumpTo is not null) await GcDumpAsync(app, Path.Combine(options.GcDumpTo, $"{name.Replace(' ', '-')}-{step.Circuits}.gcdump"));
                if (target == options.ClickAt && options.Clickers > 0)
                {
                    clicks = await ClickAsync(app, [.. clients.Take(options.Clickers)], clients.Count, button, options.ClickFor, errors);
                    log.WriteLine($"  {clicks.Clickers} clicking once a second for {options.ClickFor.TotalSeconds:0} s with {clicks.Open} open: " +
                        $"{clicks.Count} clicks ({clicks.Failed} failed), p50 {clicks.P50Ms:0.0} ms, p95 {clicks.P95Ms:0.0} ms, p99 {clicks.P99Ms:0.0} ms, " +
                        $"server CPU {clicks.ServerCpuPercent:0}%, client CPU {clicks.ClientCpuPercent:0}%");
                }
            }
        }
        finally
        {
            await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) => await c.DisposeAsync());
            if (clients.FirstOrDefault(c => c.DisconnectRefused is not null) is { } refused)
            {
                log.WriteLine($"  warning: the server refused to end circuits ({refused.DisconnectRefused}); they stay as disconnected circuits");
            }
        }
        var commandsPerView = steps.Count < 2 || steps[1].Circuits == steps[0].Circuits ? 0
            : (double)(steps[1].Commands - steps[0].Commands) / (steps[1].Circuits - steps[0].Circuits);
        return new Result(name, path, components, Slope(steps, s => s.ManagedHeapMiB) * 1024, Slope(steps, s => s.WorkingSetMiB) * 1024,
            steps, clicks, [.. errors], commandsPerView);
    }

    private static async Task<Clicks> ClickAsync(AppUnderTest app, IReadOnlyList<BlazorCircuitClient> clickers, int open,
        Func<HandledElement, bool> button, TimeSpan duration, ConcurrentQueue<string> errors)
    {
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var before = await app.StatsAsync();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clickers.Select(async (client, i) =>
        {
            // Spread the clickers over the second, as people are.
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * i / clickers.Count));
            var next = watch.Elapsed;
            while (watch.Elapsed < duration)
            {
                var target = client.Find(button);
                try
                {
                    if (target is null) throw new InvalidOperationException("The button to click is not on the page.");
                    latencies.Add((await client.ClickAsync(target.EventHandlerId, TimeSpan.FromSeconds(30))).TotalMilliseconds);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                    if (errors.Count < 5) errors.Enqueue(e.Message);
                }
                next += TimeSpan.FromSeconds(1);
                var wait = next - watch.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
            }
        }));
        var elapsed = watch.Elapsed;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;
        var after = await app.StatsAsync();
        var sorted = latencies.Order().ToList();
        return new Clicks(open, clickers.Count, sorted.Count, failed, BenchmarkOutput.Percentile(sorted, 0.50), BenchmarkOutput.Percentile(sorted, 0.95),
            BenchmarkOutput.Percentile(sorted, 0.99), sorted.Count == 0 ? 0 : sorted[^1],
            100 * (after.ProcessorMilliseconds - before.ProcessorMilliseconds) / elapsed.TotalMilliseconds,
            100 * clientCpu.TotalMilliseconds / elapsed.TotalMilliseconds);
    }

    private static async Task GcDumpAsync(AppUnderTest app, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        using var process = Process.Start(new ProcessStartInfo("dotnet-gcdump", ["collect", "-p", app.ProcessId.ToString(), "-o", file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        await process.WaitForExitAsync();
    }

    /// <summary>Least-squares slope of <paramref name="value"/> over the number of open circuits.</summary>
    public static double Slope(IReadOnlyList<Step> steps, Func<Step, double> value)
    {
        if (steps.Count < 2) return 0;
        var meanX = steps.Average(s => (double)s.Circuits);
        var meanY = steps.Average(value);
        var covariance = steps.Sum(s => (s.Circuits - meanX) * (value(s) - meanY));
        var variance = steps.Sum(s => (s.Circuits - meanX) * (s.Circuits - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }

    /// <summary>Different active employees, signed in through the demo sign-in (eight at a time).</summary>
    private static async Task<IReadOnlyList<string?>> SignInAsync(AppUnderTest app, string database, int count, TextWriter log)
    {
        var emails = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = $"SELECT Email FROM People WHERE IsActive = 1 ORDER BY (Id * 7919) % 20011 LIMIT {count}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) emails.Add(reader.GetString(0));
        }
        var cookies = new string?[emails.Count];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => cookies[i] = await app.SignInAsync(emails[i]));
        log.WriteLine($"  {cookies.Length:N0} different people signed in ({watch.Elapsed.TotalSeconds:0} s)");
        return cookies;
    }

    private static Action<long, byte[]>? Capture(Options options, string name)
    {
        if (options.CaptureTo is null) return null;
        Directory.CreateDirectory(options.CaptureTo);
        var count = 0;
        return (_, data) =>
        {
            // The batches of the first circuit: the page coming to life, then one click.
            var n = Interlocked.Increment(ref count);
            if (n <= 12) File.WriteAllBytes(Path.Combine(options.CaptureTo, $"{name}-{n:00}.bin"), data);
        };
    }

    private static void Print(IReadOnlyList<Result> results, TextWriter log)
    {
        log.WriteLine();
        log.WriteLine($"  {"app",-16} {"page",-11} {"components",10} {"heap KiB/circuit",17} {"RSS KiB/circuit",16} {"most open",9} {"click p50/p95/p99 ms",22} {"CPU srv/cli",12} {"cmds/view",9}");
        foreach (var r in results)
        {
            var most = r.Steps.Count == 0 ? 0 : r.Steps.Max(s => s.Circuits);
            var clicks = r.Clicks is { } c ? $"{c.P50Ms:0}/{c.P95Ms:0}/{c.P99Ms:0}" : "-";
            var cpu = r.Clicks is { } k ? $"{k.ServerCpuPercent:0}%/{k.ClientCpuPercent:0}%" : "-";
            log.WriteLine($"  {r.App,-16} {r.Path,-11} {r.Components,10} {r.KiBPerCircuit,17:0} {r.WorkingSetKiBPerCircuit,16:0} {most,9:N0} {clicks,22} {cpu,12} {r.CommandsPerView,9:0.0}");
        }
        if (results.Count >= 2 && results[0].KiBPerCircuit > 0)
        {
            foreach (var r in results.Skip(1))
            {
                log.WriteLine($"  StaffVoice's {r.Path} holds {r.KiBPerCircuit / results[0].KiBPerCircuit:0.0}× the template's counter per circuit.");
            }
        }
        foreach (var r in results.Where(r => r.Errors.Count > 0))
        {
            log.WriteLine($"  {r.App} errors: {string.Join(" | ", r.Errors)}");
        }
    }
}
