using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Knowledge;

public sealed record QuestionInput(string Title, string BodyMarkdown, int ServiceAreaId, IReadOnlyList<string> Tags);

public sealed record QuestionListQuery(bool UnansweredOnly = false, int? ServiceAreaId = null, string? Tag = null, int Page = 0, int PageSize = 20);

public sealed record QuestionListItem(
    int Id, string Title, string ServiceArea, string AskerName, IReadOnlyList<string> Tags, int AnswerCount, bool HasAcceptedAnswer, DateTime CreatedAt);

public sealed record AnswerView(int Id, string AuthorName, int AuthorId, string BodyHtml, int Score, bool IsAccepted, bool VotedByMe, DateTime CreatedAt);

public sealed record QuestionView(
    int Id, string Title, string BodyHtml, int ServiceAreaId, string ServiceArea, int AskerId, string AskerName, IReadOnlyList<string> Tags,
    DateTime CreatedAt, int? AcceptedAnswerId, int? ArticleId, IReadOnlyList<AnswerView> Answers, bool CanAccept);

/// <summary>Questions and answers: experts are notified, answers are voted on, and one is accepted.</summary>
public sealed class QuestionService(
    IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, SafeMarkdown markdown, INotifier notifier, ArticleService articles)
{
    public async Task<PagedResult<QuestionListItem>> ListAsync(QuestionListQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var questions = db.Questions.AsNoTracking();
        if (query.UnansweredOnly) questions = questions.Where(q => q.AcceptedAnswerId == null);
        if (query.ServiceAreaId is { } area) questions = questions.Where(q => q.ServiceAreaId == area);
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            questions = questions.Where(q => q.Tags.Any(t => t.Name == tag));
        }
        var total = await questions.CountAsync(ct);
        var items = await questions.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)
            .Select(q => new QuestionListItem(q.Id, q.Title, q.ServiceArea!.Name,
                db.People.Where(p => p.Id == q.AskerId).Select(p => p.DisplayName).First(),
                q.Tags.Select(t => t.Name).ToList(), q.AnswerCount, q.AcceptedAnswerId != null, q.CreatedAt))
            .ToListAsync(ct);
        return new PagedResult<QuestionListItem>(items, total);
    }

    public async Task<QuestionView?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == id)
            .Select(q => new
            {
                q.Id, q.Title, q.BodyHtml, q.ServiceAreaId, ServiceArea = q.ServiceArea!.Name, q.AskerId,
                AskerName = db.People.Where(p => p.Id == q.AskerId).Select(p => p.DisplayName).First(),
                Tags = q.Tags.Select(t => t.Name).OrderBy(t => t).ToList(), q.CreatedAt, q.AcceptedAnswerId, q.ArticleId,
            })
            .SingleOrDefaultAsync(ct);
        if (question is null) return null;
        var answers = await db.Answers.AsNoTracking().Where(a => a.QuestionId == id)
            .OrderByDescending(a => a.Id == question.AcceptedAnswerId).ThenByDescending(a => a.Score).ThenBy(a => a.CreatedAt)
            .Select(a => new AnswerView(a.Id, db.People.Where(p => p.Id == a.AuthorId).Select(p => p.DisplayName).First(), a.AuthorId,
                a.BodyHtml, a.Score, a.Id == question.AcceptedAnswerId,
                db.AnswerVotes.Any(v => v.AnswerId == a.Id && v.PersonId == actor.PersonId), a.CreatedAt))
            .ToListAsync(ct);
        var canAccept = await MayAcceptAsync(db, actor, question.AskerId, question.ServiceAreaId, ct);
        return new QuestionView(question.Id, question.Title, question.BodyHtml, question.ServiceAreaId, question.ServiceArea,
            question.AskerId, question.AskerName, question.Tags, question.CreatedAt, question.AcceptedAnswerId, question.ArticleId,
            answers, canAccept);
    }

    /// <summary>Posts a question and tells the service area's experts about it.</summary>
    public async Task<int> AskAsync(Actor actor, QuestionInput input, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "ask questions");
        var errors = new Dictionary<string, string>();
        var tags = KnowledgeRules.NormaliseTags(input.Tags);
        if (KnowledgeRules.TitleError(input.Title) is { } title) errors["Title"] = title;
        if (KnowledgeRules.BodyError(input.BodyMarkdown, required: false) is { } body) errors["Body"] = body;
        if (KnowledgeRules.TagsError(tags) is { } tagError) errors["Tags"] = tagError;
        return await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var area = await db.ServiceAreas.AsNoTracking().Where(s => s.Id == input.ServiceAreaId).Select(s => s.Name).SingleOrDefaultAsync(ct);
            if (area is null) errors["ServiceAreaId"] = "Choose a service area.";
            ValidationFailedException.ThrowIfAny(errors);

            var question = new Question
            {
                Title = PlainText.Clean(input.Title).Trim(),
                BodyMarkdown = input.BodyMarkdown ?? "",
                BodyHtml = markdown.ToHtml(input.BodyMarkdown ?? ""),
                ServiceAreaId = input.ServiceAreaId,
                AskerId = actor.PersonId,
                Tags = tags.Select(t => new QuestionTag { Name = t }).ToList(),
            };
            db.Questions.Add(question);
            await db.SaveChangesAsync(ct);
            await SearchIndex.UpsertAsync(db, SearchDocuments.For(question), ct);
            op.Audit(actor, "asked", "Question", question.Id, details: question.Title);

            var experts = await db.Expertise.AsNoTracking()
                .Where(e => e.ServiceAreaId == input.ServiceAreaId && e.PersonId != actor.PersonId).Select(e => e.PersonId).ToListAsync(ct);
            op.AfterCommit(() => notifier.NotifyAsync(experts.Select(expert => new NotificationRequest(expert, "question-asked",
                $"New question in {area}: {question.Title}", $"/knowledge/questions/{question.Id}",
                $"{actor.DisplayName} asked a question in a service area you know.", $"question-asked:{question.Id}")).ToList(), CancellationToken.None));
            return question.Id;
        }, ct);
    }

    public async Task<int> AnswerAsync(Actor actor, int questionId, string bodyMarkdown, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "answer questions");
        if (KnowledgeRules.BodyError(bodyMarkdown) is { } error)
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["Answer"] = error });
        }
        return await operations.RunAsync(async op =>
        {
        var db = op.Db;
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId)
            .Select(q => new { q.Id, q.Title, q.AskerId, q.ServiceAreaId }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("That question no longer exists.");

        var answer = new Answer
        {
            QuestionId = questionId,
            AuthorId = actor.PersonId,
            BodyMarkdown = bodyMarkdown,
            BodyHtml = markdown.ToHtml(bodyMarkdown),
        };
        db.Answers.Add(answer);
        await db.SaveChangesAsync(ct);
        await db.Questions.Where(q => q.Id == questionId).ExecuteUpdateAsync(s => s.SetProperty(q => q.AnswerCount, q => q.AnswerCount + 1), ct);
        await SearchIndex.UpsertAsync(db, SearchDocuments.For(answer, question.ServiceAreaId, question.Title), ct);
        op.Audit(actor, "answered", "Question", questionId, details: $"answer {answer.Id}");

        if (question.AskerId != actor.PersonId)
        {
            op.AfterCommit(() => notifier.NotifyAsync([new NotificationRequest(question.AskerId, "question-answered",
                $"{actor.DisplayName} answered your question: {question.Title}", $"/knowledge/questions/{questionId}#answer-{answer.Id}",
                DedupKey: $"question-answered:{answer.Id}")], CancellationToken.None));
        }
        return answer.Id;
        }, ct);
    }

    /// <summary>One vote per person per answer; voting again takes the vote back.</summary>
    public async Task ToggleVoteAsync(Actor actor, int answerId, CancellationToken ct = default)
    {
        // A vote is feedback, not content: kept, but not part of the audit record.
        await operations.RunAsync(async op =>
        {
        var db = op.Db;
        var authorId = await db.Answers.Where(a => a.Id == answerId).Select(a => (int?)a.AuthorId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("That answer no longer exists.");
        if (authorId == actor.PersonId) throw new InvalidStateException("You cannot vote for your own answer.");
        var removed = await db.AnswerVotes.Where(v => v.AnswerId == answerId && v.PersonId == actor.PersonId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            db.AnswerVotes.Add(new AnswerVote { AnswerId = answerId, PersonId = actor.PersonId });
            await db.SaveChangesAsync(ct);
        }
        var score = await db.AnswerVotes.CountAsync(v => v.AnswerId == answerId, ct);
        await db.Answers.Where(a => a.Id == answerId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Score, score), ct);
        }, ct);
    }

    /// <summary>The asker, an expert of the question's service area or an administrator accepts one answer.</summary>
    public async Task AcceptAsync(Actor actor, int answerId, CancellationToken ct = default)
    {
        await operations.RunAsync(async op =>
        {
        var db = op.Db;
        var answer = await db.Answers.AsNoTracking().Where(a => a.Id == answerId).Select(a => new { a.QuestionId, a.AuthorId }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("That answer no longer exists.");
        var question = await db.Questions.SingleAsync(q => q.Id == answer.QuestionId, ct);
        if (!await MayAcceptAsync(db, actor, question.AskerId, question.ServiceAreaId, ct))
        {
            throw new PermissionDeniedException(
                "Only the person who asked, an expert in this service area or an administrator can accept an answer.");
        }
        var before = question.AcceptedAnswerId;
        question.AcceptedAnswerId = answerId;
        op.Audit(actor, "answer-accepted", "Question", question.Id, new { AcceptedAnswerId = before }, new { AcceptedAnswerId = answerId });
        if (answer.AuthorId != actor.PersonId)
        {
            op.AfterCommit(() => notifier.NotifyAsync([new NotificationRequest(answer.AuthorId, "answer-accepted",
                $"Your answer was accepted: {question.Title}", $"/knowledge/questions/{question.Id}#answer-{answerId}",
                DedupKey: $"answer-accepted:{answerId}")], CancellationToken.None));
        }
        }, ct);
    }

    /// <summary>Turns a question with an accepted answer into a published article that links back to it.</summary>
    public async Task<int> ConvertToArticleAsync(Actor actor, int questionId, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "write articles");
        return await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId)
                .Select(q => new { q.Title, q.BodyMarkdown, q.ServiceAreaId, q.AcceptedAnswerId, q.ArticleId, Tags = q.Tags.Select(t => t.Name).ToList() })
                .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("That question no longer exists.");
            if (question.ArticleId is { } existing) return existing;
            if (question.AcceptedAnswerId is null) throw new InvalidStateException("Accept an answer before turning the question into an article.");
            var answer = await db.Answers.AsNoTracking().Where(a => a.Id == question.AcceptedAnswerId).Select(a => a.BodyMarkdown).SingleAsync(ct);
            var body = (string.IsNullOrWhiteSpace(question.BodyMarkdown) ? "" : question.BodyMarkdown.Trim() + "\n\n")
                + "## Answer\n\n" + answer.Trim();
            if (body.Length > KnowledgeRules.BodyMax) body = body[..KnowledgeRules.BodyMax];
            var input = new ArticleInput(question.Title, body, question.ServiceAreaId, question.Tags);
            var tags = await articles.ValidateAsync(input, null, ct);
            var id = await articles.CreateAsync(op, actor, input, tags, publish: true, summary: $"Created from question {questionId}",
                sourceQuestionId: questionId, ct);
            op.Audit(actor, "converted-to-article", "Question", questionId, details: $"article {id}");
            return id;
        }, ct);
    }

    private static async Task<bool> MayAcceptAsync(StaffVoiceDb db, Actor actor, int askerId, int serviceAreaId, CancellationToken ct) =>
        actor.PersonId == askerId || actor.IsIn(Roles.Administrator)
        || await db.Expertise.AnyAsync(e => e.PersonId == actor.PersonId && e.ServiceAreaId == serviceAreaId && e.ConfirmedAt != null, ct);
}
