using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Organisation;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Benchmarks;

/// <summary>
/// The engagement dashboard on a generated organisation (run <c>generate</c> first): how long building every section
/// takes for an administrator, for the last 90 days and the last year, for everyone and for one department. Target:
/// under a second. Prints a table and writes artifacts/bench/dashboard.json.
/// </summary>
public static class DashboardBenchmark
{
    /// <summary>The clock stopped at the generated year's end, so "the last 90 days" means the same rows in every run.</summary>
    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }

    /// <summary>The generated organisation's first person: an administrator, who sees every section.</summary>
    public static readonly Actor Administrator = new(1, "Person 1", new HashSet<string> { Roles.Employee, Roles.Administrator });

    /// <summary>The dashboard over a generated database, with the clock at <see cref="Generator.Anchor"/>.</summary>
    public static EngagementDashboard Create(string path)
    {
        var time = new FixedTime(Generator.Anchor);
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        var factory = new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, time));
        var calendar = new OrganisationCalendar(Options.Create(new OrganisationOptions()), time, factory);
        var operations = new Operations(factory, new AuditTrail(factory, time), NullLogger<Operations>.Instance);
        var conversations = new ConversationService(factory, operations, Options.Create(new ResponseOptions()), time, calendar,
            new NotificationService(factory, time, new NotificationEvents()));
        return new EngagementDashboard(factory, conversations, calendar, time);
    }

    public static async Task RunAsync(string path, int runs = 7)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No generated database at {path}: run `generate --scale large` first.");
        var dashboard = Create(path);
        var admin = Administrator;
        var today = DateOnly.FromDateTime(Generator.Anchor);
        var cases = new (string Name, DashboardQuery Query)[]
        {
            ("90 days, everyone", new DashboardQuery(today.AddDays(-90), today)),
            ("90 days, one department", new DashboardQuery(today.AddDays(-90), today, 3)),
            ("365 days, everyone", new DashboardQuery(today.AddDays(-365), today)),
        };
        var results = new List<object>();
        Console.WriteLine($"Engagement dashboard on {path} ({runs} runs after one warm-up)");
        foreach (var (name, query) in cases)
        {
            await dashboard.BuildAsync(admin, query);
            var times = new List<double>();
            var allocated = 0L;
            for (var i = 0; i < runs; i++)
            {
                var before = GC.GetTotalAllocatedBytes(true);
                var watch = Stopwatch.StartNew();
                await dashboard.BuildAsync(admin, query);
                times.Add(watch.Elapsed.TotalMilliseconds);
                allocated = Math.Max(allocated, GC.GetTotalAllocatedBytes(true) - before);
            }
            times.Sort();
            var median = times[times.Count / 2];
            Console.WriteLine($"  {name,-26} median {median,7:0} ms   max {times[^1],7:0} ms   allocated {allocated / 1048576.0,6:0.0} MiB per build");
            results.Add(new { name, medianMs = median, maxMs = times[^1], allocatedMiB = allocated / 1048576.0 });
        }
        await BenchmarkOutput.WriteJsonAsync("dashboard", results);
    }
}
