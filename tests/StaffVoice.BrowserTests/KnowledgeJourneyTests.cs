using System.Text.RegularExpressions;
namespace StaffVoice.BrowserTests;

public class KnowledgeJourneyTests(BrowserApp app)
{
    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    [Fact]
    public async Task An_article_is_published_found_through_search_by_a_colleague_and_marked_helpful()
    {
        var word = "quokkaplan" + Random.Shared.Next(1000, 9999);
        var author = await app.NewPageAsync();
        await author.SignInAsync("employee@example.org");
        await author.GotoAsync("/knowledge/articles/new");
        await author.WaitForInteractiveAsync();
        await author.GetByLabel("Title").FillAsync($"Assisted collections and the {word}");
        await author.ChooseAsync("Service area", "Bin collections");
        await author.GetByLabel("Tags").FillAsync("assisted-collections");
        await author.GetByLabel("Text (Markdown)").FillAsync($"Residents who cannot move their bin get help under the **{word}**.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(H1(author)).ToHaveTextAsync($"Assisted collections and the {word}");
        await Assertions.Expect(author.GetByTestId("article-body").Locator("strong")).ToHaveTextAsync(word);

        var reader = await app.NewPageAsync();
        await reader.SignInAsync("comms@example.org");
        await reader.GetByLabel("Search knowledge").FillAsync(word);
        await reader.GetByLabel("Search knowledge").PressAsync("Enter");
        await Assertions.Expect(reader.GetByTestId("result-count")).ToContainTextAsync("1 result");
        await reader.GetByRole(AriaRole.Link, new() { Name = $"Assisted collections and the {word}" }).ClickAsync();
        await Assertions.Expect(H1(reader)).ToHaveTextAsync($"Assisted collections and the {word}");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Yes (0)" }).ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Button, new() { Name = "Yes (1)" })).ToBeVisibleAsync();
        await Assertions.Expect(reader.GetByTestId("vote-thanks")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_question_is_asked_answered_by_a_colleague_and_accepted_by_the_asker()
    {
        var title = $"Can residents share one bulky waste slot {Random.Shared.Next(1000, 9999)}?";
        var asker = await app.NewPageAsync();
        await asker.SignInAsync("trainer@example.org");
        await asker.GotoAsync("/knowledge/questions/ask");
        await asker.WaitForInteractiveAsync();
        await asker.GetByLabel("Your question").FillAsync(title);
        await Assertions.Expect(asker.GetByTestId("similar")).ToContainTextAsync("bulky waste");
        await asker.ChooseAsync("Service area", "Bulky waste collection");
        await asker.GetByRole(AriaRole.Button, new() { Name = "Post question" }).ClickAsync();
        await Assertions.Expect(H1(asker)).ToHaveTextAsync(title);
        var questionUrl = asker.Url;

        var answerer = await app.NewPageAsync();
        await answerer.SignInAsync("comms@example.org");
        await answerer.GotoAsync(questionUrl);
        await answerer.WaitForInteractiveAsync();
        await Assertions.Expect(answerer.GetByTestId("accept-answer")).ToHaveCountAsync(0);
        await answerer.GetByLabel("Answer (Markdown)").FillAsync("Yes, if both households are at the same address.");
        await answerer.GetByRole(AriaRole.Button, new() { Name = "Post answer" }).ClickAsync();
        await Assertions.Expect(answerer.GetByTestId("answer")).ToContainTextAsync("same address");
        await Assertions.Expect(answerer.GetByTestId("accept-answer")).ToHaveCountAsync(0);

        await asker.ReloadAsync();
        await asker.WaitForInteractiveAsync();
        await asker.GetByRole(AriaRole.Button, new() { Name = "Accept the answer by Jordan Reyes" }).ClickAsync();
        await Assertions.Expect(asker.GetByTestId("answer")).ToContainTextAsync("Accepted answer");
        await Assertions.Expect(asker.GetByRole(AriaRole.Button, new() { Name = "Turn into an article" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_area_filter_offers_its_areas_when_opened_and_lists_only_the_chosen_areas_articles()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await page.GotoAsync("/knowledge");
        await page.WaitForInteractiveAsync();
        // Closed, the select keeps no options on the page (they cost the server memory per open tab).
        await Assertions.Expect(page.Locator(".mud-list-item")).ToHaveCountAsync(0);

        await page.ChooseAsync("Service area", "Bin collections");

        await Assertions.Expect(page.GetByLabel("Service area").First).ToHaveValueAsync(new Regex("^Bin collections \\("));
        var cards = page.Locator(".sv-cards > li");
        await Assertions.Expect(cards.First).ToContainTextAsync("Bin collections ·");
        foreach (var text in await cards.AllInnerTextsAsync()) Assert.Contains("Bin collections ·", text);
        await Assertions.Expect(page.Locator(".mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_knowledge_pages_have_no_serious_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        foreach (var path in new[] { "/knowledge", "/knowledge/articles/1", "/knowledge/articles/1/edit", "/knowledge/articles/1/history",
                     "/knowledge/articles/new", "/knowledge/questions", "/knowledge/questions?unanswered=true", "/knowledge/questions/1",
                     "/knowledge/questions/ask", "/knowledge/review", "/search?q=bins", "/notifications", "/notifications/preferences", "/", "/people/expertise", "/policies", "/policies/1" })
        {
            await page.GotoAsync(path);
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(H1(page)).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task An_administrator_confirms_a_claimed_area_of_expertise_and_the_profile_shows_it_confirmed()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin@example.org");
        await page.GotoAsync("/people");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Expertise to confirm" }).ClickAsync();
        await Assertions.Expect(H1(page)).ToHaveTextAsync("Expertise to confirm");
        await page.WaitForInteractiveAsync();
        await page.AssertAccessibleAsync();
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Confirm Alex Morgan for Parking permits" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await confirm.ClickAsync();
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#sv-claims-status")).ToHaveTextAsync("Alex Morgan confirmed for Parking permits.");
        await Assertions.Expect(page.Locator("#sv-claims-status")).ToBeFocusedAsync();

        var alex = await app.NewPageAsync();
        await alex.SignInAsync("employee@example.org");
        await alex.GotoAsync("/people/me");
        await alex.WaitForInteractiveAsync();
        await Assertions.Expect(alex.GetByTestId("expertise")).ToContainTextAsync("Parking permits (confirmed)");
    }

    [Fact]
    public async Task An_author_hands_an_article_over_to_a_colleague_found_by_name()
    {
        var word = "handover" + Random.Shared.Next(1000, 9999);
        var author = await app.NewPageAsync();
        await author.SignInAsync("employee@example.org");
        await author.GotoAsync("/knowledge/articles/new");
        await author.WaitForInteractiveAsync();
        await author.GetByLabel("Title").FillAsync($"Leaving notes for the {word}");
        await author.ChooseAsync("Service area", "Bin collections");
        await author.GetByLabel("Text (Markdown)").FillAsync($"The {word} explains who looks after what.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(H1(author)).ToHaveTextAsync($"Leaving notes for the {word}");
        await Assertions.Expect(author.GetByText("Owner Alex Morgan")).ToBeVisibleAsync();

        await author.GetByRole(AriaRole.Button, new() { Name = "Hand over this article" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Hand over this article" })).ToBeFocusedAsync();
        // Nobody chosen: the message is next to the picker.
        await author.GetByRole(AriaRole.Button, new() { Name = "Hand over", Exact = true }).ClickAsync();
        await Assertions.Expect(author.GetByText("Choose the colleague who will own it.")).ToBeVisibleAsync();
        await author.GetByLabel("New owner", new() { Exact = true }).FillAsync("Reyes");
        await author.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Jordan Reyes" }).First.ClickAsync();
        await Assertions.Expect(author.GetByTestId("picked-people")).ToContainTextAsync("Jordan Reyes");
        await author.AssertAccessibleAsync();
        await author.GetByRole(AriaRole.Button, new() { Name = "Hand over", Exact = true }).ClickAsync();

        await Assertions.Expect(author.GetByText("Owner Jordan Reyes")).ToBeVisibleAsync();
        // No longer the owner: the hand-over is Jordan's to make now.
        await Assertions.Expect(author.GetByRole(AriaRole.Button, new() { Name = "Hand over this article" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_author_adds_a_screenshot_with_alt_text_to_an_article_and_readers_see_it()
    {
        var word = "depotmap" + Random.Shared.Next(1000, 9999);
        var author = await app.NewPageAsync();
        await author.SignInAsync("employee@example.org");
        await author.GotoAsync("/knowledge/articles/new");
        await author.WaitForInteractiveAsync();
        await author.GetByLabel("Title").FillAsync($"Where the {word} is kept");
        await author.ChooseAsync("Service area", "Bin collections");
        await author.GetByLabel("Text (Markdown)").FillAsync($"The {word} shows every depot.");
        await author.GetByText("Add an image").ClickAsync();

        // Without alt text the upload is refused next to the field, and nothing is added.
        var file = new FilePayload { Name = "depots.png", MimeType = "image/png", Buffer = Convert.FromBase64String(GreenPixelPng) };
        await author.Locator("input[type=file]").SetInputFilesAsync(file);
        await Assertions.Expect(author.GetByText("Describe the image for people who cannot see it (alt text).")).ToBeVisibleAsync();
        await author.GetByLabel("Alt text for the image").FillAsync("Map of the three depots");
        await author.Locator("input[type=file]").SetInputFilesAsync(file);
        await Assertions.Expect(author.GetByLabel("Text (Markdown)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"!\[Map of the three depots\]\(/images/\d+\)"));
        await author.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(H1(author)).ToHaveTextAsync($"Where the {word} is kept");

        var image = author.GetByTestId("article-body").GetByRole(AriaRole.Img, new() { Name = "Map of the three depots" });
        await Assertions.Expect(image).ToBeVisibleAsync();
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"), "the image did not load");
        await author.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_housing_employee_reads_the_policy_update_from_the_home_page_and_confirms_it()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("liam.oconnor@example.org");
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        var block = page.GetByTestId("need-policies");
        await Assertions.Expect(block).ToContainTextAsync("Replying to residents about damp and mould");
        await block.GetByRole(AriaRole.Link, new() { Name = "Replying to residents about damp and mould" }).ClickAsync();
        await Assertions.Expect(H1(page)).ToHaveTextAsync("Replying to residents about damp and mould");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have read this" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("acknowledged")).ToContainTextAsync("You confirmed you have read this");
        await Assertions.Expect(page.GetByTestId("acknowledged")).ToBeFocusedAsync();
        await page.AssertAccessibleAsync();

        var comms = await app.NewPageAsync();
        await comms.SignInAsync("comms@example.org");
        await comms.GotoAsync("/policies/1");
        await comms.WaitForInteractiveAsync();
        await Assertions.Expect(comms.GetByTestId("policy-readers")).ToContainTextAsync("Liam O'Connor");
    }

    /// <summary>A 1 × 1 green PNG.</summary>
    private const string GreenPixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNg+M8AAAICAQB7CYF4AAAAAElFTkSuQmCC";
}
