using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>Banned phrases (comms managers), quiet periods (administrators) and the publishing calendar.</summary>
public sealed class ResponseSettingsService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, TimeProvider time)
{
    public async Task<IReadOnlyList<(int Id, string Phrase)>> ListBannedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.BannedPhrases.AsNoTracking().OrderBy(b => b.Phrase).Select(b => new { b.Id, b.Phrase }).ToListAsync(ct))
            .Select(b => (b.Id, b.Phrase)).ToList();
    }

    public async Task AddBannedAsync(Actor actor, string phrase, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "maintain the banned words list");
        var trimmed = phrase?.Trim().ToLowerInvariant() ?? "";
        if (trimmed.Length is 0 or > 100)
        {
            throw new ValidationFailedException(new Dictionary<string, string> { ["Phrase"] = "Enter a word or phrase of up to 100 characters." });
        }
        await operations.RunAsync(async op =>
        {
            if (await op.Db.BannedPhrases.AnyAsync(b => b.Phrase == trimmed, ct)) return;
            var banned = new BannedPhrase { Phrase = trimmed, AddedById = actor.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime };
            op.Db.BannedPhrases.Add(banned);
            await op.Db.SaveChangesAsync(ct);
            op.Audit(actor, "banned-phrase-added", "BannedPhrase", banned.Id, details: trimmed);
        }, ct);
    }

    public async Task RemoveBannedAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "maintain the banned words list");
        await operations.RunAsync(async op =>
        {
            var phrase = await op.Db.BannedPhrases.SingleOrDefaultAsync(b => b.Id == id, ct);
            if (phrase is null) return;
            op.Db.BannedPhrases.Remove(phrase);
            op.Audit(actor, "banned-phrase-removed", "BannedPhrase", id, details: phrase.Phrase);
        }, ct);
    }

    /// <summary>The comms team's managed conversation tags, offered first when tagging (free tags are allowed too).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ListTagsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.InboxTags.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();
    }

    public async Task AddTagAsync(Actor actor, string name, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "maintain the conversation tags");
        var tag = ResponseRules.NormaliseTag(name)
            ?? throw new ValidationFailedException("Tag", $"Use up to {ResponseRules.TagMax} letters, digits, spaces, '-' or '_'.");
        await operations.RunAsync(async op =>
        {
            if (await op.Db.InboxTags.AnyAsync(t => t.Name == tag, ct)) return;
            var entity = new InboxTag { Name = tag, AddedById = actor.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime };
            op.Db.InboxTags.Add(entity);
            await op.Db.SaveChangesAsync(ct);
            op.Audit(actor, "tag-added", "InboxTag", entity.Id, details: tag);
        }, ct);
    }

    /// <summary>Takes a tag off the managed list; conversations keep it as a free tag.</summary>
    public async Task RemoveTagAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.CommsManager, "maintain the conversation tags");
        await operations.RunAsync(async op =>
        {
            var tag = await op.Db.InboxTags.SingleOrDefaultAsync(t => t.Id == id, ct);
            if (tag is null) return;
            op.Db.InboxTags.Remove(tag);
            op.Audit(actor, "tag-removed", "InboxTag", id, details: tag.Name);
        }, ct);
    }

    public async Task<IReadOnlyList<QuietPeriodItem>> ListQuietPeriodsAsync(DateTime? from = null, DateTime? to = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.QuietPeriods.AsNoTracking();
        if (from is { } f) query = query.Where(q => q.EndsAt > f);
        if (to is { } t) query = query.Where(q => q.StartsAt < t);
        return await query.OrderBy(q => q.StartsAt).Take(200)
            .Select(q => new QuietPeriodItem(q.Id, q.StartsAt, q.EndsAt, q.Reason, db.People.Where(p => p.Id == q.CreatedById).Select(p => p.DisplayName).First()))
            .ToListAsync(ct);
    }

    public async Task<int> DeclareQuietPeriodAsync(Actor actor, DateTime startsAt, DateTime endsAt, string reason, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "declare quiet periods");
        var errors = new Dictionary<string, string>();
        if (endsAt <= startsAt) errors["EndsAt"] = "The end must be after the start.";
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 300) errors["Reason"] = "Say why, in up to 300 characters.";
        ValidationFailedException.ThrowIfAny(errors);
        return await operations.RunAsync(async op =>
        {
            var period = new QuietPeriod
            {
                StartsAt = DateTime.SpecifyKind(startsAt, DateTimeKind.Utc), EndsAt = DateTime.SpecifyKind(endsAt, DateTimeKind.Utc),
                Reason = PlainText.Clean(reason).Trim(), CreatedById = actor.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            op.Db.QuietPeriods.Add(period);
            await op.Db.SaveChangesAsync(ct);
            op.Audit(actor, "quiet-period-declared", "QuietPeriod", period.Id, after: new { period.StartsAt, period.EndsAt, period.Reason });
            return period.Id;
        }, ct);
    }

    public async Task EndQuietPeriodAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "end quiet periods");
        await operations.RunAsync(async op =>
        {
            var period = await op.Db.QuietPeriods.SingleOrDefaultAsync(q => q.Id == id, ct) ?? throw new NotFoundException("That quiet period no longer exists.");
            var now = time.GetUtcNow().UtcDateTime;
            var before = new { period.StartsAt, period.EndsAt };
            if (period.StartsAt > now) op.Db.QuietPeriods.Remove(period);
            else period.EndsAt = now;
            op.Audit(actor, "quiet-period-ended", "QuietPeriod", id, before, new { EndsAt = now });
        }, ct);
    }

    /// <summary>Scheduled and published posts between two times, for the week and month calendar.</summary>
    public async Task<IReadOnlyList<CalendarItem>> CalendarAsync(DateTime from, DateTime to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Drafts.AsNoTracking()
            .Where(d => (d.State == DraftState.Scheduled || d.State == DraftState.Published)
                && (d.PublishedAt ?? d.ScheduledFor) >= from && (d.PublishedAt ?? d.ScheduledFor) < to)
            .OrderBy(d => d.PublishedAt ?? d.ScheduledFor).Take(1000)
            .Select(d => new CalendarItem(d.Id, d.Text, (d.PublishedAt ?? d.ScheduledFor)!.Value, d.State, d.Channels.Select(c => c.Channel).ToList()))
            .ToListAsync(ct);
    }
}
