using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Knowledge;

public sealed class Question : IHasTimestamps, IHasVersion
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string BodyHtml { get; set; }
    public int ServiceAreaId { get; set; }
    public ServiceArea? ServiceArea { get; set; }
    public int AskerId { get; set; }
    public List<QuestionTag> Tags { get; set; } = [];
    public int AnswerCount { get; set; }
    public int? AcceptedAnswerId { get; set; }

    /// <summary>The article this question was turned into, when it was.</summary>
    public int? ArticleId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public sealed class QuestionTag
{
    public int QuestionId { get; set; }
    public required string Name { get; set; }
}

public sealed class Answer : IHasTimestamps
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int AuthorId { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string BodyHtml { get; set; }
    public int Score { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class AnswerVote
{
    public int AnswerId { get; set; }
    public int PersonId { get; set; }
}
