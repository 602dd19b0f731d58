using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Data;

namespace StaffVoice.BrowserTests;

/// <summary>The listening loop in a browser: from a citizen's message to "You said, we did", with three people.</summary>
public class ListeningJourneyTests(BrowserApp app)
{
    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Bell(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Notifications, ") });

    private static async Task<int> UnreadAsync(IPage page)
    {
        var match = Regex.Match(await Bell(page).GetAttributeAsync("aria-label") ?? "", @"(\d+) unread");
        return match.Success ? int.Parse(match.Groups[1].Value) : 0;
    }

    [Fact]
    public async Task An_insight_from_a_conversation_becomes_an_idea_a_colleague_supports_and_the_owner_marks_done()
    {
        int conversation;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            conversation = await db.Conversations.Where(c => c.AuthorHandle == "@newtonowner").Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        }
        var token = Random.Shared.Next(10_000, 99_999).ToString();

        // Alex records what the resident said, from the conversation, in their own words.
        var alex = await app.NewPageAsync();
        await alex.SignInAsync("employee@example.org");
        await alex.GotoAsync($"/responses/conversations/{conversation}");
        await alex.WaitForInteractiveAsync();
        await alex.GetByRole(AriaRole.Link, new() { Name = "Record an insight" }).ClickAsync();
        await Assertions.Expect(H1(alex)).ToHaveTextAsync("What citizens are saying");
        await Assertions.Expect(alex.GetByTestId("insight-from-conversation")).ToContainTextAsync("@newtonowner");
        var text = alex.GetByLabel("What was said");
        await Assertions.Expect(text).ToHaveValueAsync(new Regex("garden waste"));
        await text.FillAsync($"Residents ask when garden waste restarts after Christmas, ref {token}.");
        await alex.GetByLabel("Themes, separated by commas").FillAsync("garden waste, calendar");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Record insight" }).ClickAsync();
        var recorded = alex.GetByTestId("insights").Locator("li").Filter(new() { HasText = token });
        await Assertions.Expect(recorded).ToContainTextAsync("calendar, garden waste");

        // ... and turns it into an idea; the similar idea already proposed is pointed out.
        await recorded.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Propose an idea") }).ClickAsync();
        await Assertions.Expect(H1(alex)).ToHaveTextAsync("Propose an idea");
        await Assertions.Expect(alex.GetByTestId("idea-evidence-from")).ToContainTextAsync(token);
        var title = $"Garden waste restart dates on every bin lid {token}";
        await alex.GetByLabel("Title").FillAsync(title);
        await Assertions.Expect(alex.GetByTestId("similar-ideas")).ToContainTextAsync("Show garden waste restart dates on the bin calendar");
        await alex.GetByLabel("The proposal: what should change").FillAsync("Print the restart date on a sticker on every garden waste bin.");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Propose idea" }).ClickAsync();
        await Assertions.Expect(H1(alex)).ToHaveTextAsync(title);
        await Assertions.Expect(alex.GetByTestId("idea-evidence")).ToContainTextAsync(token);
        await Assertions.Expect(alex.GetByTestId("idea-supporters")).ToHaveTextAsync("1 supporter");
        var ideaUrl = alex.Url;
        var unread = await UnreadAsync(alex);

        // George supports it.
        var george = await app.NewPageAsync();
        await george.SignInAsync("george.mills@example.org");
        await george.GotoAsync(ideaUrl);
        await george.WaitForInteractiveAsync();
        await george.GetByRole(AriaRole.Button, new() { Name = "Support this idea" }).ClickAsync();
        await Assertions.Expect(george.GetByTestId("idea-supporters")).ToHaveTextAsync("2 supporters");
        await Assertions.Expect(george.GetByRole(AriaRole.Button, new() { Name = "Withdraw my support" })).ToBeFocusedAsync();
        Assert.Equal(0, await george.GetByTestId("idea-follow-up").CountAsync()); // not an owner

        // Nina, an owner of Bin collections, marks it done: Alex's bell rings without a reload.
        var nina = await app.NewPageAsync();
        await nina.SignInAsync("nina.petrova@example.org");
        await nina.GotoAsync(ideaUrl);
        await nina.WaitForInteractiveAsync();
        await nina.ChooseAsync("Status", "Done");
        await nina.GetByRole(AriaRole.Button, new() { Name = "Update status" }).ClickAsync();
        await Assertions.Expect(nina.GetByText("Say what changed")).ToBeVisibleAsync(); // Done needs what we did
        await nina.GetByLabel("What we did").FillAsync("Stickers with the restart date go on every garden waste bin this December.");
        await nina.GetByRole(AriaRole.Button, new() { Name = "Update status" }).ClickAsync();
        await Assertions.Expect(nina.GetByTestId("idea-status")).ToHaveTextAsync("Done");
        await Assertions.Expect(nina.GetByTestId("idea-status")).ToBeFocusedAsync();

        await Assertions.Expect(Bell(alex)).ToHaveAttributeAsync("aria-label", $"Notifications, {unread + 1} unread", new() { Timeout = 5_000 });
        await alex.GotoAsync("/you-said-we-did");
        await alex.WaitForInteractiveAsync();
        await Assertions.Expect(alex.GetByTestId("you-said-we-did")).ToContainTextAsync(title);
        await Assertions.Expect(alex.GetByTestId("you-said-we-did")).ToContainTextAsync("Stickers with the restart date");
    }

    [Fact]
    public async Task The_listening_pages_have_no_serious_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin@example.org");
        foreach (var path in new[] { "/listening", "/listening?conversation=1", "/ideas", "/ideas/new", "/ideas/new?insight=1", "/ideas/1", "/ideas/owners", "/you-said-we-did" })
        {
            await page.GotoAsync(path);
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(H1(page)).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
        }
    }
}
