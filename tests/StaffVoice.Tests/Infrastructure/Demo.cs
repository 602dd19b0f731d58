using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>Looks up seeded demo people as actors, the way sign-in would build them.</summary>
public static class Demo
{
    public const string Employee = "employee@example.org";
    public const string Comms = "comms@example.org";
    public const string Trainer = "trainer@example.org";
    public const string Admin = "admin@example.org";

    public static async Task<Actor> ActorAsync(this TestDatabase database, string email)
    {
        await using var db = database.NewContext();
        var person = await db.People.AsNoTracking().Include(p => p.Roles).SingleAsync(p => p.Email == email);
        return new Actor(person.Id, person.DisplayName, person.Roles.Select(r => r.Role).ToHashSet());
    }

    /// <summary>The id of a seeded service area, by its name.</summary>
    public static async Task<int> AreaAsync(this TestDatabase database, string name)
    {
        await using var db = database.NewContext();
        return await db.ServiceAreas.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }
}
