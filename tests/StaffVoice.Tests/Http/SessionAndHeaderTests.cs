using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Http;

/// <summary>The app with cookies checked against their session on every request, as a short interval would.</summary>
public sealed class RevalidatingAppFactory : StaffVoiceAppFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("Authentication:RevalidateEvery", "00:00:00");
}

public class SessionAndHeaderTests(RevalidatingAppFactory factory) : IClassFixture<RevalidatingAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs in and returns the auth cookie as a header value, so a test can replay it later.</summary>
    private async Task<string> SignInCookieAsync(string email)
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", await SignInClient.SignInFormAsync(client, email), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private HttpClient ClientWith(string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Fact]
    public async Task After_sign_out_a_replayed_cookie_is_refused()
    {
        var cookie = await SignInCookieAsync(Demo.Admin);
        using var client = ClientWith(cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs", Ct)).StatusCode);

        Assert.Equal("/account/signed-out", await SignOutAsync(cookie, everywhere: false));

        using var replay = ClientWith(cookie);
        var replayed = await replay.GetAsync("/jobs", Ct);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/signin", replayed.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_signed_out_page_does_not_start_a_new_sign_in()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/account/signed-out", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("You have signed out", page);
        Assert.DoesNotContain("Account not active", page);

        // Sent here because the account was switched off: the page says so instead.
        var inactive = await (await client.GetAsync("/account/signed-out?reason=inactive", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Account not active", inactive);
        Assert.DoesNotContain("You have signed out", inactive);
    }

    /// <summary>
    /// Posts the layout's sign-out form with the cookie given, as the person's browser would (the form carries an
    /// antiforgery token made for this person, paired with its cookie); returns where the app sends the browser.
    /// </summary>
    private async Task<string> SignOutAsync(string cookie, bool everywhere)
    {
        using var client = ClientWith(cookie);
        var home = await client.GetAsync("/", Ct);
        var token = SignInClient.AntiforgeryToken(await home.Content.ReadAsStringAsync(Ct));
        var antiforgeryCookie = home.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        using var signOutClient = ClientWith(string.Join("; ", antiforgeryCookie.Prepend(cookie)));
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (everywhere) form["everywhere"] = "true";
        var signedOut = await signOutClient.PostAsync("/account/signout", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        return signedOut.Headers.Location!.OriginalString;
    }

    private async Task<bool> StillSignedInAsync(string cookie)
    {
        using var client = ClientWith(cookie);
        return (await client.GetAsync("/jobs", Ct)).StatusCode == HttpStatusCode.OK;
    }

    [Fact]
    public async Task Signing_out_ends_this_browsers_session_and_signing_out_everywhere_ends_them_all()
    {
        var laptop = await SignInCookieAsync(Demo.Admin);
        var phone = await SignInCookieAsync(Demo.Admin);

        await SignOutAsync(laptop, everywhere: false);
        Assert.False(await StillSignedInAsync(laptop));
        Assert.True(await StillSignedInAsync(phone));

        var tablet = await SignInCookieAsync(Demo.Admin);
        Assert.True(await StillSignedInAsync(tablet));
        await SignOutAsync(phone, everywhere: true);
        Assert.False(await StillSignedInAsync(phone));
        Assert.False(await StillSignedInAsync(tablet));
    }

    [Fact]
    public async Task A_withdrawn_role_stops_working_on_the_next_request()
    {
        var cookie = await SignInCookieAsync(Demo.Comms);
        using var client = ClientWith(cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/responses/approvals", Ct)).StatusCode);

        var directory = factory.Services.GetRequiredService<PeopleDirectory>();
        var admin = await directory.FindByEmailAsync(Demo.Admin, Ct);
        var comms = await directory.FindByEmailAsync(Demo.Comms, Ct);
        var person = await directory.GetAsync(comms!.PersonId, Ct);
        var adminActor = new Actor(admin!.PersonId, admin.DisplayName, admin.Roles.ToHashSet());
        await directory.SetRolesAsync(adminActor, comms.PersonId, [], person!.Version, Ct);

        var after = await client.GetAsync("/responses/approvals", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQuery);
        // Restore the demo comms manager for the other tests sharing this host.
        var restored = await directory.GetAsync(comms.PersonId, Ct);
        await directory.SetRolesAsync(adminActor, comms.PersonId, [Roles.CommsManager], restored!.Version, Ct);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/account/signin", false)]
    [InlineData("/responses/audit/export?from=2026-01-01&to=2026-12-31&format=csv", true)]
    [InlineData("/no-such-page", true)]
    public async Task Every_response_carries_the_security_headers(string path, bool signedIn)
    {
        using var client = signedIn ? ClientWith(await SignInCookieAsync(Demo.Comms)) : factory.CreateAnonymousClient();
        var response = await client.GetAsync(path, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");

        // The whole policy, directive by directive: a directive dropped or loosened is a test failure.
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
            "frame-ancestors 'self'",
            csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()",
            Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }
}
