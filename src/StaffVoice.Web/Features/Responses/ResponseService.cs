using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Drafts and their workflow. Every state change goes through <see cref="DraftWorkflow"/>, is checked against the
/// acting person here, is guarded by the draft's concurrency token (two people acting at once: one wins, the other is
/// told who acted first) and is one <see cref="Operations"/> unit: the change, its audit entry and any bulk deletes commit
/// together or not at all, and people are notified only after the commit.
/// </summary>
public sealed class ResponseService(
    IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, IOptions<ResponseOptions> options, TimeProvider time,
    INotifier notifier, IDraftGate gate)
{
    private const string Entity = "Draft";

    // ---- Reading ----

    public async Task<PagedResult<DraftListItem>> ListAsync(Actor actor, DraftListKind kind, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var drafts = db.Drafts.AsNoTracking();
        drafts = kind switch
        {
            DraftListKind.Mine => drafts.Where(d => d.AuthorId == actor.PersonId),
            DraftListKind.ToReview => drafts.Where(d => d.State == DraftState.InPeerReview
                && db.DraftReviewers.Any(r => r.DraftId == d.Id && r.PersonId == actor.PersonId && r.Decision == ReviewDecision.Pending)),
            DraftListKind.AwaitingApproval => drafts.Where(d => d.State == DraftState.AwaitingApproval),
            DraftListKind.ReadyToPost => drafts.Where(d => d.Channels.Any(c => c.Status == PostStatus.ReadyToPost)),
            _ => drafts,
        };
        var total = await drafts.CountAsync(ct);
        var ordered = kind == DraftListKind.AwaitingApproval
            ? drafts.OrderBy(d => d.AwaitingApprovalSince).ThenBy(d => d.Id)
            : drafts.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id);
        var items = await ordered.Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(d => new DraftListItem(d.Id, d.Text, db.People.Where(p => p.Id == d.AuthorId).Select(p => p.DisplayName).First(), d.State,
                d.Channels.Select(c => c.Channel).ToList(), d.UpdatedAt, d.AwaitingApprovalSince, d.ScheduledFor,
                db.Conversations.Where(c => c.Id == d.ConversationId).Select(c => c.AuthorHandle).FirstOrDefault(),
                db.ServiceAreas.Where(a => a.Id == d.ServiceAreaId).Select(a => a.Name).FirstOrDefault(),
                db.DraftReviewers.Where(r => r.DraftId == d.Id && r.Decision == ReviewDecision.Endorsed)
                    .Select(r => db.People.Where(p => p.Id == r.PersonId).Select(p => p.DisplayName).First()).ToList(),
                d.ConversationId))
            .ToListAsync(ct);
        return new PagedResult<DraftListItem>(items, total);
    }

    public async Task<DraftView?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Channels).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (draft is null) return null;
        var names = await db.People.AsNoTracking()
            .Where(p => p.Id == draft.AuthorId || p.Id == draft.ApprovedById || p.Id == draft.SecondApprovedById
                || db.DraftReviewers.Any(r => r.DraftId == id && r.PersonId == p.Id) || db.DraftComments.Any(c => c.DraftId == id && c.AuthorId == p.Id)
                || db.DraftRevisions.Any(r => r.DraftId == id && r.AuthorId == p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var conversation = draft.ConversationId is { } cid
            ? await db.Conversations.AsNoTracking().Where(c => c.Id == cid).Select(c => new { c.Text, c.AuthorHandle }).SingleOrDefaultAsync(ct)
            : null;
        var area = draft.ServiceAreaId is { } aid ? await db.ServiceAreas.Where(a => a.Id == aid).Select(a => a.Name).SingleOrDefaultAsync(ct) : null;
        var reviewers = await db.DraftReviewers.AsNoTracking().Where(r => r.DraftId == id).ToListAsync(ct);
        var comments = await db.DraftComments.AsNoTracking().Where(c => c.DraftId == id).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        var revisions = await db.DraftRevisions.AsNoTracking().Where(r => r.DraftId == id).OrderByDescending(r => r.Number).ToListAsync(ct);
        var sources = await db.DraftSources.AsNoTracking().Where(s => s.DraftId == id)
            .Select(s => new { s.ArticleId, s.RevisionAtApproval, Article = db.Articles.Where(a => a.Id == s.ArticleId).Select(a => new { a.Title, a.RevisionCount }).FirstOrDefault() })
            .ToListAsync(ct);
        var banned = await db.BannedPhrases.AsNoTracking().Select(b => b.Phrase).ToListAsync(ct);
        var (situation, inQuiet) = await SituationAsync(db, draft, ct);
        var facts = Facts(actor, draft, reviewers);
        var endorsements = reviewers.Count(r => r.Decision == ReviewDecision.Endorsed);
        bool Can(DraftAction action) => DraftWorkflow.Can(situation, action, facts);
        // The page offers exactly what the workflow allows; the service asks the workflow again when it is used.
        var can = new DraftPermissions(
            Edit: Can(DraftAction.Revise),
            Submit: Can(DraftAction.SubmitForReview),
            Review: Can(DraftAction.Endorse),
            Decide: Can(DraftAction.Approve),
            SecondApprove: Can(DraftAction.SecondApprove),
            Withdraw: Can(DraftAction.Withdraw),
            Schedule: Can(DraftAction.Schedule),
            MarkPosted: Can(DraftAction.MarkPosted),
            SaveToLibrary: Can(DraftAction.SaveToLibrary),
            Retry: Can(DraftAction.Retry),
            Unschedule: Can(DraftAction.Unschedule),
            Comment: Can(DraftAction.Comment),
            Reschedule: Can(DraftAction.Reschedule),
            Cancel: Can(DraftAction.Cancel),
            RevokeApproval: Can(DraftAction.RevokeApproval),
            CopyToNew: Can(DraftAction.CopyToNew));
        string Name(int? personId) => personId is { } p && names.TryGetValue(p, out var n) ? n : "";
        return new DraftView(draft.Id, draft.ConversationId, conversation?.Text, conversation?.AuthorHandle, draft.AuthorId, Name(draft.AuthorId),
            draft.ServiceAreaId, area, draft.Text, draft.State,
            draft.Channels.OrderBy(c => c.Channel).Select(c => new ChannelCount(c.Channel, ChannelRules.Count(c.Channel, draft.Text),
                ChannelRules.Limit(c.Channel), c.Status, c.LiveUrl, c.LastError)).ToList(),
            draft.ImageBytes is not null, draft.ImageAltText, draft.PersonalDataReason, draft.RequiredEndorsements, endorsements,
            reviewers.Select(r => new ReviewerItem(r.PersonId, Name(r.PersonId), r.Decision, r.DecidedAt)).ToList(),
            comments.Select(c => new DraftCommentItem(Name(c.AuthorId), c.Text, c.CreatedAt)).ToList(),
            sources.Select(s => new DraftSourceItem(s.ArticleId, s.Article?.Title ?? "(article deleted)",
                s.RevisionAtApproval is { } at && s.Article is not null && s.Article.RevisionCount > at, s.Article is not null)).ToList(),
            revisions.Select(r => new DraftRevisionItem(r.Number, r.Text, Name(r.AuthorId), r.Note, r.CreatedAt)).ToList(),
            DraftChecks.Run(draft.Text, draft.ImageBytes is not null, draft.ImageAltText, banned, options.Value.Checks),
            draft.ApprovedById is null ? null : Name(draft.ApprovedById), draft.ApprovedAt, draft.SecondApprovedById is null ? null : Name(draft.SecondApprovedById),
            draft.RejectionReason, draft.ScheduledFor, draft.PublishedAt, inQuiet, draft.Version, can, draft.ApproverChangedText);
    }

    public async Task<IReadOnlyList<CheckResult>> CheckAsync(string text, bool hasImage, string? altText, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var banned = await db.BannedPhrases.AsNoTracking().Select(b => b.Phrase).ToListAsync(ct);
        return DraftChecks.Run(text, hasImage, altText, banned, options.Value.Checks);
    }

    // ---- Writing the draft ----

    public async Task<int> CreateAsync(Actor actor, DraftInput input, int? conversationId, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "draft responses");
        input = Cleaned(input);
        Validate(input);
        var now = time.GetUtcNow().UtcDateTime;
        return await operations.RunAsync(async op =>
        {
        var db = op.Db;
        if (conversationId is { } cid)
        {
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == cid, ct) ?? throw new NotFoundException("That conversation no longer exists.");
            if (conversation.Status == ConversationStatus.New) conversation.Status = ConversationStatus.Drafting;
            conversation.FirstDraftAt ??= now;
        }
        var draft = new Draft
        {
            ConversationId = conversationId,
            AuthorId = actor.PersonId,
            ServiceAreaId = input.ServiceAreaId,
            Text = input.Text,
            State = DraftState.Draft,
            Channels = input.Channels.Distinct().Select(c => new DraftChannelPost { Channel = c, Status = PostStatus.Pending }).ToList(),
            RequiredEndorsements = Math.Max(1, options.Value.RequiredEndorsements),
        };
        db.Drafts.Add(draft);
        // The new draft's id is needed by its revision, sources and audit entry: saved inside the same transaction.
        await db.SaveChangesAsync(ct);
        db.DraftRevisions.Add(new DraftRevision { DraftId = draft.Id, Number = 1, Text = draft.Text, AuthorId = actor.PersonId, Note = "Created", CreatedAt = now });
        await ReplaceSourcesAsync(db, draft.Id, input.SourceArticleIds, ct);
        op.Audit(actor, "created", Entity, draft.Id, after: Snapshot(draft));
        return draft.Id;
        }, ct);
    }

    public Task ReviseAsync(Actor actor, int id, DraftInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        input = Cleaned(input);
        Validate(input);
        return ActAsync(actor, id, expectedVersion, DraftAction.Revise, "revised", async (db, draft, _, notify) =>
        {
            var textChanged = draft.Text != input.Text;
            draft.Text = input.Text;
            draft.ServiceAreaId = input.ServiceAreaId;
            var wanted = input.Channels.Distinct().ToList();
            draft.Channels.RemoveAll(c => !wanted.Contains(c.Channel));
            draft.Channels.AddRange(wanted.Where(w => draft.Channels.All(c => c.Channel != w)).Select(w => new DraftChannelPost { Channel = w }));
            if (textChanged) AddRevision(db, draft, actor, "Edited by the author");
            await ReplaceSourcesAsync(db, id, input.SourceArticleIds, ct);
            return null;
        }, ct);
    }

    /// <summary>Attaches an image (PNG or JPEG, at most 5 MB, checked by its bytes); its metadata is stripped by re-encoding.</summary>
    public Task SetImageAsync(Actor actor, int id, byte[] bytes, string? altText, Guid expectedVersion, CancellationToken ct = default)
    {
        var image = DraftImages.Clean(bytes);
        return ActAsync(actor, id, expectedVersion, DraftAction.Revise, "image-attached", (_, draft, _, notify) =>
        {
            draft.ImageBytes = image.Bytes;
            draft.ImageContentType = image.ContentType;
            draft.ImageAltText = string.IsNullOrWhiteSpace(altText) ? null : altText.Trim();
            return Task.FromResult<string?>($"{image.ContentType}, {image.Width}×{image.Height}");
        }, ct);
    }

    public Task SetAltTextAsync(Actor actor, int id, string? altText, Guid expectedVersion, CancellationToken ct = default)
    {
        if ((altText?.Length ?? 0) > ResponseRules.AltTextMax)
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["AltText"] = $"At most {ResponseRules.AltTextMax:N0} characters." });
        }
        return ActAsync(actor, id, expectedVersion, DraftAction.Revise, "alt-text-changed", (_, draft, _, notify) =>
        {
            draft.ImageAltText = string.IsNullOrWhiteSpace(altText) ? null : altText.Trim();
            return Task.FromResult<string?>(null);
        }, ct);
    }

    public Task RemoveImageAsync(Actor actor, int id, Guid expectedVersion, CancellationToken ct = default) =>
        ActAsync(actor, id, expectedVersion, DraftAction.Revise, "image-removed", (_, draft, _, notify) =>
        {
            draft.ImageBytes = null;
            draft.ImageContentType = null;
            draft.ImageAltText = null;
            return Task.FromResult<string?>(null);
        }, ct);

    public async Task<(byte[] Bytes, string ContentType)?> GetImageAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var image = await db.Drafts.AsNoTracking().Where(d => d.Id == id && d.ImageBytes != null)
            .Select(d => new { d.ImageBytes, d.ImageContentType }).SingleOrDefaultAsync(ct);
        return image is null ? null : (image.ImageBytes!, image.ImageContentType!);
    }

    // ---- Workflow ----

    /// <summary>
    /// Sends the draft to peer review: every channel within its limit, no blocking check left (personal data may stay
    /// with a recorded reason), at least one reviewer who is not the author, and the author allowed to speak publicly.
    /// </summary>
    public async Task SubmitForReviewAsync(Actor actor, int id, IReadOnlyCollection<int> reviewerIds, bool wholeServiceArea,
        string? personalDataReason, Guid expectedVersion, CancellationToken ct = default)
    {
        await gate.EnsureMaySpeakPubliclyAsync(actor, ct);
        await ActAsync(actor, id, expectedVersion, DraftAction.SubmitForReview, "review-requested", async (db, draft, asked, notify) =>
        {
            var reason = string.IsNullOrWhiteSpace(personalDataReason) ? null : personalDataReason.Trim();
            var (errors, checks) = await PublishableProblemsAsync(db, draft, draft.Text, reason is not null, ct);

            var reviewers = reviewerIds.Where(r => r != actor.PersonId).ToHashSet();
            if (wholeServiceArea && draft.ServiceAreaId is { } area)
            {
                reviewers.UnionWith(await db.Expertise.Where(e => e.ServiceAreaId == area && e.PersonId != actor.PersonId
                    && db.People.Any(p => p.Id == e.PersonId && p.IsActive)).Select(e => e.PersonId).ToListAsync(ct));
            }
            if (reviewers.Count == 0) errors["Reviewers"] = "Ask at least one colleague (other than yourself) to review.";
            else if (await db.People.CountAsync(p => reviewers.Contains(p.Id) && p.IsActive, ct) != reviewers.Count)
            {
                errors["Reviewers"] = "One of the reviewers is not an active person in the directory.";
            }
            ValidationFailedException.ThrowIfAny(errors);

            draft.PersonalDataReason = checks.Any(c => c.Code == "personal-data") ? reason : null;
            draft.SubmittedForReviewAt = time.GetUtcNow().UtcDateTime;
            // A new round of review: the people asked before and asked again start afresh, the others are no longer asked.
            // Done on the tracked rows (not a bulk delete) so asking the same person again reuses their row.
            foreach (var earlier in asked)
            {
                if (!reviewers.Contains(earlier.PersonId)) db.DraftReviewers.Remove(earlier);
                else (earlier.Decision, earlier.DecidedAt) = (ReviewDecision.Pending, null);
            }
            db.DraftReviewers.AddRange(reviewers.Where(r => asked.All(a => a.PersonId != r))
                .Select(r => new DraftReviewer { DraftId = id, PersonId = r, Decision = ReviewDecision.Pending }));
            notify.AddRange(reviewers.Select(r => new NotificationRequest(r, "review-requested", $"{actor.DisplayName} asks you to review a reply",
                $"/responses/drafts/{id}", Preview(draft.Text), $"review-requested:{id}:{draft.Version}")).ToList());
            return $"Reviewers: {reviewers.Count}" + (draft.PersonalDataReason is null ? "" : $"; personal data kept because: {draft.PersonalDataReason}");
        }, ct);
    }

    public Task EndorseAsync(Actor actor, int id, Guid expectedVersion, CancellationToken ct = default) =>
        DecideAsReviewerAsync(actor, id, expectedVersion, ReviewDecision.Endorsed, null, ct);

    /// <summary>A reviewer (in peer review) or a comms manager (awaiting approval) sends the draft back to the author.</summary>
    public async Task RequestChangesAsync(Actor actor, int id, string comment, Guid expectedVersion, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["Comment"] = "Say what should change." });
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var state = await db.Drafts.Where(d => d.Id == id).Select(d => (DraftState?)d.State).SingleOrDefaultAsync(ct);
            if (state == DraftState.InPeerReview)
            {
                await DecideAsReviewerAsync(actor, id, expectedVersion, ReviewDecision.ChangesRequested, comment, ct);
                return;
            }
        }
        await ActAsync(actor, id, expectedVersion, DraftAction.RequestChanges, "changes-requested", (db, draft, _, notify) =>
        {
            AddComment(db, id, actor, comment);
            draft.AwaitingApprovalSince = null;
            notify.AddRange([new NotificationRequest(draft.AuthorId, "changes-requested", $"{actor.DisplayName} asked for changes to your reply",
                $"/responses/drafts/{id}", comment)]);
            return Task.FromResult<string?>(comment);
        }, ct);
    }

    private Task DecideAsReviewerAsync(Actor actor, int id, Guid expectedVersion, ReviewDecision decision, string? comment, CancellationToken ct) =>
        ActAsync(actor, id, expectedVersion, decision == ReviewDecision.Endorsed ? DraftAction.Endorse : DraftAction.RequestChanges,
            decision == ReviewDecision.Endorsed ? "endorsed" : "changes-requested", async (db, draft, reviewers, _) =>
            {
                var mine = reviewers.Single(r => r.PersonId == actor.PersonId);
                mine.Decision = decision;
                mine.DecidedAt = time.GetUtcNow().UtcDateTime;
                if (comment is not null) AddComment(db, id, actor, comment);
                await Task.CompletedTask;
                return comment;
            }, ct,
            endorsementsAfter: reviewers => reviewers.Count(r => r.Decision == ReviewDecision.Endorsed) + (decision == ReviewDecision.Endorsed ? 1 : 0));

    public async Task CommentAsync(Actor actor, int id, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["Comment"] = "Write a comment of up to 2,000 characters." });
        }
        await operations.RunAsync(async op =>
        {
            var state = await op.Db.Drafts.Where(d => d.Id == id).Select(d => (DraftState?)d.State).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("That draft no longer exists.");
            // A closed draft is part of the record: what was said about it then stays as it was.
            if (DraftWorkflow.Refusal(new DraftSituation(state), DraftAction.Comment, new WorkflowActor(false, false, false)) is { } refusal) throw refusal;
            AddComment(op.Db, id, actor, text);
            op.Audit(actor, "commented", Entity, id, details: text);
        }, ct);
    }

    /// <summary>Comms managers only, never the author. An edited final text is recorded as a new revision.</summary>
    public Task ApproveAsync(Actor actor, int id, string? finalText, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "approve drafts");
        return ActAsync(actor, id, expectedVersion, DraftAction.Approve, "approved", async (db, draft, _, notify) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var text = string.IsNullOrWhiteSpace(finalText) ? draft.Text : PlainText.Clean(finalText);
            // The approver's text passes every blocking check the author's did: what is approved is what goes out.
            var (problems, _) = await PublishableProblemsAsync(db, draft, text, draft.PersonalDataReason is not null, ct);
            ValidationFailedException.ThrowIfAny(problems);
            if (text != draft.Text)
            {
                draft.Text = text;
                draft.ApproverChangedText = true;
                AddRevision(db, draft, actor, "Edited by the approver");
            }
            draft.ApprovedById = actor.PersonId;
            draft.ApprovedAt = now;
            var sources = await db.DraftSources.Where(s => s.DraftId == id).ToListAsync(ct);
            var counts = await db.Articles.Where(a => sources.Select(s => s.ArticleId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.RevisionCount, ct);
            foreach (var source in sources) source.RevisionAtApproval = counts.GetValueOrDefault(source.ArticleId);
            notify.AddRange([new NotificationRequest(draft.AuthorId, "draft-approved", $"{actor.DisplayName} approved your reply", $"/responses/drafts/{id}")]);
            return null;
        }, ct);
    }

    /// <summary>
    /// In a quiet period, or when the approver changed the reviewed text, a second comms manager (not the author, not
    /// the first approver) must also approve before the post goes out.
    /// </summary>
    public async Task SecondApproveAsync(Actor actor, int id, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "give the second approval");
        await operations.RunAsync(async op =>
        {
            var draft = await LoadForActionAsync(op.Db, id, expectedVersion, ct);
            await DecideAsync(op.Db, actor, draft, DraftAction.SecondApprove, ct);
            draft.SecondApprovedById = actor.PersonId;
            op.Audit(actor, "second-approved", Entity, id);
            await SaveGuardedAsync(op.Db, id, ct);
        }, ct);
    }

    public Task RejectAsync(Actor actor, int id, string reason, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "reject drafts");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["Reason"] = "Give the author a reason." });
        }
        return ActAsync(actor, id, expectedVersion, DraftAction.Reject, "rejected", (_, draft, _, notify) =>
        {
            draft.RejectionReason = reason.Trim();
            notify.AddRange([new NotificationRequest(draft.AuthorId, "draft-rejected", $"{actor.DisplayName} rejected your reply", $"/responses/drafts/{id}", reason)]);
            return Task.FromResult<string?>(reason);
        }, ct);
    }

    public Task WithdrawAsync(Actor actor, int id, Guid expectedVersion, CancellationToken ct = default) =>
        ActAsync(actor, id, expectedVersion, DraftAction.Withdraw, "withdrawn", (_, _, _, _) => Task.FromResult<string?>(null), ct);

    /// <summary>Schedules an approved draft for now or a later time; the publish sweep does the rest.</summary>
    public Task ScheduleAsync(Actor actor, int id, DateTime? at, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "schedule posts");
        var when = ScheduleTime(at);
        return ActAsync(actor, id, expectedVersion, DraftAction.Schedule, "scheduled", async (db, draft, _, notify) =>
        {
            // Banned words or patterns may have changed since approval: the final text is checked again.
            var (problems, _) = await PublishableProblemsAsync(db, draft, draft.Text, draft.PersonalDataReason is not null, ct);
            ValidationFailedException.ThrowIfAny(problems);
            draft.ScheduledFor = when;
            foreach (var channel in draft.Channels) channel.Status = PostStatus.Pending;
            return $"for {when:yyyy-MM-dd HH:mm} UTC";
        }, ct);
    }

    /// <summary>Takes a scheduled post off the schedule (back to Approved), as long as no channel has started going out.</summary>
    public Task UnscheduleAsync(Actor actor, int id, string reason, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "take posts off the schedule");
        var why = ResponseRules.RequireReason(reason);
        return ActAsync(actor, id, expectedVersion, DraftAction.Unschedule, "unscheduled", async (db, draft, _, _) =>
        {
            var was = draft.ScheduledFor;
            draft.ScheduledFor = null;
            await ResetPostsAsync(db, draft, ct);
            AddComment(db, id, actor, $"Taken off the schedule: {why}");
            return (was is { } at ? $"was scheduled for {at:yyyy-MM-dd HH:mm} UTC; " : "") + why;
        }, ct);
    }

    /// <summary>Moves a scheduled post to another time (now or later), before any channel went out.</summary>
    public Task RescheduleAsync(Actor actor, int id, DateTime? at, string reason, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "move posts to another time");
        var why = ResponseRules.RequireReason(reason);
        var when = ScheduleTime(at);
        return ActAsync(actor, id, expectedVersion, DraftAction.Reschedule, "rescheduled", async (db, draft, _, _) =>
        {
            var was = draft.ScheduledFor;
            draft.ScheduledFor = when;
            await ResetPostsAsync(db, draft, ct);
            AddComment(db, id, actor, $"Moved to another time: {why}");
            return $"from {was:yyyy-MM-dd HH:mm} to {when:yyyy-MM-dd HH:mm} UTC; {why}";
        }, ct);
    }

    /// <summary>Stops an approved or scheduled post for good: the draft becomes Withdrawn, the author is told why.</summary>
    public Task CancelAsync(Actor actor, int id, string reason, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "cancel posts");
        var why = ResponseRules.RequireReason(reason);
        return ActAsync(actor, id, expectedVersion, DraftAction.Cancel, "cancelled", async (db, draft, _, notify) =>
        {
            draft.ScheduledFor = null;
            await ResetPostsAsync(db, draft, ct);
            AddComment(db, id, actor, $"Cancelled: {why}");
            notify.Add(new NotificationRequest(draft.AuthorId, "draft-cancelled", $"{actor.DisplayName} cancelled your reply before it went out",
                $"/responses/drafts/{id}", why));
            return why;
        }, ct);
    }

    /// <summary>Takes back an approval before publication: the draft waits for a comms manager's decision again.</summary>
    public Task RevokeApprovalAsync(Actor actor, int id, string reason, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "revoke approvals");
        var why = ResponseRules.RequireReason(reason);
        return ActAsync(actor, id, expectedVersion, DraftAction.RevokeApproval, "approval-revoked", async (db, draft, _, notify) =>
        {
            draft.ApprovedById = null;
            draft.ApprovedAt = null;
            draft.SecondApprovedById = null;
            draft.ScheduledFor = null;
            await ResetPostsAsync(db, draft, ct);
            AddComment(db, id, actor, $"Approval revoked: {why}");
            notify.Add(new NotificationRequest(draft.AuthorId, "approval-revoked", $"{actor.DisplayName} revoked the approval of your reply",
                $"/responses/drafts/{id}", why));
            return why;
        }, ct);
    }

    /// <summary>Starts a new draft (by the person asking) from a withdrawn or rejected one: text, channels, conversation, area.</summary>
    public async Task<int> CopyToNewAsync(Actor actor, int id, CancellationToken ct = default)
    {
        DraftInput input;
        int? conversationId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var draft = await db.Drafts.AsNoTracking().Include(d => d.Channels).SingleOrDefaultAsync(d => d.Id == id, ct)
                ?? throw new NotFoundException("That draft no longer exists.");
            await DecideAsync(db, actor, draft, DraftAction.CopyToNew, ct);
            var sources = await db.DraftSources.Where(s => s.DraftId == id).Select(s => s.ArticleId).ToListAsync(ct);
            input = new DraftInput(draft.Text, draft.Channels.Select(c => c.Channel).ToList(), draft.ServiceAreaId, sources);
            conversationId = draft.ConversationId;
        }
        return await CreateAsync(actor, input, conversationId, ct);
    }

    /// <summary>Now when no time is given; otherwise the time (UTC), which may not be in the past.</summary>
    private DateTime ScheduleTime(DateTime? at)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var when = at is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : now;
        if (when < now.AddMinutes(-1))
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["ScheduledFor"] = "Choose a time from now on." });
        }
        return when;
    }

    /// <summary>
    /// Puts every channel of the draft back to Pending with no attempts, guarded by status: a post the publish sweep
    /// claimed a moment ago is not pulled back from under it (the change is then refused).
    /// </summary>
    private static async Task ResetPostsAsync(StaffVoiceDb db, Draft draft, CancellationToken ct)
    {
        var reset = await db.DraftChannelPosts
            .Where(p => p.DraftId == draft.Id && p.Status != PostStatus.Claimed && p.Status != PostStatus.Published)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PostStatus.Pending).SetProperty(p => p.Attempts, 0)
                .SetProperty(p => p.LastError, (string?)null).SetProperty(p => p.ClaimToken, (Guid?)null), ct);
        if (reset != draft.Channels.Count)
        {
            throw new InvalidStateException("This post started going out a moment ago; it can no longer be changed.");
        }
    }

    /// <summary>The comms manager pasted the live link of a post made by hand (Manual publisher).</summary>
    public async Task MarkPostedAsync(Actor actor, int id, SocialChannel channel, string liveUrl, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "mark posts as published");
        if (!Uri.TryCreate(liveUrl?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["LiveUrl"] = "Paste the full address of the live post, starting with https://." });
        }
        await operations.RunAsync(async op =>
        {
            var draft = await op.Db.Drafts.Include(d => d.Channels).SingleOrDefaultAsync(d => d.Id == id, ct)
                ?? throw new NotFoundException("That draft no longer exists.");
            var post = draft.Channels.SingleOrDefault(p => p.Channel == channel) ?? throw new NotFoundException("That post no longer exists.");
            await DecideAsync(op.Db, actor, draft, DraftAction.MarkPosted, ct, channels: [post]);
            post.Status = PostStatus.Published;
            post.LiveUrl = uri.ToString();
            post.PublishedAt = time.GetUtcNow().UtcDateTime;
            op.Audit(actor, "published", Entity, id, details: $"{channel}: {post.LiveUrl}");
            await op.Db.SaveChangesAsync(ct);
            await CompleteIfAllPublishedAsync(op, id, actor, ct);
        }, ct);
    }

    /// <summary>Sends a failed post round the publisher again.</summary>
    public async Task RetryAsync(Actor actor, int id, SocialChannel channel, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "retry a post");
        await operations.RunAsync(async op =>
        {
            var draft = await op.Db.Drafts.Include(d => d.Channels).SingleOrDefaultAsync(d => d.Id == id, ct)
                ?? throw new NotFoundException("That draft no longer exists.");
            var post = draft.Channels.SingleOrDefault(p => p.Channel == channel) ?? throw new NotFoundException("That post no longer exists.");
            await DecideAsync(op.Db, actor, draft, DraftAction.Retry, ct, channels: [post]);
            // A retry starts a fresh round of attempts (the idempotency key stays the same); the guard on the status
            // makes two retries at once count once.
            var changed = await op.Db.DraftChannelPosts.Where(p => p.DraftId == id && p.Channel == channel && p.Status == PostStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Pending).SetProperty(p => p.ClaimToken, (Guid?)null)
                    .SetProperty(p => p.Attempts, 0), ct);
            if (changed == 0) throw new InvalidStateException("That post has not failed.");
            op.Audit(actor, "retry-requested", Entity, id, details: channel.ToString());
        }, ct);
    }

    /// <summary>Marks the draft Published once every channel is; safe to call from several places at once.</summary>
    internal async Task CompleteIfAllPublishedAsync(Operation op, int id, Actor? actor, CancellationToken ct)
    {
        var db = op.Db;
        if (await db.DraftChannelPosts.AnyAsync(p => p.DraftId == id && p.Status != PostStatus.Published, ct)) return;
        var now = time.GetUtcNow().UtcDateTime;
        var draft = await db.Drafts.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.State, d.ConversationId, d.AuthorId }).SingleAsync(ct);
        var next = DraftWorkflow.Next(draft.State, DraftAction.Publish, actor is null ? WorkflowActor.System : new WorkflowActor(false, false, true));
        var changed = await db.Drafts.Where(d => d.Id == id && d.State == DraftState.Scheduled)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, next).SetProperty(d => d.PublishedAt, now).SetProperty(d => d.Version, Guid.NewGuid()), ct);
        if (changed == 0) return;
        if (draft.ConversationId is { } cid)
        {
            await db.Conversations.Where(c => c.Id == cid).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConversationStatus.Answered).SetProperty(c => c.AnsweredAt, c => c.AnsweredAt ?? now), ct);
        }
        op.Audit(actor, "state-published", Entity, id, new { State = DraftState.Scheduled }, new { State = next });
        op.AfterCommit(() => Extensions.Telemetry.DraftStateChanges.Add(1, new KeyValuePair<string, object?>("state", next.ToString())));
        op.AfterCommit(() => notifier.NotifyAsync([new NotificationRequest(draft.AuthorId, "draft-published", "Your reply has been published",
            $"/responses/drafts/{id}", DedupKey: $"draft-published:{id}")], CancellationToken.None));
    }

    // ---- Library ----

    public async Task<int> SaveToLibraryAsync(Actor actor, int id, string title, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "add replies to the library");
        if (string.IsNullOrWhiteSpace(title) || title.Length > 150)
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["Title"] = "Give the reply a title of up to 150 characters." });
        }
        return await operations.RunAsync(async op =>
        {
            var draft = await op.Db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("That draft no longer exists.");
            await DecideAsync(op.Db, actor, draft, DraftAction.SaveToLibrary, ct);
            var template = new ResponseTemplate { Title = title.Trim(), Text = draft.Text, ServiceAreaId = draft.ServiceAreaId, CreatedById = actor.PersonId, SourceDraftId = id };
            op.Db.ResponseTemplates.Add(template);
            op.Audit(actor, "saved-to-library", Entity, id, details: title);
            await op.Db.SaveChangesAsync(ct);
            return template.Id;
        }, ct);
    }

    public async Task<IReadOnlyList<TemplateItem>> ListTemplatesAsync(int? serviceAreaId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ResponseTemplates.AsNoTracking();
        if (serviceAreaId is { } area) query = query.Where(t => t.ServiceAreaId == area || t.ServiceAreaId == null);
        return await query.OrderBy(t => t.Title).Take(200)
            .Select(t => new TemplateItem(t.Id, t.Title, t.Text, db.ServiceAreas.Where(a => a.Id == t.ServiceAreaId).Select(a => a.Name).FirstOrDefault()))
            .ToListAsync(ct);
    }

    // ---- Machinery ----

    /// <summary>
    /// Loads the draft, checks the caller's copy is current, asks the workflow for the next state, applies
    /// <paramref name="change"/>, and saves with the audit entry; two people acting at once: one wins, the other is told.
    /// </summary>
    private async Task ActAsync(Actor actor, int id, Guid expectedVersion, DraftAction action, string auditAction,
        Func<StaffVoiceDb, Draft, List<DraftReviewer>, List<NotificationRequest>, Task<string?>> change, CancellationToken ct,
        Func<List<DraftReviewer>, int>? endorsementsAfter = null)
    {
        await operations.RunAsync(async op =>
        {
        var db = op.Db;
        var notify = new List<NotificationRequest>();
        var draft = await LoadForActionAsync(db, id, expectedVersion, ct);
        var reviewers = await db.DraftReviewers.Where(r => r.DraftId == id).ToListAsync(ct);
        var before = Snapshot(draft);
        var next = await DecideAsync(db, actor, draft, action, ct, reviewers: reviewers, endorsementsAfter: endorsementsAfter?.Invoke(reviewers) ?? 0);
        var details = await change(db, draft, reviewers, notify);
        var entered = next != draft.State;
        draft.State = next;
        if (entered && next == DraftState.AwaitingApproval)
        {
            draft.AwaitingApprovalSince = time.GetUtcNow().UtcDateTime;
            var managers = await db.PersonRoles.Where(r => r.Role == Roles.CommsManager && r.PersonId != draft.AuthorId
                && db.People.Any(p => p.Id == r.PersonId && p.IsActive)).Select(r => r.PersonId).ToListAsync(ct);
            notify.AddRange(managers.Select(m => new NotificationRequest(m, "approval-needed", "A reply is waiting for approval",
                $"/responses/drafts/{id}", Preview(draft.Text), $"approval-needed:{id}:{draft.AwaitingApprovalSince:O}")));
        }
        op.Audit(actor, auditAction, Entity, id, before, Snapshot(draft), details);
        await SaveGuardedAsync(db, id, ct);
        if (entered) op.AfterCommit(() => Extensions.Telemetry.DraftStateChanges.Add(1, new KeyValuePair<string, object?>("state", next.ToString())));
        if (notify.Count > 0) op.AfterCommit(() => notifier.NotifyAsync(notify, CancellationToken.None));
        }, ct);
    }

    /// <summary>
    /// Asks <see cref="DraftWorkflow"/> for the state after <paramref name="action"/> by <paramref name="actor"/>; a
    /// refusal about who may act becomes a <see cref="PermissionDeniedException"/>. <paramref name="channels"/> narrows the
    /// posts considered to the one being acted on.
    /// </summary>
    private async Task<DraftState> DecideAsync(StaffVoiceDb db, Actor actor, Draft draft, DraftAction action, CancellationToken ct,
        IReadOnlyCollection<DraftChannelPost>? channels = null, List<DraftReviewer>? reviewers = null, int endorsementsAfter = 0)
    {
        reviewers ??= await db.DraftReviewers.AsNoTracking().Where(r => r.DraftId == draft.Id).ToListAsync(ct);
        var facts = Facts(actor, draft, reviewers);
        if (!actor.IsIn(Roles.Employee) && !facts.IsCommsManager) throw new PermissionDeniedException("Only employees can work on drafts.");
        var (situation, _) = await SituationAsync(db, draft, ct, channels);
        try
        {
            return DraftWorkflow.Next(situation, action, facts, endorsementsAfter, draft.RequiredEndorsements);
        }
        catch (IllegalTransitionException ex) when (ex.IsAboutWho)
        {
            throw new PermissionDeniedException(ex.Message);
        }
    }

    /// <summary>The facts beyond its state that the workflow needs about a draft, and whether it falls in a quiet period.</summary>
    private async Task<(DraftSituation Situation, bool InQuietPeriod)> SituationAsync(StaffVoiceDb db, Draft draft, CancellationToken ct,
        IReadOnlyCollection<DraftChannelPost>? channels = null)
    {
        var at = draft.ScheduledFor ?? time.GetUtcNow().UtcDateTime;
        var inQuiet = await db.QuietPeriods.AnyAsync(q => q.StartsAt <= at && q.EndsAt > at, ct);
        var posts = channels ?? draft.Channels;
        return (new DraftSituation(draft.State,
            NeedsSecondApproval: inQuiet || draft.ApproverChangedText,
            HasSecondApproval: draft.SecondApprovedById is not null,
            HasPostsToPostByHand: posts.Any(p => p.Status is PostStatus.ReadyToPost or PostStatus.Failed),
            HasFailedPosts: posts.Any(p => p.Status == PostStatus.Failed),
            HasPostsUnderway: posts.Any(p => p.Status is PostStatus.Claimed or PostStatus.Published)), inQuiet);
    }

    private async Task<Draft> LoadForActionAsync(StaffVoiceDb db, int id, Guid expectedVersion, CancellationToken ct)
    {
        var draft = await db.Drafts.Include(d => d.Channels).SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("That draft no longer exists.");
        if (draft.Version != expectedVersion) await ThrowActedFirstAsync(db, id, ct);
        db.Entry(draft).Property(d => d.Version).OriginalValue = expectedVersion;
        return draft;
    }

    private async Task SaveGuardedAsync(StaffVoiceDb db, int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            await ThrowActedFirstAsync(fresh, id, ct);
        }
    }

    private static async Task ThrowActedFirstAsync(StaffVoiceDb db, int id, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == Entity && a.EntityId == id)
            .OrderByDescending(a => a.Id).Select(a => new { a.ActorName, a.Action, a.At }).FirstOrDefaultAsync(ct);
        throw new ConcurrencyConflictException(last is null
            ? "Someone else changed this draft a moment ago. Reload it to see the latest version."
            : $"{last.ActorName} acted first ({last.Action.Replace('-', ' ')} at {last.At:HH:mm:ss} UTC). Reload the draft to see where it stands.");
    }

    /// <summary>
    /// Everything that stops <paramref name="text"/> going out on the draft's channels: an empty text, a channel limit,
    /// and every blocking check (banned words, alt text, personal data unless a reason was recorded). The same answer at
    /// submission, approval, scheduling and publication.
    /// </summary>
    internal async Task<(Dictionary<string, string> Problems, IReadOnlyList<CheckResult> Checks)> PublishableProblemsAsync(
        StaffVoiceDb db, Draft draft, string text, bool personalDataReasonRecorded, CancellationToken ct)
    {
        var banned = await db.BannedPhrases.AsNoTracking().Select(b => b.Phrase).ToListAsync(ct);
        var checks = DraftChecks.Run(text, draft.ImageBytes is not null, draft.ImageAltText, banned, options.Value.Checks);
        var problems = DraftChecks.BlockingProblems(checks, personalDataReasonRecorded);
        if (draft.Channels.Count == 0) problems["Channels"] = "Choose at least one channel.";
        var over = draft.Channels.Where(c => !ChannelRules.Fits(c.Channel, text)).Select(c => c.Channel).ToList();
        if (over.Count > 0) problems["Text"] = $"Too long for {string.Join(", ", over)}: shorten the text or drop the channel.";
        if (string.IsNullOrWhiteSpace(text)) problems["Text"] = "Write the reply first.";
        return (problems, checks);
    }

    private static WorkflowActor Facts(Actor actor, Draft draft, IEnumerable<DraftReviewer> reviewers) => new(
        IsAuthor: draft.AuthorId == actor.PersonId,
        IsRequestedReviewer: reviewers.Any(r => r.PersonId == actor.PersonId),
        IsCommsManager: actor.IsIn(Roles.CommsManager),
        HasReviewed: reviewers.Any(r => r.PersonId == actor.PersonId && r.Decision != ReviewDecision.Pending),
        IsFirstApprover: draft.ApprovedById == actor.PersonId);

    private void AddRevision(StaffVoiceDb db, Draft draft, Actor actor, string note)
    {
        draft.RevisionCount++;
        db.DraftRevisions.Add(new DraftRevision
        {
            DraftId = draft.Id, Number = draft.RevisionCount, Text = draft.Text, AuthorId = actor.PersonId, Note = note, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
    }

    private void AddComment(StaffVoiceDb db, int id, Actor actor, string text) =>
        db.DraftComments.Add(new DraftComment { DraftId = id, AuthorId = actor.PersonId, Text = PlainText.Clean(text).Trim(), CreatedAt = time.GetUtcNow().UtcDateTime });

    private static async Task ReplaceSourcesAsync(StaffVoiceDb db, int draftId, IReadOnlyCollection<int> articleIds, CancellationToken ct)
    {
        var wanted = articleIds.Distinct().ToList();
        var existing = await db.Articles.Where(a => wanted.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        await db.DraftSources.Where(s => s.DraftId == draftId && !existing.Contains(s.ArticleId)).ExecuteDeleteAsync(ct);
        var current = await db.DraftSources.Where(s => s.DraftId == draftId).Select(s => s.ArticleId).ToListAsync(ct);
        db.DraftSources.AddRange(existing.Except(current).Select(a => new DraftSource { DraftId = draftId, ArticleId = a }));
    }

    private static DraftInput Cleaned(DraftInput input) => input with { Text = PlainText.Clean(input.Text) };

    private static void Validate(DraftInput input)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Text)) errors["Text"] = "Write the reply first: an empty draft is not saved.";
        else if (input.Text.Length > ResponseRules.DraftTextMax) errors["Text"] = $"At most {ResponseRules.DraftTextMax:N0} characters.";
        if (input.Channels.Count == 0) errors["Channels"] = "Choose at least one channel.";
        ValidationFailedException.ThrowIfAny(errors);
    }

    private static object Snapshot(Draft d) => new { d.State, d.Text, Channels = d.Channels.Select(c => c.Channel.ToString()).Order().ToList() };

    private static string Preview(string text) => PlainText.Shorten(text, 140);
}
