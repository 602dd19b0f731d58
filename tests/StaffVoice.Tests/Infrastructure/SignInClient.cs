using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>Signs in through the real demo sign-in form, antiforgery token and all.</summary>
public static partial class SignInClient
{
    public static HttpClient CreateAnonymousClient(this StaffVoiceAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> CreateSignedInClientAsync(this StaffVoiceAppFactory factory, string email)
    {
        var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", await SignInFormAsync(client, email));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}.");
        }
        return client;
    }

    public static async Task<FormUrlEncodedContent> SignInFormAsync(HttpClient client, string email, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/account/signin");
        var token = AntiforgeryToken(page);
        var fields = new Dictionary<string, string> { ["email"] = email, ["__RequestVerificationToken"] = token };
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The antiforgery token of the first form on a page (the sign-in form, the layout's sign-out form).</summary>
    public static string AntiforgeryToken(string page) => AntiforgeryField().Match(page).Groups["token"].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
