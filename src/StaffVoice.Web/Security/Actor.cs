using System.Security.Claims;

namespace StaffVoice.Web.Security;

/// <summary>
/// Who is acting: passed to every feature service method that changes something, so that the service itself
/// checks roles and never relies on a hidden button.
/// </summary>
public sealed record Actor(int PersonId, string DisplayName, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Throws <see cref="PermissionDeniedException"/> unless the actor holds <paramref name="role"/>.</summary>
    public void Require(string role, string action)
    {
        if (!IsIn(role))
        {
            throw new PermissionDeniedException(
                $"Only people with the {Security.Roles.DisplayName(role)} role can {action}.");
        }
    }

    public static Actor? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        if (!int.TryParse(principal.FindFirstValue(StaffVoiceClaims.PersonId), out var personId)) return null;
        var roles = Security.Roles.All.Where(principal.IsInRole).ToHashSet(StringComparer.Ordinal);
        return new Actor(personId, principal.Identity.Name ?? "", roles);
    }
}

/// <summary>A person tried something their roles do not allow. The message is written for them.</summary>
public sealed class PermissionDeniedException(string message) : StaffVoice.Web.Features.UserFacingException(message);
