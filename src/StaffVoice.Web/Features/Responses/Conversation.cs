using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Responses;

public enum SocialChannel
{
    X,
    Bluesky,
    Mastodon,
    Instagram,
    LinkedIn,
    Facebook,
}

public enum ConversationPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum ConversationStatus
{
    New,
    Drafting,
    Answered,
    NoReplyNeeded,
}

/// <summary>How the citizen feels, as judged by the person handling the conversation.</summary>
public enum ConversationSentiment
{
    Negative,
    Neutral,
    Positive,
}

/// <summary>A public message from a citizen that may need an answer.</summary>
public sealed class Conversation : IHasTimestamps, IHasVersion
{
    public int Id { get; set; }
    public SocialChannel Channel { get; set; }
    public required string AuthorHandle { get; set; }
    public string? Link { get; set; }
    public required string Text { get; set; }
    public DateTime ReceivedAt { get; set; }
    public int? ServiceAreaId { get; set; }
    public ConversationPriority Priority { get; set; } = ConversationPriority.Normal;
    public ConversationStatus Status { get; set; }
    public int LoggedById { get; set; }

    /// <summary>The person who owns the answer; none means the service area's team.</summary>
    public int? AssigneeId { get; set; }

    public ConversationSentiment? Sentiment { get; set; }

    /// <summary>
    /// When the response target runs out, in working hours on the organisation's calendar from <see cref="ReceivedAt"/>;
    /// recomputed when the priority changes. Sorts "most overdue" in the database and drives the escalation sweep.
    /// </summary>
    public DateTime? DueAt { get; set; }

    /// <summary>Why it was closed without a reply (status <see cref="ConversationStatus.NoReplyNeeded"/>).</summary>
    public string? ClosedReason { get; set; }
    public DateTime? ClosedAt { get; set; }

    public List<ConversationTag> Tags { get; set; } = [];

    /// <summary>Identifies an imported message so that importing the same file twice adds nothing.</summary>
    public required string ImportKey { get; set; }

    public DateTime? FirstDraftAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>A label on a conversation: one from the comms team's managed list or a free tag.</summary>
public sealed class ConversationTag
{
    public int ConversationId { get; set; }
    public required string Name { get; set; }
}

/// <summary>A tag on the comms team's managed list, offered first when tagging a conversation.</summary>
public sealed class InboxTag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int AddedById { get; set; }
    public DateTime CreatedAt { get; set; }
}
