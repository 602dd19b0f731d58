using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.People;

public class PeopleDirectoryTests
{
    private static PeopleDirectory Directory(TestDatabase database, AuthenticationMode mode = AuthenticationMode.Local) =>
        new(database.Factory, new AuthenticationSettings(mode), TestHost.Operations(database), TestHost.Sessions(database));

    [Fact]
    public async Task Changing_roles_is_refused_to_a_person_without_the_administrator_role()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var employee = await database.ActorAsync(Demo.Employee);
        var target = await database.ActorAsync(Demo.Trainer);
        var directory = Directory(database);
        var before = await directory.GetAsync(target.PersonId, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            directory.SetRolesAsync(employee, target.PersonId, [Roles.Administrator], before!.Version, TestContext.Current.CancellationToken));

        Assert.Contains("Administrator", error.Message);
        var after = await directory.GetAsync(target.PersonId, TestContext.Current.CancellationToken);
        Assert.Equal(before!.Roles, after!.Roles);
    }

    [Fact]
    public async Task An_administrator_grants_and_withdraws_roles_and_employee_always_stays()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var admin = await database.ActorAsync(Demo.Admin);
        var target = await database.ActorAsync(Demo.Employee);
        var directory = Directory(database);

        var before = await directory.GetAsync(target.PersonId, ct);
        await directory.SetRolesAsync(admin, target.PersonId, [Roles.CommsManager, Roles.Trainer], before!.Version, ct);
        var granted = await directory.GetAsync(target.PersonId, ct);
        Assert.Equal([Roles.CommsManager, Roles.Employee, Roles.Trainer], granted!.Roles);

        await directory.SetRolesAsync(admin, target.PersonId, [], granted.Version, ct);
        var withdrawn = await directory.GetAsync(target.PersonId, ct);
        Assert.Equal([Roles.Employee], withdrawn!.Roles);
    }

    [Fact]
    public async Task A_roles_change_based_on_a_stale_copy_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var admin = await database.ActorAsync(Demo.Admin);
        var target = await database.ActorAsync(Demo.Employee);
        var directory = Directory(database);
        var stale = await directory.GetAsync(target.PersonId, ct);

        await directory.SetRolesAsync(admin, target.PersonId, [Roles.Trainer], stale!.Version, ct);
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            directory.SetRolesAsync(admin, target.PersonId, [Roles.CommsManager], stale.Version, ct));

        Assert.Contains("changed by someone else", error.Message);
        Assert.Equal([Roles.Employee, Roles.Trainer], (await directory.GetAsync(target.PersonId, ct))!.Roles);
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var admin = await database.ActorAsync(Demo.Admin);
        var directory = Directory(database);
        var me = await directory.GetAsync(admin.PersonId, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidStateException>(() =>
            directory.SetRolesAsync(admin, admin.PersonId, [Roles.Trainer], me!.Version, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Roles_are_not_edited_in_StaffVoice_when_Entra_ID_manages_them()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var admin = await database.ActorAsync(Demo.Admin);
        var target = await database.ActorAsync(Demo.Employee);
        var directory = Directory(database, AuthenticationMode.Entra);
        var person = await directory.GetAsync(target.PersonId, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidStateException>(() =>
            directory.SetRolesAsync(admin, target.PersonId, [Roles.Trainer], person!.Version, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Search_filters_by_text_and_department_and_pages_in_name_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var directory = Directory(database);
        var housing = (await directory.ListDepartmentsAsync(ct)).Single(d => d.Name == "Housing");

        var officers = await directory.SearchAsync("OFFICER", null, 0, 100, ct);
        Assert.NotEmpty(officers.Items);
        Assert.All(officers.Items, p => Assert.Contains("officer", p.JobTitle!, StringComparison.OrdinalIgnoreCase));

        var firstPage = await directory.SearchAsync(null, housing.Id, 0, 3, ct);
        var secondPage = await directory.SearchAsync(null, housing.Id, 1, 3, ct);
        Assert.Equal(6, firstPage.TotalCount);
        Assert.Equal(3, firstPage.Items.Count);
        Assert.All(firstPage.Items.Concat(secondPage.Items), p => Assert.Equal("Housing", p.Department));
        var names = firstPage.Items.Concat(secondPage.Items).Select(p => p.DisplayName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Empty(firstPage.Items.Select(p => p.Id).Intersect(secondPage.Items.Select(p => p.Id)));

        var wildcard = await directory.SearchAsync("%", null, 0, 100, ct);
        Assert.Empty(wildcard.Items);
    }

    [Fact]
    public async Task Entra_sign_in_creates_the_person_then_refreshes_them_and_their_roles()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var directory = Directory(database, AuthenticationMode.Entra);

        var first = await directory.UpsertFromEntraAsync(new ExternalPerson(
            "oid-1", "Robin Ash", "Robin.Ash@example.org", "Parks", "Park Ranger", [Roles.CommsManager, "UnknownRole"]), ct);
        var second = await directory.UpsertFromEntraAsync(new ExternalPerson(
            "oid-1", "Robin Ash-Smith", "robin.ash@example.org", "Housing", null, []), ct);

        Assert.Equal(first.PersonId, second.PersonId);
        Assert.Equal([Roles.CommsManager, Roles.Employee], first.Roles);
        var stored = await directory.GetAsync(second.PersonId, ct);
        Assert.Equal("Robin Ash-Smith", stored!.DisplayName);
        Assert.Equal("robin.ash@example.org", stored.Email);
        Assert.Equal("Housing", stored.Department);
        Assert.Equal("Park Ranger", stored.JobTitle);
        Assert.Equal([Roles.Employee], stored.Roles);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Departments.CountAsync(d => d.Name == "Parks", ct));
    }

    [Fact]
    public async Task Dark_mode_is_remembered_per_person()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var employee = await database.ActorAsync(Demo.Employee);
        var other = await database.ActorAsync(Demo.Comms);
        var directory = Directory(database);

        await directory.SetDarkModeAsync(employee, true, ct);

        Assert.True((await directory.GetAsync(employee.PersonId, ct))!.PrefersDarkMode);
        Assert.False((await directory.GetAsync(other.PersonId, ct))!.PrefersDarkMode);
    }
}
