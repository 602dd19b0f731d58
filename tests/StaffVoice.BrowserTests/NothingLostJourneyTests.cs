using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.BrowserTests;

/// <summary>What a person types is what is saved: no debounce, message size or busy flag loses it.</summary>
public class NothingLostJourneyTests(BrowserApp app)
{
    private async Task<string> StoredTextAsync(string url)
    {
        var id = int.Parse(url.TrimEnd('/').Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var person = await app.Services.GetRequiredService<PeopleDirectory>().FindByEmailAsync("employee@example.org");
        var actor = new Actor(person!.PersonId, person.DisplayName, person.Roles.ToHashSet());
        return (await app.Services.GetRequiredService<ResponseService>().GetAsync(actor, id))!.Text;
    }

    [Fact]
    public async Task A_long_paste_saved_at_once_is_stored_whole()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await page.GotoAsync("/responses/drafts/new");
        await page.WaitForInteractiveAsync();
        // 40,000 characters (more than the old 32 KB message limit allowed), with a few that JSON must escape.
        var text = string.Concat(Enumerable.Repeat("Bins \"are\" collected on Tuesdays.\n", 1_200))[..40_000];

        // Pasted as a browser pastes: the whole text in the box and one input event. (Playwright's FillAsync types a
        // multi-line text through the editing commands, two input events a line: 2,353 events of up to 40,000
        // characters each here, which took the browser 7 s and the server seconds more — a cost of the tool, not of
        // a person's paste.)
        await page.GetByLabel("Text", new() { Exact = true }).EvaluateAsync(
            "(box, text) => { box.focus(); box.value = text; box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' })); }", text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync(); // no pause for the debounce

        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/responses/drafts/\d+$"));
        Assert.Equal(text, await StoredTextAsync(page.Url));
    }

    [Fact]
    public async Task An_empty_draft_is_refused_with_a_message_next_to_the_text()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await page.GotoAsync("/responses/drafts/new");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Write the reply first: an empty draft is not saved.")).ToBeVisibleAsync();
        Assert.EndsWith("/responses/drafts/new", page.Url);
    }

    [Fact]
    public async Task Comments_posted_one_after_another_are_all_kept_and_a_refused_one_stays_in_the_box()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await page.GotoAsync("/responses/drafts/new");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Thanks, we have passed this to the team.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/responses/drafts/\d+$"));
        await page.WaitForInteractiveAsync();

        var box = page.GetByLabel("Add to the thread");
        await box.FillAsync("First thought");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Assertions.Expect(box).ToHaveValueAsync("");
        await box.PressSequentiallyAsync("Second thought"); // straight away, as the thread updates
        await page.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-thread")).ToContainTextAsync("First thought");
        await Assertions.Expect(page.GetByTestId("draft-thread")).ToContainTextAsync("Second thought");
        await Assertions.Expect(box).ToHaveValueAsync("");

        // A refused post keeps the text in the box.
        await box.FillAsync(new string('x', 2_001));
        await page.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Write a comment of up to 2,000 characters.")).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveValueAsync(new string('x', 2_001));
    }
}
