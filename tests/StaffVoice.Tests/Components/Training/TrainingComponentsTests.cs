using Bunit;
using MudBlazor;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Features.Training.Pages;

namespace StaffVoice.Tests.Components.Training;

public class TrainingComponentsTests : ComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(seed: true);

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_quiz_scores_through_the_service_marks_wrong_answers_without_revealing_them_and_offers_a_retry()
    {
        var t = new Features.Training.TrainingServices(_database);
        var trainer = await _database.ActorAsync(Demo.Trainer);
        var learner = await _database.ActorAsync("george.mills@example.org");
        var course = await t.PublishedCourseAsync(trainer);
        var module = (await t.Training.GetPlayerAsync(learner, course, Xunit.TestContext.Current.CancellationToken))!.Modules[1];

        var cut = Render<QuizPanel>(p => p.Add(x => x.Module, module)
            .Add(x => x.Grade, answers => t.Training.SubmitQuizAsync(learner, module.Id, answers)));
        var single = module.Questions.Single(q => !q.MultipleChoice);
        cut.Find($"label:contains('Explain the policy')").ParentElement!.QuerySelector("input")!.Change(true);
        cut.FindAll("button").Single(b => b.TextContent.Contains("Check my answers")).Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("You scored 0%", cut.Find("[data-testid=quiz-score]").TextContent);
            Assert.Contains("Read the lesson again", cut.Find($"fieldset[data-question='{single.Id}']").TextContent);
            Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Try again"));
        });
        // Until the learner passes, the right answers stay hidden.
        Assert.DoesNotContain("✓ correct answer", cut.Markup);
        Assert.DoesNotContain("Listening comes first.", cut.Markup);
        Assert.DoesNotContain("Both help.", cut.Markup);
    }

    [Theory]
    [InlineData(-1, null, "The due date must be after today.")]
    [InlineData(0, null, "The due date must be after today.")]
    [InlineData(null, null, "Give a due date or a number of days.")]
    [InlineData(5, 5, "Give either a due date or a number of days, not both.")]
    [InlineData(null, 400, "Give between 1 and 365 days.")]
    public void The_assign_panel_rejects_bad_due_dates_next_to_the_form_without_assigning(int? daysFromToday, int? dueDays, string message)
    {
        Render<MudPopoverProvider>();
        var today = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(message, AssignPanel.DueProblem(daysFromToday is int d ? today.AddDays(d) : null, dueDays, today));
    }

    [Fact]
    public void The_assign_panel_shows_the_message_and_does_not_assign()
    {
        Render<MudPopoverProvider>();
        var assigned = new List<AssignRequest>();
        var cut = Render<AssignPanel>(p => p.Add(x => x.Today, DateTime.UtcNow.Date).Add(x => x.OnAssign, r => assigned.Add(r)));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Assign").Click();
        cut.WaitForAssertion(() => Assert.Equal("Give a due date or a number of days.", cut.Find("[data-testid=assign-error]").TextContent));
        Assert.Empty(assigned);
    }
}

public class PersonPickerTests : ComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(seed: true);
        UseDirectory(_database);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Typing_part_of_a_name_or_department_finds_active_people_and_a_chosen_one_is_listed_with_a_remove_button()
    {
        var popover = Render<MudBlazor.MudPopoverProvider>();
        IReadOnlyList<StaffVoice.Web.Features.People.PersonListItem> chosen = [];
        var cut = Render<StaffVoice.Web.Components.Shared.PersonPicker>(p => p.Add(x => x.Label, "Reviewers")
            .Add(x => x.SelectedChanged, v => chosen = v));
        cut.Find("input").Input("Whitf");
        popover.WaitForAssertion(() => Assert.Contains(popover.FindAll(".mud-list-item"), i => i.TextContent.Contains("Sam Whitfield")), TimeSpan.FromSeconds(5));
        popover.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Sam Whitfield")).Click();
        cut.WaitForAssertion(() => Assert.Equal(["Sam Whitfield"], chosen.Select(p => p.DisplayName)));
        // The chosen person is listed with a labelled remove button (no button nested in a chip).
        cut.Render(p => p.Add(x => x.Selected, chosen));
        Assert.Equal("Sam Whitfield", cut.Find("[data-testid=picked-people] li span").TextContent);
        cut.Find("button[aria-label='Remove Sam Whitfield']").Click();
        Assert.Empty(chosen);

        var directory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<StaffVoice.Web.Features.People.PeopleDirectory>(Services);
        Assert.Empty(await directory.PickAsync("W", ct: Xunit.TestContext.Current.CancellationToken)); // two letters at least
        var housing = await directory.PickAsync("housing", ct: Xunit.TestContext.Current.CancellationToken);
        Assert.NotEmpty(housing);
        Assert.All(housing, p => Assert.Contains("housing", $"{p.Department} {p.JobTitle} {p.DisplayName} {p.Email}", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(housing, p => p.Department == "Housing");
    }
}
