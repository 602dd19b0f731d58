using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Engagement.Pages;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Components.Engagement;

/// <summary>The preferences form: shows each category's current choice, saves the changed ones and says so.</summary>
public class NotificationPreferencesPageTests : ComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Actor _alex = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(seed: true);
        _alex = await _database.ActorAsync(Demo.Employee);
        Services.AddSingleton(new NotificationPreferencesService(_database.Factory, TestHost.Operations(_database)));
        Services.AddSingleton(Options.Create(new MailOptions { DigestAt = TimeSpan.FromHours(8) }));
        SignInAs(_alex.DisplayName, Roles.Employee);
        Authorization.SetClaims(new Claim(StaffVoiceClaims.PersonId, _alex.PersonId.ToString()));
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_defaults_show_checked_and_a_changed_choice_is_saved_for_that_person_only()
    {
        Render<MudPopoverProvider>();
        var cut = Render<NotificationPreferencesPage>();
        cut.WaitForAssertion(() => Assert.Equal(NotificationCategories.All.Count, cut.FindAll("fieldset").Count));
        Assert.Contains("sent after 08:00", cut.Markup);

        // Policies default to e-mail at once, ideas to the digest: the radios show it.
        Assert.Equal("E-mail at once", CheckedLabel(cut, "policies"));
        Assert.Equal("Daily digest", CheckedLabel(cut, "ideas"));

        cut.Find("fieldset#ideas").QuerySelectorAll("input[type=radio]").Single(r => Label(r) == "In the app only").Click();
        cut.FindAll("button").Single(b => b.TextContent.Contains("Save settings")).Click();
        cut.WaitForAssertion(() => Assert.Equal("Saved.", cut.Find("[data-testid=preferences-status]").TextContent));

        await using var db = _database.NewContext();
        var stored = await db.NotificationPreferences.Where(p => p.PersonId == _alex.PersonId).ToListAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(Delivery.InAppOnly, stored.Single(p => p.Category == "ideas").Delivery);
        Assert.Equal(1, await db.NotificationPreferences.Select(p => p.PersonId).Distinct().CountAsync(Xunit.TestContext.Current.CancellationToken));

        // Opened again, the form shows the saved choice.
        var again = Render<NotificationPreferencesPage>();
        again.WaitForAssertion(() => Assert.Equal("In the app only", CheckedLabel(again, "ideas")));
    }

    private static string CheckedLabel(IRenderedComponent<NotificationPreferencesPage> cut, string category) =>
        Label(cut.Find($"fieldset#{category}").QuerySelectorAll("input[type=radio]").Single(r => r.HasAttribute("checked")));

    private static string Label(AngleSharp.Dom.IElement radio) => radio.Closest("label")?.TextContent.Trim() ?? "";
}
