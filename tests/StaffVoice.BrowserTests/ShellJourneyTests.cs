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
}
