using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Http;

/// <summary>The embedded database taken away under a running app: health says so and writes are refused with a message.</summary>
public class DatabaseHealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Actor> ActorAsync(StaffVoiceAppFactory factory, string email)
    {
        var person = await factory.Services.GetRequiredService<PeopleDirectory>().FindByEmailAsync(email, Ct);
        return new Actor(person!.PersonId, person.DisplayName, person.Roles.ToHashSet());
    }

    [Fact]
    public async Task A_deleted_database_file_makes_health_unhealthy_and_writes_fail_with_a_message()
    {
        await using var factory = new StaffVoiceAppFactory();
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        var alex = await ActorAsync(factory, Demo.Employee);
        var responses = factory.Services.GetRequiredService<ResponseService>();
        // A pooled connection stays open on the file, as in a running app.
        var draft = await responses.CreateAsync(alex, new DraftInput("Before the file went.", [SocialChannel.X], null, []), null, Ct);

        File.Delete(factory.DatabasePath);

        var health = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("missing", await health.Content.ReadAsStringAsync(Ct));
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            responses.CommentAsync(alex, draft, "This would be lost.", Ct));
        Assert.Contains("Nothing was changed", error.Message);
    }

    [Fact]
    public async Task A_database_file_replaced_under_the_app_is_noticed()
    {
        await using var factory = new StaffVoiceAppFactory();
        using var client = factory.CreateAnonymousClient();
        var alex = await ActorAsync(factory, Demo.Employee);
        var responses = factory.Services.GetRequiredService<ResponseService>();
        var draft = await responses.CreateAsync(alex, new DraftInput("Before the swap.", [SocialChannel.X], null, []), null, Ct);
        await using (var keepOpen = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await keepOpen.OpenAsync(Ct);
            // An operator restores another copy over the live file (a new inode at the same path).
            var copy = factory.DatabasePath + ".restored";
            File.Copy(factory.DatabasePath, copy);
            File.Move(copy, factory.DatabasePath, overwrite: true);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Ct)).StatusCode);
            await Assert.ThrowsAsync<DatabaseUnavailableException>(() => responses.CommentAsync(alex, draft, "Lost?", Ct));
        }
        SqliteConnection.ClearAllPools();
        // Once nothing holds the old file, the restored one is used and writes work again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        await responses.CommentAsync(alex, draft, "Back again.", Ct);
    }
}
