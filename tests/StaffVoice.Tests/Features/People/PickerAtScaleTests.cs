using StaffVoice.Web.Features.People;

namespace StaffVoice.Tests.Features.People;

/// <summary>
/// The person picker over an organisation of 20,000 people: the search runs in the database and returns the right few,
/// best matches first, whoever they are — not the first 100 of the directory. (Its speed is measured in the benchmarks:
/// <c>dotnet run -c Release --project tests/StaffVoice.Benchmarks -- picker</c>.)
/// </summary>
public class PickerAtScaleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Among_twenty_thousand_people_the_picker_finds_anyone_by_name_email_or_department_best_match_first()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            var departments = Enumerable.Range(1, 40).Select(i => new Department { Name = $"Department {i:00}" }).ToList();
            db.Departments.AddRange(departments);
            await db.SaveChangesAsync(Ct);
            db.People.AddRange(Enumerable.Range(1, 20_000).Select(i => new Person
            {
                DisplayName = $"Person {i:00000} Surname{i % 997}", Email = $"person{i:00000}@example.org", JobTitle = i % 3 == 0 ? "Caseworker" : "Officer",
                DepartmentId = departments[i % 40].Id, IsActive = i % 50 != 0,
            }));
            db.People.Add(new Person { DisplayName = "Zara Quinton", Email = "zq@example.org", DepartmentId = departments[39].Id });
            db.People.Add(new Person { DisplayName = "Ann Zarawski", Email = "ann.z@example.org", DepartmentId = departments[0].Id });
            await db.SaveChangesAsync(Ct);
        }
        var directory = new PeopleDirectory(database.Factory, new StaffVoice.Web.Security.AuthenticationSettings(StaffVoice.Web.Security.AuthenticationMode.Local),
            TestHost.Operations(database), TestHost.Sessions(database));

        // The last person of 20,000 is found as easily as the first.
        Assert.Equal(["Person 19999 Surname59"], (await directory.PickAsync("Person 19999", 20, Ct)).Select(p => p.DisplayName));
        Assert.Equal(["person00001@example.org"], (await directory.PickAsync("person00001@", 20, Ct)).Select(p => p.Email));
        // A name that starts with the text comes before one that only contains it.
        Assert.Equal(["Zara Quinton", "Ann Zarawski"], (await directory.PickAsync("zara", 20, Ct)).Select(p => p.DisplayName));
        // Leavers are not offered; a broad search returns at most the page asked for.
        Assert.Empty(await directory.PickAsync("Person 00050", 20, Ct));
        var broad = await directory.PickAsync("Department 07", 20, Ct);
        Assert.Equal(20, broad.Count);
        Assert.All(broad, p => Assert.Equal("Department 07", p.Department));
        Assert.Empty(await directory.PickAsync("z", 20, Ct));
    }
}
