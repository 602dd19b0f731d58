using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Responses.Publishers;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Every minute: publishes what is due. Each draft-and-channel row is claimed with a conditional update before its
/// publisher runs, so two sweeps at once publish it once. A claim left by a crashed run is taken over after
/// <see cref="ClaimTimeout"/> (the webhook's idempotency key lets the receiver drop the repeat).
/// </summary>
public sealed class PublishSweep(
    IDbContextFactory<StaffVoiceDb> dbFactory, ManualPublisher manual, WebhookPublisher webhook, IOptions<ResponseOptions> options,
    ResponseService responses, AuditTrail audit, TimeProvider time, ILogger<PublishSweep> logger)
{
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);
    public const int BatchSize = 100;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var staleClaim = now - ClaimTimeout;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var quiet = await db.QuietPeriods.AsNoTracking().Where(q => q.StartsAt <= now && q.EndsAt > now).AnyAsync(ct);
        var due = await db.DraftChannelPosts.AsNoTracking()
            .Where(p => (p.Status == PostStatus.Pending || (p.Status == PostStatus.Claimed && p.ClaimedAt < staleClaim))
                && db.Drafts.Any(d => d.Id == p.DraftId && d.State == DraftState.Scheduled && d.ScheduledFor <= now
                    && (!quiet || d.SecondApprovedById != null)))
            .OrderBy(p => p.DraftId).Take(BatchSize)
            .Select(p => new
            {
                p.DraftId, p.Channel,
                Draft = db.Drafts.Where(d => d.Id == p.DraftId).Select(d => new
                {
                    d.Text, d.ImageAltText, HasImage = d.ImageBytes != null, d.ScheduledFor,
                    Approver = db.People.Where(person => person.Id == d.ApprovedById).Select(person => person.DisplayName).FirstOrDefault(),
                }).First(),
            })
            .ToListAsync(ct);

        var published = 0;
        foreach (var post in due)
        {
            var token = Guid.NewGuid();
            var claimed = await db.DraftChannelPosts
                .Where(p => p.DraftId == post.DraftId && p.Channel == post.Channel
                    && (p.Status == PostStatus.Pending || (p.Status == PostStatus.Claimed && p.ClaimedAt < staleClaim)))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Claimed).SetProperty(p => p.ClaimToken, token)
                    .SetProperty(p => p.ClaimedAt, now).SetProperty(p => p.Attempts, p => p.Attempts + 1), ct);
            if (claimed == 0) continue; // another sweep has it

            IPublisher publisher = !string.IsNullOrWhiteSpace(options.Value.WebhookUrl) && options.Value.WebhookChannels.Contains(post.Channel) ? webhook : manual;
            var result = await publisher.PublishAsync(new PublishRequest(post.DraftId, post.Channel, post.Draft.Text, post.Draft.ImageAltText,
                post.Draft.HasImage, post.Draft.Approver ?? "", post.Draft.ScheduledFor ?? now), ct);
            var status = result.Outcome switch
            {
                PublishOutcome.Published => PostStatus.Published,
                PublishOutcome.ReadyToPost => PostStatus.ReadyToPost,
                _ => PostStatus.Failed,
            };
            await db.DraftChannelPosts.Where(p => p.DraftId == post.DraftId && p.Channel == post.Channel && p.ClaimToken == token)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status).SetProperty(p => p.LastError, result.Error)
                    .SetProperty(p => p.LiveUrl, result.LiveUrl)
                    .SetProperty(p => p.PublishedAt, status == PostStatus.Published ? now : null), ct);
            audit.Add(db, null, status switch
            {
                PostStatus.Published => "published",
                PostStatus.ReadyToPost => "ready-to-post",
                _ => "publish-failed",
            }, "Draft", post.DraftId, details: $"{post.Channel} via {publisher.Name}" + (result.Error is null ? "" : $": {result.Error}"));
            await db.SaveChangesAsync(ct);
            if (status == PostStatus.Published)
            {
                published++;
                await responses.CompleteIfAllPublishedAsync(db, post.DraftId, null, ct);
            }
        }
        if (due.Count > 0) logger.LogInformation("Publish sweep: {Due} due, {Published} published", due.Count, published);
        return published;
    }
}
