namespace StaffVoice.Web.Components.Pages;

/// <summary>A card on the home page; each feature adds its own.</summary>
public sealed record HomeCard(string Title, string Description, string Href, string Action, string? RequiredRole = null, bool OutsideBlazor = false);

public static class HomeCards
{
    public static readonly IReadOnlyList<HomeCard> All =
    [
        new("Service knowledge", "How our services really work, written by the people who run them. Find, write and improve articles.",
            "/knowledge", "Browse articles"),
        new("Questions and answers", "Ask what a citizen asked you that you could not answer; colleagues who know will reply.",
            "/knowledge/questions", "See questions"),
        new("Citizen conversations", "Messages from the public that need an answer, and the replies colleagues are drafting.",
            "/responses", "Open the queue"),
        new("Approvals", "Replies and posts waiting for a comms manager, and posts ready to go out.", "/responses/approvals",
            "Review approvals", Security.Roles.CommsManager),
        new("My training", "Courses assigned to you, your progress and certificates. The social-media policy course gives the right to publish.",
            "/training", "Open my training"),
        new("Training admin", "Write courses, assign them to people, departments or roles, and follow completion.", "/training/admin",
            "Manage training", Security.Roles.Trainer),
        new("People", "Find colleagues by name, department or job title, and see who they report to.", "/people", "Open the directory"),
        new("Your profile", "Your details as the directory holds them, and your roles.", "/people/me", "View your profile"),
        new("Background jobs", "Recurring sweeps, their schedules and their history (Hangfire dashboard).", "/jobs", "Open the dashboard",
            Security.Roles.Administrator, OutsideBlazor: true),
    ];

    public static IEnumerable<HomeCard> VisibleTo(Func<string, bool> isInRole) =>
        All.Where(c => c.RequiredRole is null || isInRole(c.RequiredRole));
}
