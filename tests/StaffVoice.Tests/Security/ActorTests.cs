using System.Security.Claims;
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
}
