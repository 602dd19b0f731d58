using Microsoft.AspNetCore.Components.Authorization;

namespace StaffVoice.Web.Security;

/// <summary>The signed-in person of this circuit, read from the authentication state.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authenticationState)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authenticationState.GetAuthenticationStateAsync();
        return Actor.FromPrincipal(state.User)
            ?? throw new PermissionDeniedException("Sign in to continue.");
    }
}
