using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace StaffVoice.Web.Components.Layout;

/// <summary>
/// The theme's stylesheet (MudBlazor's palette and layout variables), written once for the process into every page's
/// head instead of by a <see cref="MudThemeProvider"/> in the interactive layout: there it held about 40 KiB per open
/// tab (the 12,000-character style text in the render tree and 108 colour objects), the same for everyone. Dark mode is
/// the same variables under <c>:root:has(.sv-dark-mode)</c>, switched by a marker the layout renders for a person who
/// prefers it, so the choice still follows the person at once and on every device.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceProvider services, ILoggerFactory loggers)
{
    public const string DarkModeMarker = "sv-dark-mode";

    private readonly Lazy<Task<MarkupString>> _markup = new(() => BuildAsync(services, loggers));

    public Task<MarkupString> GetAsync() => _markup.Value;

    private static async Task<MarkupString> BuildAsync(IServiceProvider services, ILoggerFactory loggers)
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
        var light = await Render(false);
        var dark = RootRule().Match(await Render(true));
        if (!dark.Success) throw new InvalidOperationException("MudBlazor's theme has no :root rule to copy for dark mode.");
        return new MarkupString($"{light}\n<style>:root:has(.{DarkModeMarker}){dark.Groups[1].Value}</style>");
    }

    [GeneratedRegex(@":root\s*(\{[^}]*\})")]
    private static partial Regex RootRule();
}
