namespace StaffVoice.Web.Features.Training;

/// <summary>The <c>Training</c> configuration section.</summary>
public sealed class TrainingOptions
{
    /// <summary>Days before the due date for the first and the last reminder.</summary>
    public int FirstReminderDaysBefore { get; set; } = 7;

    public int LastReminderDaysBefore { get; set; } = 1;

    /// <summary>Days after the first overdue notice before the manager and the department's trainers are told.</summary>
    public int ManagerEscalationAfterDays { get; set; } = 7;

    /// <summary>Rows a sweep handles per batch (each batch costs a fixed handful of database commands).</summary>
    public int SweepBatchSize { get; set; } = 1000;
}
