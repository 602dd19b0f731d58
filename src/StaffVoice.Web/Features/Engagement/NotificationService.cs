using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Engagement;

public sealed record NotificationRequest(
    int RecipientId, string Kind, string Title, string Link, string? Text = null, string? DedupKey = null);

public sealed record NotificationItem(long Id, string Kind, string Title, string? Text, string Link, DateTime CreatedAt, bool IsRead);

/// <summary>
/// How every feature tells people something. Today it writes in-app notifications; e-mail delivery will be added behind
/// this same interface.
/// </summary>
public interface INotifier
{
    /// <summary>Creates the notifications not created before (by recipient and dedup key); returns how many were new.</summary>
    Task<int> NotifyAsync(IReadOnlyCollection<NotificationRequest> requests, CancellationToken ct = default);
}

/// <summary>Tells open circuits that someone's notifications changed, so their bell updates without a reload.</summary>
public sealed class NotificationEvents
{
    public event Action<IReadOnlySet<int>>? Changed;

    public void Raise(IEnumerable<int> recipientIds)
    {
        var ids = recipientIds.ToHashSet();
        if (ids.Count > 0) Changed?.Invoke(ids);
    }
}

public sealed class NotificationService(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time, NotificationEvents events)
    : INotifier
{
    public async Task<int> NotifyAsync(IReadOnlyCollection<NotificationRequest> requests, CancellationToken ct = default)
    {
        var distinct = requests.Where(r => r.DedupKey is null)
            .Concat(requests.Where(r => r.DedupKey is not null).DistinctBy(r => (r.RecipientId, r.DedupKey)))
            .ToList();
        if (distinct.Count == 0) return 0;

        int created;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            created = await AddMissingAsync(db, distinct, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another run inserted some of the same keys between our check and our insert: add one at a time,
            // letting the unique index refuse the duplicates.
            created = 0;
            foreach (var request in distinct)
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    if (await AddMissingAsync(db, [request], ct) == 0) continue;
                    await db.SaveChangesAsync(ct);
                    created++;
                }
                catch (DbUpdateException) when (request.DedupKey is not null)
                {
                }
            }
        }
        events.Raise(distinct.Select(r => r.RecipientId));
        return created;
    }

    private async Task<int> AddMissingAsync(StaffVoiceDb db, IReadOnlyCollection<NotificationRequest> requests, CancellationToken ct)
    {
        var keys = requests.Where(r => r.DedupKey is not null).Select(r => r.DedupKey!).Distinct().ToList();
        var recipients = requests.Select(r => r.RecipientId).Distinct().ToList();
        var existing = keys.Count == 0
            ? []
            : (await db.Notifications.AsNoTracking()
                .Where(n => n.DedupKey != null && keys.Contains(n.DedupKey) && recipients.Contains(n.RecipientId))
                .Select(n => new { n.RecipientId, n.DedupKey })
                .ToListAsync(ct))
                .Select(n => (n.RecipientId, n.DedupKey!)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var request in requests)
        {
            if (request.DedupKey is not null && existing.Contains((request.RecipientId, request.DedupKey))) continue;
            db.Notifications.Add(new Notification
            {
                RecipientId = request.RecipientId,
                Kind = request.Kind,
                Title = Truncate(request.Title, 300),
                Text = request.Text is null ? null : Truncate(request.Text, 1000),
                Link = request.Link,
                DedupKey = request.DedupKey,
                CreatedAt = now,
            });
            added++;
        }
        return added;
    }

    public async Task<IReadOnlyList<NotificationItem>> ListAsync(Actor actor, int page = 0, int pageSize = 20, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == actor.PersonId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Title, n.Text, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    public async Task<int> CountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.RecipientId == actor.PersonId, ct);
    }

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.RecipientId == actor.PersonId && n.ReadAt == null, ct);
    }

    /// <summary>Marks one of the actor's own notifications read; someone else's id changes nothing.</summary>
    public async Task MarkReadAsync(Actor actor, long notificationId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Notifications
            .Where(n => n.Id == notificationId && n.RecipientId == actor.PersonId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        if (changed > 0) events.Raise([actor.PersonId]);
    }

    public async Task MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Notifications
            .Where(n => n.RecipientId == actor.PersonId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        if (changed > 0) events.Raise([actor.PersonId]);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
