using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Data;
using Microsoft.AspNetCore.Hosting;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Http;

/// <summary>The app's real Microsoft.Identity.Web setup against a local fake OpenID Connect provider.</summary>
public sealed class EntraAppFactory : StaffVoiceAppFactory, IAsyncLifetime
{
    public FakeOpenIdProvider Provider { get; } = new();

    public async ValueTask InitializeAsync() => await Provider.StartAsync();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Provider.AppSettings()) builder.UseSetting(key, value);
        builder.UseSetting("ForwardedHeaders:KnownNetworks:0", "0.0.0.0/0");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public class EntraConfigurationTests(EntraAppFactory factory) : IClassFixture<EntraAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_uses_the_code_flow_with_PKCE_and_an_https_redirect_uri_behind_a_TLS_proxy()
    {
        using var client = factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/signin?returnUrl=%2Fresponses");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "staffvoice.example.org");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(factory.Provider.Instance + FakeOpenIdProvider.TenantId + "/oauth2/v2.0/authorize", location);
        Assert.Contains("response_type=code&", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("redirect_uri=https%3A%2F%2Fstaffvoice.example.org%2Fsignin-oidc", location);
        // The correlation and nonce cookies are Secure because the original request was HTTPS.
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_demo_sign_in_form_does_not_exist_in_Entra_mode()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = Demo.Admin }), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Signing_in_through_Entra_returns_to_the_page_asked_for_and_signing_out_signs_out_of_Entra_too()
    {
        factory.Provider.AddAccount("oid-http-comms", "Jordan Reyes", Demo.Comms, Roles.CommsManager);
        // Over HTTPS, as in production: the correlation and nonce cookies are Secure.
        using var app = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        });
        var signedIn = await SignInThroughProviderAsync(app, "oid-http-comms", "/responses");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/responses", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/responses/approvals", Ct)).StatusCode);

        // Signing out leaves Entra too: the app sends the browser to the provider's sign-out endpoint.
        var home = await (await app.GetAsync("/", Ct)).Content.ReadAsStringAsync(Ct);
        var token = SignInClient.AntiforgeryToken(home);
        var signedOut = await app.PostAsync("/account/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith(factory.Provider.Instance + FakeOpenIdProvider.TenantId + "/oauth2/v2.0/logout", signedOut.Headers.Location!.ToString());
    }

    /// <summary>
    /// The whole code flow as a browser runs it: the app's challenge, the provider's account page posted with the account
    /// chosen, and the provider's form_post answer posted back to the app. Returns the app's answer to that post.
    /// </summary>
    internal static async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient app, string objectId, string returnUrl)
    {
        var challenge = await app.GetAsync("/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        var fields = new Dictionary<string, string> { ["account"] = objectId };
        foreach (var name in new[] { "client_id", "redirect_uri", "state", "nonce", "code_challenge", "response_mode" }) fields[name] = query[name].ToString();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var issued = await browser.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(fields), Ct);
        var answer = await issued.Content.ReadAsStringAsync(Ct);
        var callback = new Dictionary<string, string>
        {
            ["code"] = HiddenField("code").Match(answer).Groups["value"].Value,
            ["state"] = System.Net.WebUtility.HtmlDecode(HiddenField("state").Match(answer).Groups["value"].Value),
        };
        return await app.PostAsync(new Uri(fields["redirect_uri"]).AbsolutePath, new FormUrlEncodedContent(callback), Ct);
    }

    /// <summary>A hidden field of the fake provider's pages.</summary>
    private static System.Text.RegularExpressions.Regex HiddenField(string name) =>
        new($"name=\"{name}\" (?:type=\"hidden\" )?value=\"(?<value>[^\"]+)\"");

    [Fact]
    public void The_sign_out_redirect_to_the_provider_is_allowed_by_the_content_security_policy()
    {
        var settings = (AuthenticationSettings)factory.Services.GetService(typeof(AuthenticationSettings))!;
        Assert.Contains($"form-action 'self' {factory.Provider.Instance.TrimEnd('/')}", SecurityHeaders.ContentSecurityPolicy(settings));
    }
}

/// <summary>The app registration with a certificate instead of a secret (AzureAd:ClientCertificates, SourceType Path).</summary>
public sealed class EntraCertificateAppFactory : StaffVoiceAppFactory, IAsyncLifetime
{
    public FakeOpenIdProvider Provider { get; } = new();
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"staffvoice-client-{Guid.NewGuid():N}.pfx");

    public async ValueTask InitializeAsync()
    {
        await Provider.StartAsync();
        using var certificate = TestCertificates.SelfSigned("CN=StaffVoice app registration (test)");
        await File.WriteAllBytesAsync(_pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "client-password"));
        // Entra ID knows only the public part, uploaded to the app registration.
        Provider.ClientCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Provider.AppSettings().Where(s => s.Key != "AzureAd:ClientSecret")) builder.UseSetting(key, value);
        builder.UseSetting("AzureAd:ClientCertificates:0:SourceType", "Path");
        builder.UseSetting("AzureAd:ClientCertificates:0:CertificateDiskPath", _pfx);
        builder.UseSetting("AzureAd:ClientCertificates:0:CertificatePassword", "client-password");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        File.Delete(_pfx);
    }
}

public class EntraCertificateTests(EntraCertificateAppFactory factory) : IClassFixture<EntraCertificateAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_certificate_the_code_is_redeemed_with_a_client_assertion_signed_by_it_and_no_secret()
    {
        factory.Provider.AddAccount("oid-cert-comms", "Jordan Reyes", Demo.Comms, Roles.CommsManager);
        using var app = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        });

        // The provider refuses the code unless the assertion verifies against the registered certificate (RFC 7523).
        var signedIn = await EntraConfigurationTests.SignInThroughProviderAsync(app, "oid-cert-comms", "/responses");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/responses", signedIn.Headers.Location!.OriginalString);
        Assert.Equal("client_assertion&client_assertion_type&client_id&code&code_verifier&grant_type&redirect_uri",
            Assert.Single(factory.Provider.TokenRequests));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/responses/approvals", Ct)).StatusCode);
    }
}

public class StartUpRefusalTests
{
    private sealed class ConfiguredFactory(string environment, params (string Key, string Value)[] settings) : StaffVoiceAppFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Fact]
    public async Task In_Production_without_Entra_or_an_explicit_demo_choice_the_app_does_not_start()
    {
        await using var factory = new ConfiguredFactory("Production", ("Authentication:Mode", ""));
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Authentication:Mode=Local", error.ToString());
    }

    [Fact]
    public async Task An_invalid_authority_fails_the_start_instead_of_every_request()
    {
        await using var factory = new ConfiguredFactory("Testing", ("Authentication:Mode", "Entra"), ("AzureAd:Instance", "login dot example"),
            ("AzureAd:TenantId", "tenant"), ("AzureAd:ClientId", "client"), ("AzureAd:ClientSecret", "secret"));
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("AzureAd:Instance", error.ToString());
    }

    [Fact]
    public async Task Demo_data_is_not_seeded_when_the_demo_mode_was_not_chosen_explicitly()
    {
        await using var factory = new ConfiguredFactory("Development", ("Authentication:Mode", ""));
        using var client = factory.CreateClient();
        await client.GetAsync("/health", TestContext.Current.CancellationToken);
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>();
        await using var db = await dbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.People.CountAsync(TestContext.Current.CancellationToken));
    }
}
