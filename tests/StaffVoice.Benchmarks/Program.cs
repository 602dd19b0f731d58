// The organisation-scale benchmarks (docs/performance.md). Each prints a table and writes JSON to artifacts/bench/.
// Usage: dotnet run -c Release --project tests/StaffVoice.Benchmarks -- <command>
//        all                                              every benchmark below with trimmed budgets, under 15 minutes (AllBenchmarks.cs)
//        generate --scale large|small|tiny [--out file.db]   a deterministic organisation (Generator.cs)
//        search [articles] [questions]                    full-text search against a naive LIKE (SearchBenchmark.cs)
//        picker [people]                                  the person picker (PickerBenchmark.cs)
//        dashboard [file.db]                              the engagement dashboard in process (DashboardBenchmark.cs)
//        pages [large.db] [small.db]                      prerendered pages over HTTP (PagesBenchmark.cs)
//        startup [file.db]                                start-up to healthy (StartupBenchmark.cs)
//        sweeps [file.db] [job ids]                       every recurring job (SweepsBenchmark.cs)
//        circuits [file.db] [--steps 10,100,500] [--clickers 100] [--click-seconds 60] [--click-at 500] [--pages /knowledge,/responses,/training] [--capture dir] [--gcdump dir]
//                                                         memory per circuit and click-to-render beside the stock template (Circuits/CircuitsBenchmark.cs)
if (args is ["all", ..])
{
    await StaffVoice.Benchmarks.AllBenchmarks.RunAsync(Console.Out);
    return;
}
if (args is ["generate", ..])
{
    var scale = StaffVoice.Benchmarks.Scale.Parse(args.SkipWhile(a => a != "--scale").Skip(1).FirstOrDefault() ?? "large");
    var target = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine("artifacts", "bench", $"staffvoice-{scale.Name}.db");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
    Console.WriteLine($"Generating the {scale.Name} organisation into {target}");
    foreach (var (table, value) in await StaffVoice.Benchmarks.Generator.GenerateAsync(target, scale, Console.Out))
    {
        if (!table.EndsWith(".checksum")) Console.WriteLine($"  {table,-22} {value,10:N0}");
    }
    return;
}
if (args is ["dashboard", ..])
{
    await StaffVoice.Benchmarks.DashboardBenchmark.RunAsync(args.Length > 1 ? args[1] : Path.Combine("artifacts", "bench", "staffvoice-large.db"));
    return;
}
string Bench(string scale) => Path.Combine("artifacts", "bench", $"staffvoice-{scale}.db");
if (args is ["pages", ..])
{
    var pages = await StaffVoice.Benchmarks.PagesBenchmark.RunAsync(args.Length > 1 ? args[1] : Bench("large"), args.Length > 2 ? args[2] : Bench("small"), Console.Out);
    await StaffVoice.Benchmarks.BenchmarkOutput.WriteJsonAsync("pages", pages);
    return;
}
if (args is ["sweeps", "--one", var oneJob, var oneDatabase])
{
    await StaffVoice.Benchmarks.SweepsBenchmark.RunOneAsync(oneJob, oneDatabase);
    return;
}
if (args is ["sweeps", ..])
{
    await StaffVoice.Benchmarks.SweepsBenchmark.RunAsync(args.Length > 1 && args[1].EndsWith(".db") ? args[1] : Bench("large"), Console.Out,
        args.Skip(1).Where(a => !a.EndsWith(".db")).ToList());
    return;
}
if (args is ["circuits", ..])
{
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var defaults = StaffVoice.Benchmarks.Circuits.CircuitsBenchmark.Options.Default;
    var circuitOptions = new StaffVoice.Benchmarks.Circuits.CircuitsBenchmark.Options(
        Option("--steps") is { } steps ? steps.Split(',').Select(int.Parse).ToList() : defaults.Steps,
        Option("--clickers") is { } clickers ? int.Parse(clickers) : defaults.Clickers,
        Option("--click-seconds") is { } seconds ? TimeSpan.FromSeconds(int.Parse(seconds)) : defaults.ClickFor,
        Option("--click-at") is { } at ? int.Parse(at) : defaults.ClickAt,
        Option("--capture"), Option("--gcdump"),
        Option("--pages") is { } pages ? pages.Split(',', StringSplitOptions.RemoveEmptyEntries) : defaults.OtherPages, defaults.OtherSteps);
    var circuits = await StaffVoice.Benchmarks.Circuits.CircuitsBenchmark.RunAsync(args.Length > 1 && args[1].EndsWith(".db") ? args[1] : Bench("large"),
        Console.Out, circuitOptions);
    await StaffVoice.Benchmarks.BenchmarkOutput.WriteJsonAsync("circuits", circuits);
    return;
}
if (args is ["startup", ..])
{
    await StaffVoice.Benchmarks.StartupBenchmark.RunAsync(args.Length > 1 ? args[1] : Bench("large"), Console.Out);
    return;
}
if (args is ["picker", ..])
{
    await PickerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20_000);
    return;
}
if (args is ["search", ..]) args = args[1..];
await StaffVoice.Benchmarks.SearchBenchmark.RunAsync(args.Length > 0 ? int.Parse(args[0]) : 100_000, args.Length > 1 ? int.Parse(args[1]) : 50_000, Console.Out);
