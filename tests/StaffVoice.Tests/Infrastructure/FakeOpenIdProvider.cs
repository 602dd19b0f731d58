using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// A local OpenID Connect provider shaped like Microsoft Entra ID's v2.0 endpoints: discovery document, JWKS, an authorize
/// page that lists accounts to pick, a token endpoint that checks the client's credential (the secret, or a client
/// assertion signed with <see cref="ClientCertificate"/>, RFC 7523) and the PKCE verifier and issues RS256 id tokens with
/// oid, tid, name, preferred_username, roles and nonce, and an end-session endpoint that records its calls.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string TenantId = "7d1f1c5e-0000-4000-8000-000000000001";
    public const string ClientId = "staffvoice-test-client";
    public const string ClientSecret = "staffvoice-test-secret";

    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new();
    private WebApplication? _app;

    public sealed record Account(string ObjectId, string Name, string Email)
    {
        public string[] Roles { get; set; } = [];
    }

    private sealed record IssuedCode(Account Account, string ClientId, string RedirectUri, string? Nonce, string? Challenge);

    public sealed record SignOutCall(string? IdTokenHint, string? PostLogoutRedirectUri);

    public ConcurrentDictionary<string, Account> Accounts { get; } = new();
    public ConcurrentQueue<SignOutCall> SignOuts { get; } = new();
    public ConcurrentQueue<string> TokenRequests { get; } = new();

    /// <summary>The public certificate of the app registration: when set, a client assertion signed with it is accepted.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; set; }

    /// <summary>The Entra-style instance, e.g. http://127.0.0.1:PORT/ (AzureAd:Instance).</summary>
    public string Instance { get; private set; } = "";

    private string Issuer => $"{Instance}{TenantId}/v2.0";
    private string KeyId { get; } = "fake-key-1";

    public void AddAccount(string objectId, string name, string email, params string[] roles) =>
        Accounts[objectId] = new Account(objectId, name, email) { Roles = roles };

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var t = $"/{TenantId}";
        _app.MapGet($"{t}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Instance}{TenantId}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Instance}{TenantId}/oauth2/v2.0/token",
            ["end_session_endpoint"] = $"{Instance}{TenantId}/oauth2/v2.0/logout",
            ["jwks_uri"] = $"{Instance}{TenantId}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic", "private_key_jwt" },
            ["tenant_region_scope"] = "EU",
        }));
        _app.MapGet($"{t}/discovery/v2.0/keys", () =>
        {
            var parameters = _key.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = KeyId, alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent), issuer = Issuer },
                },
            });
        });
        _app.MapGet($"{t}/oauth2/v2.0/authorize", (HttpRequest request) => Results.Content(AuthorizePage(request.Query), "text/html"));
        _app.MapPost($"{t}/oauth2/v2.0/authorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var account = Accounts[form["account"]!];
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = new IssuedCode(account, form["client_id"]!, form["redirect_uri"]!, form["nonce"], form["code_challenge"]);
            var redirect = form["redirect_uri"].ToString();
            if (form["response_mode"] == "form_post")
            {
                return Results.Content($"""
                    <!DOCTYPE html><html lang="en"><head><title>Signing in</title></head><body>
                    <form method="post" action="{WebUtility.HtmlEncode(redirect)}">
                    <input type="hidden" name="code" value="{code}" /><input type="hidden" name="state" value="{WebUtility.HtmlEncode(form["state"])}" />
                    <button type="submit" id="continue">Continue</button></form>
                    <script>document.forms[0].submit();</script></body></html>
                    """, "text/html");
            }
            return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(form["state"].ToString())}");
        });
        _app.MapPost($"{t}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(string.Join("&", form.Keys.Order()));
            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var issued))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
            if (form["client_id"] != ClientId || issued.ClientId != ClientId || !await AuthenticatesAsync(form))
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }
            if (form["redirect_uri"] != issued.RedirectUri) return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (issued.Challenge is null || challenge != issued.Challenge)
            {
                return Results.Json(new { error = "invalid_grant", error_description = "PKCE verification failed" }, statusCode: 400);
            }
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = 3600,
                access_token = IssueToken(issued.Account, null, "00000003-0000-0000-c000-000000000000"),
                id_token = IssueToken(issued.Account, issued.Nonce, ClientId),
            });
        });
        _app.MapGet($"{t}/oauth2/v2.0/logout", (HttpRequest request) =>
        {
            var target = request.Query["post_logout_redirect_uri"].ToString();
            SignOuts.Enqueue(new SignOutCall(request.Query["id_token_hint"], target));
            if (string.IsNullOrEmpty(target)) return Results.Content("<!DOCTYPE html><title>Signed out</title><p>Signed out.</p>", "text/html");
            var state = request.Query["state"].ToString();
            return Results.Redirect(string.IsNullOrEmpty(state) ? target : $"{target}?state={Uri.EscapeDataString(state)}");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Instance = address.TrimEnd('/') + "/";
    }

    /// <summary>The client secret, or (with a registered certificate) a client assertion as Entra ID checks it.</summary>
    private async Task<bool> AuthenticatesAsync(IFormCollection form)
    {
        if (form.ContainsKey("client_secret")) return form["client_secret"] == ClientSecret;
        if (ClientCertificate is null
            || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return false;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = $"{Instance}{TenantId}/oauth2/v2.0/token",
            IssuerSigningKey = new X509SecurityKey(ClientCertificate),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        return result.IsValid && result.ClaimsIdentity.FindFirst("sub")?.Value == ClientId
            && result.ClaimsIdentity.FindFirst("jti") is { Value.Length: > 0 };
    }

    /// <summary>The app's settings for signing in through this provider.</summary>
    public IReadOnlyDictionary<string, string> AppSettings() => new Dictionary<string, string>
    {
        ["Authentication:Mode"] = "Entra",
        ["Authentication:AllowTestAuthority"] = "true",
        ["AzureAd:Instance"] = Instance,
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
    };

    private string IssueToken(Account account, string? nonce, string audience)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = account.ObjectId, ["tid"] = TenantId, ["sub"] = "sub-" + account.ObjectId, ["name"] = account.Name,
            ["preferred_username"] = account.Email, ["ver"] = "2.0", ["roles"] = account.Roles,
        };
        if (nonce is not null) claims["nonce"] = nonce;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = audience, IssuedAt = now, NotBefore = now, Expires = now.AddHours(1), Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private string AuthorizePage(IQueryCollection query)
    {
        var hidden = new StringBuilder();
        foreach (var name in new[] { "client_id", "redirect_uri", "state", "nonce", "code_challenge", "response_mode" })
        {
            hidden.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(query[name])}\" />");
        }
        var buttons = string.Join("", Accounts.Values.OrderBy(a => a.Name).Select(a =>
            $"<li><button type=\"submit\" name=\"account\" value=\"{a.ObjectId}\">{WebUtility.HtmlEncode(a.Name)}</button></li>"));
        return $"""
            <!DOCTYPE html><html lang="en"><head><title>Fake Entra ID</title></head><body><main>
            <h1>Pick an account</h1><form method="post">{hidden}<ul>{buttons}</ul></form></main></body></html>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _key.Dispose();
    }
}
