using System.Text.RegularExpressions;

namespace StaffVoice.BrowserTests;

/// <summary>
/// Two StaffVoice processes on two loopback ports sharing one database (and so one key ring and one notification
/// feed), as an operator runs them; then the same two behind nginx with the shipped configuration.
/// </summary>
public class ScaleOutJourneyTests(BrowserApp app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _database = Path.Combine(Path.GetTempPath(), "staffvoice-tests", $"scale-{Guid.NewGuid():N}.db");
    private AppProcess _a = null!;
    private AppProcess _b = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database)!);
        var settings = new Dictionary<string, string>
        {
            ["Authentication:Mode"] = "Local",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:StaffVoice"] = $"Data Source={_database}",
            ["DataProtection:Store"] = "Database",
            ["LiveUpdates:PollInterval"] = "00:00:01",
            ["Jobs:RunServer"] = "false",
        };
        _a = await AppProcess.StartAsync(settings, Ct); // migrates and seeds first
        _b = await AppProcess.StartAsync(settings, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null) await _b.DisposeAsync();
        if (_a is not null) await _a.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_database + suffix); } catch (IOException) { }
        }
    }

    private async Task<IPage> PageAsync(bool bypassCsp = false)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BypassCSP = bypassCsp,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, string baseUrl, string email)
    {
        await page.GotoAsync($"{baseUrl}/account/signin");
        await page.Locator($"button[name='email'][value='{email}']").First.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin"));
        await page.WaitForInteractiveAsync();
    }

    private static async Task<int> UnreadAsync(IPage page)
    {
        var label = await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Notifications, ") }).GetAttributeAsync("aria-label") ?? "";
        var match = Regex.Match(label, @"(\d+) unread");
        return match.Success ? int.Parse(match.Groups[1].Value) : 0;
    }

    private static async Task<string> AskAsync(IPage page, string baseUrl, string title)
    {
        await page.GotoAsync($"{baseUrl}/knowledge/questions/ask");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Your question").FillAsync(title);
        // Similar questions appear under the title after a short pause and push the form down: choose the area after that.
        await Assertions.Expect(page.GetByTestId("similar")).ToBeVisibleAsync();
        await page.GetByLabel("Service area").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Housing register" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post question" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        return page.Url;
    }

    [Fact]
    public async Task A_sign_in_a_form_token_and_a_notification_made_on_one_instance_work_on_the_other()
    {
        // Signed in through A, the same cookie is accepted by B.
        var alex = await PageAsync();
        await SignInAsync(alex, _a.BaseUrl, "employee@example.org");
        await alex.GotoAsync($"{_b.BaseUrl}/");
        await alex.WaitForInteractiveAsync();
        Assert.DoesNotContain("/account/signin", alex.Url);
        await Assertions.Expect(alex.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Notifications, ") })).ToBeVisibleAsync();

        // The sign-in form (with its antiforgery token) comes from A and is posted to B. (The app's CSP allows forms to
        // post only to their own origin, and A and B differ by port, so the policy is set aside for this one step.)
        var viaB = await PageAsync(bypassCsp: true);
        await viaB.GotoAsync($"{_a.BaseUrl}/account/signin");
        await viaB.EvalOnSelectorAsync("form[action='/account/signin']", "(form, url) => form.action = url", $"{_b.BaseUrl}/account/signin");
        await viaB.Locator("button[name='email'][value='comms@example.org']").First.ClickAsync();
        await viaB.WaitForURLAsync(url => url.StartsWith(_b.BaseUrl) && !url.Contains("/account/"));
        await viaB.WaitForInteractiveAsync();

        // Sam asks a question on A in an area Alex knows; Alex's bell, on a circuit on B, rings within 5 s.
        var before = await UnreadAsync(alex);
        var sam = await PageAsync();
        await SignInAsync(sam, _a.BaseUrl, "trainer@example.org");
        await AskAsync(sam, _a.BaseUrl, "Can a lodger join the housing register separately?");
        await Assertions.Expect(alex.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Notifications, ") }))
            .ToHaveAttributeAsync("aria-label", $"Notifications, {before + 1} unread", new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task Behind_nginx_a_killed_instance_shows_the_reconnect_ui_and_the_other_carries_on_with_nothing_saved_lost()
    {
        await using var nginx = await NginxProcess.StartAsync(_a.Port, _b.Port, Ct);
        var page = await PageAsync();
        await SignInAsync(page, nginx.BaseUrl, "trainer@example.org");
        var title = "Is the housing register open to people moving from another council?";
        var question = await AskAsync(page, nginx.BaseUrl, title);
        Assert.StartsWith(nginx.BaseUrl, question);

        // Every request of this browser goes to one instance (the affinity cookie); find out which and kill it.
        var response = await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        var upstream = await response!.HeaderValueAsync("x-staffvoice-upstream") ?? "";
        var (served, other) = upstream.EndsWith($":{_a.Port}") ? (_a, _b) : (_b, _a);
        Assert.EndsWith($":{served.Port}", upstream);
        served.Kill();

        await Assertions.Expect(page.Locator("#components-reconnect-modal"))
            .ToHaveClassAsync(new Regex("components-reconnect-(show|failed|rejected)"), new() { Timeout = 15_000 });
        var reloaded = await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        Assert.EndsWith($":{other.Port}", await reloaded!.HeaderValueAsync("x-staffvoice-upstream") ?? "");
        Assert.DoesNotContain("/account/signin", page.Url); // still signed in: the key ring is shared
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
    }
}
