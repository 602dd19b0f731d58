using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Features.Organisation;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.BrowserTests;

public class ResponsesJourneyTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    private static ILocator State(IPage page) => page.GetByTestId("draft-state");

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    [Fact]
    public async Task A_reply_is_logged_drafted_with_a_source_endorsed_approved_scheduled_and_published_with_every_step_on_the_timeline()
    {
        var handle = $"@resident{Random.Shared.Next(1000, 9999)}";
        var alex = await app.NewPageAsync();
        await alex.SignInAsync("employee@example.org");
        await OpenAsync(alex, "/responses");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Log a conversation" }).ClickAsync();
        await alex.GetByLabel("Who wrote it (handle or name)").FillAsync(handle);
        await alex.GetByLabel("What they wrote").FillAsync("How do I get my old sofa collected?");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Save conversation" }).ClickAsync();
        await Assertions.Expect(H1(alex)).ToHaveTextAsync($"{handle} on X");

        await alex.GetByRole(AriaRole.Link, new() { Name = "Draft a reply" }).ClickAsync();
        await Assertions.Expect(H1(alex)).ToHaveTextAsync("Draft a reply");
        await alex.WaitForInteractiveAsync();
        await alex.GetByLabel("Text", new() { Exact = true }).FillAsync("You can book a bulky waste collection online: up to six items, from £35.");
        await alex.GetByLabel("Find an article").FillAsync("bulky");
        await alex.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "How to book a bulky waste collection" }).First.ClickAsync();
        await Assertions.Expect(alex.GetByTestId("sources")).ToContainTextAsync("How to book a bulky waste collection");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(State(alex)).ToHaveTextAsync("Draft");
        await Assertions.Expect(alex.GetByTestId("draft-sources")).ToContainTextAsync("How to book a bulky waste collection");
        var draftUrl = alex.Url;
        // The draft leads back to the conversation it answers.
        await Assertions.Expect(alex.GetByTestId("draft-back")).ToHaveTextAsync($"The conversation with {handle}");

        await alex.GetByLabel("Reviewers", new() { Exact = true }).FillAsync("Whitf");
        await alex.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Sam Whitfield" }).First.ClickAsync();
        await Assertions.Expect(alex.GetByTestId("picked-people")).ToContainTextAsync("Sam Whitfield");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Assertions.Expect(State(alex)).ToHaveTextAsync("In peer review");
        // Focus follows the result: the draft's new state, not the page body.
        await Assertions.Expect(alex.Locator("#sv-draft-state")).ToBeFocusedAsync();

        var sam = await app.NewPageAsync();
        await sam.SignInAsync("trainer@example.org");
        await OpenAsync(sam, draftUrl);
        await Assertions.Expect(sam.GetByTestId("approval-panel")).ToHaveCountAsync(0);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Endorse" }).ClickAsync();
        await Assertions.Expect(State(sam)).ToHaveTextAsync("Awaiting approval");

        var jordan = await app.NewPageAsync();
        await jordan.SignInAsync("comms@example.org");
        await OpenAsync(jordan, draftUrl);
        await jordan.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(State(jordan)).ToHaveTextAsync("Approved");
        await jordan.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(State(jordan)).ToHaveTextAsync("Scheduled");

        await app.Services.GetRequiredService<PublishSweep>().RunAsync(CancellationToken.None);
        await OpenAsync(jordan, draftUrl);
        await jordan.GetByLabel("Live link on X").FillAsync("https://x.example/northbridge/status/42");
        await jordan.GetByRole(AriaRole.Button, new() { Name = "Mark as published" }).ClickAsync();
        await Assertions.Expect(State(jordan)).ToHaveTextAsync("Published");

        var timeline = jordan.GetByTestId("timeline");
        foreach (var step in new[] { "Drafted by Alex Morgan", "Sent for review by Alex Morgan", "Endorsed by Sam Whitfield", "Approved by Jordan Reyes",
                     "Scheduled by Jordan Reyes", "Ready to post by hand", "Posted by Jordan Reyes", "Published on every channel" })
        {
            await Assertions.Expect(timeline).ToContainTextAsync(step);
        }
    }

    [Fact]
    public async Task A_comms_manager_moves_a_scheduled_post_to_another_time_typed_in_UK_time_with_a_reason()
    {
        var responses = app.Services.GetRequiredService<ResponseService>();
        var directory = app.Services.GetRequiredService<PeopleDirectory>();
        var calendar = app.Services.GetRequiredService<OrganisationCalendar>();
        async Task<Actor> As(string email)
        {
            var p = (await directory.FindByEmailAsync(email, Ct))!;
            return new Actor(p.PersonId, p.DisplayName, p.Roles.ToHashSet());
        }
        var (alex, sam, jordan) = (await As("employee@example.org"), await As("trainer@example.org"), await As("comms@example.org"));
        var id = await responses.CreateAsync(alex, new DraftInput("The Christmas collection calendar is online now.", [SocialChannel.X], null, []), null, Ct);
        async Task<Guid> V() => (await responses.GetAsync(jordan, id, Ct))!.Version;
        await responses.SubmitForReviewAsync(alex, id, [sam.PersonId], false, null, await V(), Ct);
        await responses.EndorseAsync(sam, id, await V(), Ct);
        await responses.ApproveAsync(jordan, id, null, await V(), Ct);
        await responses.ScheduleAsync(jordan, id, DateTime.UtcNow.AddDays(1), await V(), Ct);

        var page = await app.NewPageAsync();
        await page.SignInAsync("comms@example.org");
        await OpenAsync(page, $"/responses/drafts/{id}");
        var local = calendar.Now.Date.AddDays(3).AddHours(10).AddMinutes(30);
        await page.GetByLabel("Reason for the change").FillAsync("After the council meeting");
        await page.GetByLabel("New time (UK time)").FillAsync(local.ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByLabel("New time (UK time)").BlurAsync();
        var move = page.GetByRole(AriaRole.Button, new() { Name = "Move to this time" });
        await Assertions.Expect(move).ToBeEnabledAsync();
        await move.ClickAsync();

        await Assertions.Expect(page.GetByText($"scheduled for {local:d MMM yyyy HH:mm}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("draft-thread")).ToContainTextAsync("Moved to another time: After the council meeting");
        await Assertions.Expect(State(page)).ToHaveTextAsync("Scheduled");
        Assert.Equal(calendar.ToUtc(local), (await responses.GetAsync(jordan, id, Ct))!.ScheduledFor);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Someone_takes_a_conversation_tags_it_and_finds_it_under_Mine_and_a_comms_manager_sees_the_response_times()
    {
        var conversations = app.Services.GetRequiredService<ConversationService>();
        var directory = app.Services.GetRequiredService<PeopleDirectory>();
        var person = (await directory.FindByEmailAsync("comms@example.org", Ct))!;
        var jordan = new Actor(person.PersonId, person.DisplayName, person.Roles.ToHashSet());
        var text = $"Streetlight out on Mill Lane {Random.Shared.Next(1000, 9999)}";
        var id = await conversations.LogAsync(jordan, new ConversationInput(SocialChannel.Facebook, "Ruth", null, text, DateTime.UtcNow.AddMinutes(-5), null,
            ConversationPriority.High), Ct);

        var alex = await app.NewPageAsync();
        await alex.SignInAsync("employee@example.org");
        await OpenAsync(alex, $"/responses/conversations/{id}");
        await Assertions.Expect(alex.GetByTestId("assignee")).ToHaveTextAsync("Unassigned: the service area's team");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();
        await Assertions.Expect(alex.GetByTestId("assignee")).ToHaveTextAsync("Assigned to Alex Morgan");
        // The button is gone; focus is on the result, not the page body.
        await Assertions.Expect(alex.GetByTestId("assignee")).ToBeFocusedAsync();
        await alex.GetByLabel("Add a tag").FillAsync("Street lighting");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Add tag" }).ClickAsync();
        await Assertions.Expect(alex.GetByTestId("conversation-tags")).ToContainTextAsync("street lighting");

        await OpenAsync(alex, "/responses");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Mine" }).ClickAsync();
        await Assertions.Expect(alex.GetByRole(AriaRole.Button, new() { Name = "Mine" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(alex.GetByRole(AriaRole.Link, new() { Name = text })).ToBeVisibleAsync();
        await alex.GetByLabel("Search the messages").FillAsync("Mill Lane");
        await Assertions.Expect(alex.GetByRole(AriaRole.Link, new() { Name = text })).ToBeVisibleAsync();
        await Assertions.Expect(alex.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Elm Road") })).ToHaveCountAsync(0);
        await alex.AssertAccessibleAsync();

        var comms = await app.NewPageAsync();
        await comms.SignInAsync("comms@example.org");
        await OpenAsync(comms, "/responses/reports");
        await Assertions.Expect(comms.GetByTestId("sla-total")).ToContainTextAsync("Answered within target");
        await Assertions.Expect(comms.Locator("[role=img] svg")).ToBeVisibleAsync();
        var href = await comms.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).GetAttributeAsync("href");
        var csv = await comms.APIRequest.GetAsync(href!);
        Assert.Equal(200, csv.Status);
        Assert.Contains("week_starting,service_area,channel,received", await csv.TextAsync());
    }

    [Fact]
    public async Task The_inbox_filters_offer_their_options_when_opened_and_narrow_the_list()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("employee@example.org");
        await OpenAsync(page, "/responses");
        await Assertions.Expect(page.GetByLabel("Status").First).ToHaveValueAsync("Open (new and drafting)");
        var count = page.GetByTestId("inbox-count");
        var before = await count.InnerTextAsync();

        await page.ChooseAsync("Priority", "Urgent");
        await Assertions.Expect(page.GetByLabel("Priority").First).ToHaveValueAsync("Urgent");
        await Assertions.Expect(count).Not.ToHaveTextAsync(before);
        var priorities = await page.Locator("td[data-label='Priority']").AllInnerTextsAsync();
        Assert.NotEmpty(priorities);
        Assert.All(priorities, p => Assert.Equal("Urgent", p.Trim()));

        await page.ChooseAsync("Sort", "Newest first");
        await Assertions.Expect(page.GetByLabel("Sort").First).ToHaveValueAsync("Newest first");
        // Closed again, the selects keep no options on the page.
        await Assertions.Expect(page.Locator(".mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_responses_pages_have_no_serious_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("comms@example.org");
        foreach (var path in new[] { "/responses", "/responses/conversations/1", "/responses/drafts/new?conversation=1", "/responses/drafts/1",
                     "/responses/drafts/4", "/responses/drafts?list=mine", "/responses/drafts?list=review", "/responses/approvals",
                     "/responses/calendar", "/responses/library", "/responses/settings", "/responses/reports" })
        {
            await OpenAsync(page, path);
            await Assertions.Expect(H1(page)).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
        }
    }
}
