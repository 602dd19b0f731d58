using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>One thing waiting for the person: what it is, where it is, and whether it is late.</summary>
public sealed record NeedItem(string Title, string Link, string? Detail, bool Late);

/// <summary>A kind of thing waiting, with how many and the most pressing few.</summary>
public sealed record NeedBlock(string Key, string Heading, int Count, IReadOnlyList<NeedItem> Top, string MoreLink)
{
    public bool HasLate => Top.Any(i => i.Late);
}

/// <summary>
/// The home page's "what needs me": drafts waiting for the person's review or approval, conversations assigned to them,
/// their training due, policy updates to read, unanswered questions in their areas, their articles due for review, ideas
/// waiting for them as an area's owner, ideas they follow that moved and what changed since their last visit — most pressing first,
/// empty kinds left out. Two queries per kind (a count and the top few), whatever the size of the data.
/// </summary>
public sealed class WhatNeedsMe(IDbContextFactory<StaffVoiceDb> dbFactory, TimeProvider time, Organisation.OrganisationCalendar calendar)
{
    public const int TopItems = 3;

    /// <summary>How long a proposed idea may wait for its area's owners before it shows as late.</summary>
    public static readonly TimeSpan IdeaReviewTarget = TimeSpan.FromDays(14);

    /// <summary>How recent a move must be to show under "ideas you follow that moved".</summary>
    public static readonly TimeSpan MovedWithin = TimeSpan.FromDays(14);

    public async Task<IReadOnlyList<NeedBlock>> ForAsync(Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var me = actor.PersonId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var blocks = new List<NeedBlock>();

        var policies = db.PolicyRecipients.AsNoTracking().Where(r => r.PersonId == me && r.AcknowledgedAt == null)
            .Join(db.PolicyUpdates, r => r.PolicyUpdateId, p => p.Id, (r, p) => new { p.Id, p.Title, p.CreatedAt });
        var policyTop = await policies.OrderBy(p => p.CreatedAt).Take(TopItems).ToListAsync(ct);
        blocks.Add(new NeedBlock("policies", "Policy updates to read", await policies.CountAsync(ct),
            policyTop.Select(p => new NeedItem(p.Title, $"/policies/{p.Id}", $"sent {calendar.Format(p.CreatedAt, "d MMM yyyy")}", false)).ToList(), "/policies"));

        if (actor.IsIn(Roles.CommsManager))
        {
            var approvals = db.Drafts.AsNoTracking().Where(d => d.State == DraftState.AwaitingApproval && d.AuthorId != me);
            var top = await approvals.OrderBy(d => d.AwaitingApprovalSince).ThenBy(d => d.Id).Take(TopItems)
                .Select(d => new { d.Id, d.Text, d.AwaitingApprovalSince, Author = db.People.Where(p => p.Id == d.AuthorId).Select(p => p.DisplayName).First() })
                .ToListAsync(ct);
            blocks.Add(new NeedBlock("approvals", "Replies waiting for your approval", await approvals.CountAsync(ct),
                top.Select(d => new NeedItem(Short(d.Text), $"/responses/drafts/{d.Id}", $"by {d.Author}, waiting since {calendar.Format(d.AwaitingApprovalSince, "d MMM HH:mm")}",
                    d.AwaitingApprovalSince is { } since && now - since > TimeSpan.FromHours(4))).ToList(), "/responses/approvals"));
        }

        var reviews = db.Drafts.AsNoTracking().Where(d => d.State == DraftState.InPeerReview
            && db.DraftReviewers.Any(r => r.DraftId == d.Id && r.PersonId == me && r.Decision == ReviewDecision.Pending));
        var reviewTop = await reviews.OrderBy(d => d.UpdatedAt).ThenBy(d => d.Id).Take(TopItems)
            .Select(d => new { d.Id, d.Text, Author = db.People.Where(p => p.Id == d.AuthorId).Select(p => p.DisplayName).First() })
            .ToListAsync(ct);
        blocks.Add(new NeedBlock("reviews", "Drafts waiting for your review", await reviews.CountAsync(ct),
            reviewTop.Select(d => new NeedItem(Short(d.Text), $"/responses/drafts/{d.Id}", $"by {d.Author}", false)).ToList(), "/responses/drafts?list=review"));

        var conversations = db.Conversations.AsNoTracking().Where(c => c.AssigneeId == me
            && (c.Status == ConversationStatus.New || c.Status == ConversationStatus.Drafting));
        var conversationTop = await conversations.OrderBy(c => c.DueAt ?? c.ReceivedAt).ThenBy(c => c.Id).Take(TopItems)
            .Select(c => new { c.Id, c.Text, c.AuthorHandle, c.Channel, c.DueAt }).ToListAsync(ct);
        blocks.Add(new NeedBlock("conversations", "Conversations assigned to you", await conversations.CountAsync(ct),
            conversationTop.Select(c => new NeedItem(Short(c.Text), $"/responses/conversations/{c.Id}",
                $"{c.AuthorHandle} on {c.Channel}{(c.DueAt is { } due ? (due < now ? ", past its target" : $", answer by {calendar.Format(due, "d MMM HH:mm")}") : "")}",
                c.DueAt < now)).ToList(), "/responses"));

        var training = db.Assignments.AsNoTracking().Where(a => a.PersonId == me && a.Status == AssignmentStatus.Open);
        var trainingTop = await training.OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(TopItems)
            .Join(db.Courses, a => a.CourseId, c => c.Id, (a, c) => new { a.CourseId, c.Title, a.DueAt }).ToListAsync(ct);
        blocks.Add(new NeedBlock("training", "Your training", await training.CountAsync(ct),
            trainingTop.Select(a => new NeedItem(a.Title, $"/training/courses/{a.CourseId}",
                a.DueAt < now ? $"overdue since {calendar.Format(a.DueAt, "d MMM yyyy")}" : $"due {calendar.Format(a.DueAt, "d MMM yyyy")}", a.DueAt < now)).ToList(),
            "/training"));

        // The person's areas first (a handful), then their unanswered questions through the (ServiceAreaId, AnswerCount,
        // CreatedAt) index: a correlated EXISTS made SQLite walk every unanswered question of the organisation.
        var myAreas = await db.Expertise.AsNoTracking().Where(e => e.PersonId == me).Select(e => e.ServiceAreaId).ToListAsync(ct);
        var questions = db.Questions.AsNoTracking().Where(q => myAreas.Contains(q.ServiceAreaId) && q.AnswerCount == 0 && q.ArticleId == null
            && q.AskerId != me);
        var questionTop = await questions.OrderBy(q => q.CreatedAt).ThenBy(q => q.Id).Take(TopItems)
            .Select(q => new { q.Id, q.Title, q.CreatedAt }).ToListAsync(ct);
        blocks.Add(new NeedBlock("questions", "Unanswered questions in your areas", await questions.CountAsync(ct),
            questionTop.Select(q => new NeedItem(q.Title, $"/knowledge/questions/{q.Id}", $"asked {calendar.Format(q.CreatedAt, "d MMM")}", false)).ToList(),
            "/knowledge/questions?unanswered=true"));

        var articles = db.Articles.AsNoTracking().Where(a => a.OwnerId == me && a.Status == ArticleStatus.Published && a.ReviewDueAt <= now);
        var articleTop = await articles.OrderBy(a => a.ReviewDueAt).ThenBy(a => a.Id).Take(TopItems)
            .Select(a => new { a.Id, a.Title, a.ReviewDueAt }).ToListAsync(ct);
        blocks.Add(new NeedBlock("articles", "Your articles due for review", await articles.CountAsync(ct),
            articleTop.Select(a => new NeedItem(a.Title, $"/knowledge/articles/{a.Id}", $"due since {calendar.Format(a.ReviewDueAt, "d MMM yyyy")}", false)).ToList(),
            "/knowledge/review"));

        // Ideas proposed in areas the person owns, waiting to be looked at (late after two weeks).
        var toReview = db.Ideas.AsNoTracking().Where(i => i.Status == Listening.IdeaStatus.Proposed
            && db.AreaOwners.Any(o => o.PersonId == me && o.ServiceAreaId == i.ServiceAreaId));
        var toReviewTop = await toReview.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(TopItems)
            .Select(i => new { i.Id, i.Title, i.CreatedAt }).ToListAsync(ct);
        blocks.Add(new NeedBlock("ideas-to-review", "Ideas waiting for you to follow up", await toReview.CountAsync(ct),
            toReviewTop.Select(i => new NeedItem(i.Title, $"/ideas/{i.Id}", $"proposed {calendar.Format(i.CreatedAt, "d MMM yyyy")}",
                now - i.CreatedAt > IdeaReviewTarget)).ToList(), "/ideas?status=Proposed"));

        // Ideas the person proposed, supports or backed with an insight that moved on in the last two weeks.
        var since = now - MovedWithin;
        var moved = db.Ideas.AsNoTracking().Where(i => i.Status != Listening.IdeaStatus.Proposed && i.StatusChangedAt >= since
            && (db.IdeaSupports.Any(s => s.IdeaId == i.Id && s.PersonId == me)
                || db.IdeaEvidence.Any(e => e.IdeaId == i.Id && db.Insights.Any(x => x.Id == e.InsightId && x.CreatedById == me))));
        var movedTop = await moved.OrderByDescending(i => i.StatusChangedAt).ThenBy(i => i.Id).Take(TopItems)
            .Select(i => new { i.Id, i.Title, i.Status, i.StatusChangedAt }).ToListAsync(ct);
        blocks.Add(new NeedBlock("ideas-moved", "Ideas you follow that moved", await moved.CountAsync(ct),
            movedTop.Select(i => new NeedItem(i.Title, $"/ideas/{i.Id}",
                $"{Listening.ListeningRules.StatusName(i.Status).ToLowerInvariant()} since {calendar.Format(i.StatusChangedAt, "d MMM")}", false)).ToList(), "/ideas"));

        // What changed since the person's previous visit (the start of their previous sign-in session): answers to their
        // questions, articles new or updated in their areas, ideas done. One line per kind, each with its count.
        var previousVisit = await db.SignInSessions.AsNoTracking().Where(x => x.PersonId == me).OrderByDescending(x => x.StartedAt).Skip(1)
            .Select(x => (DateTime?)x.StartedAt).FirstOrDefaultAsync(ct);
        if (previousVisit is { } visit)
        {
            var changes = new List<NeedItem>();
            var answers = db.Answers.AsNoTracking().Where(a => a.CreatedAt >= visit && a.AuthorId != me && db.Questions.Any(q => q.Id == a.QuestionId && q.AskerId == me));
            var answerCount = await answers.CountAsync(ct);
            if (answerCount > 0)
            {
                var latest = await answers.OrderByDescending(a => a.CreatedAt).Select(a => a.QuestionId).FirstAsync(ct);
                changes.Add(new NeedItem(answerCount == 1 ? "1 new answer to your questions" : $"{answerCount} new answers to your questions",
                    $"/knowledge/questions/{latest}", null, false));
            }
            var articleCount = await db.Articles.AsNoTracking().CountAsync(a => a.Status == ArticleStatus.Published && a.UpdatedAt >= visit && a.OwnerId != me
                && db.Expertise.Any(e => e.PersonId == me && e.ServiceAreaId == a.ServiceAreaId), ct);
            if (articleCount > 0)
            {
                changes.Add(new NeedItem(articleCount == 1 ? "1 article new or updated in your areas" : $"{articleCount} articles new or updated in your areas",
                    "/knowledge", null, false));
            }
            var doneCount = await db.Ideas.AsNoTracking().CountAsync(i => i.DoneAt >= visit, ct);
            if (doneCount > 0)
            {
                changes.Add(new NeedItem(doneCount == 1 ? "1 idea done: you said, we did" : $"{doneCount} ideas done: you said, we did", "/you-said-we-did", null, false));
            }
            blocks.Add(new NeedBlock("since-last-visit", $"Since your last visit on {calendar.Format(visit, "d MMM")}", changes.Count, changes, "/notifications"));
        }

        // Kinds with something late first, then in the order above; empty kinds are left out.
        return blocks.Where(b => b.Count > 0).OrderBy(b => b.HasLate ? 0 : 1).ToList();
    }

    private static string Short(string text) => PlainText.Shorten(text, 90);
}
