using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;

namespace StaffVoice.Web.Features.Knowledge;

/// <summary>
/// Daily: gives the owner of each published article past its review date one review task (a notification) per due
/// period. Each batch marks its articles (<see cref="Article.ReviewTaskFor"/> = the review date) and adds their tasks
/// in one operation, so a crash leaves neither; the next batch, and every later run, reads only articles not yet marked
/// for their current review date — no re-reading or re-sorting of the stale articles already handled. The dedup key
/// names the article and its due date as a second guard, so two copies at once still give one task. When the owner
/// confirms or edits, the due date moves and the next period gets its own task.
/// </summary>
public sealed class StaleContentSweep(
    Operations operations, INotifier notifier, TimeProvider time, ILogger<StaleContentSweep> logger)
{
    public const int BatchSize = 500;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var created = 0;
        while (true)
        {
            var (count, added) = await operations.RunAsync(async op =>
            {
                var batch = await op.Db.Articles
                    .Where(a => a.Status == ArticleStatus.Published && a.ReviewDueAt <= now
                        && (a.ReviewTaskFor == null || a.ReviewTaskFor != a.ReviewDueAt))
                    .Take(BatchSize)
                    .Select(a => new { a.Id, a.Title, a.OwnerId, a.ReviewDueAt })
                    .ToListAsync(ct);
                if (batch.Count == 0) return (0, 0);
                var ids = batch.Select(a => a.Id).ToList();
                await op.Db.Articles.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.ReviewTaskFor, a => a.ReviewDueAt), ct);
                var tasks = await notifier.AddAsync(op, batch.Select(a => new NotificationRequest(a.OwnerId, "article-review",
                    $"Review needed: {a.Title}", $"/knowledge/articles/{a.Id}",
                    $"Due for review since {a.ReviewDueAt:d MMM yyyy}. Confirm it is still accurate, or edit it.",
                    $"article-review:{a.Id}:{a.ReviewDueAt:yyyyMMdd}")).ToList(), ct);
                return (batch.Count, tasks);
            }, ct);
            created += added;
            if (count < BatchSize) break;
        }
        logger.LogInformation("Stale-content review: {Created} new review tasks", created);
        return created;
    }
}
