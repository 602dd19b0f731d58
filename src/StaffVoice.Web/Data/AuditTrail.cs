using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

public sealed record AuditItem(long Id, DateTime At, string ActorName, string Action, string EntityType, int EntityId, string? Before, string? After, string? Details);

/// <summary>Writes and reads the append-only record. Writing happens in the caller's context, so it commits with the change.</summary>
public sealed class AuditTrail(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time)
{
    public const int MaxExportRows = 100_000;

    public void Add(StaffVoiceDb db, Actor? actor, string action, string entityType, int entityId, object? before = null, object? after = null,
        string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = actor?.PersonId,
            ActorName = actor?.DisplayName ?? "StaffVoice (background job)",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, JsonSerializerOptions.Web),
            After = after is null ? null : JsonSerializer.Serialize(after, JsonSerializerOptions.Web),
            Details = details is { Length: > 2000 } ? details[..2000] : details,
        });

    public async Task<IReadOnlyList<AuditItem>> ForAsync(string entityType, int entityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new AuditItem(a.Id, a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.Details))
            .ToListAsync(ct);
    }

    /// <summary>Every entry in [from, to), for a freedom-of-information answer. Comms managers and administrators only.</summary>
    public async Task<IReadOnlyList<AuditItem>> ExportAsync(Actor actor, DateTime from, DateTime to, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.CommsManager) && !actor.IsIn(Roles.Administrator))
        {
            throw new PermissionDeniedException("Only comms managers and administrators can export the audit trail.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Where(a => a.At >= from && a.At < to)
            .OrderBy(a => a.At).ThenBy(a => a.Id).Take(MaxExportRows)
            .Select(a => new AuditItem(a.Id, a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.Details))
            .ToListAsync(ct);
    }

    public static string ToCsv(IEnumerable<AuditItem> items)
    {
        var builder = new StringBuilder("id,at_utc,actor,action,entity_type,entity_id,before,after,details\n");
        foreach (var i in items)
        {
            builder.AppendJoin(',', i.Id.ToString(CultureInfo.InvariantCulture), i.At.ToString("O", CultureInfo.InvariantCulture),
                Csv(i.ActorName), Csv(i.Action), Csv(i.EntityType), i.EntityId.ToString(CultureInfo.InvariantCulture),
                Csv(i.Before), Csv(i.After), Csv(i.Details)).Append('\n');
        }
        return builder.ToString();
    }

    // Quoted, and a leading = + - @ neutralised, so a spreadsheet never runs a cell as a formula.
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if ("=+-@\t\r".Contains(value[0])) value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
