using System.Text.Json;
using Microsoft.Playwright;

namespace StaffVoice.BrowserTests.Infrastructure;

public static class PageActions
{
    /// <summary>Picks <paramref name="option"/> in the MudBlazor select labelled <paramref name="label"/> and waits for its list to close.</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.GetByLabel(label).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until the Blazor circuit is connected (the layout marks the body), so clicks are handled.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("body[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator($"button[name='email'][value='{email}']").First.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin"));
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Runs axe-core in the page and fails on any violation of impact serious or critical.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // Colours are judged once theme transitions have finished, not half-way through one.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath.Value });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))");
        var violations = json.EnumerateArray().Select(v => v.ToString()).ToList();
        Assert.True(violations.Count == 0, $"axe-core on {page.Url}:\n{string.Join("\n", violations)}");
    }

    private static readonly Lazy<string> AxePath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            "axe-core is not installed: run `npm ci` in tests/StaffVoice.BrowserTests (./test.sh does it).");
    });
}
