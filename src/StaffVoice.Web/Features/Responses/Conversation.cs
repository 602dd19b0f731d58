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

    /// <summary>Identifies an imported message so that importing the same file twice adds nothing.</summary>
    public required string ImportKey { get; set; }

    public DateTime? FirstDraftAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}
