using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

/// <summary>
/// The seeded fictional organisation: Northbridge City Council, five departments and about thirty people.
/// Seeding runs only on an empty directory, so it is safe at every start-up.
/// </summary>
public static partial class DemoData
{
    public const string OrganisationName = "Northbridge City Council";

    public static readonly IReadOnlyList<string> DepartmentNames =
        ["Housing", "Waste & Recycling", "Transport", "Benefits", "Licensing"];

    /// <summary>The accounts named in the README; each shows one role's view of the portal.</summary>
    public static readonly IReadOnlyList<(string Email, string Role)> DemoAccounts =
    [
        ("employee@example.org", Roles.Employee),
        ("comms@example.org", Roles.CommsManager),
        ("trainer@example.org", Roles.Trainer),
        ("admin@example.org", Roles.Administrator),
    ];

    private sealed record Seed(string Email, string Name, string Department, string JobTitle, string? ManagerEmail, params string[] Roles);

    private static readonly Seed[] People =
    [
        // Heads of department first: the others name them as managers.
        new("helen.okafor@example.org", "Helen Okafor", "Housing", "Head of Housing Services", null),
        new("marcus.bell@example.org", "Marcus Bell", "Waste & Recycling", "Head of Waste & Recycling", null),
        new("priya.raman@example.org", "Priya Raman", "Transport", "Head of Transport", null),
        new("tom.gallagher@example.org", "Tom Gallagher", "Benefits", "Head of Benefits", null),
        new("sofia.lindqvist@example.org", "Sofia Lindqvist", "Licensing", "Head of Licensing", null),

        new("employee@example.org", "Alex Morgan", "Housing", "Housing Advice Officer", "helen.okafor@example.org"),
        new("comms@example.org", "Jordan Reyes", "Benefits", "Communications Manager", "tom.gallagher@example.org", Roles.CommsManager),
        new("trainer@example.org", "Sam Whitfield", "Transport", "Learning & Development Lead", "priya.raman@example.org", Roles.Trainer),
        new("admin@example.org", "Casey Ng", "Licensing", "Digital Services Administrator", "sofia.lindqvist@example.org", Roles.Administrator),

        new("dana.kowalski@example.org", "Dana Kowalski", "Housing", "Tenancy Sustainment Officer", "helen.okafor@example.org"),
        new("omar.haddad@example.org", "Omar Haddad", "Housing", "Repairs Coordinator", "helen.okafor@example.org"),
        new("grace.adeyemi@example.org", "Grace Adeyemi", "Housing", "Homelessness Prevention Caseworker", "helen.okafor@example.org"),
        new("liam.oconnor@example.org", "Liam O'Connor", "Housing", "Housing Register Assistant", "helen.okafor@example.org"),
        new("nina.petrova@example.org", "Nina Petrova", "Waste & Recycling", "Collections Supervisor", "marcus.bell@example.org"),
        new("ben.carter@example.org", "Ben Carter", "Waste & Recycling", "Recycling Education Officer", "marcus.bell@example.org"),
        new("aisha.rahman@example.org", "Aisha Rahman", "Waste & Recycling", "Bulky Waste Coordinator", "marcus.bell@example.org"),
        new("george.mills@example.org", "George Mills", "Waste & Recycling", "Customer Contact Adviser", "marcus.bell@example.org"),
        new("elena.rossi@example.org", "Elena Rossi", "Transport", "Parking Services Officer", "priya.raman@example.org"),
        new("kwame.mensah@example.org", "Kwame Mensah", "Transport", "Road Safety Officer", "priya.raman@example.org"),
        new("hannah.brooks@example.org", "Hannah Brooks", "Transport", "Concessionary Travel Adviser", "priya.raman@example.org", Roles.CommsManager),
        new("ravi.patel@example.org", "Ravi Patel", "Transport", "Highways Inspector", "priya.raman@example.org"),
        new("maya.johnson@example.org", "Maya Johnson", "Benefits", "Benefits Assessor", "tom.gallagher@example.org"),
        new("lucas.silva@example.org", "Lucas Silva", "Benefits", "Council Tax Support Officer", "tom.gallagher@example.org"),
        new("fatima.zahra@example.org", "Fatima Zahra", "Benefits", "Welfare Rights Adviser", "tom.gallagher@example.org", Roles.Trainer),
        new("owen.price@example.org", "Owen Price", "Benefits", "Discretionary Housing Payments Officer", "tom.gallagher@example.org"),
        new("chloe.martin@example.org", "Chloe Martin", "Licensing", "Licensing Officer", "sofia.lindqvist@example.org"),
        new("daniel.kim@example.org", "Daniel Kim", "Licensing", "Taxi Licensing Officer", "sofia.lindqvist@example.org"),
        new("isla.fraser@example.org", "Isla Fraser", "Licensing", "Premises Licensing Assistant", "sofia.lindqvist@example.org"),
        new("yusuf.demir@example.org", "Yusuf Demir", "Licensing", "Street Trading Officer", "sofia.lindqvist@example.org"),
    ];

    public static async Task SeedAsync(StaffVoiceDb db, CancellationToken ct = default, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        // Each part seeds only when its own tables are empty, so a database made by an older version gains the new parts.
        await SeedPeopleAsync(db, ct);
        await SeedKnowledgeAsync(db, now, ct);
    }

    /// <summary>
    /// True for an empty directory or one whose people all have demo addresses (example.org is reserved for examples and
    /// never a real organisation's domain). Demo data is never written next to real people.
    /// </summary>
    public static async Task<bool> IsDemoDirectoryAsync(StaffVoiceDb db, CancellationToken ct = default) =>
        !await db.People.AnyAsync(p => !p.Email.EndsWith("@" + DemoDomain), ct);

    public const string DemoDomain = "example.org";

    private static async Task SeedPeopleAsync(StaffVoiceDb db, CancellationToken ct)
    {
        if (await db.People.AnyAsync(ct)) return;

        var departments = DepartmentNames.ToDictionary(name => name, name => new Department { Name = name });
        db.Departments.AddRange(departments.Values);

        var people = new Dictionary<string, Person>();
        foreach (var seed in People)
        {
            var person = new Person
            {
                DisplayName = seed.Name,
                Email = seed.Email,
                JobTitle = seed.JobTitle,
                Department = departments[seed.Department],
                Manager = seed.ManagerEmail is null ? null : people[seed.ManagerEmail],
                Roles = seed.Roles.Append(Roles.Employee).Distinct().Select(r => new PersonRole { Role = r }).ToList(),
            };
            people[seed.Email] = person;
            db.People.Add(person);
        }
        await db.SaveChangesAsync(ct);
    }
}
