using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.Listening;
using StaffVoice.Web.Features.Organisation;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>A period of organisation days (both inclusive) and optionally one department.</summary>
public sealed record DashboardQuery(DateOnly From, DateOnly To, int? DepartmentId = null);

/// <summary>A headline figure: a label and its value as shown (already formatted), with the raw number for tests and CSV.</summary>
public sealed record DashboardFigure(string Label, double? Value, string Shown);

/// <summary>One table of a section; every table downloads as CSV under its key.</summary>
public sealed record DashboardTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows);

public sealed record DashboardSection(string Key, string Title, IReadOnlyList<DashboardFigure> Figures, IReadOnlyList<DashboardTable> Tables);

/// <summary>One person's own contributions over the last twelve months, shown on their profile only if they chose so.</summary>
public sealed record ContributionCounts(int ArticleEdits, int Questions, int Answers, int AcceptedAnswers, int Drafts, int Insights, int Ideas)
{
    public int Total => ArticleEdits + Questions + Answers + Drafts + Insights + Ideas;
}

public sealed record DashboardView(DashboardQuery Query, IReadOnlyList<DashboardSection> Sections)
{
    public DashboardTable? Table(string key) => Sections.SelectMany(s => s.Tables).FirstOrDefault(t => t.Key == key);

    public DashboardFigure? Figure(string section, string label) =>
        Sections.FirstOrDefault(s => s.Key == section)?.Figures.FirstOrDefault(f => f.Label == label);
}

/// <summary>
/// Is the organisation opening up? Knowledge, responses, training, listening and participation over a period, per
/// department, for administrators (everything), comms managers (all but training) and trainers (all but responses).
/// Counts are GROUP BY and COUNT queries in the database; medians stream one column of durations, never whole rows;
/// participation counts distinct contributors per department, never names (there is no per-person table).
/// </summary>
public sealed class EngagementDashboard(IDbContextFactory<StaffVoiceDb> dbFactory, ConversationService conversations, OrganisationCalendar calendar,
    TimeProvider time)
{
    public const int MaxDays = 366;

    public static bool CanSee(Actor actor) =>
        actor.IsIn(Roles.Administrator) || actor.IsIn(Roles.CommsManager) || actor.IsIn(Roles.Trainer);

    public async Task<DashboardView> BuildAsync(Actor actor, DashboardQuery query, CancellationToken ct = default)
    {
        if (!CanSee(actor)) throw new PermissionDeniedException("Only administrators, comms managers and trainers can see the engagement dashboard.");
        if (query.To < query.From) throw new ValidationFailedException("To", "The end date is before the start date.");
        if (query.To.DayNumber - query.From.DayNumber >= MaxDays) throw new ValidationFailedException("From", $"Choose at most {MaxDays} days.");
        var start = calendar.ToUtc(query.From.ToDateTime(TimeOnly.MinValue));
        var end = calendar.ToUtc(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var admin = actor.IsIn(Roles.Administrator);
        var sections = new List<DashboardSection>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        sections.Add(await KnowledgeAsync(db, query, start, end, ct));
        if (admin || actor.IsIn(Roles.CommsManager)) sections.Add(await ResponsesAsync(db, actor, query, start, end, ct));
        if (admin || actor.IsIn(Roles.Trainer)) sections.Add(await TrainingAsync(db, query, ct));
        sections.Add(await ListeningAsync(db, query, start, end, ct));
        sections.Add(await ParticipationAsync(db, query, start, end, ct));
        return new DashboardView(query, sections);
    }

    /// <summary>
    /// A person's own counts for the last twelve months: for themselves always, for anyone else only when they chose to
    /// show them (null otherwise). One query per kind, each a COUNT.
    /// </summary>
    public async Task<ContributionCounts?> ContributionsAsync(Actor viewer, int personId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (viewer.PersonId != personId && !await db.People.AnyAsync(p => p.Id == personId && p.ShowContributions, ct)) return null;
        var since = time.GetUtcNow().UtcDateTime.AddMonths(-12);
        return new ContributionCounts(
            await db.ArticleRevisions.CountAsync(r => r.AuthorId == personId && r.CreatedAt >= since, ct),
            await db.Questions.CountAsync(q => q.AskerId == personId && q.CreatedAt >= since, ct),
            await db.Answers.CountAsync(a => a.AuthorId == personId && a.CreatedAt >= since, ct),
            await db.Answers.CountAsync(a => a.AuthorId == personId && a.CreatedAt >= since && db.Questions.Any(q => q.AcceptedAnswerId == a.Id), ct),
            await db.Drafts.CountAsync(d => d.AuthorId == personId && d.CreatedAt >= since, ct),
            await db.Insights.CountAsync(i => i.CreatedById == personId && i.CreatedAt >= since, ct),
            await db.Ideas.CountAsync(i => i.CreatedById == personId && i.CreatedAt >= since, ct));
    }

    // ---- Knowledge ----

    private async Task<DashboardSection> KnowledgeAsync(StaffVoiceDb db, DashboardQuery q, DateTime start, DateTime end, CancellationToken ct)
    {
        // Without a department every area counts, so no area condition is added (it would cost a lookup per row).
        var articles = db.Articles.AsNoTracking();
        var revisions = db.ArticleRevisions.AsNoTracking();
        var periodQuestions = db.Questions.AsNoTracking().Where(x => x.CreatedAt >= start && x.CreatedAt < end);
        if (q.DepartmentId is { } department)
        {
            var areas = Areas(db, department);
            articles = articles.Where(a => areas.Contains(a.ServiceAreaId));
            revisions = revisions.Where(r => db.Articles.Any(a => a.Id == r.ArticleId && areas.Contains(a.ServiceAreaId)));
            periodQuestions = periodQuestions.Where(x => areas.Contains(x.ServiceAreaId));
        }
        var published = await articles.CountAsync(a => a.PublishedAt >= start && a.PublishedAt < end, ct);
        // Updated: a later revision (number 2 onwards) saved in the period, counted once per article.
        var updated = await revisions.Where(r => r.Number > 1 && r.CreatedAt >= start && r.CreatedAt < end).Select(r => r.ArticleId).Distinct().CountAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var stale = await articles.CountAsync(a => a.Status == ArticleStatus.Published && a.ReviewDueAt < now, ct);

        // One pass over the period's questions: each with the time of its first answer by someone else and of its accepted
        // answer. Counts, the two medians and the weeks come from that one stream; only the hours are kept for the medians.
        var asked = 0;
        var peerAnswered = 0;
        var firstHours = new List<double>();
        var acceptedHours = new List<double>();
        var weeks = EmptyWeeks(q);
        await foreach (var x in periodQuestions
            .Select(x => new QuestionTimes(x.CreatedAt,
                db.Answers.Where(a => a.QuestionId == x.Id && a.AuthorId != x.AskerId).Min(a => (DateTime?)a.CreatedAt),
                db.Answers.Where(a => a.Id == x.AcceptedAnswerId).Select(a => (DateTime?)a.CreatedAt).FirstOrDefault()))
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            asked++;
            if (x.FirstPeerAnswer is { } first)
            {
                peerAnswered++;
                firstHours.Add(Math.Max(0, (first - x.Asked).TotalHours));
            }
            if (x.Accepted is { } accepted) acceptedHours.Add(Math.Max(0, (accepted - x.Asked).TotalHours));
            var week = ConversationService.WeekStart(DateOnly.FromDateTime(calendar.ToLocal(x.Asked)));
            var (total, flagged) = weeks.GetValueOrDefault(week);
            weeks[week] = (total + 1, flagged + (x.FirstPeerAnswer is null ? 0 : 1));
        }
        var firstAnswer = Median(firstHours);
        var acceptedAnswer = Median(acceptedHours);
        var byWeek = weeks.Select(w => new WeekCount(w.Key, w.Value.Total, w.Value.Flagged)).ToList();
        return new DashboardSection("knowledge", "Knowledge",
        [
            Count("Articles published", published), Count("Articles updated", updated), Count("Questions asked", asked),
            Share("Answered by colleagues", peerAnswered, asked), Hours("Median hours to a first answer", firstAnswer),
            Hours("Median hours to an accepted answer", acceptedAnswer), Count("Articles past their review date", stale),
        ],
        [
            new DashboardTable("questions-by-week", "Questions by week", ["week_starting", "asked", "answered_by_colleagues"],
                byWeek.Select(w => new[] { Day(w.Week), Int(w.Total), Int(w.Flagged) }).ToList<string?[]>()),
        ]);
    }

    // ---- Responses ----

    private async Task<DashboardSection> ResponsesAsync(StaffVoiceDb db, Actor actor, DashboardQuery q, DateTime start, DateTime end, CancellationToken ct)
    {
        // Working hours need the organisation's calendar, so the response-time report (one small projection per
        // conversation in the period) supplies received, share within target and time to publication.
        var sla = await conversations.SlaReportAsync(actor, q.From, q.To, departmentId: q.DepartmentId, ct: ct);
        var areas = Areas(db, q.DepartmentId);
        var drafts = db.Drafts.AsNoTracking().Where(d => d.CreatedAt >= start && d.CreatedAt < end
            && (q.DepartmentId == null || (d.ServiceAreaId != null && areas.Contains(d.ServiceAreaId.Value))));
        var byState = await drafts.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var lead = await MedianHoursAsync(db.Drafts.AsNoTracking()
            .Where(d => d.ApprovedAt >= start && d.ApprovedAt < end && d.AwaitingApprovalSince != null
                && (q.DepartmentId == null || (d.ServiceAreaId != null && areas.Contains(d.ServiceAreaId.Value))))
            .Select(d => new Interval(d.AwaitingApprovalSince!.Value, d.ApprovedAt)), ct);
        return new DashboardSection("responses", "Responses",
        [
            Count("Conversations received", sla.Total.Received),
            new DashboardFigure("Answered within target", sla.Total.ShareWithinTarget, Percent(sla.Total.ShareWithinTarget)),
            new DashboardFigure("Median working hours to publication", sla.Total.MedianHoursToPublication, HoursText(sla.Total.MedianHoursToPublication)),
            Hours("Median hours waiting for approval", lead),
        ],
        [
            new DashboardTable("conversations-by-week", "Conversations by week", ["week_starting", "received", "answered_within_target", "share_within_target"],
                sla.Weeks.Select(w => new[] { Day(w.WeekStarting), Int(w.Received), Int(w.AnsweredWithinTarget), Ratio(w.ShareWithinTarget) }).ToList<string?[]>()),
            new DashboardTable("drafts-by-state", "Drafts written in the period, by where they are now", ["state", "drafts"],
                Enum.GetValues<DraftState>().Select(s => new[] { DraftWorkflow.Name(s), Int(byState.FirstOrDefault(b => b.Key == s)?.Count ?? 0) }).ToList<string?[]>()),
        ]);
    }

    // ---- Training ----

    private async Task<DashboardSection> TrainingAsync(StaffVoiceDb db, DashboardQuery q, CancellationToken ct)
    {
        var snapshots = db.ComplianceSnapshots.AsNoTracking().Where(s => s.Date >= q.From && s.Date <= q.To && s.Due > 0);
        if (q.DepartmentId is { } department) snapshots = snapshots.Where(s => s.DepartmentId == department);
        var trend = await snapshots.GroupBy(s => new { s.Date, s.DepartmentId })
            .Select(g => new { g.Key.Date, g.Key.DepartmentId, Due = g.Sum(x => x.Due), OnTime = g.Sum(x => x.CompletedOnTime) })
            .Join(db.Departments, x => x.DepartmentId, d => d.Id, (x, d) => new { x.Date, Department = d.Name, x.Due, x.OnTime })
            .OrderBy(x => x.Date).ThenBy(x => x.Department).Take(5000).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var overdue = await db.Assignments.AsNoTracking().CountAsync(a => a.Status == AssignmentStatus.Open && a.DueAt < now
            && (q.DepartmentId == null || db.People.Any(p => p.Id == a.PersonId && p.DepartmentId == q.DepartmentId)), ct);
        var latest = trend.Count == 0 ? null : trend.Where(t => t.Date == trend[^1].Date).ToList();
        double? latestShare = latest is null ? null : (double)latest.Sum(t => t.OnTime) / latest.Sum(t => t.Due);
        return new DashboardSection("training", "Training",
        [
            new DashboardFigure("Compliance at the latest snapshot", latestShare, Percent(latestShare)),
            Count("Assignments overdue now", overdue),
        ],
        [
            new DashboardTable("compliance-by-department", "Compliance per department over time", ["date", "department", "due", "completed_on_time", "share"],
                trend.Select(t => new[] { Day(t.Date), t.Department, Int(t.Due), Int(t.OnTime), Ratio((double)t.OnTime / t.Due) }).ToList<string?[]>()),
        ]);
    }

    // ---- Listening ----

    private async Task<DashboardSection> ListeningAsync(StaffVoiceDb db, DashboardQuery q, DateTime start, DateTime end, CancellationToken ct)
    {
        var areas = Areas(db, q.DepartmentId);
        var insights = db.Insights.AsNoTracking().Where(i => i.CreatedAt >= start && i.CreatedAt < end && areas.Contains(i.ServiceAreaId));
        var total = await insights.CountAsync(ct);
        var byTheme = await db.InsightThemes.AsNoTracking().Where(t => insights.Any(i => i.Id == t.InsightId))
            .GroupBy(t => t.Name).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).ThenBy(x => x.Key).Take(50).ToListAsync(ct);
        var byArea = await insights.GroupBy(i => i.ServiceAreaId).Select(g => new { g.Key, Count = g.Count() })
            .Join(db.ServiceAreas, x => x.Key, a => a.Id, (x, a) => new { a.Name, x.Count }).OrderByDescending(x => x.Count).ThenBy(x => x.Name).ToListAsync(ct);
        var ideas = db.Ideas.AsNoTracking().Where(i => areas.Contains(i.ServiceAreaId));
        var proposed = await ideas.CountAsync(i => i.CreatedAt >= start && i.CreatedAt < end, ct);
        var byStatus = await ideas.Where(i => i.CreatedAt < end).GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var done = ideas.Where(i => i.DoneAt >= start && i.DoneAt < end);
        var doneCount = await done.CountAsync(ct);
        var toDone = await MedianHoursAsync(done.Select(i => new Interval(i.CreatedAt, i.DoneAt)), ct);
        return new DashboardSection("listening", "Listening",
        [
            Count("Insights recorded", total), Count("Ideas proposed", proposed), Count("Ideas done", doneCount),
            new DashboardFigure("Median days from idea to done", toDone / 24, toDone is { } h ? (h / 24).ToString("0.0", CultureInfo.InvariantCulture) : "–"),
        ],
        [
            new DashboardTable("insights-by-theme", "Insights by theme", ["theme", "insights"], byTheme.Select(t => new[] { t.Key, Int(t.Count) }).ToList<string?[]>()),
            new DashboardTable("insights-by-service", "Insights by service", ["service_area", "insights"], byArea.Select(a => new[] { a.Name, Int(a.Count) }).ToList<string?[]>()),
            new DashboardTable("ideas-by-status", "Ideas by status (all proposed by the end of the period)", ["status", "ideas"],
                Enum.GetValues<IdeaStatus>().Select(s => new[] { ListeningRules.StatusName(s), Int(byStatus.FirstOrDefault(b => b.Key == s)?.Count ?? 0) }).ToList<string?[]>()),
        ]);
    }

    // ---- Participation ----

    private async Task<DashboardSection> ParticipationAsync(StaffVoiceDb db, DashboardQuery q, DateTime start, DateTime end, CancellationToken ct)
    {
        // Anyone who wrote anything in the period: an article revision, a question, an answer, a draft or a comment on
        // one, an insight, an idea or a comment on one. Distinct person ids, counted per department; never listed.
        var contributors = db.ArticleRevisions.Where(r => r.CreatedAt >= start && r.CreatedAt < end).Select(r => r.AuthorId)
            .Union(db.Questions.Where(x => x.CreatedAt >= start && x.CreatedAt < end).Select(x => x.AskerId))
            .Union(db.Answers.Where(a => a.CreatedAt >= start && a.CreatedAt < end).Select(a => a.AuthorId))
            .Union(db.Drafts.Where(d => d.CreatedAt >= start && d.CreatedAt < end).Select(d => d.AuthorId))
            .Union(db.DraftComments.Where(c => c.CreatedAt >= start && c.CreatedAt < end).Select(c => c.AuthorId))
            .Union(db.Insights.Where(i => i.CreatedAt >= start && i.CreatedAt < end).Select(i => i.CreatedById))
            .Union(db.Ideas.Where(i => i.CreatedAt >= start && i.CreatedAt < end).Select(i => i.CreatedById))
            .Union(db.IdeaComments.Where(c => c.CreatedAt >= start && c.CreatedAt < end).Select(c => c.AuthorId));
        var people = db.People.AsNoTracking().Where(p => p.IsActive && (q.DepartmentId == null || p.DepartmentId == q.DepartmentId));
        var rows = await people.GroupBy(p => p.DepartmentId)
            .Select(g => new { g.Key, People = g.Count(), Contributors = g.Count(p => contributors.Contains(p.Id)) })
            .ToListAsync(ct);
        var names = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var table = rows.Select(r => new { Name = r.Key is int id ? names.GetValueOrDefault(id, "(no department)") : "(no department)", r.People, r.Contributors })
            .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        var all = table.Sum(r => r.People);
        var active = table.Sum(r => r.Contributors);
        return new DashboardSection("participation", "Participation",
        [
            Count("People", all), Count("People who contributed", active), Share("Share who contributed", active, all),
        ],
        [
            new DashboardTable("participation-by-department", "Contributors per department", ["department", "people", "contributors", "share"],
                table.Select(r => new[] { r.Name, Int(r.People), Int(r.Contributors), Ratio(r.People == 0 ? null : (double)r.Contributors / r.People) }).ToList<string?[]>()),
        ]);
    }

    // ---- Helpers ----

    /// <summary>The service areas of a department (every area when none is given).</summary>
    private static IQueryable<int> Areas(StaffVoiceDb db, int? departmentId) =>
        db.ServiceAreas.Where(a => departmentId == null || a.DepartmentId == departmentId).Select(a => a.Id);

    private sealed record Interval(DateTime From, DateTime? To);

    private sealed record QuestionTimes(DateTime Asked, DateTime? FirstPeerAnswer, DateTime? Accepted);

    private sealed record WeekCount(DateOnly Week, int Total, int Flagged);

    /// <summary>The median of (To − From) in hours, streaming one pair of timestamps at a time into a list of numbers.</summary>
    private static async Task<double?> MedianHoursAsync(IQueryable<Interval> spans, CancellationToken ct)
    {
        var hours = new List<double>();
        await foreach (var span in spans.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (span.To is { } to) hours.Add(Math.Max(0, (to - span.From).TotalHours));
        }
        return Median(hours);
    }

    /// <summary>Every organisation week (from its Monday) that the period touches, each at zero.</summary>
    private static SortedDictionary<DateOnly, (int Total, int Flagged)> EmptyWeeks(DashboardQuery q)
    {
        var weeks = new SortedDictionary<DateOnly, (int Total, int Flagged)>();
        for (var w = ConversationService.WeekStart(q.From); w <= q.To; w = w.AddDays(7)) weeks[w] = (0, 0);
        return weeks;
    }

    private static double? Median(List<double> values) => ConversationService.Median(values) is { } median ? Math.Round(median, 1) : null;

    private static DashboardFigure Count(string label, int value) => new(label, value, value.ToString("N0", CultureInfo.InvariantCulture));

    private static DashboardFigure Share(string label, int part, int whole)
    {
        double? share = whole == 0 ? null : (double)part / whole;
        return new(label, share, share is null ? "–" : $"{Percent(share)} ({part:N0} of {whole:N0})");
    }

    private static DashboardFigure Hours(string label, double? hours) => new(label, hours, HoursText(hours));

    private static string HoursText(double? hours) => hours is { } h ? h.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string? Ratio(double? share) => share?.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Every dashboard table as CSV, for the same period and department as the page.</summary>
public static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard/{table}.csv", async (string table, DateOnly from, DateOnly to, int? department, HttpContext context,
            EngagementDashboard dashboard, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            try
            {
                var view = await dashboard.BuildAsync(actor, new DashboardQuery(from, to, department), ct);
                return view.Table(table) is { } t
                    ? Results.File(CsvFiles.Write(t.Columns, t.Rows), "text/csv", $"{t.Key}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv")
                    : Results.NotFound();
            }
            catch (PermissionDeniedException)
            {
                return Results.Forbid();
            }
            catch (ValidationFailedException ex)
            {
                return Results.BadRequest(ex.Message);
            }
        });
    }
}
