namespace StaffVoice.Web.Features.Responses;

public static class ResponseRules
{
    public const int ConversationTextMax = 5_000;
    public const int DraftTextMax = 63_206;
    public const int AltTextMax = 1_000;
    public const int MaxImageBytes = 5 * 1024 * 1024;
}

/// <summary>The <c>Responses</c> configuration section.</summary>
public sealed class ResponseOptions
{
    /// <summary>Endorsements a draft needs before it goes to approval.</summary>
    public int RequiredEndorsements { get; set; } = 1;

    /// <summary>Working hours to answer a conversation, by priority.</summary>
    public Dictionary<ConversationPriority, double> TargetWorkingHours { get; set; } = new()
    {
        [ConversationPriority.Urgent] = 1,
        [ConversationPriority.High] = 4,
        [ConversationPriority.Normal] = 16,
        [ConversationPriority.Low] = 40,
    };

    /// <summary>How long a draft may await approval before every comms manager is told.</summary>
    public TimeSpan EscalateToCommsManagersAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long before an administrator is told as well.</summary>
    public TimeSpan EscalateToAdministratorsAfter { get; set; } = TimeSpan.FromHours(8);

    public DraftCheckOptions Checks { get; set; } = new();

    /// <summary>Where the Webhook publisher posts; empty means every channel uses the Manual publisher.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Channels sent to the webhook; others go to the "ready to post" list.</summary>
    public List<SocialChannel> WebhookChannels { get; set; } = [];

    /// <summary>How long one delivery to the webhook may take before it counts as failed.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a publish sweep holds its claim on a post; a claim left by a crashed run is taken over after it.</summary>
    public TimeSpan PublishLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Claims a post may take before it is marked Failed (a run that keeps crashing never strands it).</summary>
    public int MaxPublishAttempts { get; set; } = 3;
}
