using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Knowledge;

// Knowledge search at the size the knowledge issue designs for: 100,000 articles and 50,000 questions (plus two answers
// each), in a fresh SQLite file. Times the first page of results for a set of realistic queries.
// Usage: dotnet run -c Release --project tests/StaffVoice.Benchmarks [articles] [questions]
//        dotnet run -c Release --project tests/StaffVoice.Benchmarks -- picker [people]   (see PickerBenchmark.cs)
//        dotnet run -c Release --project tests/StaffVoice.Benchmarks -- generate --scale large|small|tiny [--out file.db]   (see Generator.cs)
//        dotnet run -c Release --project tests/StaffVoice.Benchmarks -- dashboard [file.db]   (see DashboardBenchmark.cs)
//        dotnet run -c Release --project tests/StaffVoice.Benchmarks -- pages [large.db] [small.db]   (see PagesBenchmark.cs)
//        dotnet run -c Release --project tests/StaffVoice.Benchmarks -- startup [file.db]   (see StartupBenchmark.cs)
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
    await StaffVoice.Benchmarks.PagesBenchmark.WriteJsonAsync("pages", pages);
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
var articles = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var questions = args.Length > 1 ? int.Parse(args[1]) : 50_000;
var path = Path.Combine(Path.GetTempPath(), $"staffvoice-bench-{Guid.NewGuid():N}.db");
var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
var factory = new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, TimeProvider.System));
try
{
    await using (var db = factory.CreateDbContext()) await db.Database.MigrateAsync();

    var words = ("bin collection recycling garden waste bulky sofa fridge booking fee concession tenant repair damp mould inspection " +
        "boiler heating homeless register band parking permit visitor zone bus pass renewal pothole road highway licence taxi driver " +
        "premises event street trading council tax support benefit housing payment arrears appeal complaint deadline form online phone")
        .Split(' ');
    // A realistic spread: the service words above plus 20,000 rarer words, drawn with Zipf's law as in ordinary prose.
    words = words.Concat(Enumerable.Range(0, 20_000).Select(i => $"w{i:x}")).ToArray();
    var weights = Enumerable.Range(1, words.Length).Select(rank => 1.0 / rank).ToArray();
    var cumulative = new double[weights.Length];
    for (double sum = 0, i = 0; i < weights.Length; i++) cumulative[(int)i] = sum += weights[(int)i];
    var random = new Random(42);
    string Word()
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return words[index < 0 ? ~index : index];
    }
    string Text(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Word()));

    var load = Stopwatch.StartNew();
    await using (var connection = new SqliteConnection(options.ConnectionString))
    {
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO SearchIndex (rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags) VALUES ($key, $kind, $id, $parent, $area, $title, $body, $tags)";
        var p = new[] { "$key", "$kind", "$id", "$parent", "$area", "$title", "$body", "$tags" }.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
        void Add(SearchKind kind, int id, int parent, string title, string body, string tags)
        {
            p[0].Value = SearchIndex.KeyOf(kind, id); p[1].Value = (int)kind; p[2].Value = id; p[3].Value = parent; p[4].Value = 1 + id % 15;
            p[5].Value = title; p[6].Value = body; p[7].Value = tags;
            insert.ExecuteNonQuery();
        }
        for (var i = 1; i <= articles; i++) Add(SearchKind.Article, i, 0, Text(7), Text(250), Text(3));
        for (var i = 1; i <= questions; i++)
        {
            Add(SearchKind.Question, i, 0, Text(9), Text(40), Text(2));
            Add(SearchKind.Answer, 2 * i, i, "", Text(60), "");
            Add(SearchKind.Answer, 2 * i + 1, i, "", Text(60), "");
        }
        transaction.Commit();
    }
    Console.WriteLine($"Indexed {articles:N0} articles, {questions:N0} questions and {2 * questions:N0} answers in {load.Elapsed.TotalSeconds:0.0} s");

    var search = new SqliteKnowledgeSearch(factory);
    string[] queries = ["bulky waste", "damp mould inspection", "parking permit", "council tax arrears", "taxi licence renewal", "boil", "garden"];
    foreach (var q in queries) await search.SearchAsync(new SearchQuery(q)); // warm up
    foreach (var query in new[] { new SearchQuery("bulky waste"), new SearchQuery("parking", SearchKind.Article, 3), new SearchQuery("pothole", Tag: "road") })
    {
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await search.SearchAsync(query);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (result.Hits.Count == 0) throw new InvalidOperationException($"no hits for {query}");
        }
        times.Sort();
        Console.WriteLine($"{query.Text,-14} kind={query.Kind?.ToString() ?? "any",-7} area={query.ServiceAreaId?.ToString() ?? "any",-3} tag={query.Tag ?? "-",-4}  " +
            $"median {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms (first page of 20, with total count)");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    File.Delete(path);
}
