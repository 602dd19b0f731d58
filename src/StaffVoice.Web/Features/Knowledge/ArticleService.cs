using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Knowledge;

/// <summary>
/// Articles on the wiki model: any employee edits a published article, every save is a revision, the owner or an
/// administrator restores, only an administrator archives or deletes.
/// </summary>
public sealed class ArticleService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, SafeMarkdown markdown, TimeProvider time,
    INotifier notifier)
{
    public async Task<IReadOnlyList<ServiceAreaItem>> ListServiceAreasAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ServiceAreas.AsNoTracking().OrderBy(s => s.Department!.Name).ThenBy(s => s.Name)
            .Select(s => new ServiceAreaItem(s.Id, s.Name, s.Department!.Name)).ToListAsync(ct);
    }

    public async Task<PagedResult<ArticleListItem>> ListAsync(Actor actor, ArticleListQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var articles = db.Articles.AsNoTracking();
        if (query.Status is { } status) articles = articles.Where(a => a.Status == status);
        // Drafts are visible to their owner only.
        articles = articles.Where(a => a.Status != ArticleStatus.Draft || a.OwnerId == actor.PersonId);
        if (query.ServiceAreaId is { } area) articles = articles.Where(a => a.ServiceAreaId == area);
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            articles = articles.Where(a => a.Tags.Any(t => t.Name == tag));
        }
        var total = await articles.CountAsync(ct);
        // The page's ids first, walking the (UpdatedAt, Id) index: no article body is read or sorted; then the page's columns.
        var ids = await articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize).Select(a => a.Id).ToListAsync(ct);
        var rows = (await ToListItems(db, db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))).ToListAsync(ct)).ToDictionary(i => i.Id);
        return new PagedResult<ArticleListItem>(ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), total);
    }

    /// <summary>Published articles past their review date, the longest overdue first.</summary>
    public async Task<PagedResult<ArticleListItem>> NeedsReviewAsync(int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.ReviewDueAt <= now);
        var total = await stale.CountAsync(ct);
        var items = await ToListItems(db, stale.OrderBy(a => a.ReviewDueAt).ThenBy(a => a.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PagedResult<ArticleListItem>(items, total);
    }

    public async Task<ArticleView?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new
            {
                a.Id, a.Title, a.BodyHtml, a.ServiceAreaId, ServiceArea = a.ServiceArea!.Name, Department = a.ServiceArea.Department!.Name,
                a.OwnerId, OwnerName = db.People.Where(p => p.Id == a.OwnerId).Select(p => p.DisplayName).First(),
                a.Status, Tags = a.Tags.Select(t => t.Name).OrderBy(t => t).ToList(), a.LastVerifiedAt, a.ReviewDueAt,
                Helpful = db.ArticleVotes.Count(v => v.ArticleId == a.Id && v.Helpful),
                NotHelpful = db.ArticleVotes.Count(v => v.ArticleId == a.Id && !v.Helpful),
                MyVote = db.ArticleVotes.Where(v => v.ArticleId == a.Id && v.PersonId == actor.PersonId).Select(v => (bool?)v.Helpful).FirstOrDefault(),
                a.ViewCount, a.RevisionCount, a.SourceQuestionId, a.UpdatedAt, a.Version,
                LastEditor = db.ArticleRevisions.Where(r => r.ArticleId == a.Id).OrderByDescending(r => r.Number)
                    .Select(r => db.People.Where(p => p.Id == r.AuthorId).Select(p => p.DisplayName).First()).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (view is null) return null;
        if (view.Status == ArticleStatus.Draft && view.OwnerId != actor.PersonId && !actor.IsIn(Roles.Administrator)) return null;

        var comments = await db.ArticleComments.AsNoTracking().Where(c => c.ArticleId == id).OrderBy(c => c.CreatedAt).Take(200)
            .Select(c => new ArticleCommentItem(c.Id, db.People.Where(p => p.Id == c.AuthorId).Select(p => p.DisplayName).First(), c.Text, c.CreatedAt))
            .ToListAsync(ct);
        return new ArticleView(view.Id, view.Title, view.BodyHtml, view.ServiceAreaId, view.ServiceArea, view.Department, view.OwnerId,
            view.OwnerName, view.Status, view.Tags, view.LastVerifiedAt, view.ReviewDueAt,
            view.Status == ArticleStatus.Published && view.ReviewDueAt <= now, view.Helpful, view.NotHelpful, view.MyVote,
            view.ViewCount, view.RevisionCount, view.SourceQuestionId, view.UpdatedAt, view.LastEditor ?? view.OwnerName, view.Version,
            comments, view.OwnerId == actor.PersonId || actor.IsIn(Roles.Administrator), actor.IsIn(Roles.Administrator));
    }

    /// <summary>A counter, not content: bumped in place so it never conflicts with an edit; not audited.</summary>
    public Task RecordViewAsync(int id, CancellationToken ct = default) =>
        operations.RunAsync(op => op.Db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), ct), ct);

    public async Task<ArticleEditState?> GetForEditAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await EditStateAsync(db, id, ct);
        if (state is null) return null;
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.OwnerId }).SingleAsync(ct);
        EnsureMayEdit(actor, state.Status, article.OwnerId);
        return state;
    }

    public async Task<int> CreateAsync(Actor actor, ArticleInput input, bool publish, string? summary = null, int? sourceQuestionId = null,
        CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "write articles");
        var tags = await ValidateAsync(input, summary, ct);
        return await operations.RunAsync(op => CreateAsync(op, actor, input, tags, publish, summary, sourceQuestionId, ct), ct);
    }

    /// <summary>Creates an article inside an operation the caller runs (e.g. turning a question into an article).</summary>
    internal async Task<int> CreateAsync(Operation op, Actor actor, ArticleInput input, IReadOnlyList<string> tags, bool publish, string? summary,
        int? sourceQuestionId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var db = op.Db;
        var article = new Article
        {
            Title = input.Title.Trim(),
            BodyMarkdown = input.BodyMarkdown,
            BodyHtml = markdown.ToHtml(input.BodyMarkdown),
            ServiceAreaId = input.ServiceAreaId,
            OwnerId = actor.PersonId,
            Status = publish ? ArticleStatus.Published : ArticleStatus.Draft,
            Tags = tags.Select(t => new ArticleTag { Name = t }).ToList(),
            LastVerifiedAt = now,
            ReviewIntervalMonths = input.ReviewIntervalMonths,
            ReviewDueAt = now.AddMonths(input.ReviewIntervalMonths),
            RevisionCount = 1,
            PublishedAt = publish ? now : null,
            SourceQuestionId = sourceQuestionId,
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync(ct);
        db.ArticleRevisions.Add(NewRevision(article, 1, string.IsNullOrWhiteSpace(summary) ? "Created" : summary.Trim(), actor, now));
        if (sourceQuestionId is { } questionId)
        {
            // Guarded: a question becomes one article, even when two people convert it at once.
            var linked = await db.Questions.Where(q => q.Id == questionId && q.ArticleId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.ArticleId, article.Id), ct);
            if (linked == 0) throw new InvalidStateException("That question has just been turned into an article; open it from the question.");
            // The article now answers it: search finds the article, not the question and its answers beside it.
            await SearchIndex.RemoveAsync(db, SearchKind.Question, questionId, ct);
            foreach (var answerId in await db.Answers.Where(a => a.QuestionId == questionId).Select(a => a.Id).ToListAsync(ct))
            {
                await SearchIndex.RemoveAsync(db, SearchKind.Answer, answerId, ct);
            }
        }
        op.Audit(actor, publish ? "created-published" : "created-draft", Entity, article.Id, details: article.Title);
        await db.SaveChangesAsync(ct);
        if (publish) await SearchIndex.UpsertAsync(db, ToDocument(article), ct);
        return article.Id;
    }

    /// <summary>Saves an edit as a new revision. Refused with both versions when someone else saved in between.</summary>
    public async Task UpdateAsync(Actor actor, int id, ArticleInput input, string? summary, Guid expectedVersion, CancellationToken ct = default)
    {
        var tags = await ValidateAsync(input, summary, ct);
        var now = time.GetUtcNow().UtcDateTime;
        await operations.RunAsync(async op =>
        {
        var db = op.Db;
        var article = await db.Articles.Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("That article no longer exists.");
        EnsureMayEdit(actor, article.Status, article.OwnerId);
        if (article.Status == ArticleStatus.Archived) throw new InvalidStateException("Archived articles cannot be edited.");
        if (article.Version != expectedVersion) await ThrowConflictAsync(db, id, ct);

        db.Entry(article).Property(a => a.Version).OriginalValue = expectedVersion;
        article.Title = input.Title.Trim();
        article.BodyMarkdown = input.BodyMarkdown;
        article.BodyHtml = markdown.ToHtml(input.BodyMarkdown);
        article.ServiceAreaId = input.ServiceAreaId;
        article.ReviewIntervalMonths = input.ReviewIntervalMonths;
        article.ReviewDueAt = article.LastVerifiedAt.AddMonths(input.ReviewIntervalMonths);
        article.Tags.RemoveAll(t => !tags.Contains(t.Name));
        article.Tags.AddRange(tags.Where(t => article.Tags.All(x => x.Name != t)).Select(t => new ArticleTag { Name = t }));
        article.RevisionCount++;
        db.ArticleRevisions.Add(NewRevision(article, article.RevisionCount, string.IsNullOrWhiteSpace(summary) ? "Edited" : summary.Trim(), actor, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            await ThrowConflictAsync(fresh, id, ct);
        }
        op.Audit(actor, "edited", Entity, id, details: $"Revision {article.RevisionCount}: {summary?.Trim()}".TrimEnd(' ', ':'));
        if (article.Status == ArticleStatus.Published) await SearchIndex.UpsertAsync(db, ToDocument(article), ct);
        }, ct);
    }

    public async Task PublishAsync(Actor actor, int id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await operations.RunAsync(async op =>
        {
        var db = op.Db;
        var article = await db.Articles.Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("That article no longer exists.");
        RequireOwnerOrAdministrator(actor, article.OwnerId, "publish it");
        if (article.Status != ArticleStatus.Draft) throw new InvalidStateException("Only a draft can be published.");
        article.Status = ArticleStatus.Published;
        article.PublishedAt = now;
        article.LastVerifiedAt = now;
        article.ReviewDueAt = now.AddMonths(article.ReviewIntervalMonths);
        op.Audit(actor, "published", Entity, id, details: article.Title);
        await db.SaveChangesAsync(ct);
        await SearchIndex.UpsertAsync(db, ToDocument(article), ct);
        }, ct);
    }

    public async Task ArchiveAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "archive articles");
        await operations.RunAsync(async op =>
        {
            var article = await op.Db.Articles.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("That article no longer exists.");
            var before = article.Status;
            article.Status = ArticleStatus.Archived;
            op.Audit(actor, "archived", Entity, id, new { Status = before }, new { article.Status }, article.Title);
            await op.Db.SaveChangesAsync(ct);
            await SearchIndex.RemoveAsync(op.Db, SearchKind.Article, id, ct);
        }, ct);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "delete articles");
        await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var title = await db.Articles.Where(a => a.Id == id).Select(a => a.Title).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("That article no longer exists.");
            await db.Questions.Where(q => q.ArticleId == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.ArticleId, (int?)null), ct);
            await db.Articles.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
            await SearchIndex.RemoveAsync(db, SearchKind.Article, id, ct);
            op.Audit(actor, "deleted", Entity, id, details: title);
        }, ct);
    }

    /// <summary>
    /// The owner (or an administrator) hands the article over to a colleague who still works here, e.g. before leaving
    /// or moving teams: reviews and review reminders go to the new owner, who is told. Audited with both names.
    /// </summary>
    public async Task HandOverAsync(Actor actor, int id, int newOwnerId, CancellationToken ct = default)
    {
        await operations.RunAsync(async op =>
        {
            var article = await op.Db.Articles.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("That article no longer exists.");
            RequireOwnerOrAdministrator(actor, article.OwnerId, "hand it over");
            if (article.Status == ArticleStatus.Archived) throw new InvalidStateException("An archived article has no one to look after it.");
            var before = article.OwnerId;
            var name = await PeopleDirectory.RequireNewOwnerAsync(op.Db, newOwnerId, before, null, "", ct);
            article.OwnerId = newOwnerId;
            // A draft article is seen by its owner only: handing it over hands over the draft too.
            op.Audit(actor, "handed-over", Entity, id, new { OwnerId = before }, new { OwnerId = newOwnerId }, $"{article.Title} → {name}");
            await notifier.AddAsync(op, [new NotificationRequest(newOwnerId, "article-handed-over", $"You now own “{article.Title}”",
                $"/knowledge/articles/{id}", $"{actor.DisplayName} handed the article over to you: its reviews come to you now.")], ct);
        }, ct);
    }

    /// <summary>The owner (or an administrator) confirms a stale article is still accurate: the review clock restarts.</summary>
    public async Task ConfirmStillAccurateAsync(Actor actor, int id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await operations.RunAsync(async op =>
        {
            var article = await op.Db.Articles.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("That article no longer exists.");
            RequireOwnerOrAdministrator(actor, article.OwnerId, "confirm it is still accurate");
            article.LastVerifiedAt = now;
            article.ReviewDueAt = now.AddMonths(article.ReviewIntervalMonths);
            op.Audit(actor, "confirmed-accurate", Entity, id, details: $"next review {article.ReviewDueAt:yyyy-MM-dd}");
        }, ct);
    }

    /// <summary>"Was this helpful?": one vote per person, which they can change.</summary>
    public async Task VoteAsync(Actor actor, int id, bool helpful, CancellationToken ct = default)
    {
        // A vote is feedback, not content: kept, but not part of the audit record.
        await operations.RunAsync(async op =>
        {
            var db = op.Db;
            if (!await db.Articles.AnyAsync(a => a.Id == id && a.Status == ArticleStatus.Published, ct))
            {
                throw new InvalidStateException("Only published articles can be rated.");
            }
            var vote = await db.ArticleVotes.SingleOrDefaultAsync(v => v.ArticleId == id && v.PersonId == actor.PersonId, ct);
            if (vote is null) db.ArticleVotes.Add(new ArticleVote { ArticleId = id, PersonId = actor.PersonId, Helpful = helpful });
            else vote.Helpful = helpful;
        }, ct);
    }

    public async Task AddCommentAsync(Actor actor, int id, string text, CancellationToken ct = default)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) throw new ValidationFailedException(new Dictionary<string, string> { ["Comment"] = "Write a comment first." });
        if (trimmed.Length > KnowledgeRules.CommentMax)
        {
            throw new ValidationFailedException(new Dictionary<string, string>
            {
                ["Comment"] = $"A comment must be at most {KnowledgeRules.CommentMax:N0} characters.",
            });
        }
        await operations.RunAsync(async op =>
        {
            if (!await op.Db.Articles.AnyAsync(a => a.Id == id && a.Status == ArticleStatus.Published, ct))
            {
                throw new InvalidStateException("Only published articles take comments.");
            }
            op.Db.ArticleComments.Add(new ArticleComment { ArticleId = id, AuthorId = actor.PersonId, Text = PlainText.Clean(trimmed), CreatedAt = time.GetUtcNow().UtcDateTime });
            op.Audit(actor, "commented", Entity, id, details: trimmed);
        }, ct);
    }

    public async Task<IReadOnlyList<RevisionItem>> HistoryAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number)
            .Select(r => new RevisionItem(r.Number, r.Title, r.Summary,
                db.People.Where(p => p.Id == r.AuthorId).Select(p => p.DisplayName).First(), r.CreatedAt))
            .ToListAsync(ct);
    }

    public async Task<RevisionContent?> GetRevisionAsync(int id, int number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id && r.Number == number)
            .Select(r => new RevisionContent(r.Number, r.Title, r.BodyMarkdown, r.Tags,
                db.People.Where(p => p.Id == r.AuthorId).Select(p => p.DisplayName).First(), r.CreatedAt))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>A line-by-line diff of title, tags and text between two revisions.</summary>
    public async Task<IReadOnlyList<DiffLine>> DiffAsync(int id, int fromNumber, int toNumber, CancellationToken ct = default)
    {
        var from = await GetRevisionAsync(id, fromNumber, ct) ?? throw new NotFoundException($"Revision {fromNumber} does not exist.");
        var to = await GetRevisionAsync(id, toNumber, ct) ?? throw new NotFoundException($"Revision {toNumber} does not exist.");
        return Diff(Flatten(from), Flatten(to));

        static string Flatten(RevisionContent r) => $"# {r.Title}\nTags: {r.Tags}\n\n{r.BodyMarkdown}";
    }

    public static IReadOnlyList<DiffLine> Diff(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        return model.Lines.Select(line => new DiffLine(line.Type switch
        {
            ChangeType.Deleted => DiffLineKind.Removed,
            ChangeType.Inserted => DiffLineKind.Added,
            _ => DiffLineKind.Unchanged,
        }, line.Text ?? "")).ToList();
    }

    /// <summary>Brings back an old revision's content as a new revision (history is never rewritten).</summary>
    public async Task RestoreAsync(Actor actor, int id, int number, Guid expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.Articles.Where(a => a.Id == id).Select(a => (int?)a.OwnerId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("That article no longer exists.");
        RequireOwnerOrAdministrator(actor, owner, "restore an old revision");
        var revision = await GetRevisionAsync(id, number, ct) ?? throw new NotFoundException($"Revision {number} does not exist.");
        var current = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.ServiceAreaId, a.ReviewIntervalMonths }).SingleAsync(ct);
        await UpdateAsync(actor, id,
            new ArticleInput(revision.Title, revision.BodyMarkdown, current.ServiceAreaId, KnowledgeRules.ParseTags(revision.Tags), current.ReviewIntervalMonths),
            $"Restored revision {number}", expectedVersion, ct);
    }

    private const string Entity = "Article";

    private static void RequireOwnerOrAdministrator(Actor actor, int ownerId, string doing)
    {
        if (ownerId != actor.PersonId && !actor.IsIn(Roles.Administrator))
        {
            throw new PermissionDeniedException($"Only the article's owner or an administrator can {doing}.");
        }
    }

    private static void EnsureMayEdit(Actor actor, ArticleStatus status, int ownerId)
    {
        actor.Require(Roles.Employee, "edit articles");
        if (status == ArticleStatus.Draft && ownerId != actor.PersonId && !actor.IsIn(Roles.Administrator))
        {
            throw new PermissionDeniedException("A draft can be edited only by its owner until it is published.");
        }
    }

    internal async Task<IReadOnlyList<string>> ValidateAsync(ArticleInput input, string? summary, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var tags = KnowledgeRules.NormaliseTags(input.Tags);
        if (KnowledgeRules.TitleError(input.Title) is { } title) errors["Title"] = title;
        if (KnowledgeRules.BodyError(input.BodyMarkdown) is { } body) errors["Body"] = body;
        if (KnowledgeRules.TagsError(tags) is { } tagError) errors["Tags"] = tagError;
        if (input.ReviewIntervalMonths is < 1 or > 36) errors["ReviewIntervalMonths"] = "Choose a review interval from 1 to 36 months.";
        if ((summary?.Length ?? 0) > KnowledgeRules.SummaryMax) errors["Summary"] = $"Keep the summary under {KnowledgeRules.SummaryMax} characters.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.ServiceAreas.AnyAsync(s => s.Id == input.ServiceAreaId, ct)) errors["ServiceAreaId"] = "Choose a service area.";
        ValidationFailedException.ThrowIfAny(errors);
        return tags;
    }

    private static async Task<ArticleEditState?> EditStateAsync(StaffVoiceDb db, int id, CancellationToken ct) =>
        await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ArticleEditState(a.Id, a.Title, a.BodyMarkdown, a.ServiceAreaId, a.Tags.Select(t => t.Name).OrderBy(t => t).ToList(),
                a.ReviewIntervalMonths, a.Status, a.Version))
            .SingleOrDefaultAsync(ct);

    private static async Task ThrowConflictAsync(StaffVoiceDb db, int id, CancellationToken ct)
    {
        var current = await EditStateAsync(db, id, ct) ?? throw new NotFoundException("That article was deleted while you were editing it.");
        var last = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number)
            .Select(r => new { Name = db.People.Where(p => p.Id == r.AuthorId).Select(p => p.DisplayName).First(), r.CreatedAt })
            .FirstAsync(ct);
        throw new ArticleEditConflictException(
            $"{last.Name} saved this article at {last.CreatedAt:HH:mm} UTC while you were editing. Your text is kept below beside theirs: "
            + "combine them and save again.", current, last.Name, last.CreatedAt);
    }

    private static ArticleRevision NewRevision(Article article, int number, string summary, Actor actor, DateTime now) => new()
    {
        ArticleId = article.Id,
        Number = number,
        Title = article.Title,
        BodyMarkdown = article.BodyMarkdown,
        Tags = string.Join(" ", article.Tags.Select(t => t.Name).Order()),
        Summary = summary,
        AuthorId = actor.PersonId,
        CreatedAt = now,
    };

    private static SearchDocument ToDocument(Article article) => SearchDocuments.For(article);

    private static IQueryable<ArticleListItem> ToListItems(StaffVoiceDb db, IQueryable<Article> articles) =>
        articles.Select(a => new ArticleListItem(a.Id, a.Title, a.ServiceArea!.Name,
            db.People.Where(p => p.Id == a.OwnerId).Select(p => p.DisplayName).First(),
            a.Status, a.Tags.Select(t => t.Name).ToList(), a.UpdatedAt, a.ReviewDueAt, a.ViewCount));
}
