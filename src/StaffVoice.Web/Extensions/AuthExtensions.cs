using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using StaffVoice.Web.Data;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Extensions;

public static class AuthExtensions
{
    public static WebApplicationBuilder AddStaffVoiceAuth(this WebApplicationBuilder builder)
    {
        var settings = AuthenticationSettings.FromConfiguration(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<SignInSessions>();

        // Keys that sign the auth and antiforgery cookies survive restarts and are shared by every instance.
        KeyRing.Add(services, builder.Configuration, builder.Environment.ContentRootPath,
            DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath).Provider);

        AddForwardedHeaders(builder);

        if (settings.IsLocal)
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        }
        else
        {
            services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAd"));
            // Registered after Microsoft.Identity.Web's own configuration and before the handler's post-configuration (which
            // builds the metadata retriever), so these settings are the ones that hold.
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
                options => EntraSignIn.Configure(options, settings));
            if (settings.AllowTestAuthority)
            {
                services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
                    options => EntraSignIn.TrustTestAuthority(options, settings));
            }
        }

        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            options.Cookie.Name = "StaffVoice.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the original request was HTTPS (behind a proxy too: see forwarded headers).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/signin";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices
                .GetRequiredService<SignInSessions>().ValidateCookieAsync(context, settings.RevalidateEvery);
            // A signed-in person without the role gets a plain 403 (shown by the status page), not a redirect loop.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.CommsManager, p => p.RequireRole(Roles.CommsManager))
            .AddPolicy(Policies.Trainer, p => p.RequireRole(Roles.Trainer));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        services.AddScoped<CurrentUser>();
        return builder;
    }

    /// <summary>
    /// Behind a TLS proxy the app must see the original scheme and client address: redirect URIs become https, cookies
    /// Secure, HSTS is sent. Only the proxies named in <c>ForwardedHeaders:KnownProxies</c>/<c>KnownNetworks</c> (loopback
    /// by default) are believed.
    /// </summary>
    private static void AddForwardedHeaders(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = section.GetValue("ForwardLimit", 1);
            foreach (var text in section.GetSection("KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(text));
            }
            foreach (var text in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(text));
            }
            var allowedHosts = builder.Configuration["AllowedHosts"];
            if (!string.IsNullOrWhiteSpace(allowedHosts) && allowedHosts != "*")
            {
                options.AllowedHosts = allowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        });
    }

    /// <summary>Forwarded headers first, so everything after them sees the original request.</summary>
    public static WebApplication UseStaffVoiceForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}

/// <summary>
/// Sign-in through Microsoft Entra ID: authorization code flow with PKCE and the client secret, app roles read from the
/// <c>roles</c> claim exactly as Entra sends it, the person's directory row and roles refreshed from the token, and a
/// server-side session opened.
/// </summary>
internal static class EntraSignIn
{
    public static void Configure(OpenIdConnectOptions options, AuthenticationSettings settings)
    {
        var entra = settings.Entra!;
        // Entra sends app roles as "roles"; without this the handler renames them to a long Microsoft claim type and
        // every role check fails.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.RoleClaimType = "roles";
        options.TokenValidationParameters.NameClaimType = "name";
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.ClientSecret = entra.ClientSecret ?? options.ClientSecret;
        options.SaveTokens = false;
        options.SignedOutRedirectUri = AccountEndpoints.SignedOutPath;
        if (settings.AllowTestAuthority)
        {
            // A local fake provider over plain HTTP (tests only; refused in Production by AuthenticationSettings).
            options.RequireHttpsMetadata = false;
        }

        if (entra.ClientSecret is null && entra.HasClientCertificate)
        {
            // With a certificate instead of a secret, the code is redeemed with a signed client assertion.
            var certificate = new Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2>(() =>
                ClientCertificates.Load(settings.EntraCertificates!));
            var previousCode = options.Events.OnAuthorizationCodeReceived;
            options.Events.OnAuthorizationCodeReceived = async context =>
            {
                if (previousCode is not null) await previousCode(context);
                if (context.TokenEndpointRequest is not { } request) return;
                request.ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                // The handler fills the token endpoint in only after this event; the audience is read from the
                // provider's discovery document (Options.Configuration is set only when configured statically).
                var tokenEndpoint = request.TokenEndpoint ?? context.Options.Configuration?.TokenEndpoint
                    ?? (await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted)).TokenEndpoint;
                request.ClientAssertion = ClientCertificates.CreateAssertion(certificate.Value, entra.ClientId, tokenEndpoint,
                    context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                request.ClientSecret = null;
            };
        }

        var previousValidated = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            if (previousValidated is not null) await previousValidated(context);
            if (context.Result is not null || context.Principal is null) return;
            await OnTokenValidatedAsync(context);
        };
    }

    /// <summary>
    /// Tests only (refused in Production): Microsoft.Identity.Web's issuer validator reads the authority's metadata over
    /// HTTPS by itself, which a plain-HTTP local provider cannot serve, so the issuer is pinned to the configured tenant.
    /// </summary>
    public static void TrustTestAuthority(OpenIdConnectOptions options, AuthenticationSettings settings)
    {
        var entra = settings.Entra!;
        options.TokenValidationParameters.IssuerValidator = null;
        options.TokenValidationParameters.ValidIssuer = $"{entra.Instance.ToString().TrimEnd('/')}/{entra.TenantId}/v2.0";
    }

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var services = context.HttpContext.RequestServices;
        var objectId = principal.FindFirstValue("oid") ?? principal.GetObjectId()
            ?? throw new InvalidOperationException("The token has no oid claim.");
        var email = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("email") ?? objectId;
        var person = await services.GetRequiredService<PeopleDirectory>().UpsertFromEntraAsync(new ExternalPerson(
            objectId,
            principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name) ?? email,
            email,
            principal.FindFirstValue("department"),
            principal.FindFirstValue("jobTitle"),
            // "roles" as Entra sends it; the mapped long type too, in case inbound claim mapping is switched back on.
            principal.FindAll(c => c.Type is "roles" or ClaimTypes.Role).Select(c => c.Value).ToList()), context.HttpContext.RequestAborted);
        if (!person.IsActive)
        {
            context.HandleResponse();
            context.Response.Redirect(AccountEndpoints.SignedOutPath + "?reason=inactive");
            return;
        }

        var identity = await services.GetRequiredService<SignInSessions>()
            .StartAsync(person.PersonId, CookieAuthenticationDefaults.AuthenticationScheme, context.HttpContext.RequestAborted);
        // Kept for Microsoft.Identity.Web helpers and for sign-out (login_hint).
        foreach (var type in new[] { "oid", "tid", "preferred_username", "login_hint", "sid" })
        {
            if (principal.FindFirst(type) is { } claim) identity.AddClaim(new Claim(type, claim.Value));
        }
        context.Principal = new ClaimsPrincipal(identity);
        // Only the id token is kept (for id_token_hint at sign-out, so Entra does not ask which account to sign out).
        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken;
        if (idToken is not null) context.Properties!.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
    }
}
