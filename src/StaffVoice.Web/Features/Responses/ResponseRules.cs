using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

public static class ResponseRules
{
    public const int ConversationTextMax = 5_000;
    public const int DraftTextMax = 63_206;
    public const int AltTextMax = 1_000;
    public const int MaxImageBytes = 5 * 1024 * 1024;
    public const int ReasonMax = 1_000;
    public const int TagMax = 40;
    public const int MaxTagsPerConversation = 10;

    /// <summary>A reason kept on the record (cancel, revoke, close without reply): required, plain text, at most 1,000 characters.</summary>
    public static string RequireReason(string? reason)
    {
        var trimmed = PlainText.Clean(reason ?? "").Trim();
        if (trimmed.Length is 0 or > ReasonMax)
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["Reason"] = "Give a reason of up to 1,000 characters: it is kept on the record." });
        }
        return trimmed;
    }

    /// <summary>
    /// A tag as stored: trimmed, lower case, inner spaces collapsed to one, no leading '#'; null when it is empty, too
    /// long or holds characters other than letters, digits, spaces, '-' and '_'.
    /// </summary>
    public static string? NormaliseTag(string? tag)
    {
        var text = string.Join(' ', (tag ?? "").Trim().TrimStart('#').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (text.Length is 0 or > TagMax) return null;
        return text.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_') ? text : null;
    }
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

    /// <summary>Share of the response target after which the assignee is told the conversation nears it (0.75 = 75 %).</summary>
    public double WarnAtShareOfTarget { get; set; } = 0.75;

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
