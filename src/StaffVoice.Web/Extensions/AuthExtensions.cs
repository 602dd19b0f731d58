using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Identity.Web;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Extensions;

public static class AuthExtensions
{
    public static WebApplicationBuilder AddStaffVoiceAuth(this WebApplicationBuilder builder)
    {
        var settings = AuthenticationSettings.FromConfiguration(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);

        // Keys that sign the auth and antiforgery cookies survive restarts; several instances must share one folder.
        var keysPath = builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.Environment.ContentRootPath, "data", "keys");
        services.AddDataProtection().SetApplicationName("StaffVoice").PersistKeysToFileSystem(new DirectoryInfo(keysPath));

        if (settings.IsLocal)
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        }
        else
        {
            services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAd"));
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, UpsertPersonOnSignIn);
        }

        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            options.Cookie.Name = "StaffVoice.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/signin";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
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
        services.AddScoped<CurrentUser>();
        return builder;
    }

    /// <summary>Upserts the person's directory row from the token and adds the claims StaffVoice reads.</summary>
    private static void UpsertPersonOnSignIn(OpenIdConnectOptions options)
    {
        options.TokenValidationParameters.RoleClaimType = "roles";
        options.TokenValidationParameters.NameClaimType = "name";
        var previous = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            if (previous is not null) await previous(context);
            var principal = context.Principal;
            if (principal?.Identity is not ClaimsIdentity identity) return;

            var directory = context.HttpContext.RequestServices.GetRequiredService<PeopleDirectory>();
            var objectId = principal.GetObjectId() ?? throw new InvalidOperationException("The token has no oid claim.");
            var email = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue(ClaimTypes.Email) ?? objectId;
            var person = await directory.UpsertFromEntraAsync(new ExternalPerson(
                objectId,
                principal.FindFirstValue("name") ?? email,
                email,
                principal.FindFirstValue("department"),
                principal.FindFirstValue("jobTitle"),
                principal.FindAll(identity.RoleClaimType).Select(c => c.Value).ToList()));

            identity.AddClaim(new Claim(StaffVoiceClaims.PersonId, person.PersonId.ToString()));
            // Every member of the organisation is an employee, whether or not Entra assigned the role.
            if (!principal.IsInRole(Roles.Employee)) identity.AddClaim(new Claim(identity.RoleClaimType, Roles.Employee));
        };
    }
}
