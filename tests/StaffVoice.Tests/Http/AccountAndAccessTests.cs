using System.Net;
using System.Text.Json;

namespace StaffVoice.Tests.Http;

public class AccountAndAccessTests(StaffVoiceAppFactory factory) : IClassFixture<StaffVoiceAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_app_uses_the_database_file_the_host_was_given()
    {
        using var client = factory.CreateAnonymousClient();
        await client.GetAsync("/health", Ct);
        Assert.True(File.Exists(factory.DatabasePath), "the app created its database somewhere else");
    }

    [Fact]
    public async Task An_anonymous_visitor_to_the_home_page_is_sent_to_sign_in()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_sign_in_page_is_plain_html_with_an_antiforgery_token_and_the_demo_accounts()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/account/signin", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.DoesNotContain("blazor.web.js", html);
        foreach (var email in new[] { Demo.Employee, Demo.Comms, Demo.Trainer, Demo.Admin })
        {
            Assert.Contains($"value=\"{email}\"", html);
        }
    }

    [Fact]
    public async Task Signing_in_returns_to_a_local_return_url()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", await SignInClient.SignInFormAsync(client, Demo.Employee, "/people?x=1"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/people?x=1", response.Headers.Location!.OriginalString);

        var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Alex Morgan", await home.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task Sign_in_refuses_to_redirect_off_site(string returnUrl)
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", await SignInClient.SignInFormAsync(client, Demo.Employee, returnUrl), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_without_an_antiforgery_token_is_rejected()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = Demo.Admin }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Sign_in_as_someone_not_in_the_directory_shows_a_message()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", await SignInClient.SignInFormAsync(client, "nobody@example.org"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not an active account in the demo directory", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_administrators_only()
    {
        using var anonymous = factory.CreateAnonymousClient();
        var anonymousResponse = await anonymous.GetAsync("/jobs", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.StartsWith("/account/signin", anonymousResponse.Headers.Location!.PathAndQuery);

        using var employee = await factory.CreateSignedInClientAsync(Demo.Employee);
        var employeeResponse = await employee.GetAsync("/jobs", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, employeeResponse.StatusCode);
        Assert.Contains("You don&#x27;t have access", await employeeResponse.Content.ReadAsStringAsync(Ct));

        using var admin = await factory.CreateSignedInClientAsync(Demo.Admin);
        var adminResponse = await admin.GetAsync("/jobs", Ct);
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        Assert.Contains("StaffVoice background jobs", await adminResponse.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Signing_out_needs_a_token_and_ends_the_session()
    {
        using var client = await factory.CreateSignedInClientAsync(Demo.Comms);
        var withoutToken = await client.PostAsync("/account/signout", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        var form = await SignInClient.SignInFormAsync(client, Demo.Comms);
        var signedOut = await client.PostAsync("/account/signout", form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Health_answers_anonymously_with_json_when_the_database_answers()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_address_gets_a_friendly_404()
    {
        using var client = await factory.CreateSignedInClientAsync(Demo.Employee);
        var response = await client.GetAsync("/no-such-page", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Static_assets_are_served_without_sign_in()
    {
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/signin.css", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css", Ct)).StatusCode);
    }
}

public class HealthWhenTheDatabaseIsGoneTests
{
    [Fact]
    public async Task Health_answers_503_when_the_database_does_not_answer()
    {
        await using var factory = new StaffVoiceAppFactory();
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(factory.DatabasePath)!;
        // Make the database unreachable: replace the file with a folder of the same name.
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(factory.DatabasePath + suffix);
        Directory.CreateDirectory(factory.DatabasePath);
        try
        {
            var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Unhealthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(factory.DatabasePath);
            Assert.True(Directory.Exists(folder));
        }
    }
}
