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

    /// <summary>The person chose to show their own contribution counts on their profile (off by default: nobody is ranked).</summary>
    public bool ShowContributions { get; set; }

    /// <summary>False for leavers and disabled accounts (from directory sync or an administrator): they cannot sign in,
    /// keep their history, and are no longer assigned training or asked to review.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime? DeactivatedAt { get; set; }

    /// <summary>Renewed whenever the person's rights change (roles, deactivation, "sign out everywhere"): every cookie
    /// and open circuit issued with an older stamp stops being accepted at its next revalidation.</summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();

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
