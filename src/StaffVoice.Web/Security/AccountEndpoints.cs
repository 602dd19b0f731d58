using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Security;

/// <summary>Sign-in and sign-out: a small minimal-API group. Return URLs are always forced local.</summary>
public static class AccountEndpoints
{
    public const string SignedOutPath = "/account/signed-out";

    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account").AllowAnonymous();

        group.MapGet("/signin", async (HttpContext context, string? returnUrl, AuthenticationSettings settings,
            PeopleDirectory directory, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var local = ReturnUrls.MakeLocal(returnUrl);
            if (!settings.IsLocal)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = local },
                    [OpenIdConnectDefaults.AuthenticationScheme]);
            }
            return await SignInPageAsync(context, local, null, directory, antiforgery, ct);
        });

        // [FromForm] parameters make ASP.NET Core validate the antiforgery token: a post without one gets 400.
        group.MapPost("/signin", async (HttpContext context, [FromForm] string? email, [FromForm] string? returnUrl,
            AuthenticationSettings settings, PeopleDirectory directory, SignInSessions sessions, IAntiforgery antiforgery,
            ILoggerFactory loggers, CancellationToken ct) =>
        {
            if (!settings.IsLocal) return Results.NotFound();
            var local = ReturnUrls.MakeLocal(returnUrl);
            var person = string.IsNullOrWhiteSpace(email) ? null : await directory.FindByEmailAsync(email, ct);
            if (person is null || !person.IsActive)
            {
                var page = await SignInPageAsync(context, local,
                    "Choose one of the people listed below: that email is not an active account in the demo directory.",
                    directory, antiforgery, ct);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return page;
            }

            var identity = await sessions.StartAsync(person.PersonId, CookieAuthenticationDefaults.AuthenticationScheme, ct);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new(identity));
            loggers.CreateLogger("StaffVoice.SignIn").LogInformation("Demo sign-in as {Email}", person.Email);
            return Results.LocalRedirect(local);
        });

        // Ends this browser's session on the server first, so a copy of the cookie is refused afterwards.
        group.MapPost("/signout", async (HttpContext context, AuthenticationSettings settings, SignInSessions sessions,
            [FromForm] string? everywhere, CancellationToken ct) =>
        {
            if (everywhere == "true" && Actor.FromPrincipal(context.User) is { } actor)
            {
                await sessions.EndAllAsync(actor, actor.PersonId, ct);
            }
            else
            {
                await sessions.EndAsync(context.User, ct);
            }
            var properties = new AuthenticationProperties { RedirectUri = SignedOutPath };
            return settings.IsLocal
                ? Results.SignOut(properties, [CookieAuthenticationDefaults.AuthenticationScheme])
                : Results.SignOut(properties, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        });

        group.MapGet("/signed-out", (string? reason) => new RazorComponentResult<SignedOutPage>(
            new Dictionary<string, object?> { [nameof(SignedOutPage.Inactive)] = reason == "inactive" }));

        return group;
    }

    private static async Task<IResult> SignInPageAsync(HttpContext context, string returnUrl, string? error,
        PeopleDirectory directory, IAntiforgery antiforgery, CancellationToken ct)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var choices = await directory.ListSignInChoicesAsync(ct);
        return new RazorComponentResult<SignInPage>(new Dictionary<string, object?>
        {
            [nameof(SignInPage.ReturnUrl)] = returnUrl,
            [nameof(SignInPage.Choices)] = choices,
            [nameof(SignInPage.AntiforgeryFieldName)] = tokens.FormFieldName,
            [nameof(SignInPage.AntiforgeryToken)] = tokens.RequestToken,
            [nameof(SignInPage.Error)] = error,
        });
    }
}
