using Microsoft.Playwright;
using StaffVoice.BrowserTests.Infrastructure;
using StaffVoice.Tests.Infrastructure;
using StaffVoice.Web.Security;

namespace StaffVoice.BrowserTests;

/// <summary>The app's real Entra ID setup (Microsoft.Identity.Web, code flow with PKCE) against a local fake provider.</summary>
public sealed class EntraBrowserApp : BrowserApp
{
    public FakeOpenIdProvider Provider { get; } = new();

    protected override async Task<IReadOnlyDictionary<string, string>> SettingsAsync()
    {
        await Provider.StartAsync();
        Provider.AddAccount("oid-comms", "Jordan Reyes", "comms@example.org", Roles.CommsManager);
        Provider.AddAccount("oid-robin", "Robin Ash", "robin.ash@example.org", Roles.Trainer, Roles.Administrator);
        return new Dictionary<string, string>(Provider.AppSettings())
        {
            ["Database:SeedDemoData"] = "true",
            ["Authentication:RevalidateEvery"] = "00:00:01",
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public class EntraSignInJourneyTests(EntraBrowserApp app) : IClassFixture<EntraBrowserApp>
{
    private static async Task SignInThroughProviderAsync(IPage page, string path, string name)
    {
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Pick an account" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Sign-in ended on {page.Url}: {(await page.ContentAsync())[..Math.Min(2000, (await page.ContentAsync()).Length)]}");
        }
        await page.WaitForInteractiveAsync();
    }

    [Fact]
    public async Task Roles_from_the_token_arrive_a_withdrawn_role_is_removed_and_sign_out_ends_at_the_provider()
    {
        app.Provider.Accounts["oid-comms"].Roles = [Roles.CommsManager];
        var page = await app.NewPageAsync(enforceCsp: true);

        // A seeded comms manager signs in through Entra and keeps the role the token carries.
        await SignInThroughProviderAsync(page, "/responses/approvals", "Jordan Reyes");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Approvals");
        await page.GotoAsync("/people/me");
        await Assertions.Expect(page.GetByTestId("profile-roles")).ToContainTextAsync("Comms manager");

        // The role is withdrawn in Entra: signing in again removes it, and the older session ends within the interval.
        app.Provider.Accounts["oid-comms"].Roles = [];
        var second = await app.NewPageAsync();
        await SignInThroughProviderAsync(second, "/people/me", "Jordan Reyes");
        await Assertions.Expect(second.GetByTestId("profile-roles")).ToHaveTextAsync("Employee");
        var denied = await second.GotoAsync("/responses/approvals");
        Assert.Equal(403, denied!.Status);
        // The first tab's open circuit loses its session within the revalidation interval and is sent to sign in.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Pick an account" }).WaitForAsync(new() { Timeout = 15_000 });

        // Sign-out ends this session here and at the provider, with id_token_hint, and lands on a signed-out page.
        await second.GotoAsync("/");
        await second.WaitForInteractiveAsync();
        await second.GetByTestId("account-menu").ClickAsync();
        await second.GetByTestId("sign-out").ClickAsync();
        await second.WaitForURLAsync(url => url.Contains("/account/signed-out"));
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You have signed out");
        var call = Assert.Single(app.Provider.SignOuts);
        Assert.False(string.IsNullOrEmpty(call.IdTokenHint));
        Assert.EndsWith("/signout-callback-oidc", call.PostLogoutRedirectUri);
        // Back on a protected page, the person is asked to sign in again rather than being let in.
        await second.GotoAsync("/people/me");
        await second.GetByRole(AriaRole.Heading, new() { Name = "Pick an account" }).WaitForAsync();
    }

    [Fact]
    public async Task A_trainer_and_administrator_new_to_the_directory_reaches_training_admin_and_the_jobs_dashboard()
    {
        var page = await app.NewPageAsync();
        await SignInThroughProviderAsync(page, "/training/admin", "Robin Ash");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        var jobs = await page.GotoAsync("/jobs");
        Assert.Equal(200, jobs!.Status);
        await page.GotoAsync("/people/me");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("profile-roles")).ToContainTextAsync("Administrator");
        await Assertions.Expect(page.GetByTestId("profile-roles")).ToContainTextAsync("Trainer");
        // The code was redeemed with the client secret and a PKCE verifier (the provider refuses otherwise).
        Assert.Contains(app.Provider.TokenRequests, r => r.Contains("code_verifier") && r.Contains("client_secret"));
    }
}
