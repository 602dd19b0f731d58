using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

public sealed record AuditItem(long Id, DateTime At, string ActorName, string Action, string EntityType, int EntityId, string? Before, string? After, string? Details);

/// <summary>Writes and reads the append-only record. Writing happens in the caller's context, so it commits with the change.</summary>
public sealed class AuditTrail(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time)
{
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

    public static readonly IReadOnlyList<string> ExportColumns = ["id", "at_utc", "actor", "action", "entity_type", "entity_id", "before", "after", "details"];

    /// <summary>
    /// Every entry in [from, to), for a freedom-of-information answer: comms managers and administrators only (checked
    /// now, not when the rows are read). The rows are read in pages by key as they are written out, so a range of any
    /// size is exported whole, with no cap and without holding it in memory.
    /// </summary>
    public IAsyncEnumerable<AuditItem> Export(Actor actor, DateTime from, DateTime to)
    {
        if (!actor.IsIn(Roles.CommsManager) && !actor.IsIn(Roles.Administrator))
        {
            throw new PermissionDeniedException("Only comms managers and administrators can export the audit trail.");
        }
        return ReadRangeAsync(from, to);
    }

    private async IAsyncEnumerable<AuditItem> ReadRangeAsync(DateTime from, DateTime to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        const int PageSize = 1_000;
        var lastAt = DateTime.MinValue;
        var lastId = 0L;
        var first = true;
        while (true)
        {
            List<AuditItem> page;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var query = db.AuditEntries.AsNoTracking().Where(a => a.At >= from && a.At < to);
                if (!first) query = query.Where(a => a.At > lastAt || (a.At == lastAt && a.Id > lastId));
                page = await query.OrderBy(a => a.At).ThenBy(a => a.Id).Take(PageSize)
                    .Select(a => new AuditItem(a.Id, a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.Details))
                    .ToListAsync(ct);
            }
            foreach (var item in page) yield return item;
            if (page.Count < PageSize) yield break;
            (lastAt, lastId, first) = (page[^1].At, page[^1].Id, false);
        }
    }

    public static string?[] ToCells(AuditItem i) =>
    [
        i.Id.ToString(CultureInfo.InvariantCulture), i.At.ToString("O", CultureInfo.InvariantCulture), i.ActorName, i.Action, i.EntityType,
        i.EntityId.ToString(CultureInfo.InvariantCulture), i.Before, i.After, i.Details,
    ];
}
