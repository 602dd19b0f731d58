using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Responses;

/// <summary>A reply to a conversation, or a stand-alone outbound post, on its way through <see cref="DraftWorkflow"/>.</summary>
public sealed class Draft : IHasTimestamps, IHasVersion
{
    public int Id { get; set; }
    public int? ConversationId { get; set; }
    public int AuthorId { get; set; }
    public int? ServiceAreaId { get; set; }
    public required string Text { get; set; }
    public DraftState State { get; set; }
    public List<DraftChannelPost> Channels { get; set; } = [];

    public byte[]? ImageBytes { get; set; }
    public string? ImageContentType { get; set; }
    public string? ImageAltText { get; set; }

    /// <summary>Why the author kept text that looks like personal data (recorded, shown to reviewers).</summary>
    public string? PersonalDataReason { get; set; }

    public int RequiredEndorsements { get; set; } = 1;
    public int RevisionCount { get; set; } = 1;
    public DateTime? SubmittedForReviewAt { get; set; }
    public DateTime? AwaitingApprovalSince { get; set; }
    public int? ApprovedById { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public int? SecondApprovedById { get; set; }

    /// <summary>The approver changed the reviewed text: a second comms manager must approve the changed text before it is
    /// published (the four-eyes rule holds for every word that goes out).</summary>
    public bool ApproverChangedText { get; set; }
    public string? RejectionReason { get; set; }
    public DateTime? ScheduledFor { get; set; }
    public DateTime? PublishedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public enum PostStatus
{
    Pending,
    Claimed,
    ReadyToPost,
    Published,
    Failed,
}

/// <summary>One channel of a draft, published at most once: the sweep claims the row before it publishes.</summary>
public sealed class DraftChannelPost
{
    public int DraftId { get; set; }
    public SocialChannel Channel { get; set; }
    public PostStatus Status { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? LiveUrl { get; set; }
    public DateTime? PublishedAt { get; set; }
}

public sealed class DraftRevision
{
    public int Id { get; set; }
    public int DraftId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public int AuthorId { get; set; }
    public required string Note { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum ReviewDecision
{
    Pending,
    Endorsed,
    ChangesRequested,
}

public sealed class DraftReviewer
{
    public int DraftId { get; set; }
    public int PersonId { get; set; }
    public ReviewDecision Decision { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public sealed class DraftComment
{
    public int Id { get; set; }
    public int DraftId { get; set; }
    public int AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A knowledge article the reply relies on, with the article's revision count when approved.</summary>
public sealed class DraftSource
{
    public int DraftId { get; set; }
    public int ArticleId { get; set; }
    public int? RevisionAtApproval { get; set; }
}

/// <summary>An approved reply saved for reuse, by service area.</summary>
public sealed class ResponseTemplate : IHasTimestamps
{
    public int Id { get; set; }
    public int? ServiceAreaId { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public int CreatedById { get; set; }
    public int? SourceDraftId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class BannedPhrase
{
    public int Id { get; set; }
    public required string Phrase { get; set; }
    public int AddedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A time (before an election, say) when nothing is published without a second comms manager's approval.</summary>
public sealed class QuietPeriod
{
    public int Id { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public required string Reason { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}
