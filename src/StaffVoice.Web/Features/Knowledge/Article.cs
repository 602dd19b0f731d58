using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Knowledge;

public enum ArticleStatus
{
    Draft,
    Published,
    Archived,
}

/// <summary>A wiki article: any employee edits a published one; every save is a new <see cref="ArticleRevision"/>.</summary>
public sealed class Article : IHasTimestamps, IHasVersion
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string BodyMarkdown { get; set; }

    /// <summary>Sanitised once per revision by <see cref="Security.SafeMarkdown"/>; the only HTML pages show.</summary>
    public required string BodyHtml { get; set; }

    public int ServiceAreaId { get; set; }
    public ServiceArea? ServiceArea { get; set; }
    public int OwnerId { get; set; }
    public ArticleStatus Status { get; set; }
    public List<ArticleTag> Tags { get; set; } = [];

    public DateTime LastVerifiedAt { get; set; }
    public int ReviewIntervalMonths { get; set; } = 6;

    /// <summary>When the article falls due for review: computed on every write so sweeps and lists can use an index.</summary>
    public DateTime ReviewDueAt { get; set; }

    /// <summary>
    /// The review date whose review task the owner was given (the stale-content sweep's mark, set with the task in one
    /// transaction); while it equals <see cref="ReviewDueAt"/> the sweep passes the article over.
    /// </summary>
    public DateTime? ReviewTaskFor { get; set; }

    public int RevisionCount { get; set; }
    public int ViewCount { get; set; }

    /// <summary>The question this article was made from, when it was.</summary>
    public int? SourceQuestionId { get; set; }

    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public required string Name { get; set; }
}

public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string Tags { get; set; }
    public required string Summary { get; set; }
    public int AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ArticleVote
{
    public int ArticleId { get; set; }
    public int PersonId { get; set; }
    public bool Helpful { get; set; }
}

public sealed class ArticleComment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}
