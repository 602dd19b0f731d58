namespace StaffVoice.Web.Features.Training.Pages;

public sealed record AssignRequest(IReadOnlyCollection<int> PersonIds, int? DepartmentId, string? Role, DateTime? DueDate, int? DueDays, AssignmentKind Kind);
