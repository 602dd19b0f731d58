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

    /// <summary>
    /// Adds the notifications not created before to an operation, so they commit with the change that caused them (a
    /// sweep's "reminded" mark and its reminders are one unit); open circuits hear of them after the commit.
    /// </summary>
    Task<int> AddAsync(Operation operation, IReadOnlyCollection<NotificationRequest> requests, CancellationToken ct = default);

    /// <summary>
    /// Keeps one running summary per recipient and dedup key inside an operation: creates it, or rewrites its title and
    /// text, moves it to now and marks it unread again when they changed. A sweep that finds hundreds of overdue people
    /// tells a trainer once ("12 people are overdue on 3 courses"), not once per person. Returns how many were written.
    /// </summary>
    Task<int> SummariseAsync(Operation operation, IReadOnlyCollection<NotificationRequest> summaries, CancellationToken ct = default);
}

public static class NotifierExtensions
{
    /// <summary>
    /// Running summaries written in an operation of their own (a sweep's daily summaries). Two runs at once may both
    /// find no summary for today and both insert it; the second then fails on the unique key and is run once more,
    /// when it finds the first run's rows and rewrites them instead.
    /// </summary>
    public static async Task<int> SummariseAsync(this INotifier notifier, Operations operations, IReadOnlyCollection<NotificationRequest> summaries,
        CancellationToken ct)
    {
        if (summaries.Count == 0) return 0;
        try
        {
            return await operations.RunAsync(op => notifier.SummariseAsync(op, summaries, ct), ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            return await operations.RunAsync(op => notifier.SummariseAsync(op, summaries, ct), ct);
        }
    }
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

public sealed class NotificationService(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time, NotificationEvents events,
    Microsoft.Extensions.Options.IOptions<MailOptions>? mail = null)
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
            var fresh = await MissingAsync(db, distinct, ct);
            await InsertAsync(db, fresh, ct);
            created = fresh.Count;
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // Another run inserted some of the same keys between our check and our insert: add one at a time,
            // letting the unique index refuse the duplicates.
            created = 0;
            foreach (var request in distinct)
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    var fresh = await MissingAsync(db, [request], ct);
                    if (fresh.Count == 0) continue;
                    await InsertAsync(db, fresh, ct);
                    created++;
                }
                catch (Exception duplicate) when (duplicate is DbUpdateException or System.Data.Common.DbException && request.DedupKey is not null)
                {
                }
            }
        }
        events.Raise(distinct.Select(r => r.RecipientId));
        return created;
    }

    public async Task<int> AddAsync(Operation operation, IReadOnlyCollection<NotificationRequest> requests, CancellationToken ct = default)
    {
        var distinct = requests.Where(r => r.DedupKey is null)
            .Concat(requests.Where(r => r.DedupKey is not null).DistinctBy(r => (r.RecipientId, r.DedupKey)))
            .ToList();
        if (distinct.Count == 0) return 0;
        var fresh = await MissingAsync(operation.Db, distinct, ct);
        await InsertAsync(operation.Db, fresh, ct);
        var recipients = fresh.Select(n => n.RecipientId).ToList();
        operation.AfterCommit(() => events.Raise(recipients));
        return fresh.Count;
    }

    public async Task<int> SummariseAsync(Operation operation, IReadOnlyCollection<NotificationRequest> summaries, CancellationToken ct = default)
    {
        if (summaries.Any(s => s.DedupKey is null)) throw new ArgumentException("A summary needs a dedup key.", nameof(summaries));
        var distinct = summaries.DistinctBy(s => (s.RecipientId, s.DedupKey)).ToList();
        if (distinct.Count == 0) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        var recipients = distinct.Select(s => s.RecipientId).Distinct().ToList();
        var keys = distinct.Select(s => s.DedupKey).Distinct().ToList();
        var existing = (await operation.Db.Notifications.Where(n => recipients.Contains(n.RecipientId) && keys.Contains(n.DedupKey)).ToListAsync(ct))
            .ToDictionary(n => (n.RecipientId, n.DedupKey));
        var written = new List<int>();
        var fresh = new List<Notification>();
        foreach (var s in distinct)
        {
            if (existing.TryGetValue((s.RecipientId, s.DedupKey), out var row))
            {
                if (row.Title == s.Title && row.Text == s.Text && row.Link == s.Link) continue;
                (row.Title, row.Text, row.Link, row.CreatedAt, row.ReadAt) = (s.Title, s.Text, s.Link, now, null);
            }
            else
            {
                fresh.Add(new Notification { RecipientId = s.RecipientId, Kind = s.Kind, Title = s.Title, Text = s.Text, Link = s.Link, CreatedAt = now, DedupKey = s.DedupKey });
            }
            written.Add(s.RecipientId);
        }
        await operation.Db.SaveChangesAsync(ct);
        await InsertAsync(operation.Db, fresh, ct);
        operation.AfterCommit(() => events.Raise(written));
        return written.Count;
    }

    /// <summary>
    /// Inserts with multi-row INSERT statements, a few hundred rows each, so a sweep notifying thousands of people costs a
    /// handful of commands rather than one per row. All in one transaction: a duplicate key fails the lot, and the caller
    /// falls back to one at a time.
    /// </summary>
    private async Task InsertAsync(StaffVoiceDb db, IReadOnlyList<Notification> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        // Inside an operation the operation's transaction holds; alone, the statements get one of their own, run inside
        // the execution strategy so that SQL Server's retry on transient errors repeats all of them. The e-mails the
        // notifications call for join the same transaction (the outbox), so neither exists without the other.
        if (db.Database.CurrentTransaction is not null)
        {
            await InsertRowsAsync(db, rows, ct);
            await MailOutbox.QueueAtOnceAsync(db, rows, mail?.Value ?? new MailOptions(), time.GetUtcNow().UtcDateTime, ct);
            return;
        }
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await InsertRowsAsync(db, rows, cancel);
            await MailOutbox.QueueAtOnceAsync(db, rows, mail?.Value ?? new MailOptions(), time.GetUtcNow().UtcDateTime, cancel);
            await transaction.CommitAsync(cancel);
        }, ct);
    }

    private static Task InsertRowsAsync(StaffVoiceDb db, IReadOnlyList<Notification> rows, CancellationToken ct) =>
        MultiRowInsert.ExecuteAsync(db, "Notifications", ["RecipientId", "Kind", "Title", "Text", "Link", "CreatedAt", "ReadAt", "DedupKey"],
            rows.Select(n => new object?[] { n.RecipientId, n.Kind, n.Title, n.Text, n.Link, n.CreatedAt, n.ReadAt, n.DedupKey }), ct);

    private async Task<List<Notification>> MissingAsync(StaffVoiceDb db, IReadOnlyCollection<NotificationRequest> requests, CancellationToken ct)
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
        var fresh = new List<Notification>();
        foreach (var request in requests)
        {
            if (request.DedupKey is not null && existing.Contains((request.RecipientId, request.DedupKey))) continue;
            fresh.Add(new Notification
            {
                RecipientId = request.RecipientId,
                Kind = request.Kind,
                Title = Truncate(request.Title, 300),
                Text = request.Text is null ? null : Truncate(request.Text, 1000),
                Link = request.Link,
                DedupKey = request.DedupKey,
                CreatedAt = now,
            });
        }
        return fresh;
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
