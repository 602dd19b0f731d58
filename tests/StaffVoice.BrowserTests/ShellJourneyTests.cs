using StaffVoice.Web.Components.Layout;
using StaffVoice.Web.Security;

namespace StaffVoice.BrowserTests;

public class ShellJourneyTests(BrowserApp app)
{
    private static async Task<string> PaletteBackgroundAsync(IPage page) =>
        await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()");

    [Fact]
    public async Task An_employee_signs_in_sees_their_name_toggles_dark_mode_and_signs_out()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Alex Morgan");
        var accountMenu = page.GetByRole(AriaRole.Button, new() { Name = "Account menu for Alex Morgan" });
        await Assertions.Expect(accountMenu).ToHaveTextAsync("Alex Morgan");
        await Assertions.Expect(page.GetByTestId("my-roles")).ToContainTextAsync("Employee");

        var light = await PaletteBackgroundAsync(page);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" });
        await toggle.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        var dark = await PaletteBackgroundAsync(page);
        Assert.NotEqual(light, dark);

        // Remembered for the person, not the tab.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        Assert.Equal(dark, await PaletteBackgroundAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();

        await accountMenu.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/signed-out"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You have signed out");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/account/signin"));
    }

    [Fact]
    public async Task Sign_in_and_every_drawer_entry_work_with_the_keyboard_alone()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/signin");
        // The first buttons are the demo accounts, in README order: employee, comms, trainer, admin.
        string? focused = null;
        for (var i = 0; i < 10 && focused != "admin@example.org"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('value')");
        }
        Assert.Equal("admin@example.org", focused);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin"));
        await page.WaitForInteractiveAsync();

        var expected = Navigation.VisibleTo(role => role is Roles.Employee or Roles.Administrator).Select(e => e.Href).ToHashSet();
        var reached = new HashSet<string>();
        for (var i = 0; i < 40 && !expected.IsSubsetOf(reached); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var href = await page.EvaluateAsync<string?>(
                "() => document.activeElement?.closest('nav[aria-label=Main]') ? document.activeElement.getAttribute('href') : null");
            if (href is not null) reached.Add(href);
        }
        Assert.Subset(reached, expected);

        // Tab round to the People entry and follow it with Enter.
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('href')") == "/people") break;
        }
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("People");
        // Blazor moves focus to the page start just after the new page renders: wait for it, as a person would see it.
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'sv-page-start'");

        // After a navigation the next Tab is the skip link, and following it puts focus in the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string?>("() => document.activeElement?.textContent?.trim()"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main-content", await page.EvaluateAsync<string?>("() => document.activeElement?.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('main')"), "the Tab after the skip link stays in main");
    }

    [Theory]
    [InlineData("employee@example.org", new[] { Roles.Employee })]
    [InlineData("comms@example.org", new[] { Roles.Employee, Roles.CommsManager })]
    [InlineData("trainer@example.org", new[] { Roles.Employee, Roles.Trainer })]
    [InlineData("admin@example.org", new[] { Roles.Employee, Roles.Administrator })]
    public async Task Each_demo_account_sees_only_its_sections(string email, string[] roles)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(email);
        var links = await page.Locator("nav[aria-label='Main'] a").EvaluateAllAsync<string[]>("els => els.map(a => a.getAttribute('href'))");
        var expected = Navigation.VisibleTo(roles.Contains).Select(e => e.Href).Order();
        Assert.Equal(expected, links.Order());
    }

    [Fact]
    public async Task The_sign_in_and_home_pages_have_no_serious_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.AssertAccessibleAsync();

        await page.SignInAsync("admin@example.org");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_people_pages_have_no_serious_accessibility_violations_in_either_theme()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin@example.org");
        await page.GotoAsync("/people");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alex Morgan" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Alex Morgan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Alex Morgan");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();
    }

    public static TheoryData<string, string[]> PhonePages() => new()
    {
        { "employee@example.org", ["/", "/knowledge", "/knowledge/questions", "/knowledge/articles/1", "/search?q=bins", "/responses", "/responses/drafts?list=mine",
            "/responses/drafts/1", "/training", "/people", "/people/me", "/people/expertise", "/notifications", "/notifications/preferences", "/policies", "/policies/1",
            "/listening", "/ideas", "/ideas/new", "/ideas/1", "/you-said-we-did"] },
        { "comms@example.org", ["/responses/approvals", "/responses/calendar", "/responses/settings", "/responses/library", "/responses/conversations/1", "/responses/reports"] },
        { "trainer@example.org", ["/training/admin", "/training/admin/reports", "/training/admin/courses/1"] },
    };

    [Theory]
    [MemberData(nameof(PhonePages))]
    public async Task On_a_phone_no_page_scrolls_sideways_and_the_account_menu_signs_out(string email, string[] paths)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email);
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync();
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{path} is {width} px wide on a 390 px phone");
        }
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/signed-out"));
    }

    [Fact]
    public async Task Only_the_most_specific_navigation_entry_is_highlighted()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await page.GotoAsync("/knowledge/questions");
        await page.WaitForInteractiveAsync();
        var active = page.Locator("nav[aria-label='Main'] a.active");
        await Assertions.Expect(active).ToHaveCountAsync(1);
        await Assertions.Expect(active).ToContainTextAsync("Questions");
        await page.GotoAsync("/knowledge/articles/1");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(active).ToHaveCountAsync(1);
        await Assertions.Expect(active).ToContainTextAsync("Knowledge");
    }
}
