using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Data;

public class DemoDataTests
{
    [Fact]
    public async Task Demo_data_is_for_empty_or_demo_only_directories_never_next_to_real_people()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        Assert.True(await DemoData.IsDemoDirectoryAsync(db, ct));
        await DemoData.SeedAsync(db, ct);
        Assert.True(await DemoData.IsDemoDirectoryAsync(db, ct));

        db.People.Add(new StaffVoice.Web.Features.People.Person { DisplayName = "Real Person", Email = "real.person@northbridge.gov.uk" });
        await db.SaveChangesAsync(ct);
        Assert.False(await DemoData.IsDemoDirectoryAsync(db, ct));
    }

    [Fact]
    public async Task Seeding_twice_leaves_one_copy_of_everything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext()) await DemoData.SeedAsync(db, ct);
        int people, roles, departments;
        await using (var db = database.NewContext())
        {
            people = await db.People.CountAsync(ct);
            roles = await db.PersonRoles.CountAsync(ct);
            departments = await db.Departments.CountAsync(ct);
        }

        await using (var db = database.NewContext()) await DemoData.SeedAsync(db, ct);

        await using var check = database.NewContext();
        Assert.Equal(people, await check.People.CountAsync(ct));
        Assert.Equal(roles, await check.PersonRoles.CountAsync(ct));
        Assert.Equal(departments, await check.Departments.CountAsync(ct));
        Assert.True(people >= 29, $"expected about 29 seeded people, found {people}");
        Assert.Equal(5, departments);
    }

    [Theory]
    [InlineData(Demo.Employee, new[] { Roles.Employee })]
    [InlineData(Demo.Comms, new[] { Roles.CommsManager, Roles.Employee })]
    [InlineData(Demo.Trainer, new[] { Roles.Employee, Roles.Trainer })]
    [InlineData(Demo.Admin, new[] { Roles.Administrator, Roles.Employee })]
    public async Task Demo_accounts_hold_their_roles(string email, string[] roles)
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var actor = await database.ActorAsync(email);
        Assert.Equal(roles.Order(), actor.Roles.Order());
    }

    [Fact]
    public async Task Every_seeded_person_has_a_department_and_job_title()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        await using var db = database.NewContext();
        Assert.False(await db.People.AnyAsync(p => p.DepartmentId == null || p.JobTitle == null, ct));
        Assert.Equal(DemoData.DepartmentNames.Order(), await db.Departments.Select(d => d.Name).OrderBy(n => n).ToListAsync(ct));
    }
}
