using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;

namespace StaffVoice.Web.Features.Knowledge;

/// <summary>
/// Daily: gives the owner of each published article past its review date one review task (a notification) per due
/// period. The dedup key names the article and its due date, so running twice, or two copies at once, gives one task;
/// when the owner confirms or edits, the due date moves and the next period gets its own task.
/// </summary>
public sealed class StaleContentSweep(
    IDbContextFactory<StaffVoiceDb> dbFactory, INotifier notifier, TimeProvider time, ILogger<StaleContentSweep> logger)
{
    public const int BatchSize = 500;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lastId = 0;
        var created = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await db.Articles.AsNoTracking()
                .Where(a => a.Status == ArticleStatus.Published && a.ReviewDueAt <= now && a.Id > lastId)
                .OrderBy(a => a.Id).Take(BatchSize)
                .Select(a => new { a.Id, a.Title, a.OwnerId, a.ReviewDueAt })
                .ToListAsync(ct);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            created += await notifier.NotifyAsync(batch.Select(a => new NotificationRequest(a.OwnerId, "article-review",
                $"Review needed: {a.Title}", $"/knowledge/articles/{a.Id}",
                $"Due for review since {a.ReviewDueAt:d MMM yyyy}. Confirm it is still accurate, or edit it.",
                $"article-review:{a.Id}:{a.ReviewDueAt:yyyyMMdd}")).ToList(), ct);
        }
        logger.LogInformation("Stale-content review: {Created} new review tasks", created);
        return created;
    }
}
