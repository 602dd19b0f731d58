namespace StaffVoice.Web.Features.Responses.Publishers;

/// <summary>What a publisher gets: one channel of one approved draft.</summary>
public sealed record PublishRequest(int DraftId, SocialChannel Channel, string Text, string? ImageAltText, bool HasImage, string ApprovedBy,
    DateTime ScheduledFor)
{
    /// <summary>The same for every attempt at this draft and channel, so the receiver can drop repeats.</summary>
    public string IdempotencyKey => $"staffvoice-draft-{DraftId}-{Channel}".ToLowerInvariant();
}

public enum PublishOutcome
{
    Published,

    /// <summary>A person must post it by hand (Manual publisher): it goes to the "Ready to post" list.</summary>
    ReadyToPost,
    Failed,
}

public sealed record PublishResult(PublishOutcome Outcome, string? LiveUrl = null, string? Error = null);

/// <summary>Publishes one channel of a draft. Later publishers (the networks' own APIs) plug in here.</summary>
public interface IPublisher
{
    string Name { get; }

    Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken ct);
}

/// <summary>The default: the post waits in "Ready to post" with copy-to-clipboard; a comms manager posts it and pastes the link.</summary>
public sealed class ManualPublisher : IPublisher
{
    public string Name => "Manual";

    public Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken ct) =>
        Task.FromResult(new PublishResult(PublishOutcome.ReadyToPost));
}
