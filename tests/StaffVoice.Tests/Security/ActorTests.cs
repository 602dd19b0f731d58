using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Security;

public class ActorTests
{
    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void A_signed_in_person_acts_with_their_id_name_and_roles()
    {
        var actor = Actor.FromPrincipal(Principal(new Claim(StaffVoiceClaims.PersonId, "42"), new Claim(ClaimTypes.Name, "Sam Whitfield"),
            new Claim(ClaimTypes.Role, Roles.Trainer), new Claim(ClaimTypes.Role, "not-a-staffvoice-role")))!;

        Assert.Equal((42, "Sam Whitfield"), (actor.PersonId, actor.DisplayName));
        Assert.Equal([Roles.Trainer], actor.Roles);
    }

    [Fact]
    public void A_sign_in_without_a_name_acts_with_an_empty_name_and_one_without_a_person_not_at_all()
    {
        Assert.Equal("", Actor.FromPrincipal(Principal(new Claim(StaffVoiceClaims.PersonId, "42")))!.DisplayName);
        Assert.Null(Actor.FromPrincipal(Principal(new Claim(ClaimTypes.Name, "Sam Whitfield"))));
        Assert.Null(Actor.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity([new Claim(StaffVoiceClaims.PersonId, "42")]))));
    }

    [Fact]
    public async Task The_circuits_current_user_is_the_signed_in_person_and_anyone_else_is_asked_to_sign_in()
    {
        var signedIn = await new CurrentUser(new FixedState(Principal(new Claim(StaffVoiceClaims.PersonId, "7"), new Claim(ClaimTypes.Name, "Alex Morgan"))))
            .GetAsync();
        Assert.Equal((7, "Alex Morgan"), (signedIn.PersonId, signedIn.DisplayName));

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => new CurrentUser(new FixedState(new ClaimsPrincipal(new ClaimsIdentity()))).GetAsync());
        Assert.Equal("Sign in to continue.", refused.Message);
    }

    private sealed class FixedState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
