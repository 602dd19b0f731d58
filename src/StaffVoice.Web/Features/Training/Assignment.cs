namespace StaffVoice.Web.Features.Training;

public enum AssignmentKind
{
    Required,
    Recommended,
}

public enum AssignmentStatus
{
    Open,
    Completed,

    /// <summary>Withdrawn by a trainer, with a reason on the record; the person may be assigned the course again.</summary>
    Cancelled,
}

/// <summary>One person's assignment to one course. A person never has two open assignments for the same course.</summary>
public sealed class Assignment
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int PersonId { get; set; }
    public AssignmentKind Kind { get; set; }
    public AssignmentStatus Status { get; set; }
    public DateTime AssignedAt { get; set; }
    public DateTime DueAt { get; set; }
    public int? RuleId { get; set; }
    public int? AssignedById { get; set; }

    /// <summary>"courseId:personId" while open, null once completed: a unique index makes a second open assignment impossible.</summary>
    public string? OpenKey { get; set; }

    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int? CompletedVersion { get; set; }

    // Each sweep claims its step with a conditional update on these, so every effect happens once.
    public DateTime? FirstReminderAt { get; set; }
    public DateTime? LastReminderAt { get; set; }
    public DateTime? OverdueNotifiedAt { get; set; }
    public DateTime? ManagerEscalatedAt { get; set; }
    public Guid? ClaimToken { get; set; }

    public static string KeyFor(int courseId, int personId) => $"{courseId}:{personId}";
}

public enum RuleTarget
{
    Department,
    Role,
}

/// <summary>Assigns a course to everyone in a department or role, now and whenever someone joins it.</summary>
public sealed class AssignmentRule
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public RuleTarget Target { get; set; }
    public int? DepartmentId { get; set; }
    public string? Role { get; set; }
    public AssignmentKind Kind { get; set; }
    public int DueDays { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ModuleProgress
{
    public int PersonId { get; set; }
    public int ModuleId { get; set; }
    public int CourseVersion { get; set; }
    public DateTime CompletedAt { get; set; }
    public int? ScorePercent { get; set; }
    public int Attempts { get; set; }
}

/// <summary>A completion and its certificate.</summary>
public sealed class Completion
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public int CourseId { get; set; }
    public int CourseVersion { get; set; }
    public DateTime CompletedAt { get; set; }
    public DateTime? ValidUntil { get; set; }
    public int? AssignmentId { get; set; }

    /// <summary>Set when the recertification sweep has created the renewal assignment (claimed, so it happens once).</summary>
    public DateTime? RenewalCreatedAt { get; set; }
}

/// <summary>Nightly, per department and course: the share of Required assignments completed on time.</summary>
public sealed class ComplianceSnapshot
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public int DepartmentId { get; set; }
    public int CourseId { get; set; }
    public int Due { get; set; }
    public int CompletedOnTime { get; set; }
}
