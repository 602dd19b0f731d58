namespace StaffVoice.Web.Features.Training;

public sealed record OptionInput(string Text, bool IsCorrect);

public sealed record QuizQuestionInput(string Text, string Explanation, IReadOnlyList<OptionInput> Options);

/// <summary>A module as the trainer edits it; <see cref="Id"/> is null for a new module (existing ones keep learners' progress).</summary>
public sealed record ModuleInput(int? Id, string Title, string LessonMarkdown, int? PassMarkPercent, IReadOnlyList<QuizQuestionInput> Questions);

public sealed record CourseInput(string Title, string Summary, int EstimatedMinutes, int? ValidityMonths, bool IsSocialMediaPolicy,
    IReadOnlyList<ModuleInput> Modules, IReadOnlyCollection<int> ArticleIds, int RecertifyLeadDays = 30, bool RevealAnswersBeforePass = false);

public sealed record CourseListItem(int Id, string Title, string Summary, int EstimatedMinutes, CourseStatus Status, int CurrentVersion,
    bool IsSocialMediaPolicy, int ModuleCount, int? ValidityMonths);

/// <param name="ArticleTitles">The title of each linked article (<see cref="CourseInput.ArticleIds"/>).</param>
public sealed record CourseEditState(int Id, CourseInput Input, CourseStatus Status, int CurrentVersion, Guid Version, int OwnerId,
    string OwnerName, IReadOnlyDictionary<int, string> ArticleTitles);

public enum LearnerStatus
{
    NotStarted,
    InProgress,
    Completed,
    Overdue,
}

public sealed record MyAssignment(int AssignmentId, int CourseId, string Title, AssignmentKind Kind, DateTime DueAt, LearnerStatus Status,
    int ProgressPercent, DateTime? CompletedAt, int? CompletionId);

/// <param name="Recommended">The first published courses by title that the person has not been assigned or completed
/// (<see cref="TrainingService.RecommendedShown"/> unless all were asked for); <paramref name="RecommendedTotal"/> counts them all.</param>
public sealed record MyTraining(IReadOnlyList<MyAssignment> Assignments, IReadOnlyList<CourseListItem> Recommended, IReadOnlyList<MyAssignment> Completed,
    int RecommendedTotal);

public sealed record PlayerOption(int Id, string Text);

public sealed record PlayerQuestion(int Id, string Text, bool MultipleChoice, IReadOnlyList<PlayerOption> Options);

public sealed record PlayerModule(int Id, int Position, string Title, string LessonHtml, int? PassMarkPercent, IReadOnlyList<PlayerQuestion> Questions,
    bool Completed, int? ScorePercent);

public sealed record PlayerView(int CourseId, string Title, string Summary, int Version, IReadOnlyList<PlayerModule> Modules,
    IReadOnlyList<(int ArticleId, string Title)> ReadMore, int? CompletionId);

public sealed record QuestionResult(int QuestionId, bool Correct, IReadOnlyList<int> CorrectOptionIds, string Explanation);

public sealed record QuizResult(int ScorePercent, int PassMarkPercent, bool Passed, IReadOnlyList<QuestionResult> Questions, int? CompletionId);

public sealed record CertificateView(int Id, string PersonName, string CourseTitle, int CourseVersion, DateTime CompletedAt, DateTime? ValidUntil);

public sealed record AssignInput(int CourseId, IReadOnlyCollection<int> PersonIds, int? DepartmentId, string? Role, DateTime? DueDate, int? DueDays,
    AssignmentKind Kind);

/// <summary>A draft cannot go for review: the author's social-media policy training is not current.</summary>
public sealed class TrainingRequiredException(string message, int courseId) : UserFacingException(message)
{
    public int CourseId { get; } = courseId;
}

public enum RosterStatus
{
    NotStarted,
    InProgress,
    Overdue,
    Completed,
    Cancelled,
}

public enum RosterFilter
{
    All,
    Open,
    Overdue,
    Completed,
}

/// <summary>One person on a course's roster: where they are and when they last did something.</summary>
public sealed record RosterRow(int AssignmentId, int PersonId, string Person, string? Department, AssignmentKind Kind, RosterStatus Status,
    int ModulesDone, int Modules, DateTime AssignedAt, DateTime DueAt, DateTime? CompletedAt, DateTime? LastActivity);
