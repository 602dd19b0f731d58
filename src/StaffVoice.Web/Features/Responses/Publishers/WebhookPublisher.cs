using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace StaffVoice.Web.Features.Responses.Publishers;

/// <summary>
/// POSTs the post as JSON to <c>Responses:WebhookUrl</c> with an <c>Idempotency-Key</c> header (also in the body), so
/// a retried delivery can be recognised by the receiver. Transient failures are retried with back-off by the
/// HttpClient's resilience pipeline (see FeatureExtensions); what still fails is shown on the draft with a retry button.
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
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new PublishResult(PublishOutcome.Failed, Error: $"The webhook could not be reached: {ex.Message}");
        }
    }

    private sealed record WebhookAnswer(string? Url);
}
