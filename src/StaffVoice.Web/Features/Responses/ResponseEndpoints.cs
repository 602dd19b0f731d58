using System.Text.Json;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>Downloads: the audit export (CSV or JSON) and draft images. Both check the person in the service, too.</summary>
public static class ResponseEndpoints
{
    public static void MapResponseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/responses/audit/export", async (HttpContext context, DateOnly from, DateOnly to, string? format, AuditTrail audit,
            CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            if (to < from) return Results.BadRequest("The end date is before the start date.");
            // The range includes the whole last day; the last day of the calendar has no next day to stop before.
            var end = to == DateOnly.MaxValue ? DateTime.MaxValue : to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            IAsyncEnumerable<AuditItem> items;
            try
            {
                items = audit.Export(actor, from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end);
            }
            catch (PermissionDeniedException)
            {
                return Results.Forbid();
            }
            var name = $"staffvoice-audit-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}";
            return string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
                ? Results.Stream(stream => JsonSerializer.SerializeAsync(stream, items, JsonSerializerOptions.Web, ct), "application/json", name + ".json")
                : Results.Stream(stream => CsvFiles.WriteAsync(stream, AuditTrail.ExportColumns, items.Select(AuditTrail.ToCells), ct),
                    "text/csv", name + ".csv");
        });

        endpoints.MapGet("/responses/reports/response-times.csv", async (HttpContext context, DateOnly from, DateOnly to, int? area,
            SocialChannel? channel, ConversationService conversations, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            try
            {
                var report = await conversations.SlaReportAsync(actor, from, to, area, channel, ct: ct);
                return Results.File(CsvFiles.Write(ConversationService.SlaColumns, ConversationService.SlaCells(report)), "text/csv",
                    $"staffvoice-response-times-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}.csv");
            }
            catch (PermissionDeniedException)
            {
                return Results.Forbid();
            }
            catch (ValidationFailedException e)
            {
                return Results.BadRequest(e.Message);
            }
        });

        // Images in articles and lessons: the same for every reader, never changed once stored (a new upload is a new id).
        endpoints.MapGet("/images/{id:int}", async (int id, HttpContext context, Knowledge.ContentImages images, CancellationToken ct) =>
        {
            var image = await images.GetAsync(id, ct);
            if (image is not { } i) return Results.NotFound();
            context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return Results.File(i.Bytes, i.ContentType);
        });

        endpoints.MapGet("/policies/{id:int}/acknowledgements.csv", async (int id, HttpContext context, Engagement.PolicyService policies, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            try
            {
                var rows = await policies.RecipientsAsync(actor, id, ct);
                return Results.File(CsvFiles.Write(["person", "department", "acknowledged_utc", "last_reminded_utc"],
                    rows.Select(r => new string?[] { r.Person, r.Department, r.AcknowledgedAt?.ToString("O"), r.LastRemindedAt?.ToString("O") })),
                    "text/csv", $"policy-{id}-acknowledgements.csv");
            }
            catch (PermissionDeniedException)
            {
                return Results.Forbid();
            }
        });

        endpoints.MapGet("/responses/drafts/{id:int}/image", async (int id, ResponseService responses, CancellationToken ct) =>
        {
            var image = await responses.GetImageAsync(id, ct);
            return image is { } i ? Results.File(i.Bytes, i.ContentType) : Results.NotFound();
        });
    }
}
