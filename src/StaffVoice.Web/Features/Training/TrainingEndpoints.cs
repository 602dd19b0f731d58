using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Training;

/// <summary>CSV downloads of the trainer reports.</summary>
public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/training/admin/reports/{table}.csv", async (string table, int? courseId, HttpContext context, TrainingReports reports, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            if (table == "overdue")
            {
                // Streamed as it is read: the whole list is never held in memory.
                return Results.Stream(stream => Data.CsvFiles.WriteAsync(stream, TrainingReports.OverdueColumns,
                    reports.AllOverdueAsync(actor, courseId, ct).Select(TrainingReports.OverdueCells), ct), "text/csv", "training-overdue.csv");
            }
            TrainingReport report;
            try { report = await reports.BuildAsync(actor, courseId, ct); }
            catch (PermissionDeniedException) { return Results.Forbid(); }
            var csv = table switch
            {
                "courses" => TrainingReports.ToCsv(report.ByCourse, "course"),
                "departments" => TrainingReports.ToCsv(report.ByDepartment, "department"),
                _ => null,
            };
            return csv is null ? Results.NotFound() : Results.File(csv, "text/csv", $"training-{table}.csv");
        }).RequireAuthorization(Policies.Trainer);

        endpoints.MapGet("/training/admin/courses/{id:int}/roster.csv", async (int id, RosterFilter? filter, string? search, HttpContext context,
            TrainingService training, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            try
            {
                var rows = await training.RosterCsvAsync(actor, id, filter ?? RosterFilter.All, search, ct);
                return Results.File(Data.CsvFiles.Write(TrainingService.RosterColumns, rows), "text/csv", $"course-{id}-roster.csv");
            }
            catch (PermissionDeniedException)
            {
                return Results.Forbid();
            }
        }).RequireAuthorization(Policies.Trainer);
    }
}
