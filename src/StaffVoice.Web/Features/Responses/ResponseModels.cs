namespace StaffVoice.Web.Features.Responses;

public sealed record DraftInput(string Text, IReadOnlyCollection<SocialChannel> Channels, int? ServiceAreaId, IReadOnlyCollection<int> SourceArticleIds);

public sealed record ChannelCount(SocialChannel Channel, int Count, int Limit, PostStatus Status, string? LiveUrl, string? LastError);

public sealed record ReviewerItem(int PersonId, string Name, ReviewDecision Decision, DateTime? DecidedAt);

public sealed record DraftCommentItem(string AuthorName, string Text, DateTime CreatedAt);

public sealed record DraftSourceItem(int ArticleId, string Title, bool ChangedSinceApproval, bool Exists);

public sealed record DraftRevisionItem(int Number, string Text, string AuthorName, string Note, DateTime CreatedAt);

public sealed record DraftView(
    int Id, int? ConversationId, string? ConversationText, string? ConversationHandle, int AuthorId, string AuthorName, int? ServiceAreaId,
    string? ServiceArea, string Text, DraftState State, IReadOnlyList<ChannelCount> Channels, bool HasImage, string? ImageAltText,
    string? PersonalDataReason, int RequiredEndorsements, int Endorsements, IReadOnlyList<ReviewerItem> Reviewers,
    IReadOnlyList<DraftCommentItem> Comments, IReadOnlyList<DraftSourceItem> Sources, IReadOnlyList<DraftRevisionItem> Revisions,
    IReadOnlyList<CheckResult> Checks, string? ApprovedBy, DateTime? ApprovedAt, string? SecondApprovedBy, string? RejectionReason,
    DateTime? ScheduledFor, DateTime? PublishedAt, bool InQuietPeriod, Guid Version, DraftPermissions Can, bool ApproverChangedText = false);

/// <summary>What the current person may do now; the service checks each again when they try.</summary>
public sealed record DraftPermissions(bool Edit, bool Submit, bool Review, bool Decide, bool SecondApprove, bool Withdraw, bool Schedule,
    bool MarkPosted, bool SaveToLibrary, bool Retry, bool Unschedule, bool Comment, bool Reschedule = false, bool Cancel = false,
    bool RevokeApproval = false, bool CopyToNew = false);

public sealed record DraftListItem(int Id, string Text, string AuthorName, DraftState State, IReadOnlyList<SocialChannel> Channels,
    DateTime UpdatedAt, DateTime? AwaitingApprovalSince, DateTime? ScheduledFor, string? ConversationHandle = null, string? ServiceArea = null,
    IReadOnlyList<string>? Endorsers = null, int? ConversationId = null);

public enum DraftListKind
{
    Mine,
    ToReview,
    AwaitingApproval,
    ReadyToPost,
    Recent,
}

public sealed record ReadyToPostItem(int DraftId, SocialChannel Channel, string Text, string? ImageAltText, DateTime? ScheduledFor);

public sealed record TemplateItem(int Id, string Title, string Text, string? ServiceArea);

public sealed record CalendarItem(int DraftId, string Text, DateTime At, DraftState State, IReadOnlyList<SocialChannel> Channels);

public sealed record QuietPeriodItem(int Id, DateTime StartsAt, DateTime EndsAt, string Reason, string CreatedBy);
