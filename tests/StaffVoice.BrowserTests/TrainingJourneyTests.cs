using Microsoft.Extensions.DependencyInjection;
namespace StaffVoice.BrowserTests;

public class TrainingJourneyTests(BrowserApp app)
{
    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    [Fact]
    public async Task A_trainer_builds_and_assigns_a_course_a_housing_employee_fails_then_passes_and_the_report_shows_it()
    {
        var title = $"Tenancy basics {Random.Shared.Next(1000, 9999)}";
        var trainer = await app.NewPageAsync();
        await trainer.SignInAsync("trainer@example.org");
        await OpenAsync(trainer, "/training/admin/courses/new");
        await trainer.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await trainer.GetByLabel("Summary", new() { Exact = true }).FillAsync("What every housing officer should know about tenancies.");
        await trainer.GetByLabel("Module 1 title").FillAsync("Types of tenancy");
        await trainer.GetByLabel("Module 1 lesson (Markdown)").FillAsync("Most council tenancies are **secure** tenancies.");
        await trainer.GetByRole(AriaRole.Button, new() { Name = "Add a module" }).ClickAsync();
        await trainer.GetByLabel("Module 2 title").FillAsync("Check your understanding");
        await trainer.GetByLabel("Module 2 lesson (Markdown)").FillAsync("Answer the question below.");
        await trainer.GetByRole(AriaRole.Button, new() { Name = "Add a quiz question" }).Nth(1).ClickAsync();
        await trainer.GetByLabel("Question 1", new() { Exact = true }).FillAsync("What kind of tenancy do most council tenants have?");
        await trainer.GetByLabel("Explanation for question 1").FillAsync("Most council tenancies are secure tenancies.");
        await trainer.GetByLabel("Answer 1").FillAsync("Secure");
        await trainer.GetByLabel("Correct").First.CheckAsync();
        await trainer.GetByLabel("Answer 2").FillAsync("Assured shorthold");
        await trainer.GetByRole(AriaRole.Button, new() { Name = "Save course" }).ClickAsync();
        await Assertions.Expect(H1(trainer)).ToHaveTextAsync(title);
        await trainer.WaitForURLAsync(url => url.Contains("/training/admin/courses/"));
        await trainer.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(trainer.GetByTestId("assign-panel")).ToBeVisibleAsync();
        await trainer.ChooseAsync("Or a whole department (covers later joiners too)", "Housing");
        await trainer.GetByLabel("Or due this many days after assignment").FillAsync("14");
        await trainer.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(trainer.GetByText("new assignment(s).")).ToBeVisibleAsync();

        var learner = await app.NewPageAsync();
        await learner.SignInAsync("employee@example.org");
        await OpenAsync(learner, "/training");
        await learner.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(H1(learner)).ToHaveTextAsync(title);
        await learner.WaitForInteractiveAsync();
        await learner.GetByRole(AriaRole.Button, new() { Name = "I have read this lesson" }).ClickAsync();
        await learner.GetByRole(AriaRole.Link, new() { Name = "Next: Check your understanding" }).ClickAsync();
        await learner.GetByLabel("Assured shorthold").CheckAsync();
        await learner.GetByRole(AriaRole.Button, new() { Name = "Check my answers" }).ClickAsync();
        await Assertions.Expect(learner.GetByTestId("quiz-score")).ToContainTextAsync("You scored 0%");
        await Assertions.Expect(learner.GetByTestId("quiz-score")).ToBeFocusedAsync();
        await Assertions.Expect(learner.GetByTestId("explanation")).ToContainTextAsync("Read the lesson again");
        await Assertions.Expect(learner.GetByText("Most council tenancies are secure tenancies.")).ToHaveCountAsync(0);
        await learner.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await learner.GetByLabel("Secure").CheckAsync();
        await learner.GetByRole(AriaRole.Button, new() { Name = "Check my answers" }).ClickAsync();
        await Assertions.Expect(learner.GetByTestId("course-complete")).ToBeVisibleAsync();
        await learner.GetByRole(AriaRole.Link, new() { Name = "View your certificate" }).ClickAsync();
        await Assertions.Expect(learner.GetByTestId("certificate")).ToContainTextAsync("Alex Morgan");
        await Assertions.Expect(learner.GetByTestId("certificate")).ToContainTextAsync(title);

        await OpenAsync(trainer, "/training/admin/reports");
        var row = trainer.GetByTestId("report-courses").Locator("tr").Filter(new() { HasText = title });
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Someone_without_the_social_media_policy_course_cannot_send_a_draft_for_review()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("george.mills@example.org");
        await OpenAsync(page, "/responses/drafts/new");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Your bin will be collected tomorrow morning.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Draft");
        await page.GetByLabel("Reviewers", new() { Exact = true }).FillAsync("Petrova");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Nina Petrova" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("picked-people")).ToContainTextAsync("Nina Petrova");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Speaking for Northbridge on social media" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("training-required")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Draft");
    }

    [Fact]
    public async Task The_training_pages_have_no_serious_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("trainer@example.org");
        foreach (var path in new[] { "/training", "/training/courses/1", "/training/courses/1?module=2", "/training/certificates/3", "/training/admin",
                     "/training/admin/courses/1", "/training/admin/courses/new", "/training/admin/reports" })
        {
            await OpenAsync(page, path);
            await Assertions.Expect(H1(page)).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task A_trainer_gives_a_learner_more_time_from_the_roster_and_the_learner_sees_the_new_date()
    {
        var ct = TestContext.Current.CancellationToken;
        var training = app.Services.GetRequiredService<StaffVoice.Web.Features.Training.TrainingService>();
        var directory = app.Services.GetRequiredService<StaffVoice.Web.Features.People.PeopleDirectory>();
        var calendar = app.Services.GetRequiredService<StaffVoice.Web.Features.Organisation.OrganisationCalendar>();
        async Task<StaffVoice.Web.Security.Actor> As(string email)
        {
            var p = (await directory.FindByEmailAsync(email, ct))!;
            return new StaffVoice.Web.Security.Actor(p.PersonId, p.DisplayName, p.Roles.ToHashSet());
        }
        var trainer = await As("trainer@example.org");
        var learner = await As("ravi.patel@example.org");
        var title = $"Roster course {Random.Shared.Next(1000, 9999)}";
        var course = await training.SaveCourseAsync(trainer, null, new StaffVoice.Web.Features.Training.CourseInput(title, "A short course.", 10, null, false,
            [new StaffVoice.Web.Features.Training.ModuleInput(null, "The lesson", "Read this.", null, [])], []), null, ct: ct);
        await training.PublishCourseAsync(trainer, course, ct);
        await training.AssignAsync(trainer, new StaffVoice.Web.Features.Training.AssignInput(course, [learner.PersonId], null, null, null, 3,
            StaffVoice.Web.Features.Training.AssignmentKind.Required), ct);

        var page = await app.NewPageAsync();
        await page.SignInAsync("trainer@example.org");
        await OpenAsync(page, $"/training/admin/courses/{course}");
        var roster = page.GetByTestId("course-roster");
        await Assertions.Expect(roster).ToContainTextAsync("Ravi Patel");
        await roster.GetByRole(AriaRole.Button, new() { Name = "Change Ravi Patel's assignment" }).ClickAsync();
        var newDue = calendar.Now.Date.AddDays(30);
        await page.GetByLabel("Reason (the learner is told)").FillAsync("Covering for a colleague this month");
        await page.GetByLabel("New due date").FillAsync(newDue.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Extend" }).ClickAsync();
        await Assertions.Expect(roster).ToContainTextAsync(newDue.ToString("d MMM yyyy"));
        await page.AssertAccessibleAsync();

        var learnerPage = await app.NewPageAsync();
        await learnerPage.SignInAsync("ravi.patel@example.org");
        await OpenAsync(learnerPage, "/training");
        await Assertions.Expect(learnerPage.GetByText($"due {newDue:d MMM yyyy}").First).ToBeVisibleAsync();
    }
}
