using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Training;

public enum CourseStatus
{
    Draft,
    Published,

    /// <summary>Retired: hidden from learners, recommendations and rules; completions and certificates are kept.</summary>
    Archived,
}

/// <summary>A short course a trainer writes: ordered modules, each a Markdown lesson with an optional quiz.</summary>
public sealed class Course : IHasTimestamps, IHasVersion
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public int EstimatedMinutes { get; set; }
    public CourseStatus Status { get; set; }
    public int OwnerId { get; set; }

    /// <summary>Bumped by every change to a published course.</summary>
    public int CurrentVersion { get; set; } = 1;

    /// <summary>Completions of versions older than this no longer count ("requires re-completion").</summary>
    public int RequiredVersion { get; set; } = 1;

    public string? LastChangeNote { get; set; }

    /// <summary>Completing this course (and keeping it current) gives the right to speak for the organisation online.</summary>
    public bool IsSocialMediaPolicy { get; set; }

    /// <summary>How long a completion stays valid; null for ever.</summary>
    public int? ValidityMonths { get; set; }

    /// <summary>How long before a completion expires its renewal assignment is created.</summary>
    public int RecertifyLeadDays { get; set; } = 30;

    /// <summary>Show the right answers after a failed attempt. Off by default: a learner sees which answers were wrong
    /// but not the right ones until they pass, so a required course is not passed by trying every option.</summary>
    public bool RevealAnswersBeforePass { get; set; }

    public List<CourseModule> Modules { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public sealed class CourseModule
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public required string LessonMarkdown { get; set; }
    public required string LessonHtml { get; set; }

    /// <summary>Percentage of quiz questions to get right; null when the module has no quiz.</summary>
    public int? PassMarkPercent { get; set; }

    public List<QuizQuestion> Questions { get; set; } = [];
}

public sealed class QuizQuestion
{
    public int Id { get; set; }
    public int ModuleId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public required string Explanation { get; set; }
    public bool MultipleChoice { get; set; }
    public List<QuizOption> Options { get; set; } = [];
}

public sealed class QuizOption
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool IsCorrect { get; set; }
}

/// <summary>A knowledge article the course points to ("read more"); the revision last seen lets a sweep spot changes.</summary>
public sealed class CourseArticle
{
    public int CourseId { get; set; }
    public int ArticleId { get; set; }
    public int SeenRevision { get; set; }
}
