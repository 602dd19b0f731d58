using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Responses.Publishers;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>The webhook publisher through the app's own HttpClient pipeline against a real local receiver.</summary>
public sealed class WebhookPublishingTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WebApplication? _receiver;
    private string _url = "";

    /// <summary>What the receiver does with the next deliveries: answer, fail or sleep past the timeout.</summary>
    private Func<string, Task<IResult>> _behaviour = _ => Task.FromResult(Results.Ok());
    private readonly ConcurrentQueue<(string Key, string Body)> _deliveries = new();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPost("/publish", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            _deliveries.Enqueue((request.Headers["Idempotency-Key"].ToString(), body));
            return await _behaviour(body);
        });
        await _receiver.StartAsync();
        _url = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/publish";
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null) await _receiver.DisposeAsync();
    }

    private (ResponseServices Services, ServiceProvider Provider) Build(TestDatabase database)
    {
        var options = new ResponseOptions { WebhookUrl = _url, WebhookChannels = [SocialChannel.X], WebhookTimeout = TimeSpan.FromSeconds(1) };
        var services = new ServiceCollection().AddLogging().AddSingleton<IOptions<ResponseOptions>>(Options.Create(options));
        WebhookPublisher.Register(services);
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookPublisher));
        return (new ResponseServices(database, options: options, webhookClient: client), provider);
    }

    [Fact]
    public async Task A_receiver_that_sleeps_past_the_timeout_fails_that_post_and_the_sweep_publishes_the_others()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var (r, provider) = Build(database);
        await using var _ = provider;
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var slow = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        var quick = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        _behaviour = async body =>
        {
            if (body.Contains($"\"draftId\":{slow},")) await Task.Delay(TimeSpan.FromSeconds(5));
            return Results.Ok();
        };

        var published = await r.Sweep.RunAsync(Ct);

        Assert.Equal(1, published);
        var failed = await r.Responses.GetAsync(jordan, slow, Ct);
        Assert.Equal(PostStatus.Failed, failed!.Channels.Single().Status);
        Assert.Contains("did not answer within 1 seconds", failed.Channels.Single().LastError);
        Assert.Equal(DraftState.Published, (await r.Responses.GetAsync(jordan, quick, Ct))!.State);
        Assert.Equal(1, await r.AuditCountAsync(slow, "publish-failed"));
    }

    [Fact]
    public async Task A_server_error_is_delivered_once_not_retried_and_a_retry_uses_the_same_key()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var (r, provider) = Build(database);
        await using var _ = provider;
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        _behaviour = _ => Task.FromResult(Results.StatusCode(500));

        await r.Sweep.RunAsync(Ct);
        Assert.Single(_deliveries);
        Assert.Equal(PostStatus.Failed, (await r.Responses.GetAsync(jordan, id, Ct))!.Channels.Single().Status);

        _behaviour = _ => Task.FromResult(Results.Ok());
        await r.Responses.RetryAsync(jordan, id, SocialChannel.X, Ct);
        await r.Sweep.RunAsync(Ct);
        Assert.Equal(2, _deliveries.Count);
        Assert.Single(_deliveries.Select(d => d.Key).Distinct());
        Assert.Equal(DraftState.Published, (await r.Responses.GetAsync(jordan, id, Ct))!.State);
    }

    [Fact]
    public void Only_a_connection_that_could_not_be_made_is_retried()
    {
        Assert.True(WebhookPublisher.IsConnectionFailure(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        Assert.False(WebhookPublisher.IsConnectionFailure(new HttpRequestException(HttpRequestError.ResponseEnded, "cut off")));
        Assert.False(WebhookPublisher.IsConnectionFailure(new TimeoutException()));
        Assert.False(WebhookPublisher.IsConnectionFailure(null));
    }

    [Fact]
    public async Task A_lease_left_by_runs_that_kept_dying_ends_failed_with_the_reason_instead_of_stranded()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var (r, provider) = Build(database);
        await using var _ = provider;
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        await using (var db = database.NewContext())
        {
            await db.DraftChannelPosts.Where(p => p.DraftId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Claimed)
                .SetProperty(p => p.ClaimedAt, DateTime.UtcNow.AddHours(-1)).SetProperty(p => p.Attempts, 3).SetProperty(p => p.ClaimToken, Guid.NewGuid()), Ct);
        }

        await r.Sweep.RunAsync(Ct);

        var post = (await r.Responses.GetAsync(jordan, id, Ct))!.Channels.Single();
        Assert.Equal(PostStatus.Failed, post.Status);
        Assert.Contains("Gave up after 3 attempts", post.LastError);
        Assert.Empty(_deliveries);
    }
}
