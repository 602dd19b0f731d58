namespace StaffVoice.Web.Features.Knowledge;

/// <summary>What an author submits when creating or editing an article.</summary>
public sealed record ArticleInput(string Title, string BodyMarkdown, int ServiceAreaId, IReadOnlyList<string> Tags, int ReviewIntervalMonths = 6);

public sealed record ArticleListQuery(ArticleStatus? Status = ArticleStatus.Published, int? ServiceAreaId = null, string? Tag = null, int Page = 0, int PageSize = 20);

public sealed record ArticleListItem(
    int Id, string Title, string ServiceArea, string OwnerName, ArticleStatus Status, IReadOnlyList<string> Tags,
    DateTime UpdatedAt, DateTime ReviewDueAt, int ViewCount);

public sealed record ArticleCommentItem(int Id, string AuthorName, string Text, DateTime CreatedAt);

public sealed record ArticleView(
    int Id, string Title, string BodyHtml, int ServiceAreaId, string ServiceArea, string Department, int OwnerId, string OwnerName,
    ArticleStatus Status, IReadOnlyList<string> Tags, DateTime LastVerifiedAt, DateTime ReviewDueAt, bool IsStale,
    int HelpfulCount, int NotHelpfulCount, bool? MyVote, int ViewCount, int RevisionCount, int? SourceQuestionId,
    DateTime UpdatedAt, string LastEditorName, Guid Version, IReadOnlyList<ArticleCommentItem> Comments,
    bool CanManage, bool IsAdministrator);

public sealed record ArticleEditState(
    int Id, string Title, string BodyMarkdown, int ServiceAreaId, IReadOnlyList<string> Tags, int ReviewIntervalMonths,
    ArticleStatus Status, Guid Version);

public sealed record RevisionItem(int Number, string Title, string Summary, string AuthorName, DateTime CreatedAt);

public sealed record RevisionContent(int Number, string Title, string BodyMarkdown, string Tags, string AuthorName, DateTime CreatedAt);

public enum DiffLineKind
{
    Unchanged,
    Removed,
    Added,
}

public sealed record DiffLine(DiffLineKind Kind, string Text);

public sealed record ServiceAreaItem(int Id, string Name, string Department);

/// <summary>
/// The article was saved by someone else since the editor opened it. Carries their version so the page can show both
/// and let the person merge by hand; nothing of either save is lost.
/// </summary>
public sealed class ArticleEditConflictException(string message, ArticleEditState current, string changedBy, DateTime changedAt)
    : ConcurrencyConflictException(message)
{
    public ArticleEditState Current { get; } = current;
    public string ChangedBy { get; } = changedBy;
    public DateTime ChangedAt { get; } = changedAt;
}
