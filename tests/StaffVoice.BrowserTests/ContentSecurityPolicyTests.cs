using Microsoft.Playwright;
using StaffVoice.BrowserTests.Infrastructure;

namespace StaffVoice.BrowserTests;

/// <summary>
/// The real Content-Security-Policy enforced (no bypass) on every kind of page: the page becomes interactive (the circuit
/// connects, MudBlazor runs) and the browser reports no violation.
/// </summary>
public class ContentSecurityPolicyTests(BrowserApp app)
{
    private static readonly string[] Pages =
    [
        "/", "/people", "/people/me", "/people/expertise", "/notifications", "/notifications/preferences", "/policies", "/policies/1", "/search?q=bin",
        "/knowledge", "/knowledge/questions", "/knowledge/questions/ask", "/knowledge/articles/new", "/knowledge/review",
        "/knowledge/articles/1", "/knowledge/articles/1/history", "/knowledge/questions/1",
        "/responses", "/responses/drafts", "/responses/drafts/new", "/responses/library", "/responses/approvals",
        "/responses/calendar", "/responses/settings", "/responses/drafts/1", "/responses/conversations/1", "/responses/reports",
        "/training", "/training/courses/1",
        "/listening", "/ideas", "/ideas/new", "/ideas/1", "/you-said-we-did", "/dashboard",
    ];

    private static readonly string[] AdminPages =
        ["/training/admin", "/training/admin/reports", "/training/admin/courses/new", "/training/admin/courses/1"];

    [Fact]
    public async Task No_page_breaks_the_content_security_policy()
    {
        var violations = new List<string>();
        var page = await app.NewPageAsync(enforceCsp: true);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {message.Text}");
        };
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));
            """);

        await page.SignInAsync("comms@example.org");
        foreach (var path in Pages) await VisitAsync(page, path);
        // Static pages (no circuit): not found, signed out.
        await page.GotoAsync("/no-such-page");
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();

        var trainer = await app.NewPageAsync(enforceCsp: true);
        trainer.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{trainer.Url}: {message.Text}");
        };
        await trainer.SignInAsync("trainer@example.org");
        foreach (var path in AdminPages) await VisitAsync(trainer, path);
        // The reconnect card's buttons are wired from the script file, not inline handlers.
        Assert.Equal(2, await trainer.Locator("#components-reconnect-modal [data-sv-action]").CountAsync());

        await trainer.GotoAsync("/account/signed-out");
        await Assertions.Expect(trainer.Locator("h1").First).ToBeVisibleAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        try
        {
            await page.WaitForInteractiveAsync();
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{path} did not become interactive with the policy enforced.");
        }
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
    }
}
