using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Responses.Publishers;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Every minute: publishes what is due. Publishing leaves the database (a webhook, a person posting by hand), so each
/// draft-and-channel row is claimed first with a lease: a conditional update that sets a token, an expiry and an attempt
/// count. Two sweeps at once publish a post once. Whatever the publisher does (answers, fails, throws, times out), the
/// outcome, its audit entry and the draft's completion are recorded in one operation. A lease left by a crashed run is
/// taken over once it expires; after <see cref="ResponseOptions.MaxPublishAttempts"/> claims the post is marked Failed with
/// the reason, so it is never stranded and a comms manager can retry it.
/// </summary>
public sealed class PublishSweep(
    IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, ManualPublisher manual, WebhookPublisher webhook,
    IOptions<ResponseOptions> options, ResponseService responses, TimeProvider time, ILogger<PublishSweep> logger)
{
    public const int BatchSize = 100;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        var leaseExpired = now - settings.PublishLease;
        List<DuePost> due;
        List<string> banned;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var quiet = await db.QuietPeriods.AsNoTracking().Where(q => q.StartsAt <= now && q.EndsAt > now).AnyAsync(ct);
            due = await db.DraftChannelPosts.AsNoTracking()
                .Where(p => (p.Status == PostStatus.Pending || (p.Status == PostStatus.Claimed && p.ClaimedAt < leaseExpired))
                    && db.Drafts.Any(d => d.Id == p.DraftId && d.State == DraftState.Scheduled && d.ScheduledFor <= now
                        && ((!quiet && !d.ApproverChangedText) || d.SecondApprovedById != null)))
                .OrderBy(p => p.DraftId).Take(BatchSize)
                .Select(p => new DuePost(p.DraftId, p.Channel, p.Attempts,
                    db.Drafts.Where(d => d.Id == p.DraftId).Select(d => new DueDraft(
                        d.Text, d.ImageAltText, d.ImageBytes != null, d.ScheduledFor, d.PersonalDataReason != null,
                        db.People.Where(person => person.Id == d.ApprovedById).Select(person => person.DisplayName).FirstOrDefault())).First()))
                .ToListAsync(ct);
            banned = await db.BannedPhrases.AsNoTracking().Select(b => b.Phrase).ToListAsync(ct);
        }

        var published = 0;
        foreach (var post in due)
        {
            if (await PublishOneAsync(post, now, leaseExpired, settings, banned, ct)) published++;
        }
        if (due.Count > 0) logger.LogInformation("Publish sweep: {Due} due, {Published} published", due.Count, published);
        return published;
    }

    private async Task<bool> PublishOneAsync(DuePost post, DateTime now, DateTime leaseExpired, ResponseOptions settings,
        IReadOnlyList<string> banned, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        int claimed;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            claimed = await db.DraftChannelPosts
                .Where(p => p.DraftId == post.DraftId && p.Channel == post.Channel
                    && (p.Status == PostStatus.Pending || (p.Status == PostStatus.Claimed && p.ClaimedAt < leaseExpired))
                    && db.Drafts.Any(d => d.Id == p.DraftId && d.State == DraftState.Scheduled))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Claimed).SetProperty(p => p.ClaimToken, token)
                    .SetProperty(p => p.ClaimedAt, now).SetProperty(p => p.Attempts, p => p.Attempts + 1), ct);
        }
        if (claimed == 0) return false; // another sweep has it

        IPublisher publisher = !string.IsNullOrWhiteSpace(settings.WebhookUrl) && settings.WebhookChannels.Contains(post.Channel) ? webhook : manual;
        PublishResult result;
        // The text that goes out passes the checks as they stand now (a banned word added since approval stops it).
        var problems = DraftChecks.BlockingProblems(
            DraftChecks.Run(post.Draft.Text, post.Draft.HasImage, post.Draft.ImageAltText, banned, settings.Checks), post.Draft.PersonalDataReasonRecorded);
        if (!ChannelRules.Fits(post.Channel, post.Draft.Text)) problems["Text"] = $"Too long for {post.Channel}.";
        if (problems.Count > 0)
        {
            result = new PublishResult(PublishOutcome.Failed,
                Error: "Not published: the text no longer passes the checks. " + string.Join(" ", problems.Values));
        }
        else if (post.Attempts + 1 > settings.MaxPublishAttempts)
        {
            // Earlier claims expired without an outcome (the process died mid-delivery): stop trying on our own.
            result = new PublishResult(PublishOutcome.Failed,
                Error: $"Gave up after {settings.MaxPublishAttempts} attempts that did not finish; retry when the receiver is known to work.");
        }
        else
        {
            try
            {
                result = await publisher.PublishAsync(new PublishRequest(post.DraftId, post.Channel, post.Draft.Text, post.Draft.ImageAltText,
                    post.Draft.HasImage, post.Draft.Approver ?? "", post.Draft.ScheduledFor ?? now), ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One post's failure, timeouts included, is that post's outcome; the sweep goes on with the others.
                logger.LogWarning(ex, "Publishing draft {DraftId} to {Channel} failed", post.DraftId, post.Channel);
                result = new PublishResult(PublishOutcome.Failed, Error: $"{publisher.Name} failed: {ex.Message}");
            }
        }

        var status = result.Outcome switch
        {
            PublishOutcome.Published => PostStatus.Published,
            PublishOutcome.ReadyToPost => PostStatus.ReadyToPost,
            _ => PostStatus.Failed,
        };
        // The outcome is recorded even if the sweep is being stopped: the effect outside has happened.
        await operations.RunAsync(async op =>
        {
            var recorded = await op.Db.DraftChannelPosts.Where(p => p.DraftId == post.DraftId && p.Channel == post.Channel && p.ClaimToken == token)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status).SetProperty(p => p.LastError, result.Error)
                    .SetProperty(p => p.LiveUrl, result.LiveUrl)
                    .SetProperty(p => p.PublishedAt, status == PostStatus.Published ? now : null), CancellationToken.None);
            if (recorded == 0) return; // the lease expired and another run took over: its outcome counts
            op.Audit(null, status switch
            {
                PostStatus.Published => "published",
                PostStatus.ReadyToPost => "ready-to-post",
                _ => "publish-failed",
            }, "Draft", post.DraftId, details: $"{post.Channel} via {publisher.Name}" + (result.Error is null ? "" : $": {result.Error}"));
            await op.Db.SaveChangesAsync(CancellationToken.None);
            if (status == PostStatus.Published)
            {
                op.AfterCommit(() => Extensions.Telemetry.PostsPublished.Add(1, new KeyValuePair<string, object?>("channel", post.Channel.ToString())));
                await responses.CompleteIfAllPublishedAsync(op, post.DraftId, null, CancellationToken.None);
            }
        }, CancellationToken.None);
        return status == PostStatus.Published;
    }

    private sealed record DueDraft(string Text, string? ImageAltText, bool HasImage, DateTime? ScheduledFor, bool PersonalDataReasonRecorded,
        string? Approver);

    private sealed record DuePost(int DraftId, SocialChannel Channel, int Attempts, DueDraft Draft);
}
