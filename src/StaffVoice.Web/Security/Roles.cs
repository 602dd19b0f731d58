namespace StaffVoice.Web.Security;

/// <summary>The roles a person can hold (several at once). In production they are Entra ID app roles.</summary>
public static class Roles
{
    public const string Employee = "Employee";
    public const string CommsManager = "CommsManager";
    public const string Trainer = "Trainer";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [Employee, CommsManager, Trainer, Administrator];

    public static string DisplayName(string role) => role switch
    {
        CommsManager => "Comms manager",
        _ => role,
    };

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Authorization policy names; pages and endpoints use these constants, never string literals.</summary>
public static class Policies
{
    public const string Administrator = "Administrator";
    public const string CommsManager = "CommsManager";
    public const string Trainer = "Trainer";
}

public static class StaffVoiceClaims
{
    /// <summary>The id of the signed-in person's row in the People table.</summary>
    public const string PersonId = "staffvoice/person_id";
}
