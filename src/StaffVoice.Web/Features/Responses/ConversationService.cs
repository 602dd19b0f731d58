using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

public sealed record ConversationInput(SocialChannel Channel, string AuthorHandle, string? Link, string Text, DateTime ReceivedAt,
    int? ServiceAreaId, ConversationPriority Priority);

public sealed record ConversationListItem(int Id, SocialChannel Channel, string AuthorHandle, string Text, DateTime ReceivedAt,
    string? ServiceArea, ConversationPriority Priority, ConversationStatus Status, double AgeWorkingHours, double TargetWorkingHours)
{
    public bool IsOpen => Status is ConversationStatus.New or ConversationStatus.Drafting;
    public bool IsOverdue => IsOpen && AgeWorkingHours > TargetWorkingHours;
    public int? AssigneeId { get; init; }
    public string? Assignee { get; init; }
    public ConversationSentiment? Sentiment { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public DateTime? DueAt { get; init; }
}

/// <summary>Which conversations the inbox shows.</summary>
public enum InboxView
{
    All,
    Mine,
    Unassigned,
}

public enum InboxSort
{
    MostOverdue,
    Oldest,
    Newest,
}

/// <summary>
/// The inbox's view, filters and sort. <see cref="Status"/> null means open (new or drafting); <see cref="Search"/> finds
/// words in the message or the author's handle.
/// </summary>
public sealed record InboxQuery(InboxView View = InboxView.All, ConversationStatus? Status = null, SocialChannel? Channel = null,
    int? ServiceAreaId = null, ConversationPriority? Priority = null, int? AssigneeId = null, string? Tag = null, string? Search = null,
    InboxSort Sort = InboxSort.MostOverdue);

public sealed record ConversationDraftItem(int Id, string AuthorName, DraftState State, DateTime CreatedAt);

/// <summary>Received → first draft → approved → published, in working hours where reached.</summary>
public sealed record ResponseTimes(double? ToFirstDraft, double? ToApproval, double? ToPublished);

public sealed record ConversationView(ConversationListItem Summary, string? Link, string LoggedBy, IReadOnlyList<ConversationDraftItem> Drafts,
    ResponseTimes Times, int? ServiceAreaId)
{
    public Guid Version { get; init; }
    public string? ClosedReason { get; init; }
    public DateTime? ClosedAt { get; init; }
}

public sealed record ImportRowResult(int Line, bool Imported, string Message, int? ConversationId);

/// <summary>How far an import has got, for a progress bar on files with thousands of rows.</summary>
public sealed record ImportProgress(int RowsRead, int RowsTotal);

public sealed record ImportReport(IReadOnlyList<ImportRowResult> Rows)
{
    public int ImportedCount => Rows.Count(r => r.Imported);
    public int RejectedCount => Rows.Count(r => !r.Imported);
}

/// <summary>The queue of public messages that need an answer.</summary>
public sealed partial class ConversationService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, IOptions<ResponseOptions> options,
    TimeProvider time, Organisation.OrganisationCalendar calendar, Engagement.INotifier notifier)
{
    public const int MaxImportRows = 5_000;
    public const int MaxImportChars = 5 * 1024 * 1024;

    /// <summary>The columns of an import file, in any order, with a header row.</summary>
    public static readonly IReadOnlyList<string> ImportColumns =
        ["channel", "author_handle", "link", "text", "received_at", "service_area", "priority", "external_id"];

    /// <summary>The inbox: one page of conversations for a view, filters and sort, with assignee and tags, in two queries.</summary>
    public async Task<PagedResult<ConversationListItem>> ListAsync(Actor actor, InboxQuery query, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Conversations.AsNoTracking();
        rows = query.Status is { } s ? rows.Where(c => c.Status == s)
            : rows.Where(c => c.Status == ConversationStatus.New || c.Status == ConversationStatus.Drafting);
        rows = query.View switch
        {
            InboxView.Mine => rows.Where(c => c.AssigneeId == actor.PersonId),
            InboxView.Unassigned => rows.Where(c => c.AssigneeId == null),
            _ => rows,
        };
        if (query.Channel is { } channel) rows = rows.Where(c => c.Channel == channel);
        if (query.ServiceAreaId is { } area) rows = rows.Where(c => c.ServiceAreaId == area);
        if (query.Priority is { } priority) rows = rows.Where(c => c.Priority == priority);
        if (query.AssigneeId is { } assignee) rows = rows.Where(c => c.AssigneeId == assignee);
        if (ResponseRules.NormaliseTag(query.Tag) is { } tag) rows = rows.Where(c => c.Tags.Any(t => t.Name == tag));
        foreach (var word in SearchWords(query.Search))
        {
            var pattern = "%" + PeopleDirectory.EscapeLike(word) + "%";
            rows = rows.Where(c => EF.Functions.Like(c.Text, pattern, "\\") || EF.Functions.Like(c.AuthorHandle, pattern, "\\"));
        }
        var total = await rows.CountAsync(ct);
        rows = query.Sort switch
        {
            InboxSort.Newest => rows.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id),
            InboxSort.Oldest => rows.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id),
            _ => rows.OrderBy(c => c.DueAt ?? c.ReceivedAt).ThenBy(c => c.Id),
        };
        var found = await rows.Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c,
                Area = db.ServiceAreas.Where(a => a.Id == c.ServiceAreaId).Select(a => a.Name).FirstOrDefault(),
                Assignee = db.People.Where(p => p.Id == c.AssigneeId).Select(p => p.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = found.Select(r => r.c.Id).ToList();
        var tags = (await db.ConversationTags.AsNoTracking().Where(t => ids.Contains(t.ConversationId)).ToListAsync(ct))
            .ToLookup(t => t.ConversationId, t => t.Name);
        var closures = await calendar.ClosureDaysAsync(ct);
        return new PagedResult<ConversationListItem>(
            found.Select(r => ToItem(r.c, r.Area, closures) with { Assignee = r.Assignee, Tags = tags[r.c.Id].Order().ToList() }).ToList(), total);
    }

    /// <summary>Up to five words of at least two characters, so a search stays a handful of LIKE terms.</summary>
    internal static IReadOnlyList<string> SearchWords(string? search) =>
        PlainText.Clean(search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Length >= 2).Select(w => w.Length > 100 ? w[..100] : w).Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList();

    public async Task<ConversationView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Conversations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c,
                Area = db.ServiceAreas.Where(a => a.Id == c.ServiceAreaId).Select(a => a.Name).FirstOrDefault(),
                LoggedBy = db.People.Where(p => p.Id == c.LoggedById).Select(p => p.DisplayName).First(),
                Assignee = db.People.Where(p => p.Id == c.AssigneeId).Select(p => p.DisplayName).FirstOrDefault(),
                Tags = c.Tags.Select(t => t.Name).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.ConversationId == id).OrderBy(d => d.CreatedAt)
            .Select(d => new { d.Id, Author = db.People.Where(p => p.Id == d.AuthorId).Select(p => p.DisplayName).First(), d.State, d.CreatedAt, d.ApprovedAt, d.PublishedAt })
            .ToListAsync(ct);
        var received = row.c.ReceivedAt;
        var approved = drafts.Where(d => d.ApprovedAt != null).Min(d => d.ApprovedAt);
        var published = drafts.Where(d => d.PublishedAt != null).Min(d => d.PublishedAt);
        var closures = await calendar.ClosureDaysAsync(ct);
        var times = new ResponseTimes(
            row.c.FirstDraftAt is { } first ? calendar.WorkingHoursBetween(received, first, closures) : null,
            approved is { } a ? calendar.WorkingHoursBetween(received, a, closures) : null,
            published is { } p ? calendar.WorkingHoursBetween(received, p, closures) : null);
        return new ConversationView(ToItem(row.c, row.Area, closures) with { Assignee = row.Assignee, Tags = row.Tags.Order().ToList() },
            row.c.Link, row.LoggedBy, drafts.Select(d => new ConversationDraftItem(d.Id, d.Author, d.State, d.CreatedAt)).ToList(), times,
            row.c.ServiceAreaId)
        {
            Version = row.c.Version,
            ClosedReason = row.c.ClosedReason,
            ClosedAt = row.c.ClosedAt,
        };
    }

    public async Task<int> LogAsync(Actor actor, ConversationInput input, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "log conversations");
        input = input with { AuthorHandle = PlainText.Clean(input.AuthorHandle), Text = PlainText.Clean(input.Text) };
        return await operations.RunAsync(async op =>
        {
            var errors = await ValidateAsync(op.Db, input, ct);
            ValidationFailedException.ThrowIfAny(errors);
            var conversation = ToEntity(input, actor, $"manual:{Guid.NewGuid():N}");
            conversation.DueAt = DueAt(conversation.ReceivedAt, conversation.Priority, await calendar.ClosureDaysAsync(ct));
            op.Db.Conversations.Add(conversation);
            await op.Db.SaveChangesAsync(ct);
            op.Audit(actor, "created", "Conversation", conversation.Id, after: new { input.Channel, input.AuthorHandle, input.Priority });
            return conversation.Id;
        }, ct);
    }

    /// <summary>
    /// Imports conversations from CSV (comms managers only; the format is in the README). Every row is judged on its own:
    /// good rows are imported, bad ones reported with their line and reason; a row already imported (same external id, or
    /// same content) is skipped. What cannot be read (not UTF-8, a quote that never closes) is reported with its line, and
    /// the lines it made unreadable are listed, never silently swallowed. The imported rows and one audit entry for each
    /// are one operation.
    /// </summary>
    public async Task<ImportReport> ImportCsvAsync(Actor actor, Stream csv, CancellationToken ct = default, IProgress<ImportProgress>? progress = null)
    {
        actor.Require(Roles.CommsManager, "import conversations");
        var results = new List<ImportRowResult>();
        using var buffer = new MemoryStream();
        await csv.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxImportChars)
        {
            return new ImportReport([new ImportRowResult(1, false, "The file is larger than 5 MB; split it into smaller files.", null)]);
        }
        var file = CsvFiles.Read(buffer.ToArray());
        if (file.Problem is { } problem) return new ImportReport([new ImportRowResult(1, false, problem, null)]);
        results.AddRange(file.Unread.Select(u => new ImportRowResult(u.Line, false, u.Message, null)));
        if (file.Header.Count == 0)
        {
            return new ImportReport([.. results, new ImportRowResult(1, false, "The file is empty: it needs a header row and at least one message.", null)]);
        }
        var header = file.Header.Select((name, index) => (Name: name.Trim().ToLowerInvariant(), index))
            .GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.First().index);
        var missing = new[] { "channel", "author_handle", "text", "received_at" }.Where(c => !header.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return new ImportReport([new ImportRowResult(1, false, $"The header row lacks the column(s): {string.Join(", ", missing)}.", null)]);
        }

        Dictionary<string, int> areas;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            areas = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Name.ToLowerInvariant(), a => a.Id, ct);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = new List<(int Line, Conversation Conversation)>();
        var seenKeys = new HashSet<string>();
        var read = 0;
        foreach (var record in file.Records)
        {
            if (++read % 250 == 0 && progress is not null)
            {
                progress.Report(new ImportProgress(read, file.Records.Count));
                await Task.Yield(); // lets a page show the progress while the file is checked
            }
            if (candidates.Count >= MaxImportRows)
            {
                results.Add(new ImportRowResult(record.Line, false, $"Not read: only {MaxImportRows:N0} rows are read per file; split the file.", null));
                continue;
            }
            var (conversation, problems) = ParseRow(record, header, areas, actor, now);
            if (problems.Count > 0)
            {
                results.Add(new ImportRowResult(record.Line, false, "Rejected: " + string.Join("; ", problems) + ".", null));
                continue;
            }
            if (!seenKeys.Add(conversation!.ImportKey!))
            {
                results.Add(new ImportRowResult(record.Line, false, "Skipped: the same message appears earlier in this file.", null));
                continue;
            }
            candidates.Add((record.Line, conversation));
        }
        progress?.Report(new ImportProgress(file.Records.Count, file.Records.Count));

        await operations.RunAsync(async op =>
        {
            var keys = candidates.Select(c => c.Conversation.ImportKey).ToList();
            var existing = (await op.Db.Conversations.AsNoTracking().Where(c => keys.Contains(c.ImportKey)).Select(c => c.ImportKey).ToListAsync(ct)).ToHashSet();
            var added = new List<(int Line, Conversation Conversation)>();
            var closures = await calendar.ClosureDaysAsync(ct);
            foreach (var (line, conversation) in candidates)
            {
                if (existing.Contains(conversation.ImportKey)) results.Add(new ImportRowResult(line, false, "Skipped: already imported earlier.", null));
                else
                {
                    conversation.DueAt = DueAt(conversation.ReceivedAt, conversation.Priority, closures);
                    op.Db.Conversations.Add(conversation);
                    added.Add((line, conversation));
                }
            }
            await op.Db.SaveChangesAsync(ct);
            foreach (var (line, conversation) in added)
            {
                results.Add(new ImportRowResult(line, true, "Imported.", conversation.Id));
                op.Audit(actor, "imported", "Conversation", conversation.Id,
                    after: new { conversation.Channel, conversation.AuthorHandle, conversation.Priority }, details: $"CSV import, line {line}");
            }
        }, ct);
        return new ImportReport(results.OrderBy(r => r.Line).ToList());
    }

    /// <summary>One row: enum values by name only, one value per field, ISO 8601 times, text cleaned of control characters.</summary>
    private static (Conversation? Conversation, List<string> Problems) ParseRow(CsvRecord record, Dictionary<string, int> header,
        Dictionary<string, int> areas, Actor actor, DateTime now)
    {
        string Field(string name) => header.TryGetValue(name, out var index) && index < record.Fields.Count ? PlainText.Clean(record.Fields[index]).Trim() : "";
        var problems = new List<string>();
        var channelText = Field("channel");
        if (!TryParseName<SocialChannel>(channelText, out var channel))
        {
            problems.Add($"channel \"{channelText}\" is not one of {string.Join(", ", Enum.GetNames<SocialChannel>())}");
        }
        var handle = Field("author_handle");
        if (handle.Length is 0 or > 100) problems.Add("author_handle is empty or longer than 100 characters");
        var text = Field("text");
        if (text.Length is 0 or > ResponseRules.ConversationTextMax) problems.Add($"text is empty or longer than {ResponseRules.ConversationTextMax:N0} characters");
        var receivedText = Field("received_at");
        if (!TryParseIsoTime(receivedText, out var received))
        {
            problems.Add($"received_at \"{receivedText}\" is not an ISO 8601 date and time (use 2026-11-29T09:30:00Z)");
        }
        else if (received > now.AddMinutes(5))
        {
            problems.Add("received_at is in the future");
        }
        var link = Field("link");
        if (link.Length > 0 && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            problems.Add("link is not an http(s) address");
        }
        int? areaId = null;
        var areaName = Field("service_area");
        if (areaName.Length > 0)
        {
            if (areas.TryGetValue(areaName.ToLowerInvariant(), out var found)) areaId = found;
            else problems.Add($"service_area \"{areaName}\" is not a known service area");
        }
        var priority = ConversationPriority.Normal;
        var priorityText = Field("priority");
        if (priorityText.Length > 0 && !TryParseName(priorityText, out priority))
        {
            problems.Add($"priority \"{priorityText}\" is not one of {string.Join(", ", Enum.GetNames<ConversationPriority>())}");
        }
        if (problems.Count > 0) return (null, problems);
        var externalId = Field("external_id");
        var key = externalId.Length > 0
            ? $"{channel}:{externalId}"
            : "hash:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}|{handle}|{received:O}|{text}")))[..40];
        var input = new ConversationInput(channel, handle, link.Length > 0 ? link : null, text, received, areaId, priority);
        return (ToEntity(input, actor, key), problems);
    }

    /// <summary>Only a value's name (any case): not a number, not a comma-separated list of flags.</summary>
    internal static bool TryParseName<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
    ];

    /// <summary>ISO 8601 only (2026-01-02T09:30:00Z, or with an offset; without one it is UTC). "1/2/2026" is refused:
    /// it means 1 February in the UK and 2 January in the US.</summary>
    internal static bool TryParseIsoTime(string text, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed);
        utc = ok ? parsed.UtcDateTime : default;
        return ok;
    }

    private async Task<Dictionary<string, string>> ValidateAsync(StaffVoiceDb db, ConversationInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.AuthorHandle) || input.AuthorHandle.Length > 100) errors["AuthorHandle"] = "Enter who wrote it (up to 100 characters).";
        if (string.IsNullOrWhiteSpace(input.Text)) errors["Text"] = "Enter what they wrote.";
        else if (input.Text.Length > ResponseRules.ConversationTextMax) errors["Text"] = $"At most {ResponseRules.ConversationTextMax:N0} characters.";
        if (!string.IsNullOrWhiteSpace(input.Link) && (!Uri.TryCreate(input.Link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors["Link"] = "Enter the full address of the post, starting with https://.";
        }
        if (input.ReceivedAt > time.GetUtcNow().UtcDateTime.AddMinutes(5)) errors["ReceivedAt"] = "The time received cannot be in the future.";
        if (input.ServiceAreaId is { } area && !await db.ServiceAreas.AnyAsync(a => a.Id == area, ct)) errors["ServiceAreaId"] = "Choose a service area.";
        return errors;
    }

    private static Conversation ToEntity(ConversationInput input, Actor actor, string key) => new()
    {
        Channel = input.Channel,
        AuthorHandle = input.AuthorHandle.Trim(),
        Link = string.IsNullOrWhiteSpace(input.Link) ? null : input.Link.Trim(),
        Text = input.Text.Trim(),
        ReceivedAt = DateTime.SpecifyKind(input.ReceivedAt, DateTimeKind.Utc),
        ServiceAreaId = input.ServiceAreaId,
        Priority = input.Priority,
        Status = ConversationStatus.New,
        LoggedById = actor.PersonId,
        ImportKey = key,
    };

    /// <summary>Age in working hours on the organisation's calendar (its hours, public holidays and closure days).</summary>
    private ConversationListItem ToItem(Conversation c, string? area, IReadOnlySet<DateOnly> closures)
    {
        var end = c.AnsweredAt ?? time.GetUtcNow().UtcDateTime;
        return new ConversationListItem(c.Id, c.Channel, c.AuthorHandle, c.Text, c.ReceivedAt, area, c.Priority, c.Status,
            calendar.WorkingHoursBetween(c.ReceivedAt, end, closures), Target(c.Priority))
        {
            AssigneeId = c.AssigneeId,
            Sentiment = c.Sentiment,
            DueAt = c.DueAt,
        };
    }

    private double Target(ConversationPriority priority) => options.Value.TargetWorkingHours.GetValueOrDefault(priority, 16);

    /// <summary>When the priority's target runs out on the organisation's calendar.</summary>
    internal DateTime DueAt(DateTime receivedAt, ConversationPriority priority, IReadOnlySet<DateOnly> closures) =>
        calendar.AddWorkingHours(receivedAt, Target(priority), closures);
}
