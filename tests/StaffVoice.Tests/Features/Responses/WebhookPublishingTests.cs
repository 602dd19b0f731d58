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
using StaffVoice.Web.Security;

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

    /// <summary>A seeded database, the responses services with the app's webhook HttpClient pipeline (optionally over
    /// <paramref name="transport"/>), and the author, reviewer and comms manager of the demo.</summary>
    private sealed record Setup(TestDatabase Database, ResponseServices R, ServiceProvider Provider, Actor Alex, Actor Sam, Actor Jordan)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Provider.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private async Task<Setup> SetUpAsync(string? url = null, Func<HttpMessageHandler>? transport = null)
    {
        var database = await TestDatabase.CreateAsync(seed: true);
        var options = new ResponseOptions { WebhookUrl = url ?? _url, WebhookChannels = [SocialChannel.X], WebhookTimeout = TimeSpan.FromSeconds(1) };
        var services = new ServiceCollection().AddLogging().AddSingleton<IOptions<ResponseOptions>>(Options.Create(options));
        var client = WebhookPublisher.Register(services);
        if (transport is not null) client.ConfigurePrimaryHttpMessageHandler(transport);
        var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookPublisher));
        return new Setup(database, new ResponseServices(database, options: options, webhookClient: http), provider,
            await database.ActorAsync(Demo.Employee), await database.ActorAsync(Demo.Trainer), await database.ActorAsync(Demo.Comms));
    }

    [Fact]
    public async Task A_receiver_that_sleeps_past_the_timeout_fails_that_post_and_the_sweep_publishes_the_others()
    {
        await using var s = await SetUpAsync();
        var (database, r, alex, sam, jordan) = (s.Database, s.R, s.Alex, s.Sam, s.Jordan);
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
        await using var s = await SetUpAsync();
        var (database, r, alex, sam, jordan) = (s.Database, s.R, s.Alex, s.Sam, s.Jordan);
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
        await using var s = await SetUpAsync();
        var (database, r, alex, sam, jordan) = (s.Database, s.R, s.Alex, s.Sam, s.Jordan);
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

    [Fact]
    public async Task The_receiver_gets_the_post_as_approved_and_its_answer_names_the_live_post_while_other_channels_wait_for_a_person()
    {
        await using var s = await SetUpAsync();
        var (database, r, alex, sam, jordan) = (s.Database, s.R, s.Alex, s.Sam, s.Jordan);
        _behaviour = _ => Task.FromResult(Results.Json(new { url = "https://x.example/northbridge/status/42" }));
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X, SocialChannel.Facebook);

        Assert.Equal(1, await r.Sweep.RunAsync(Ct));

        var (key, body) = Assert.Single(_deliveries);
        Assert.Equal($"staffvoice-draft-{id}-x", key);
        var sent = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(key, sent.GetProperty("idempotencyKey").GetString());
        Assert.Equal(id, sent.GetProperty("draftId").GetInt32());
        Assert.Equal("X", sent.GetProperty("channel").GetString());
        var draft = (await r.Responses.GetAsync(jordan, id, Ct))!;
        Assert.Equal(draft.Text, sent.GetProperty("text").GetString());
        Assert.False(sent.GetProperty("hasImage").GetBoolean());
        Assert.Equal(jordan.DisplayName, sent.GetProperty("approvedBy").GetString());
        Assert.Equal(draft.ScheduledFor, sent.GetProperty("scheduledFor").GetDateTime());

        var x = draft.Channels.Single(c => c.Channel == SocialChannel.X);
        Assert.Equal(PostStatus.Published, x.Status);
        Assert.Equal("https://x.example/northbridge/status/42", x.LiveUrl);
        Assert.Equal(PostStatus.ReadyToPost, draft.Channels.Single(c => c.Channel == SocialChannel.Facebook).Status);
        Assert.Equal(DraftState.Scheduled, draft.State); // not complete until Facebook is posted by hand
        await using (var db = database.NewContext())
        {
            var posts = await db.DraftChannelPosts.AsNoTracking().Where(p => p.DraftId == id).ToDictionaryAsync(p => p.Channel, Ct);
            Assert.NotNull(posts[SocialChannel.X].PublishedAt);
            Assert.Null(posts[SocialChannel.Facebook].PublishedAt);
        }
        var audit = await r.Audit.ForAsync("Draft", id, Ct);
        Assert.Equal("X via Webhook", audit.Single(a => a.Action == "published").Details);
        Assert.Equal("Facebook via Manual", audit.Single(a => a.Action == "ready-to-post").Details);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_publishes_without_a_link_and_an_error_status_is_named()
    {
        await using var s = await SetUpAsync();
        var (database, r, alex, sam, jordan) = (s.Database, s.R, s.Alex, s.Sam, s.Jordan);
        _behaviour = _ => Task.FromResult(Results.Text("{\"url\":\"https://x.example/not-json\"}", "text/plain"));
        var plain = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        await r.Sweep.RunAsync(Ct);
        var published = (await r.Responses.GetAsync(jordan, plain, Ct))!;
        Assert.Equal(DraftState.Published, published.State);
        Assert.Null(published.Channels.Single().LiveUrl);

        _behaviour = _ => Task.FromResult(Results.StatusCode(503));
        var refused = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        await r.Sweep.RunAsync(Ct);
        Assert.Equal("The webhook answered 503 Service Unavailable.", (await r.Responses.GetAsync(jordan, refused, Ct))!.Channels.Single().LastError);
    }

    [Fact]
    public async Task A_receiver_that_cannot_be_reached_is_tried_three_times_with_one_key_then_the_post_fails_with_the_reason()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        var attempts = new ConcurrentQueue<string>();
        await using var s = await SetUpAsync($"http://127.0.0.1:{port}/publish",
            () => new CountingHandler(attempts) { InnerHandler = new SocketsHttpHandler() });
        var (database, r, alex, sam, jordan) = (s.Database, s.R, s.Alex, s.Sam, s.Jordan);
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);

        Assert.Equal(0, await r.Sweep.RunAsync(Ct));

        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Distinct());
        var post = (await r.Responses.GetAsync(jordan, id, Ct))!.Channels.Single();
        Assert.Equal(PostStatus.Failed, post.Status);
        Assert.StartsWith("The webhook could not be reached: ", post.LastError);
    }

    [Fact]
    public async Task A_webhook_address_the_client_cannot_use_fails_the_post_with_the_reason_instead_of_stopping_the_sweep()
    {
        await using var s = await SetUpAsync("publish-here");
        var (database, r, alex, sam, jordan) = (s.Database, s.R, s.Alex, s.Sam, s.Jordan);
        var first = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        var second = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);

        Assert.Equal(0, await r.Sweep.RunAsync(Ct));

        foreach (var id in new[] { first, second })
        {
            var post = (await r.Responses.GetAsync(jordan, id, Ct))!.Channels.Single();
            Assert.Equal(PostStatus.Failed, post.Status);
            Assert.StartsWith("Webhook failed: ", post.LastError);
        }
    }

    [Fact]
    public async Task Without_a_webhook_address_the_publisher_says_so()
    {
        var publisher = new WebhookPublisher(new HttpClient(), Options.Create(new ResponseOptions { WebhookUrl = " " }));
        var result = await publisher.PublishAsync(new PublishRequest(1, SocialChannel.X, "Text", null, false, "Jordan", DateTime.UtcNow), Ct);
        Assert.Equal(PublishOutcome.Failed, result.Outcome);
        Assert.Equal("No webhook URL is configured.", result.Error);
    }

    private sealed class CountingHandler(ConcurrentQueue<string> keys) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            keys.Enqueue(request.Headers.GetValues("Idempotency-Key").Single());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
