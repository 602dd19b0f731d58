using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.Knowledge.Pages;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Components.Knowledge;

public class ArticleEditorTests : ComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(seed: true);
        var alex = await _database.ActorAsync(Demo.Employee);
        Services.AddSingleton(new ArticleService(_database.Factory, TestHost.Operations(_database, TimeProvider.System), new SafeMarkdown(), TimeProvider.System, new NotificationService(_database.Factory, TimeProvider.System, new NotificationEvents())));
        Services.AddSingleton(new SafeMarkdown());
        Services.AddScoped<CurrentUser>();
        SignInAs(alex.DisplayName, Roles.Employee);
        Authorization.SetClaims(new Claim(StaffVoiceClaims.PersonId, alex.PersonId.ToString()));
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Publishing_a_bad_article_shows_each_message_next_to_its_field_and_saves_nothing()
    {
        Render<MudPopoverProvider>();
        var cut = Render<ArticleEditor>();
        cut.WaitForAssertion(() => cut.Find("form"));

        cut.Find("input").Input("Too short");
        cut.Find("textarea").Change("");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("The title must be at least 10 characters (it is 9).", cut.Markup);
            Assert.Contains("Enter the text.", cut.Markup);
            Assert.Contains("Choose a service area.", cut.Markup);
            Assert.Contains("Nothing was saved.", cut.Markup);
        });
        await using var db = _database.NewContext();
        Assert.False(await db.Articles.AnyAsync(a => a.Title == "Too short", Xunit.TestContext.Current.CancellationToken));
    }
}
