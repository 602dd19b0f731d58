using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Knowledge;

namespace StaffVoice.Benchmarks;

/// <summary>
/// <c>search</c>: knowledge search at the size the knowledge issue designs for: 100,000 articles and 50,000 questions
/// (plus two answers each) of Zipf-distributed text in a fresh SQLite file. Times the first page of results for each
/// query class, beside a naive <c>LIKE</c> over the same rows.
/// </summary>
public static class SearchBenchmark
{
    public static async Task RunAsync(int articles, int questions, TextWriter log, int repeats = 40)
    {
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
                insert.CommandText = "INSERT INTO SearchIndex (rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags, Facets) VALUES ($key, $kind, $id, $parent, $area, $title, $body, $tags, $facets)";
                var p = new[] { "$key", "$kind", "$id", "$parent", "$area", "$title", "$body", "$tags", "$facets" }.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
                void Add(SearchKind kind, int id, int parent, string title, string body, string tags)
                {
                    p[0].Value = SearchIndex.KeyOf(kind, id); p[1].Value = (int)kind; p[2].Value = id; p[3].Value = parent; p[4].Value = 1 + id % 15;
                    p[5].Value = title; p[6].Value = body; p[7].Value = tags; p[8].Value = SearchIndex.FacetsOf(kind, 1 + id % 15);
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
            log.WriteLine($"Indexed {articles:N0} articles, {questions:N0} questions and {2 * questions:N0} answers in {load.Elapsed.TotalSeconds:0.0} s");

            var search = new SqliteKnowledgeSearch(factory);
            string[] queries = ["bulky waste", "damp mould inspection", "parking permit", "council tax arrears", "taxi licence renewal", "boil", "garden"];
            foreach (var q in queries) await search.SearchAsync(new SearchQuery(q)); // warm up
            var results = new List<object>();
            log.WriteLine($"{"query class",-22} {"query",-34} {"p50 ms",7} {"p95 ms",7} {"LIKE p50",9} {"x",5}");
            foreach (var (name, query) in new[]
            {
                ("rare word", new SearchQuery("w3a98")),
                ("selective with tag", new SearchQuery("pothole", Tag: "road")),
                ("two common words", new SearchQuery("bulky waste")),
                ("three common words", new SearchQuery("council tax arrears")),
                ("common, type and area", new SearchQuery("parking", SearchKind.Article, 3)),
                ("common, area", new SearchQuery("housing", ServiceAreaId: 7)),
            })
            {
                var times = new List<double>();
                for (var i = 0; i < repeats; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var result = await search.SearchAsync(query);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (result.Hits.Count == 0) throw new InvalidOperationException($"no hits for {query}");
                }
                times.Sort();
                // The naive way over the same rows: every word as LIKE '%word%' on title or body (and the filters), the first
                // page newest first plus the count: what a search without a full-text index does.
                var like = new List<double>();
                await using (var connection = new SqliteConnection(options.ConnectionString))
                {
                    await connection.OpenAsync();
                    var terms = query.Text.Split(' ');
                    var where = string.Join(" AND ", terms.Select((_, i) => $"(Title LIKE $w{i} OR Body LIKE $w{i})"))
                        + (query.Kind is { } k ? $" AND Kind = {(int)k}" : " AND Kind < 4") + (query.ServiceAreaId is { } a ? $" AND ServiceAreaId = {a}" : "")
                        + (query.Tag is { } t ? $" AND Tags LIKE '%{t}%'" : "");
                    for (var i = 0; i < 5; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        foreach (var sql in new[] { $"SELECT rowid, Title, substr(Body, 1, 200) FROM SearchIndex WHERE {where} ORDER BY rowid DESC LIMIT 20", $"SELECT COUNT(*) FROM SearchIndex WHERE {where}" })
                        {
                            var command = connection.CreateCommand();
                            command.CommandText = sql;
                            for (var w = 0; w < terms.Length; w++) command.Parameters.AddWithValue($"$w{w}", $"%{terms[w]}%");
                            await using var reader = await command.ExecuteReaderAsync();
                            while (await reader.ReadAsync()) { }
                        }
                        like.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
                like.Sort();
                var p50 = BenchmarkOutput.Percentile(times, 0.5);
                var p95 = BenchmarkOutput.Percentile(times, 0.95);
                var likeP50 = BenchmarkOutput.Percentile(like, 0.5);
                var label = $"{query.Text}{(query.Kind is { } kind ? $" type={kind}" : "")}{(query.ServiceAreaId is { } area ? $" area={area}" : "")}{(query.Tag is { } tag ? $" tag={tag}" : "")}";
                log.WriteLine($"{name,-22} {label,-34} {p50,7:0.0} {p95,7:0.0} {likeP50,9:0} {likeP50 / p50,5:0}");
                results.Add(new { Class = name, Query = label, P50Ms = p50, P95Ms = p95, LikeP50Ms = likeP50, TimesFaster = likeP50 / p50 });
            }
            await BenchmarkOutput.WriteJsonAsync("search", new { Articles = articles, Questions = questions, Results = results });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
