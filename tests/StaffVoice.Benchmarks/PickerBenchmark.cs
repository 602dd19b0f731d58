using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

/// <summary>
/// The person picker's search over an organisation of 20,000 people (40 departments) in a fresh SQLite file: median and
/// p95 of 50 searches for each of several typed texts (a surname, an email start, a department, a rare and a common
/// fragment). Target: under 100 ms at p95.
/// Usage: dotnet run -c Release --project tests/StaffVoice.Benchmarks -- picker [people]
/// </summary>
internal static class PickerBenchmark
{
    public static async Task RunAsync(int people)
    {
        var path = Path.Combine(Path.GetTempPath(), $"staffvoice-picker-{Guid.NewGuid():N}.db");
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        var factory = new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, TimeProvider.System));
        try
        {
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
                var departments = Enumerable.Range(1, 40).Select(i => new Department { Name = $"Department {i:00}" }).ToList();
                db.Departments.AddRange(departments);
                await db.SaveChangesAsync();
                var surnames = new[] { "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Khan", "Okafor" };
                var random = new Random(7);
                db.People.AddRange(Enumerable.Range(1, people).Select(i => new Person
                {
                    DisplayName = $"{(char)('A' + random.Next(26))}{"abcdefghij"[random.Next(10)]}{i % 431} {surnames[random.Next(surnames.Length)]}{(i % 5 == 0 ? "-" + i : "")}",
                    Email = $"person{i:00000}@example.org", JobTitle = i % 3 == 0 ? "Caseworker" : "Officer", DepartmentId = departments[i % 40].Id,
                }));
                await db.SaveChangesAsync();
            }
            var directory = new PeopleDirectory(factory, new AuthenticationSettings(AuthenticationMode.Local), null!, null!);
            Console.WriteLine($"Picker over {people:N0} people");
            foreach (var text in new[] { "Okafor", "person1234", "Department 17", "Zq", "an" })
            {
                await directory.PickAsync(text, 20);
                var times = new List<double>();
                for (var i = 0; i < 50; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await directory.PickAsync(text, 20);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                Console.WriteLine($"  {text,-14} median {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
