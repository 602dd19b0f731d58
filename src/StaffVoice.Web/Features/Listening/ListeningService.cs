using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Listening;

public sealed record InsightInput(string Text, InsightChannel Channel, int? ServiceAreaId, ConversationSentiment Sentiment,
    IReadOnlyCollection<string> Themes, int? ConversationId = null, int? IdeaId = null);

public sealed record InsightItem(int Id, string Text, InsightChannel Channel, int ServiceAreaId, string ServiceArea, ConversationSentiment Sentiment,
    IReadOnlyList<string> Themes, int? ConversationId, string By, DateTime CreatedAt, int Ideas, int CreatedById = 0);

public sealed record InsightFilter(int? ServiceAreaId = null, string? Theme = null);

public sealed record IdeaInput(string Title, string Problem, string Proposal, int? ServiceAreaId, IReadOnlyCollection<int> InsightIds);

public sealed record IdeaFilter(IdeaStatus? Status = null, int? ServiceAreaId = null);

public sealed record IdeaListItem(int Id, string Title, string ServiceArea, IdeaStatus Status, int Evidence, int Supporters, DateTime StatusChangedAt);

public sealed record IdeaCommentItem(int Id, string Author, string Text, DateTime CreatedAt);

public sealed record IdeaHistoryItem(IdeaStatus From, IdeaStatus To, string? Note, string By, DateTime At);

public sealed record IdeaView(int Id, string Title, string Problem, string Proposal, int ServiceAreaId, string ServiceArea, IdeaStatus Status,
    string? StatusNote, DateTime StatusChangedAt, DateTime? DoneAt, string By, DateTime CreatedAt, Guid Version, int Supporters, bool ISupport,
    bool CanChangeStatus, IReadOnlyList<string> Owners, IReadOnlyList<InsightItem> Evidence, IReadOnlyList<IdeaCommentItem> Comments,
    IReadOnlyList<IdeaHistoryItem> History);

public sealed record YouSaidWeDidItem(int Id, string Title, string ServiceArea, string Department, string Problem, string WhatWeDid,
    int Evidence, int Supporters, DateTime CreatedAt, DateTime DoneAt);

public sealed record AreaOwners(int ServiceAreaId, string ServiceArea, string Department, IReadOnlyList<People.PersonListItem> Owners);

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary>
/// The listening loop: what citizens say (insights, never personal data) becomes improvement ideas that colleagues
/// support and discuss, that the service area's owners follow up, and that end on "You said, we did". Every rule is
/// enforced here; the pages only ask.
/// </summary>
public sealed partial class ListeningService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, INotifier notifier,
    IKnowledgeSearch search, IOptions<ResponseOptions> responseOptions, TimeProvider time)
{
    public const int PageSize = 25;

    // ---- Insights ----

    /// <summary>
    /// The personal-data check of drafts on an insight's text, plus what identifies a citizen in an insight though a
    /// public reply may hold it: a social handle ("@name") and a titled name ("Mrs Patel"). Untitled names cannot be
    /// told from ordinary words; the form asks people to leave them out.
    /// </summary>
    public IReadOnlyList<CheckResult> Check(string? text)
    {
        text ??= "";
        var found = DraftChecks.Run(text, false, null, [], responseOptions.Value.Checks).Where(c => c.Code == "personal-data")
            .SelectMany(c => c.Found).ToList();
        found.AddRange(HandlePattern().Matches(text).Select(m => $"{m.Value} (a social media handle)"));
        found.AddRange(TitledNamePattern().Matches(text).Select(m => $"{m.Value} (a name)"));
        return found.Count == 0 ? [] :
        [
            new CheckResult("personal-data", CheckSeverity.Blocking, "Looks like personal data",
                "Insights never hold who said it: remove names, handles, contact details and reference numbers.", found.Distinct().ToList()),
        ];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.@])@[A-Za-z0-9_][A-Za-z0-9_.]{1,}", System.Text.RegularExpressions.RegexOptions.None, 200)]
    private static partial System.Text.RegularExpressions.Regex HandlePattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+", System.Text.RegularExpressions.RegexOptions.None, 200)]
    private static partial System.Text.RegularExpressions.Regex TitledNamePattern();

    public async Task<int> RecordInsightAsync(Actor actor, InsightInput input, CancellationToken ct = default)
    {
        var text = PlainText.Clean(input.Text ?? "").Trim();
        var errors = new Dictionary<string, string>();
        if (text.Length is < 10 or > ListeningRules.InsightMax) errors["Text"] = $"Write what was said in 10 to {ListeningRules.InsightMax} characters.";
        else if (Check(text) is [var personal, ..]) errors["Text"] = $"Remove personal data first: {string.Join(", ", personal.Found)}.";
        if (input.ServiceAreaId is null) errors["ServiceAreaId"] = "Choose the service it is about.";
        if (!Enum.IsDefined(input.Channel)) errors["Channel"] = "Choose where it was said.";
        if (!Enum.IsDefined(input.Sentiment)) errors["Sentiment"] = "Choose how the citizen felt.";
        var themes = Themes(input.Themes, errors);
        ValidationFailedException.ThrowIfAny(errors);
        return await operations.RunAsync(async op =>
        {
            var db = op.Db;
            if (!await db.ServiceAreas.AnyAsync(a => a.Id == input.ServiceAreaId, ct)) throw new ValidationFailedException("ServiceAreaId", "Choose the service it is about.");
            if (input.ConversationId is { } conversation && !await db.Conversations.AnyAsync(c => c.Id == conversation, ct))
            {
                throw new NotFoundException("That conversation no longer exists.");
            }
            var insight = new Insight
            {
                Text = text, Channel = input.Channel, ServiceAreaId = input.ServiceAreaId!.Value, Sentiment = input.Sentiment,
                ConversationId = input.ConversationId, CreatedById = actor.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime,
                Themes = themes.Select(t => new InsightTheme { Name = t }).ToList(),
            };
            db.Insights.Add(insight);
            await db.SaveChangesAsync(ct);
            // The text stays out of the append-only record: if something personal slipped past the check, deleting the
            // insight must remove it everywhere.
            op.Audit(actor, "insight-recorded", "Insight", insight.Id, after: new { Channel = insight.Channel.ToString(), insight.ServiceAreaId, themes });
            if (input.IdeaId is { } idea) await AddEvidenceAsync(op, actor, idea, [insight.Id], ct);
            return insight.Id;
        }, ct);
    }

    /// <summary>
    /// Deletes an insight (its author or an administrator), e.g. when it turns out to name someone: the text, its
    /// themes and its links as evidence go; the record keeps that it existed and who deleted it, never what it said.
    /// </summary>
    public async Task DeleteInsightAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await operations.RunAsync(async op =>
        {
            var insight = await op.Db.Insights.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("That insight no longer exists.");
            if (insight.CreatedById != actor.PersonId && !actor.IsIn(Roles.Administrator))
            {
                throw new PermissionDeniedException("Only the person who recorded an insight, or an administrator, can delete it.");
            }
            op.Db.Insights.Remove(insight);
            op.Audit(actor, "insight-deleted", "Insight", id, details: $"service area {insight.ServiceAreaId}");
        }, ct);
    }

    public async Task<Page<InsightItem>> ListInsightsAsync(InsightFilter filter, int page = 0, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Insights.AsNoTracking();
        if (filter.ServiceAreaId is { } area) query = query.Where(i => i.ServiceAreaId == area);
        if (ResponseRules.NormaliseTag(filter.Theme) is { } theme) query = query.Where(i => i.Themes.Any(t => t.Name == theme));
        var total = await query.CountAsync(ct);
        var ids = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Skip(Math.Max(page, 0) * PageSize).Take(PageSize)
            .Select(i => i.Id).ToListAsync(ct);
        return new Page<InsightItem>(await InsightItemsAsync(db, ids, ct), total);
    }

    /// <summary>Recent insights of an area not yet linked to the idea, to offer as evidence.</summary>
    public async Task<IReadOnlyList<InsightItem>> EvidenceCandidatesAsync(int ideaId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var area = await db.Ideas.Where(i => i.Id == ideaId).Select(i => (int?)i.ServiceAreaId).SingleOrDefaultAsync(ct);
        if (area is null) return [];
        var ids = await db.Insights.Where(i => i.ServiceAreaId == area && !db.IdeaEvidence.Any(e => e.IdeaId == ideaId && e.InsightId == i.Id))
            .OrderByDescending(i => i.CreatedAt).Take(50).Select(i => i.Id).ToListAsync(ct);
        return await InsightItemsAsync(db, ids, ct);
    }

    public async Task<InsightItem?> GetInsightAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await InsightItemsAsync(db, [id], ct)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<InsightItem>> InsightItemsAsync(StaffVoiceDb db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Insights.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                i.Id, i.Text, i.Channel, i.ServiceAreaId, Area = db.ServiceAreas.Where(a => a.Id == i.ServiceAreaId).Select(a => a.Name).First(),
                i.Sentiment, i.ConversationId, i.CreatedById, By = db.People.Where(p => p.Id == i.CreatedById).Select(p => p.DisplayName).First(), i.CreatedAt,
                Ideas = db.IdeaEvidence.Count(e => e.InsightId == i.Id),
            }).ToListAsync(ct);
        var themes = (await db.InsightThemes.AsNoTracking().Where(t => ids.Contains(t.InsightId)).ToListAsync(ct))
            .ToLookup(t => t.InsightId, t => t.Name);
        var order = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return rows.OrderBy(r => order[r.Id]).Select(r => new InsightItem(r.Id, r.Text, r.Channel, r.ServiceAreaId, r.Area, r.Sentiment,
            themes[r.Id].Order().ToList(), r.ConversationId, r.By, r.CreatedAt, r.Ideas, r.CreatedById)).ToList();
    }

    /// <summary>Themes in use, most used first, to offer while recording.</summary>
    public async Task<IReadOnlyList<string>> ThemesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.InsightThemes.AsNoTracking().GroupBy(t => t.Name).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).Take(50).ToListAsync(ct);
    }

    private static List<string> Themes(IReadOnlyCollection<string>? themes, Dictionary<string, string> errors)
    {
        var given = (themes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var normalised = given.Select(ResponseRules.NormaliseTag).ToList();
        if (normalised.Any(t => t is null))
        {
            errors["Themes"] = $"A theme is up to {ResponseRules.TagMax} letters, digits, spaces, '-' or '_'.";
            return [];
        }
        var distinct = normalised.Select(t => t!).Distinct().ToList();
        if (distinct.Count > ListeningRules.ThemesMax) errors["Themes"] = $"Choose at most {ListeningRules.ThemesMax} themes.";
        return distinct;
    }

    // ---- Ideas ----

    public Task<IReadOnlyList<SearchHit>> SimilarIdeasAsync(string? title, CancellationToken ct = default) =>
        (title ?? "").Trim().Length < 4 ? Task.FromResult<IReadOnlyList<SearchHit>>([]) : search.SimilarAsync(title!, 5, SearchKind.Idea, ct);

    public async Task<int> ProposeIdeaAsync(Actor actor, IdeaInput input, CancellationToken ct = default)
    {
        var title = PlainText.Clean(input.Title ?? "").Trim();
        var problem = PlainText.Clean(input.Problem ?? "").Trim();
        var proposal = PlainText.Clean(input.Proposal ?? "").Trim();
        var errors = new Dictionary<string, string>();
        if (title.Length is < 5 or > ListeningRules.TitleMax) errors["Title"] = $"Give it a title of 5 to {ListeningRules.TitleMax} characters.";
        if (problem.Length is < 10 or > ListeningRules.TextMax) errors["Problem"] = $"Describe the problem in 10 to {ListeningRules.TextMax:N0} characters.";
        if (proposal.Length is < 10 or > ListeningRules.TextMax) errors["Proposal"] = $"Describe what should change in 10 to {ListeningRules.TextMax:N0} characters.";
        if (input.ServiceAreaId is null) errors["ServiceAreaId"] = "Choose the service it would improve.";
        ValidationFailedException.ThrowIfAny(errors);
        var now = time.GetUtcNow().UtcDateTime;
        return await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var area = await db.ServiceAreas.Where(a => a.Id == input.ServiceAreaId).Select(a => a.Name).SingleOrDefaultAsync(ct)
                ?? throw new ValidationFailedException("ServiceAreaId", "Choose the service it would improve.");
            var idea = new Idea
            {
                Title = title, Problem = problem, Proposal = proposal, ServiceAreaId = input.ServiceAreaId!.Value, Status = IdeaStatus.Proposed,
                StatusChangedAt = now, CreatedById = actor.PersonId,
            };
            db.Ideas.Add(idea);
            await db.SaveChangesAsync(ct);
            // Proposing is supporting: the proposer counts among the supporters and hears of every move.
            db.IdeaSupports.Add(new IdeaSupport { IdeaId = idea.Id, PersonId = actor.PersonId, SupportedAt = now });
            await SearchIndex.UpsertAsync(db, SearchDocuments.For(idea), ct);
            op.Audit(actor, "idea-proposed", "Idea", idea.Id, after: new { idea.Title, idea.ServiceAreaId });
            if (input.InsightIds.Count > 0) await AddEvidenceAsync(op, actor, idea.Id, input.InsightIds, ct);
            var owners = await db.AreaOwners.Where(o => o.ServiceAreaId == idea.ServiceAreaId && o.PersonId != actor.PersonId).Select(o => o.PersonId).ToListAsync(ct);
            await notifier.AddAsync(op, owners.Select(o => new NotificationRequest(o, "idea-proposed", $"New idea for {area}: {title}",
                $"/ideas/{idea.Id}", $"Proposed by {actor.DisplayName}.", $"idea-proposed:{idea.Id}")).ToList(), ct);
            return idea.Id;
        }, ct);
    }

    /// <summary>Links insights to an idea as evidence; linking one already linked changes nothing.</summary>
    public Task LinkEvidenceAsync(Actor actor, int ideaId, IReadOnlyCollection<int> insightIds, CancellationToken ct = default) =>
        operations.RunAsync(op => AddEvidenceAsync(op, actor, ideaId, insightIds, ct), ct);

    private async Task AddEvidenceAsync(Operation op, Actor actor, int ideaId, IReadOnlyCollection<int> insightIds, CancellationToken ct)
    {
        var db = op.Db;
        if (!await db.Ideas.AnyAsync(i => i.Id == ideaId, ct)) throw new NotFoundException("That idea no longer exists.");
        var wanted = insightIds.Distinct().ToList();
        var existing = await db.Insights.Where(i => wanted.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        if (existing.Count != wanted.Count) throw new NotFoundException("One of those insights no longer exists.");
        var linked = await db.IdeaEvidence.Where(e => e.IdeaId == ideaId && wanted.Contains(e.InsightId)).Select(e => e.InsightId).ToListAsync(ct);
        var added = wanted.Except(linked).ToList();
        if (added.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        db.IdeaEvidence.AddRange(added.Select(i => new IdeaEvidence { IdeaId = ideaId, InsightId = i, LinkedById = actor.PersonId, LinkedAt = now }));
        op.Audit(actor, "idea-evidence-linked", "Idea", ideaId, details: $"insights {string.Join(", ", added)}");
    }

    /// <summary>Support (one per person) or withdraw it; a closed idea takes no more support.</summary>
    public async Task SetSupportAsync(Actor actor, int ideaId, bool support, CancellationToken ct = default)
    {
        await operations.RunAsync(async op =>
        {
            var status = await op.Db.Ideas.Where(i => i.Id == ideaId).Select(i => (IdeaStatus?)i.Status).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("That idea no longer exists.");
            if (status is IdeaStatus.Done or IdeaStatus.NotDoing) throw new InvalidStateException("This idea is closed: its support is final.");
            var mine = await op.Db.IdeaSupports.SingleOrDefaultAsync(s => s.IdeaId == ideaId && s.PersonId == actor.PersonId, ct);
            if (support && mine is null)
            {
                op.Db.IdeaSupports.Add(new IdeaSupport { IdeaId = ideaId, PersonId = actor.PersonId, SupportedAt = time.GetUtcNow().UtcDateTime });
            }
            else if (!support && mine is not null)
            {
                op.Db.IdeaSupports.Remove(mine);
            }
        }, ct);
    }

    public async Task<int> CommentAsync(Actor actor, int ideaId, string? text, CancellationToken ct = default)
    {
        var clean = PlainText.Clean(text ?? "").Trim();
        if (clean.Length is < 2 or > ListeningRules.CommentMax)
        {
            throw new ValidationFailedException("Comment", $"Write a comment of 2 to {ListeningRules.CommentMax:N0} characters.");
        }
        return await operations.RunAsync(async op =>
        {
            var idea = await op.Db.Ideas.Where(i => i.Id == ideaId).Select(i => new { i.Title, i.CreatedById }).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("That idea no longer exists.");
            var comment = new IdeaComment { IdeaId = ideaId, AuthorId = actor.PersonId, Text = clean, CreatedAt = time.GetUtcNow().UtcDateTime };
            op.Db.IdeaComments.Add(comment);
            await op.Db.SaveChangesAsync(ct);
            op.Audit(actor, "idea-commented", "Idea", ideaId);
            if (idea.CreatedById != actor.PersonId)
            {
                await notifier.AddAsync(op, [new NotificationRequest(idea.CreatedById, "idea-comment", $"{actor.DisplayName} commented on your idea",
                    $"/ideas/{ideaId}", PlainText.Shorten(clean, 140), $"idea-comment:{comment.Id}")], ct);
            }
            return comment.Id;
        }, ct);
    }

    /// <summary>
    /// The area's owners (or an administrator) move an idea on; Done and Not doing need a note. The proposer, every
    /// supporter and everyone whose insight is its evidence are told, once per change.
    /// </summary>
    public async Task ChangeStatusAsync(Actor actor, int ideaId, IdeaStatus to, string? note, Guid expectedVersion, CancellationToken ct = default)
    {
        var clean = PlainText.Clean(note ?? "").Trim();
        if (!Enum.IsDefined(to)) throw new ValidationFailedException("Status", "Choose a status.");
        if (clean.Length > ListeningRules.NoteMax) throw new ValidationFailedException("Note", $"Keep the note to {ListeningRules.NoteMax:N0} characters.");
        if (ListeningRules.NeedsNote(to) && clean.Length < 10)
        {
            throw new ValidationFailedException("Note", to == IdeaStatus.Done
                ? "Say what changed (at least 10 characters): it is shown on \"You said, we did\"."
                : "Say why not (at least 10 characters): the idea's supporters will read it.");
        }
        await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var idea = await db.Ideas.SingleOrDefaultAsync(i => i.Id == ideaId, ct) ?? throw new NotFoundException("That idea no longer exists.");
            if (!await CanChangeStatusAsync(db, actor, idea.ServiceAreaId, ct))
            {
                throw new PermissionDeniedException("Only the service area's owners and administrators can move an idea on.");
            }
            if (idea.Version != expectedVersion) throw Conflict();
            if (idea.Status == to && (idea.StatusNote ?? "") == clean) return;
            db.Entry(idea).Property(i => i.Version).OriginalValue = expectedVersion;
            var now = time.GetUtcNow().UtcDateTime;
            var before = new { Status = idea.Status.ToString(), idea.StatusNote };
            var from = idea.Status;
            idea.Status = to;
            idea.StatusNote = clean.Length == 0 ? null : clean;
            idea.StatusChangedAt = now;
            idea.DoneAt = to == IdeaStatus.Done ? now : null;
            idea.Version = Guid.NewGuid();
            var change = new IdeaStatusChange { IdeaId = ideaId, From = from, To = to, Note = idea.StatusNote, ChangedById = actor.PersonId, ChangedAt = now };
            db.IdeaStatusChanges.Add(change);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Conflict();
            }
            op.Audit(actor, "idea-status-changed", "Idea", ideaId, before, new { Status = to.ToString(), idea.StatusNote });
            var told = await db.IdeaSupports.Where(s => s.IdeaId == ideaId).Select(s => s.PersonId)
                .Union(db.IdeaEvidence.Where(e => e.IdeaId == ideaId).Join(db.Insights, e => e.InsightId, i => i.Id, (e, i) => i.CreatedById))
                .ToListAsync(ct);
            told.Add(idea.CreatedById);
            var text = idea.StatusNote is { } n ? PlainText.Shorten(n, 140) : $"Moved on by {actor.DisplayName}.";
            await notifier.AddAsync(op, told.Distinct().Where(p => p != actor.PersonId).Select(p => new NotificationRequest(p, "idea-status",
                $"“{idea.Title}” is now {ListeningRules.StatusName(to).ToLowerInvariant()}", $"/ideas/{ideaId}", text,
                $"idea-status:{ideaId}:{change.Id}")).ToList(), ct);
        }, ct);
    }

    private static async Task<bool> CanChangeStatusAsync(StaffVoiceDb db, Actor actor, int serviceAreaId, CancellationToken ct) =>
        actor.IsIn(Roles.Administrator) || await db.AreaOwners.AnyAsync(o => o.ServiceAreaId == serviceAreaId && o.PersonId == actor.PersonId, ct);

    private static ConcurrencyConflictException Conflict() =>
        new("Someone else moved this idea on a moment ago. Reload it to see their change, then try again.");

    public async Task<Page<IdeaListItem>> ListIdeasAsync(IdeaFilter filter, int page = 0, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Ideas.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.ServiceAreaId is { } area) query = query.Where(i => i.ServiceAreaId == area);
        var total = await query.CountAsync(ct);
        var items = await ListItems(db, query.OrderByDescending(i => i.StatusChangedAt).ThenByDescending(i => i.Id)
            .Skip(Math.Max(page, 0) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new Page<IdeaListItem>(items, total);
    }

    /// <summary>Ideas still open (not done, not declined), newest move first, to link an insight to.</summary>
    public async Task<IReadOnlyList<IdeaListItem>> OpenIdeasAsync(int? serviceAreaId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Ideas.AsNoTracking().Where(i => i.Status != IdeaStatus.Done && i.Status != IdeaStatus.NotDoing);
        if (serviceAreaId is { } area) query = query.Where(i => i.ServiceAreaId == area);
        return await ListItems(db, query.OrderByDescending(i => i.StatusChangedAt).Take(100)).ToListAsync(ct);
    }

    /// <summary>A list row per idea, its area, evidence and supporters counted in the same query.</summary>
    private static IQueryable<IdeaListItem> ListItems(StaffVoiceDb db, IQueryable<Idea> ideas) =>
        ideas.Select(i => new IdeaListItem(i.Id, i.Title, db.ServiceAreas.Where(a => a.Id == i.ServiceAreaId).Select(a => a.Name).First(), i.Status,
            db.IdeaEvidence.Count(e => e.IdeaId == i.Id), db.IdeaSupports.Count(s => s.IdeaId == i.Id), i.StatusChangedAt));

    public async Task<IdeaView?> GetIdeaAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var idea = await db.Ideas.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new
            {
                i, Area = db.ServiceAreas.Where(a => a.Id == i.ServiceAreaId).Select(a => a.Name).First(),
                By = db.People.Where(p => p.Id == i.CreatedById).Select(p => p.DisplayName).First(),
                Supporters = db.IdeaSupports.Count(s => s.IdeaId == i.Id),
                Mine = db.IdeaSupports.Any(s => s.IdeaId == i.Id && s.PersonId == actor.PersonId),
            }).SingleOrDefaultAsync(ct);
        if (idea is null) return null;
        var owners = await db.AreaOwners.AsNoTracking().Where(o => o.ServiceAreaId == idea.i.ServiceAreaId)
            .Join(db.People, o => o.PersonId, p => p.Id, (o, p) => new { p.Id, p.DisplayName }).OrderBy(p => p.DisplayName).ToListAsync(ct);
        var evidence = await db.IdeaEvidence.AsNoTracking().Where(e => e.IdeaId == id).OrderByDescending(e => e.LinkedAt).Select(e => e.InsightId).ToListAsync(ct);
        var comments = await db.IdeaComments.AsNoTracking().Where(c => c.IdeaId == id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new IdeaCommentItem(c.Id, db.People.Where(p => p.Id == c.AuthorId).Select(p => p.DisplayName).First(), c.Text, c.CreatedAt))
            .ToListAsync(ct);
        var history = await db.IdeaStatusChanges.AsNoTracking().Where(c => c.IdeaId == id).OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)
            .Select(c => new IdeaHistoryItem(c.From, c.To, c.Note, db.People.Where(p => p.Id == c.ChangedById).Select(p => p.DisplayName).First(), c.ChangedAt))
            .ToListAsync(ct);
        var i = idea.i;
        return new IdeaView(i.Id, i.Title, i.Problem, i.Proposal, i.ServiceAreaId, idea.Area, i.Status, i.StatusNote, i.StatusChangedAt, i.DoneAt, idea.By,
            i.CreatedAt, i.Version, idea.Supporters, idea.Mine, actor.IsIn(Roles.Administrator) || owners.Any(o => o.Id == actor.PersonId),
            owners.Select(o => o.DisplayName).ToList(), await InsightItemsAsync(db, evidence, ct), comments, history);
    }

    /// <summary>Done ideas, newest first: the organisation's "You said, we did".</summary>
    public async Task<IReadOnlyList<YouSaidWeDidItem>> YouSaidWeDidAsync(int? serviceAreaId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Ideas.AsNoTracking().Where(i => i.Status == IdeaStatus.Done && i.DoneAt != null);
        if (serviceAreaId is { } area) query = query.Where(i => i.ServiceAreaId == area);
        return await query.OrderByDescending(i => i.DoneAt).ThenByDescending(i => i.Id).Take(500)
            .Join(db.ServiceAreas, i => i.ServiceAreaId, a => a.Id, (i, a) => new { i, Area = a.Name, Department = a.Department!.Name })
            .Select(x => new YouSaidWeDidItem(x.i.Id, x.i.Title, x.Area, x.Department, x.i.Problem, x.i.StatusNote ?? "",
                db.IdeaEvidence.Count(e => e.IdeaId == x.i.Id), db.IdeaSupports.Count(s => s.IdeaId == x.i.Id), x.i.CreatedAt, x.i.DoneAt!.Value))
            .ToListAsync(ct);
    }

    // ---- Area owners ----

    public async Task<IReadOnlyList<AreaOwners>> OwnersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var areas = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.Department!.Name).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, Department = a.Department!.Name }).ToListAsync(ct);
        var owners = (await db.AreaOwners.AsNoTracking().Join(db.People, o => o.PersonId, p => p.Id, (o, p) => new
            {
                o.ServiceAreaId, Person = new People.PersonListItem(p.Id, p.DisplayName, p.Email, p.JobTitle, p.Department != null ? p.Department.Name : null),
            }).ToListAsync(ct)).ToLookup(o => o.ServiceAreaId, o => o.Person);
        return areas.Select(a => new AreaOwners(a.Id, a.Name, a.Department, owners[a.Id].OrderBy(o => o.DisplayName).ToList())).ToList();
    }

    /// <summary>An administrator sets who follows up an area's ideas; new owners are told.</summary>
    public async Task SetOwnersAsync(Actor actor, int serviceAreaId, IReadOnlyCollection<int> personIds, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "choose who follows up a service area's ideas");
        await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var area = await db.ServiceAreas.Where(a => a.Id == serviceAreaId).Select(a => a.Name).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("That service area no longer exists.");
            var wanted = personIds.Distinct().ToList();
            if (await db.People.CountAsync(p => wanted.Contains(p.Id) && p.IsActive, ct) != wanted.Count)
            {
                throw new ValidationFailedException("Owners", "Choose active colleagues.");
            }
            var current = await db.AreaOwners.Where(o => o.ServiceAreaId == serviceAreaId).ToListAsync(ct);
            var removed = current.Where(o => !wanted.Contains(o.PersonId)).ToList();
            var added = wanted.Except(current.Select(o => o.PersonId)).ToList();
            if (removed.Count == 0 && added.Count == 0) return;
            db.AreaOwners.RemoveRange(removed);
            var now = time.GetUtcNow().UtcDateTime;
            db.AreaOwners.AddRange(added.Select(p => new AreaOwner { ServiceAreaId = serviceAreaId, PersonId = p, AssignedById = actor.PersonId, AssignedAt = now }));
            op.Audit(actor, "area-owners-set", "ServiceArea", serviceAreaId, new { Owners = current.Select(o => o.PersonId).Order().ToList() },
                new { Owners = wanted.Order().ToList() });
            await notifier.AddAsync(op, added.Where(p => p != actor.PersonId).Select(p => new NotificationRequest(p, "idea-owner",
                $"You now follow up ideas for {area}", "/ideas", "Move them on and tell their supporters what happened.",
                $"idea-owner:{serviceAreaId}:{p}:{now.Ticks}")).ToList(), ct);
        }, ct);
    }
}
