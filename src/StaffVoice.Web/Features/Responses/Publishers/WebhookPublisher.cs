using System.Net.Http.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace StaffVoice.Web.Features.Responses.Publishers;

/// <summary>
/// POSTs the post as JSON to <c>Responses:WebhookUrl</c> with an <c>Idempotency-Key</c> header (also in the body), so
/// a retried delivery can be recognised by the receiver. A POST is retried only when the connection could not be made (the
/// receiver never saw it); a timeout, a 5xx or anything else fails the post, which shows on the draft with a retry button.
/// The receiver may answer with JSON <c>{ "url": "https://…" }</c> naming the live post.
/// </summary>
public sealed class WebhookPublisher(HttpClient http, IOptions<ResponseOptions> options) : IPublisher
{
    public string Name => "Webhook";

    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken ct)
    {
        var url = options.Value.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url)) return new PublishResult(PublishOutcome.Failed, Error: "No webhook URL is configured.");
        var body = new
        {
            idempotencyKey = request.IdempotencyKey,
            draftId = request.DraftId,
            channel = request.Channel.ToString(),
            text = request.Text,
            hasImage = request.HasImage,
            imageAltText = request.ImageAltText,
            approvedBy = request.ApprovedBy,
            scheduledFor = request.ScheduledFor,
        };
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
            using var response = await http.SendAsync(message, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new PublishResult(PublishOutcome.Failed, Error: $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            var answer = response.Content.Headers.ContentType?.MediaType == "application/json"
                ? await response.Content.ReadFromJsonAsync<WebhookAnswer>(ct)
                : null;
            return new PublishResult(PublishOutcome.Published, answer?.Url);
        }
        catch (TimeoutRejectedException)
        {
            return new PublishResult(PublishOutcome.Failed,
                Error: $"The webhook did not answer within {options.Value.WebhookTimeout.TotalSeconds:0} seconds.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return new PublishResult(PublishOutcome.Failed, Error: $"The webhook could not be reached: {ex.Message}");
        }
    }

    /// <summary>The webhook's HttpClient: a per-attempt timeout from <c>Responses:WebhookTimeout</c>, and retries (with
    /// back-off, same idempotency key) only for connections that could not be made.</summary>
    public static IHttpClientBuilder Register(IServiceCollection services)
    {
        var builder = services.AddHttpClient<WebhookPublisher>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("webhook", (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<ResponseOptions>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = args => ValueTask.FromResult(IsConnectionFailure(args.Outcome.Exception)),
            });
            pipeline.AddTimeout(settings.WebhookTimeout);
        });
        return builder;
    }

    internal static bool IsConnectionFailure(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private sealed record WebhookAnswer(string? Url);
}
