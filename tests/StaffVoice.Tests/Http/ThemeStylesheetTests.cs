using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Http;

/// <summary>
/// The theme's variables are one cached stylesheet linked from every page's head (not held by each circuit's theme
/// provider), with dark mode as the same variables under a marker the layout renders for a person who prefers it.
/// </summary>
public partial class ThemeStylesheetTests(StaffVoiceAppFactory factory) : IClassFixture<StaffVoiceAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_links_one_cached_stylesheet_with_both_palettes_and_only_a_person_who_prefers_dark_gets_the_marker()
    {
        using var client = await factory.CreateSignedInClientAsync(Demo.Employee);
        var html = await client.GetStringAsync("/", Ct);
        var href = ThemeLink().Match(html[..html.IndexOf("</head>", StringComparison.Ordinal)]).Groups[1].Value;
        Assert.StartsWith("/theme.css?v=", href);
        Assert.DoesNotContain("--mud-palette-background", html);
        Assert.DoesNotContain("class=\"sv-dark-mode\"", html);

        using var response = await client.GetAsync(href, Ct);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        var css = await response.Content.ReadAsStringAsync(Ct);
        var light = Background().Match(Regex.Match(css, @"(?<![:)]):root\s*\{[^}]*\}").Value);
        var dark = Background().Match(Regex.Match(css, @":root:has\(\.sv-dark-mode\)\{[^}]*\}").Value);
        Assert.True(light.Success && dark.Success, "both palettes are in the stylesheet");
        Assert.NotEqual(light.Groups[1].Value, dark.Groups[1].Value);

        // A static page (no circuit) is themed the same way; an unversioned request is not cached for long.
        using var anonymous = factory.CreateAnonymousClient();
        Assert.Contains($"href=\"{href}\"", (await anonymous.GetStringAsync("/status/404", Ct)).Replace("&amp;", "&"));
        using var unversioned = await anonymous.GetAsync("/theme.css", Ct);
        Assert.Equal("no-cache", unversioned.Headers.CacheControl?.ToString());

        var directory = factory.Services.GetRequiredService<PeopleDirectory>();
        var person = (await directory.FindByEmailAsync(Demo.Employee, Ct))!;
        var actor = new Actor(person.PersonId, person.DisplayName, person.Roles.ToHashSet());
        await directory.SetDarkModeAsync(actor, true, Ct);
        try
        {
            Assert.Contains("<span class=\"sv-dark-mode\" hidden></span>", await client.GetStringAsync("/", Ct));
        }
        finally
        {
            await directory.SetDarkModeAsync(actor, false, Ct);
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/theme\\.css[^\"]*)\"")]
    private static partial Regex ThemeLink();

    [GeneratedRegex(@"--mud-palette-background:\s*([^;]+);")]
    private static partial Regex Background();
}
