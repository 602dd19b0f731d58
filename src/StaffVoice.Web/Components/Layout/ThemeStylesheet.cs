using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace StaffVoice.Web.Components.Layout;

/// <summary>
/// The theme's stylesheet (MudBlazor's palette, typography and layout variables), built once for the process and served
/// as <c>/theme.css</c> with a version in its address, so browsers cache it, instead of by a <see cref="MudThemeProvider"/>
/// in the interactive layout: there it held about 40 KiB per open tab (the 12,000-character style text in the render
/// tree and 108 colour objects) and was sent again in every page. Dark mode is the same variables under
/// <c>:root:has(.sv-dark-mode)</c>, switched by a marker the layout renders for a person who prefers it, so the choice
/// still follows the person at once and on every device.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceProvider services, ILoggerFactory loggers)
{
    public const string DarkModeMarker = "sv-dark-mode";
    public const string Path = "/theme.css";

    public sealed record Sheet(string Css, string Version)
    {
        public string Href => $"{Path}?v={Version}";
    }

    private readonly Lazy<Task<Sheet>> _sheet = new(() => BuildAsync(services, loggers));

    public Task<Sheet> GetAsync() => _sheet.Value;

    private static async Task<Sheet> BuildAsync(IServiceProvider services, ILoggerFactory loggers)
    {
        var theme = StaffVoiceTheme.Create();
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        async Task<string> Render(bool dark) => await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            }))).ToHtmlString());
        var light = string.Join("\n", StyleElement().Matches(await Render(false)).Select(m => m.Groups[1].Value.Trim()));
        var dark = RootRule().Match(await Render(true));
        if (light.Length == 0 || !dark.Success) throw new InvalidOperationException("MudBlazor's theme provider wrote no :root rule.");
        var css = $"{light}\n:root:has(.{DarkModeMarker}){dark.Groups[1].Value}\n";
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12];
        return new Sheet(css, version);
    }

    [GeneratedRegex(@"<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@":root\s*(\{[^}]*\})")]
    private static partial Regex RootRule();
}

public static class ThemeStylesheetEndpoint
{
    /// <summary><c>/theme.css</c>: anonymous (the sign-in page uses it too), cached for a year under its versioned address.</summary>
    public static void MapThemeStylesheet(this WebApplication app) =>
        app.MapGet(ThemeStylesheet.Path, async (ThemeStylesheet stylesheet, HttpContext context) =>
        {
            var sheet = await stylesheet.GetAsync();
            context.Response.Headers.CacheControl = context.Request.Query["v"] == sheet.Version
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            return Results.Text(sheet.Css, "text/css; charset=utf-8");
        }).AllowAnonymous();
}
