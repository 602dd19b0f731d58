using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace StaffVoice.Benchmarks;

/// <summary>
/// <c>pages</c>: the prerendered HTML of the main pages, requested as 50 different signed-in people at concurrency 1, 8
/// and 32 against the app running as its own process on the large organisation; and the database commands each page
/// issues (the app's command counter), on the small and the large organisation in the same run: the count must not
/// grow with the data.
/// </summary>
public static class PagesBenchmark
{
    public sealed record PageCase(string Name, string Path, string Who);

    public sealed record Timing(int Concurrency, int Requests, double PerSecond, double P50Ms, double P95Ms, double MaxMs, long Bytes);

    public sealed record PageResult(string Name, string Path, double CommandsSmall, double CommandsLarge, IReadOnlyList<Timing> Timings);

    public static readonly int[] Concurrencies = [1, 8, 32];

    public static async Task<IReadOnlyList<PageResult>> RunAsync(string large, string small, TextWriter log, TimeSpan? budgetPerRun = null)
    {
        var budget = budgetPerRun ?? TimeSpan.FromSeconds(15);
        var cases = await CasesAsync(large);
        Dictionary<string, double> smallCommands;
        await using (var app = await AppUnderTest.StartOnCopyAsync(small))
        {
            log.WriteLine($"Small organisation ({small}): started in {app.StartedIn.TotalSeconds:0.00} s");
            var people = await PeopleAsync(app, small);
            smallCommands = [];
            foreach (var c in await CasesAsync(small)) smallCommands[c.Name] = await CommandsAsync(app, c, people);
        }

        var results = new List<PageResult>();
        await using (var app = await AppUnderTest.StartOnCopyAsync(large))
        {
            log.WriteLine($"Large organisation ({large}): started in {app.StartedIn.TotalSeconds:0.00} s");
            var people = await PeopleAsync(app, large);
            log.WriteLine($"  {people.Values.SelectMany(p => p).Distinct().Count()} different people signed in");
            log.WriteLine($"  {"page",-22} {"cmds S/L",9} {"c",3} {"req/s",7} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"KiB",6}");
            foreach (var c in cases)
            {
                var commands = await CommandsAsync(app, c, people);
                var timings = new List<Timing>();
                foreach (var concurrency in Concurrencies)
                {
                    var t = await TimeAsync(app, c, people[c.Who], concurrency, budget);
                    timings.Add(t);
                    log.WriteLine($"  {(concurrency == 1 ? c.Name : ""),-22} {(concurrency == 1 ? $"{smallCommands[c.Name]:0}/{commands:0}" : ""),9} {concurrency,3} " +
                        $"{t.PerSecond,7:0.0} {t.P50Ms,8:0.0} {t.P95Ms,8:0.0} {t.MaxMs,8:0.0} {t.Bytes / 1024.0,6:0}");
                }
                results.Add(new PageResult(c.Name, c.Path, smallCommands[c.Name], commands, timings));
            }
        }
        return results;
    }

    /// <summary>The pages, with real ids and words from the generated organisation.</summary>
    public static async Task<IReadOnlyList<PageCase>> CasesAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        async Task<string> Scalar(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        var article = await Scalar("SELECT MIN(Id) FROM Articles WHERE Status = 'Published'");
        // A reference word that occurs in a handful of titles only.
        var title = await Scalar($"SELECT Title FROM Articles WHERE Id = {article}");
        var rare = title[(title.LastIndexOf("(ref", StringComparison.Ordinal) + 1)..].TrimEnd(')');
        var area = await Scalar("SELECT MIN(Id) FROM ServiceAreas");
        return
        [
            new("home", "/", "employee"),
            new("knowledge list", "/knowledge", "employee"),
            new("search rare", $"/search?q={rare}", "employee"),
            new("search common", "/search?q=bulky+waste", "employee"),
            new("search filtered", $"/search?q=parking&type=Article&area={area}", "employee"),
            new("article", $"/knowledge/articles/{article}", "employee"),
            new("my training", "/training", "employee"),
            new("trainer reports", "/training/admin/reports", "trainer"),
            new("approvals", "/responses/approvals", "comms"),
            new("inbox", "/responses", "comms"),
            new("dashboard", "/dashboard", "dashboard"),
        ];
    }

    /// <summary>50 different people: 30 employees, 8 trainers, 10 comms managers and the administrators.</summary>
    private static async Task<Dictionary<string, List<string>>> PeopleAsync(AppUnderTest app, string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        async Task<List<string>> Emails(string role, int take, bool only)
        {
            var command = connection.CreateCommand();
            command.CommandText = only
                ? $"SELECT p.Email FROM People p WHERE p.IsActive = 1 AND NOT EXISTS (SELECT 1 FROM PersonRoles r WHERE r.PersonId = p.Id AND r.Role <> 'Employee') ORDER BY (p.Id * 7919) % 10007 LIMIT {take}"
                : $"SELECT p.Email FROM People p JOIN PersonRoles r ON r.PersonId = p.Id AND r.Role = '{role}' WHERE p.IsActive = 1 ORDER BY p.Id LIMIT {take}";
            var list = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) list.Add(reader.GetString(0));
            return list;
        }
        var groups = new Dictionary<string, List<string>>
        {
            ["employee"] = await Emails("Employee", 30, only: true),
            ["trainer"] = await Emails("Trainer", 8, only: false),
            ["comms"] = await Emails("CommsManager", 10, only: false),
        };
        groups["dashboard"] = [.. await Emails("Administrator", 2, only: false), .. groups["comms"]];
        var signedIn = new Dictionary<string, string>();
        foreach (var email in groups.Values.SelectMany(e => e).Distinct()) signedIn[email] = await app.SignInAsync(email);
        return groups.ToDictionary(g => g.Key, g => g.Value.Select(e => signedIn[e]).ToList());
    }

    /// <summary>The median number of database commands one request of the page runs (after two warm-up requests).</summary>
    private static async Task<double> CommandsAsync(AppUnderTest app, PageCase page, Dictionary<string, List<string>> people)
    {
        var cookies = people[page.Who];
        for (var i = 0; i < 2; i++) await GetAsync(app, page.Path, cookies[i % cookies.Count]);
        var counts = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var before = (await app.StatsAsync()).Commands;
            await GetAsync(app, page.Path, cookies[(i + 2) % cookies.Count]);
            counts.Add((await app.StatsAsync()).Commands - before);
        }
        counts.Sort();
        return counts[counts.Count / 2];
    }

    private static async Task<Timing> TimeAsync(AppUnderTest app, PageCase page, List<string> cookies, int concurrency, TimeSpan budget)
    {
        for (var i = 0; i < Math.Min(concurrency, 4); i++) await GetAsync(app, page.Path, cookies[i % cookies.Count]);
        var target = Math.Max(30, concurrency * 8);
        var times = new List<double>();
        long bytes = 0;
        var next = 0;
        var wall = Stopwatch.StartNew();
        async Task Worker()
        {
            while (true)
            {
                var n = Interlocked.Increment(ref next) - 1;
                if (n >= target || (wall.Elapsed > budget && n >= concurrency * 2)) return;
                var watch = Stopwatch.StartNew();
                var size = await GetAsync(app, page.Path, cookies[n % cookies.Count]);
                var ms = watch.Elapsed.TotalMilliseconds;
                lock (times)
                {
                    times.Add(ms);
                    bytes = size;
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var elapsed = wall.Elapsed.TotalSeconds;
        times.Sort();
        return new Timing(concurrency, times.Count, times.Count / elapsed, BenchmarkOutput.Percentile(times, 0.50),
            BenchmarkOutput.Percentile(times, 0.95), times[^1], bytes);
    }

    /// <summary>One whole page (headers and body); fails on anything but 200 so a broken page is not timed as a fast one.</summary>
    private static async Task<long> GetAsync(AppUnderTest app, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await app.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}:\n{app.Output[^Math.Min(app.Output.Length, 4000)..]}");
        }
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }
}
