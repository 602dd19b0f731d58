using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Extensions;
using StaffVoice.Web.Jobs;

namespace StaffVoice.Benchmarks;

/// <summary>
/// <c>sweeps</c>: every recurring job over a fresh copy of the large organisation, each in its own process (so its
/// peak memory is its own), wired as the app wires it: duration, database commands, rows added, notifications
/// created, managed allocations and peak working set; then the same job again at once (the idle pass), which should
/// find nothing left to do.
/// </summary>
public static class SweepsBenchmark
{
    public sealed record Pass(double Seconds, long Commands, long RowsAdded, long Notifications, double AllocatedMiB);

    public sealed record Result(string Job, Pass First, Pass Idle, double PeakWorkingSetMiB, string? Error);

    public static async Task<IReadOnlyList<Result>> RunAsync(string generated, TextWriter log, IReadOnlyCollection<string>? only = null)
    {
        if (!File.Exists(generated)) throw new FileNotFoundException($"No generated database at {generated}: run 'generate --scale large' first.", generated);
        var results = new List<Result>();
        log.WriteLine($"Recurring jobs on {generated}, each in its own process on a fresh copy");
        log.WriteLine($"  {"job",-30} {"first s",8} {"cmds",7} {"rows",9} {"notes",8} {"alloc MiB",10} {"idle s",7} {"idle cmds",9} {"peak MiB",9}");
        foreach (var job in RecurringJobs.All.Select(j => j.Id).Where(id => only is null || only.Count == 0 || only.Contains(id)))
        {
            var copy = Path.Combine(Path.GetTempPath(), $"staffvoice-bench-{Guid.NewGuid():N}.db");
            File.Copy(generated, copy);
            try
            {
                var start = new ProcessStartInfo("dotnet", [typeof(SweepsBenchmark).Assembly.Location, "sweeps", "--one", job, copy])
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                using var process = Process.Start(start)!;
                var error = process.StandardError.ReadToEndAsync();
                var output = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
                var result = line is null
                    ? new Result(job, new Pass(0, 0, 0, 0, 0), new Pass(0, 0, 0, 0, 0), 0, (await error).Split('\n').FirstOrDefault(l => l.Contains("Exception")) ?? output)
                    : JsonSerializer.Deserialize<Result>(line)!;
                results.Add(result);
                log.WriteLine(result.Error is { } e
                    ? $"  {job,-30} failed: {e}"
                    : $"  {job,-30} {result.First.Seconds,8:0.00} {result.First.Commands,7} {result.First.RowsAdded,9:N0} {result.First.Notifications,8:N0} " +
                      $"{result.First.AllocatedMiB,10:0} {result.Idle.Seconds,7:0.00} {result.Idle.Commands,9} {result.PeakWorkingSetMiB,9:0}");
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    try { File.Delete(copy + suffix); } catch (IOException) { }
                }
            }
        }
        await BenchmarkOutput.WriteJsonAsync("sweeps", results);
        return results;
    }

    /// <summary>The child: one job, twice, on <paramref name="database"/>; prints one JSON line.</summary>
    public static async Task RunOneAsync(string job, string database)
    {
        var mail = Path.Combine(Path.GetTempPath(), $"staffvoice-bench-mail-{Guid.NewGuid():N}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production", ContentRootPath = Path.Combine(AppUnderTest.RepositoryRoot(), "src", "StaffVoice.Web"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Mode"] = "Local",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:StaffVoice"] = $"Data Source={database}",
            ["Jobs:RunServer"] = "false",
            ["Benchmarking:Enabled"] = "true",
            ["Mail:PickupDirectory"] = mail,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddStaffVoiceData();
        builder.AddStaffVoiceAuth();
        builder.AddStaffVoiceJobs();
        builder.AddStaffVoiceUi();
        builder.AddStaffVoiceFeatures();
        builder.AddStaffVoiceOperations();
        builder.AddStaffVoiceBenchmarking();
        await using var app = builder.Build();
        var commands = app.Services.GetRequiredService<DatabaseCommandCounter>();
        commands.Start();
        var type = JobType(job);
        try
        {
            var first = await PassAsync(app.Services, type, database, commands);
            var idle = await PassAsync(app.Services, type, database, commands);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(JsonSerializer.Serialize(new Result(job, first, idle, self.PeakWorkingSet64 / 1048576.0, null)));
        }
        catch (Exception ex)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Result(job, new Pass(0, 0, 0, 0, 0), new Pass(0, 0, 0, 0, 0), 0, $"{ex.GetType().Name}: {ex.Message}")));
        }
        finally
        {
            if (Directory.Exists(mail)) Directory.Delete(mail, recursive: true);
        }
    }

    private static async Task<Pass> PassAsync(IServiceProvider services, Type type, string database, DatabaseCommandCounter commands)
    {
        var rowsBefore = await RowsAsync(database);
        var notesBefore = await CountAsync(database, "Notifications");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var before = commands.Count;
        var watch = Stopwatch.StartNew();
        using (var scope = services.CreateScope())
        {
            var sweep = scope.ServiceProvider.GetRequiredService(type);
            await (Task)type.GetMethod("RunAsync", [typeof(CancellationToken)])!.Invoke(sweep, [CancellationToken.None])!;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var ran = commands.Count - before;
        var mib = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        return new Pass(seconds, ran, await RowsAsync(database) - rowsBefore, await CountAsync(database, "Notifications") - notesBefore, mib);
    }

    /// <summary>The job's class, read from the recurring job's registration (the type Hangfire would activate).</summary>
    private static Type JobType(string id)
    {
        var definition = RecurringJobs.All.SingleOrDefault(j => j.Id == id) ?? throw new ArgumentException($"No recurring job '{id}'.");
        var recorder = new TypeRecorder();
        definition.Schedule(recorder, id, definition.DefaultCron);
        return recorder.Type ?? throw new InvalidOperationException($"'{id}' registered no job type.");
    }

    private static async Task<long> RowsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        var tables = new List<string>();
        var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'SearchIndex%' AND name NOT LIKE '__EF%'";
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        long total = 0;
        foreach (var table in tables) total += await CountAsync(connection, table);
        return total;
    }

    private static async Task<long> CountAsync(string database, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        return await CountAsync(connection, table);
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Catches the job type a recurring job's registration names, without scheduling anything.</summary>
    private sealed class TypeRecorder : Hangfire.IRecurringJobManager
    {
        public Type? Type { get; private set; }

        public void AddOrUpdate(string recurringJobId, Hangfire.Common.Job job, string cronExpression, Hangfire.RecurringJobOptions options) =>
            Type = job.Type;

        public void Trigger(string recurringJobId) { }

        public void RemoveIfExists(string recurringJobId) { }
    }
}
