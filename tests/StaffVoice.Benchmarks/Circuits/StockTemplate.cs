using System.Diagnostics;

namespace StaffVoice.Benchmarks.Circuits;

/// <summary>
/// The stock Blazor Web App template (<c>dotnet new blazor --interactivity Server</c>, the SDK's own), created and
/// built once under <c>artifacts/bench/template</c>, so that StaffVoice's circuits are measured beside the smallest
/// interactive page the framework makes (<c>/counter</c>) in the same run. The only change to it is the same
/// <c>/_bench/stats</c> endpoint StaffVoice has, so both heaps are read the same way.
/// </summary>
public static class StockTemplate
{
    private const string Name = "StockTemplate";

    public static string Folder => Path.Combine(AppUnderTest.RepositoryRoot(), "artifacts", "bench", "template");

    public static async Task<string> EnsureBuiltAsync(TextWriter log)
    {
        var dll = Path.Combine(Folder, "bin", "Release", "net10.0", $"{Name}.dll");
        if (File.Exists(dll)) return dll;
        log.WriteLine($"Creating the stock Blazor Web App template in {Folder}");
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
        // The repository's build settings (central package versions, warnings as errors) must not reach the template.
        await File.WriteAllTextAsync(Path.Combine(Folder, "Directory.Build.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(Folder, "Directory.Build.targets"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(Folder, "Directory.Packages.props"),
            "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        await RunAsync("dotnet", ["new", "blazor", "--interactivity", "Server", "--name", Name, "--output", Folder, "--force"]);
        var program = Path.Combine(Folder, "Program.cs");
        var code = await File.ReadAllTextAsync(program);
        const string run = "app.Run();";
        if (!code.Contains(run, StringComparison.Ordinal)) throw new InvalidOperationException($"The template's Program.cs has no '{run}'.");
        code = code.Replace(run, """
            // Added by StaffVoice's circuits benchmark: the same numbers as StaffVoice's /_bench/stats.
            app.MapGet("/_bench/stats", (bool? gc) =>
            {
                var heap = GC.GetTotalMemory(forceFullCollection: gc == true);
                using var process = System.Diagnostics.Process.GetCurrentProcess();
                return Results.Json(new
                {
                    commands = 0L, circuits = 0, managedHeapBytes = heap, workingSetBytes = process.WorkingSet64,
                    peakWorkingSetBytes = process.PeakWorkingSet64, processorMilliseconds = process.TotalProcessorTime.TotalMilliseconds,
                    gen2Collections = GC.CollectionCount(2),
                });
            });

            app.Run();
            """, StringComparison.Ordinal);
        await File.WriteAllTextAsync(program, code);
        await RunAsync("dotnet", ["build", Folder, "-c", "Release", "-v", "q", "-nologo"]);
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The template built, but its assembly is not where expected.", dll);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }
}
