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
    public bool IsOverdue => Status is ConversationStatus.New or ConversationStatus.Drafting && AgeWorkingHours > TargetWorkingHours;
}

public sealed record ConversationDraftItem(int Id, string AuthorName, DraftState State, DateTime CreatedAt);

/// <summary>Received → first draft → approved → published, in working hours where reached.</summary>
public sealed record ResponseTimes(double? ToFirstDraft, double? ToApproval, double? ToPublished);

public sealed record ConversationView(ConversationListItem Summary, string? Link, string LoggedBy, IReadOnlyList<ConversationDraftItem> Drafts,
    ResponseTimes Times, int? ServiceAreaId);

public sealed record ImportRowResult(int Line, bool Imported, string Message, int? ConversationId);

public sealed record ImportReport(IReadOnlyList<ImportRowResult> Rows)
{
    public int ImportedCount => Rows.Count(r => r.Imported);
    public int RejectedCount => Rows.Count(r => !r.Imported);
}

/// <summary>The queue of public messages that need an answer.</summary>
public sealed class ConversationService(IDbContextFactory<StaffVoiceDb> dbFactory, IOptions<ResponseOptions> options, TimeProvider time,
    AuditTrail audit)
{
    public const int MaxImportRows = 5_000;
    public const int MaxImportChars = 5 * 1024 * 1024;

    /// <summary>The columns of an import file, in any order, with a header row.</summary>
    public static readonly IReadOnlyList<string> ImportColumns =
        ["channel", "author_handle", "link", "text", "received_at", "service_area", "priority", "external_id"];

    public async Task<PagedResult<ConversationListItem>> ListAsync(ConversationStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Conversations.AsNoTracking();
        query = status is { } s ? query.Where(c => c.Status == s)
            : query.Where(c => c.Status == ConversationStatus.New || c.Status == ConversationStatus.Drafting);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id).Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(c => new { c, Area = db.ServiceAreas.Where(a => a.Id == c.ServiceAreaId).Select(a => a.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return new PagedResult<ConversationListItem>(rows.Select(r => ToItem(r.c, r.Area)).ToList(), total);
    }

    public async Task<ConversationView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Conversations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c,
                Area = db.ServiceAreas.Where(a => a.Id == c.ServiceAreaId).Select(a => a.Name).FirstOrDefault(),
                LoggedBy = db.People.Where(p => p.Id == c.LoggedById).Select(p => p.DisplayName).First(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.ConversationId == id).OrderBy(d => d.CreatedAt)
            .Select(d => new { d.Id, Author = db.People.Where(p => p.Id == d.AuthorId).Select(p => p.DisplayName).First(), d.State, d.CreatedAt, d.ApprovedAt, d.PublishedAt })
            .ToListAsync(ct);
        var received = row.c.ReceivedAt;
        var approved = drafts.Where(d => d.ApprovedAt != null).Min(d => d.ApprovedAt);
        var published = drafts.Where(d => d.PublishedAt != null).Min(d => d.PublishedAt);
        var times = new ResponseTimes(
            row.c.FirstDraftAt is { } first ? WorkingHours.Between(received, first) : null,
            approved is { } a ? WorkingHours.Between(received, a) : null,
            published is { } p ? WorkingHours.Between(received, p) : null);
        return new ConversationView(ToItem(row.c, row.Area), row.c.Link, row.LoggedBy,
            drafts.Select(d => new ConversationDraftItem(d.Id, d.Author, d.State, d.CreatedAt)).ToList(), times, row.c.ServiceAreaId);
    }

    public async Task<int> LogAsync(Actor actor, ConversationInput input, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "log conversations");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, input, ct);
        ValidationFailedException.ThrowIfAny(errors);
        var conversation = ToEntity(input, actor, $"manual:{Guid.NewGuid():N}");
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        audit.Add(db, actor, "created", "Conversation", conversation.Id, after: new { input.Channel, input.AuthorHandle, input.Priority });
        await db.SaveChangesAsync(ct);
        return conversation.Id;
    }

    public async Task SetStatusAsync(Actor actor, int id, ConversationStatus status, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "change a conversation");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("That conversation no longer exists.");
        var before = conversation.Status;
        conversation.Status = status;
        if (status == ConversationStatus.Answered) conversation.AnsweredAt ??= time.GetUtcNow().UtcDateTime;
        audit.Add(db, actor, "status-changed", "Conversation", id, new { Status = before }, new { Status = status });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Imports conversations from CSV (comms managers only). Every row is judged on its own: good rows are imported,
    /// bad ones reported with the reason; a row already imported (same external id, or same content) is skipped.
    /// </summary>
    public async Task<ImportReport> ImportCsvAsync(Actor actor, Stream csv, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "import conversations");
        var results = new List<ImportRowResult>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var areas = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Name.ToLowerInvariant(), a => a.Id, ct);

        using var reader = new StreamReader(csv);
        var buffer = new char[MaxImportChars + 1];
        var length = await reader.ReadBlockAsync(buffer, ct);
        if (length > MaxImportChars)
        {
            return new ImportReport([new ImportRowResult(1, false, "The file is larger than 5 MB; split it into smaller files.", null)]);
        }
        using var rows = CsvRows.Parse(new string(buffer, 0, length)).GetEnumerator();
        if (!rows.MoveNext())
        {
            return new ImportReport([new ImportRowResult(1, false, "The file is empty: it needs a header row and at least one message.", null)]);
        }
        var header = rows.Current.Fields.Select((name, index) => (Name: name.Trim().ToLowerInvariant(), index))
            .GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.First().index);
        var missing = new[] { "channel", "author_handle", "text", "received_at" }.Where(c => !header.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return new ImportReport([new ImportRowResult(1, false, $"The header row lacks the column(s): {string.Join(", ", missing)}.", null)]);
        }

        var candidates = new List<(int Line, Conversation Conversation)>();
        var seenKeys = new HashSet<string>();
        while (rows.MoveNext())
        {
            var (line, values) = rows.Current;
            if (candidates.Count + results.Count >= MaxImportRows)
            {
                results.Add(new ImportRowResult(line, false, $"Only {MaxImportRows:N0} rows are read per file; split the file.", null));
                break;
            }
            string Field(string name) => header.TryGetValue(name, out var index) && index < values.Count ? values[index].Trim() : "";
            var problems = new List<string>();
            if (!Enum.TryParse<SocialChannel>(Field("channel"), ignoreCase: true, out var channel))
            {
                problems.Add($"channel \"{Field("channel")}\" is not one of {string.Join(", ", Enum.GetNames<SocialChannel>())}");
            }
            var handle = Field("author_handle");
            if (handle.Length is 0 or > 100) problems.Add("author_handle is empty or longer than 100 characters");
            var text = Field("text");
            if (text.Length is 0 or > ResponseRules.ConversationTextMax) problems.Add($"text is empty or longer than {ResponseRules.ConversationTextMax:N0} characters");
            if (!DateTime.TryParse(Field("received_at"), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var received))
            {
                problems.Add($"received_at \"{Field("received_at")}\" is not a date and time (use 2026-11-29T09:30:00Z)");
            }
            else if (received > time.GetUtcNow().UtcDateTime.AddMinutes(5))
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
            if (priorityText.Length > 0 && !Enum.TryParse(priorityText, ignoreCase: true, out priority))
            {
                problems.Add($"priority \"{priorityText}\" is not Low, Normal, High or Urgent");
            }
            if (problems.Count > 0)
            {
                results.Add(new ImportRowResult(line, false, "Rejected: " + string.Join("; ", problems) + ".", null));
                continue;
            }
            var externalId = Field("external_id");
            var key = externalId.Length > 0
                ? $"{channel}:{externalId}"
                : "hash:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}|{handle}|{received:O}|{text}")))[..40];
            if (!seenKeys.Add(key))
            {
                results.Add(new ImportRowResult(line, false, "Skipped: the same message appears earlier in this file.", null));
                continue;
            }
            var input = new ConversationInput(channel, handle, link.Length > 0 ? link : null, text, received, areaId, priority);
            candidates.Add((line, ToEntity(input, actor, key)));
        }

        var keys = candidates.Select(c => c.Conversation.ImportKey).ToList();
        var existing = (await db.Conversations.AsNoTracking().Where(c => keys.Contains(c.ImportKey)).Select(c => c.ImportKey).ToListAsync(ct)).ToHashSet();
        foreach (var (line, conversation) in candidates)
        {
            if (existing.Contains(conversation.ImportKey))
            {
                results.Add(new ImportRowResult(line, false, "Skipped: already imported earlier.", null));
                continue;
            }
            db.Conversations.Add(conversation);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (line, conversation) in candidates.Where(c => c.Conversation.Id != 0))
        {
            results.Add(new ImportRowResult(line, true, "Imported.", conversation.Id));
        }
        audit.Add(db, actor, "imported", "Conversation", 0, details: $"{results.Count(r => r.Imported)} imported, {results.Count(r => !r.Imported)} not");
        await db.SaveChangesAsync(ct);
        return new ImportReport(results.OrderBy(r => r.Line).ToList());
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

    private ConversationListItem ToItem(Conversation c, string? area)
    {
        var end = c.AnsweredAt ?? time.GetUtcNow().UtcDateTime;
        return new ConversationListItem(c.Id, c.Channel, c.AuthorHandle, c.Text, c.ReceivedAt, area, c.Priority, c.Status,
            WorkingHours.Between(c.ReceivedAt, end), options.Value.TargetWorkingHours.GetValueOrDefault(c.Priority, 16));
    }
}
