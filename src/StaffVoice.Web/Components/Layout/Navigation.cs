using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Components.Layout;

/// <summary>An entry in the navigation drawer, shown only to people holding one of <see cref="ForRoles"/> (when set).</summary>
public sealed record NavEntry(
    string Title,
    string Href,
    string Icon,
    IReadOnlyList<string>? ForRoles = null,
    NavLinkMatch Match = NavLinkMatch.Prefix,
    bool OutsideBlazor = false);

/// <summary>The drawer's entries; each feature adds its own here. The page itself is guarded too, never only the link.</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavEntry> Entries =
    [
        new("Home", "/", Icons.Material.Filled.Home, Match: NavLinkMatch.All),
        new("Knowledge", "/knowledge", Icons.Material.Filled.MenuBook),
        new("Questions", "/knowledge/questions", Icons.Material.Filled.QuestionAnswer),
        new("Search", "/search", Icons.Material.Filled.Search),
        new("Responses", "/responses", Icons.Material.Filled.Forum),
        new("Approvals", "/responses/approvals", Icons.Material.Filled.FactCheck, [Roles.CommsManager]),
        new("My training", "/training", Icons.Material.Filled.School),
        new("Training admin", "/training/admin", Icons.Material.Filled.CastForEducation, [Roles.Trainer]),
        new("Listening", "/listening", Icons.Material.Filled.Hearing),
        new("Ideas", "/ideas", Icons.Material.Filled.Lightbulb),
        new("You said, we did", "/you-said-we-did", Icons.Material.Filled.Campaign),
        new("Policy updates", "/policies", Icons.Material.Filled.Policy),
        new("Dashboard", "/dashboard", Icons.Material.Filled.Insights, [Roles.Administrator, Roles.CommsManager, Roles.Trainer]),
        new("People", "/people", Icons.Material.Filled.People),
        // The Hangfire dashboard is not a Blazor page: a full page load, not client-side routing.
        new("Background jobs", "/jobs", Icons.Material.Filled.Schedule, [Roles.Administrator], OutsideBlazor: true),
    ];

    public static IEnumerable<NavEntry> VisibleTo(Func<string, bool> isInRole) =>
        Entries.Where(e => e.ForRoles is null || e.ForRoles.Any(isInRole));

    /// <summary>The entry whose address is the longest prefix of <paramref name="relativePath"/> ("knowledge/questions/3").</summary>
    public static NavEntry? MostSpecific(IEnumerable<NavEntry> entries, string relativePath)
    {
        var path = "/" + relativePath.Split('?', '#')[0].TrimEnd('/');
        return entries
            .Where(e => e.Match == NavLinkMatch.All ? path == e.Href || (e.Href == "/" && path == "/")
                : path == e.Href || path.StartsWith(e.Href.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Href.Length).FirstOrDefault();
    }
}
