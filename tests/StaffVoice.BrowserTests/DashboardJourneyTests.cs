namespace StaffVoice.BrowserTests;

/// <summary>The engagement dashboard in a browser: each role's sections with their charts, a department filter, no axe violations.</summary>
public class DashboardJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task An_administrator_sees_every_section_with_charts_and_narrows_it_to_one_department()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("admin@example.org");
        await page.GotoAsync("/dashboard");
        await page.WaitForInteractiveAsync();
        foreach (var section in new[] { "knowledge", "responses", "training", "listening", "participation" })
        {
            await Assertions.Expect(page.GetByTestId($"dashboard-{section}")).ToBeVisibleAsync();
        }
        // The seeded data: ideas in every status, three months of compliance snapshots, conversations over eight weeks.
        await Assertions.Expect(page.GetByTestId("table-ideas-by-status")).ToContainTextAsync("Done");
        await Assertions.Expect(page.GetByTestId("dashboard-listening").Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-training").Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("table-participation-by-department")).ToContainTextAsync("Housing");
        await page.AssertAccessibleAsync();

        await page.ChooseAsync("Department", "Waste & Recycling");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("table-participation-by-department")).Not.ToContainTextAsync("Housing");
        await Assertions.Expect(page.GetByTestId("table-insights-by-service")).ToContainTextAsync("Bin collections");
        await Assertions.Expect(page.GetByTestId("table-insights-by-service")).Not.ToContainTextAsync("Parking permits");
        var csv = page.GetByRole(AriaRole.Link, new() { Name = "Download Insights by service as CSV" });
        await Assertions.Expect(csv).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("department=\\d+"));
    }

    [Fact]
    public async Task A_trainer_sees_training_but_not_responses_and_an_employee_is_not_let_in()
    {
        var trainer = await app.NewPageAsync();
        await trainer.SignInAsync("trainer@example.org");
        await trainer.GotoAsync("/dashboard");
        await trainer.WaitForInteractiveAsync();
        await Assertions.Expect(trainer.GetByTestId("dashboard-training")).ToBeVisibleAsync();
        await Assertions.Expect(trainer.GetByTestId("dashboard-responses")).ToHaveCountAsync(0);
        await trainer.AssertAccessibleAsync();

        var employee = await app.NewPageAsync();
        await employee.SignInAsync("employee@example.org");
        await employee.GotoAsync("/dashboard");
        await Assertions.Expect(employee.GetByTestId("dashboard-knowledge")).ToHaveCountAsync(0);
        await Assertions.Expect(employee.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Is the organisation opening up?");
    }
}
