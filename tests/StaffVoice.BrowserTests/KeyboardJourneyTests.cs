using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.BrowserTests;

/// <summary>
/// The four core journeys with the keyboard alone: every control is reached with Tab (never clicked), shows a visible
/// focus indicator when reached, and after each action focus lands on its result, never on the page body.
/// </summary>
public class KeyboardJourneyTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Presses Tab until the target (or something inside it) has focus; links and buttons must show a focus indicator.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int max = 150)
    {
        for (var i = 0; i < max; i++)
        {
            // The locator is resolved again each time: an interactive render may have replaced the element.
            if (await target.CountAsync() > 0
                && await target.EvaluateAsync<bool>("el => el === document.activeElement || el.contains(document.activeElement)"))
            {
                var indicator = await page.EvaluateAsync<string>("""
                    () => {
                        const el = document.activeElement;
                        if (!el || !el.matches('a, button')) return 'n/a';
                        const s = getComputedStyle(el);
                        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'outline' : s.boxShadow !== 'none' ? 'shadow' : 'none';
                    }
                    """);
                Assert.NotEqual("none", indicator);
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached {target}");
    }

    private static async Task AssertFocusNotOnBodyAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.activeElement === document.body || document.activeElement === null"),
            "focus fell to the page body");

    private async Task<Actor> ActorAsync(string email)
    {
        var p = (await app.Services.GetRequiredService<PeopleDirectory>().FindByEmailAsync(email, Ct))!;
        return new Actor(p.PersonId, p.DisplayName, p.Roles.ToHashSet());
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    [Fact]
    public async Task Ask_a_question_with_the_keyboard_alone()
    {
        var title = $"Can a resident get a second green bin {Random.Shared.Next(1000, 9999)}?";
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await OpenAsync(page, "/knowledge/questions/ask");
        await TabToAsync(page, page.GetByLabel("Your question"));
        await page.Keyboard.TypeAsync(title);
        await TabToAsync(page, page.GetByLabel("Service area").First);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Post question" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(H1(page)).ToHaveTextAsync(title);
        // The new page starts where any page starts: focus at its top, so the next Tab is the skip link.
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'sv-page-start'");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string?>("() => document.activeElement?.textContent?.trim()"));
    }

    [Fact]
    public async Task Write_a_post_and_send_it_for_review_with_the_keyboard_alone()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await OpenAsync(page, "/responses/drafts/new");
        await TabToAsync(page, page.GetByLabel("Text", new() { Exact = true }));
        await page.Keyboard.TypeAsync($"Garden waste collections restart on Monday {Random.Shared.Next(1, 28)} January.");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Draft");

        await TabToAsync(page, page.GetByLabel("Reviewers", new() { Exact = true }));
        await page.Keyboard.TypeAsync("Whitf");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Sam Whitfield" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("picked-people")).ToContainTextAsync("Sam Whitfield");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("In peer review");
        await Assertions.Expect(page.Locator("#sv-draft-state")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Tabbing_through_the_article_finder_leaves_focus_where_Tab_put_it()
    {
        // The finder used to select its text when focused: that selection, arriving from the server after a quick Tab
        // had already moved on, pulled focus back into the finder, so a following Enter went nowhere.
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await OpenAsync(page, "/responses/drafts/new");
        // The form answers the server (so it is the interactive one, not the prerendered copy it replaces).
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Bins");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Length per channel" })).ToContainTextAsync("4 / 280");
        var finder = page.GetByRole(AriaRole.Combobox, new() { Name = "Find an article" });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save draft" });
        for (var i = 0; i < 8; i++)
        {
            await finder.FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(save).ToBeFocusedAsync();
            await page.WaitForTimeoutAsync(300);
            await Assertions.Expect(save).ToBeFocusedAsync(new() { Timeout = 100 });
        }

        // With matches listed, Tab closes the list and moves on just the same.
        await finder.FocusAsync();
        await page.Keyboard.TypeAsync("council tax");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(save).ToBeFocusedAsync();
        await page.WaitForTimeoutAsync(300);
        await Assertions.Expect(save).ToBeFocusedAsync(new() { Timeout = 100 });
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Support_an_idea_and_comment_on_it_with_the_keyboard_alone()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("ben.carter@example.org");
        await OpenAsync(page, "/ideas");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Report a pothole with a photo and a map pin" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(H1(page)).ToHaveTextAsync("Report a pothole with a photo and a map pin");
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'sv-page-start'");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Support this idea" }));
        await page.Keyboard.PressAsync("Enter");
        // The button becomes "Withdraw my support" and keeps focus.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my support" })).ToBeFocusedAsync();
        await TabToAsync(page, page.GetByLabel("Add a comment"));
        await page.Keyboard.TypeAsync("We see this on the school run every week.");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("idea-comments")).ToContainTextAsync("We see this on the school run every week.");
        await AssertFocusNotOnBodyAsync(page);
    }

    [Fact]
    public async Task Take_an_assigned_course_with_the_keyboard_alone()
    {
        var training = app.Services.GetRequiredService<TrainingService>();
        var trainer = await ActorAsync("trainer@example.org");
        var learner = await ActorAsync("dana.kowalski@example.org");
        var title = $"Keyboard course {Random.Shared.Next(1000, 9999)}";
        var course = await training.SaveCourseAsync(trainer, null, new CourseInput(title, "A short course.", 10, null, false,
            [new ModuleInput(null, "Tenancies", "Most council tenancies are **secure** tenancies.", 100,
                [new QuizQuestionInput("Which tenancy do most council tenants have?", "Read the lesson again.",
                    [new OptionInput("Secure", true), new OptionInput("Assured shorthold", false)])])], []), null, ct: Ct);
        await training.PublishCourseAsync(trainer, course, Ct);
        await training.AssignAsync(trainer, new AssignInput(course, [learner.PersonId], null, null, null, 5, AssignmentKind.Required), Ct);

        var page = await app.NewPageAsync();
        await page.SignInAsync("dana.kowalski@example.org");
        await OpenAsync(page, "/training");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = title }).First);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(H1(page)).ToHaveTextAsync(title);
        await page.WaitForInteractiveAsync();
        // A radio group is one Tab stop (its first answer; the order is shuffled per visit); arrows move between answers.
        await TabToAsync(page, page.Locator("input[type=radio]").First);
        for (var i = 0; i < 4 && !await page.GetByLabel("Secure").IsCheckedAsync(); i++)
        {
            await page.Keyboard.PressAsync(i == 0 ? "Space" : "ArrowDown");
        }
        await Assertions.Expect(page.GetByLabel("Secure")).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Check my answers" }));
        await page.Keyboard.PressAsync("Enter");
        // The quiz leaves the page once passed: focus goes to the result, the course's completion.
        await Assertions.Expect(page.GetByTestId("course-complete")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("course-complete")).ToBeFocusedAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "View your certificate" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("certificate")).ToContainTextAsync("Dana Kowalski");
    }

    [Fact]
    public async Task Approve_a_draft_with_the_keyboard_alone()
    {
        var responses = app.Services.GetRequiredService<ResponseService>();
        var (alex, sam, jordan) = (await ActorAsync("employee@example.org"), await ActorAsync("trainer@example.org"), await ActorAsync("comms@example.org"));
        var id = await responses.CreateAsync(alex, new DraftInput("The library reopens on Saturday at 10am after the roof repairs.", [SocialChannel.X], null, []), null, Ct);
        async Task<Guid> V() => (await responses.GetAsync(jordan, id, Ct))!.Version;
        await responses.SubmitForReviewAsync(alex, id, [sam.PersonId], false, null, await V(), Ct);
        await responses.EndorseAsync(sam, id, await V(), Ct);

        var page = await app.NewPageAsync();
        await page.SignInAsync("comms@example.org");
        await OpenAsync(page, $"/responses/drafts/{id}");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Approve" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Approved");
        await Assertions.Expect(page.Locator("#sv-draft-state")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_confirmation_dialog_keeps_focus_inside_and_gives_it_back_when_closed()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("trainer@example.org");
        await OpenAsync(page, "/training/admin/courses/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a module" }).ClickAsync();
        var remove = page.GetByRole(AriaRole.Button, new() { Name = "Remove module 2" });
        await TabToAsync(page, remove);
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        // Opening the dialog moves focus into it.
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('[role=dialog]')");
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), $"Tab {i + 1} left the dialog");
        }
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(remove).ToBeFocusedAsync();

        await remove.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Remove module" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(remove).ToHaveCountAsync(0);
        // The removed button cannot take focus back: the next sensible control does.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add a module" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_filter_whose_options_exist_only_while_open_is_chosen_with_the_keyboard()
    {
        // OptionSelect renders its options only once the list opens: opening it from the keyboard must still list
        // them, the arrow keys must move through them and Enter must choose, as with any select.
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await OpenAsync(page, "/responses");
        var sort = page.GetByLabel("Sort").First;
        await Assertions.Expect(sort).ToHaveValueAsync("Most overdue first");
        await TabToAsync(page, sort);
        await page.Keyboard.PressAsync("Enter");
        var options = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(options).ToHaveCountAsync(3);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(sort).ToHaveValueAsync("Newest first");
        await Assertions.Expect(page.Locator(".mud-list-item")).ToHaveCountAsync(0);
        await AssertFocusNotOnBodyAsync(page);

        // Opened again with the arrow key, the list starts from the chosen option.
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(options).ToHaveCountAsync(3);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(sort).ToHaveValueAsync("Oldest first");
    }
}
