using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.People;

/// <summary>Someone in the organisation's directory: seeded in demo mode, upserted from Entra ID on each sign-in.</summary>
public sealed class Person : IHasTimestamps, IHasVersion
{
    public int Id { get; set; }

    /// <summary>The Entra ID object id (<c>oid</c>); null for people who never signed in through Entra ID.</summary>
    public string? ObjectId { get; set; }

    public required string DisplayName { get; set; }
    public required string Email { get; set; }
    public string? JobTitle { get; set; }

    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }

    public int? ManagerId { get; set; }
    public Person? Manager { get; set; }

    public bool PrefersDarkMode { get; set; }

    public List<PersonRole> Roles { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public sealed class PersonRole
{
    public int PersonId { get; set; }
    public required string Role { get; set; }
}

public sealed class Department
{
    public int Id { get; set; }
    public required string Name { get; set; }
}
