using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Organisation;

public sealed record ClosureDayItem(int Id, DateOnly Date, string Reason);

/// <summary>Closure days beyond public holidays (administrators): they stop response-time clocks like a bank holiday.</summary>
public sealed class OrganisationService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, OrganisationCalendar calendar, TimeProvider time)
{
    public async Task<IReadOnlyList<ClosureDayItem>> ListClosureDaysAsync(DateOnly from, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ClosureDays.AsNoTracking().Where(c => c.Date >= from).OrderBy(c => c.Date).Take(200)
            .Select(c => new ClosureDayItem(c.Id, c.Date, c.Reason)).ToListAsync(ct);
    }

    public async Task AddClosureDayAsync(Actor actor, DateOnly? date, string reason, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "add closure days");
        var errors = new Dictionary<string, string>();
        if (date is null) errors["Date"] = "Choose the day.";
        var why = PlainText.Clean(reason ?? "").Trim();
        if (why.Length is 0 or > 300) errors["Reason"] = "Say why the organisation is closed, in up to 300 characters.";
        ValidationFailedException.ThrowIfAny(errors);
        await operations.RunAsync(async op =>
        {
            if (await op.Db.ClosureDays.AnyAsync(c => c.Date == date!.Value, ct))
            {
                throw new ValidationFailedException("Date", $"{date!.Value:d MMM yyyy} is already a closure day.");
            }
            var day = new ClosureDay { Date = date!.Value, Reason = why, CreatedById = actor.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime };
            op.Db.ClosureDays.Add(day);
            await op.Db.SaveChangesAsync(ct);
            op.Audit(actor, "closure-day-added", "ClosureDay", day.Id, details: $"{day.Date:yyyy-MM-dd}: {why}");
            op.AfterCommit(calendar.ClosuresChanged);
        }, ct);
    }

    public async Task RemoveClosureDayAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "remove closure days");
        await operations.RunAsync(async op =>
        {
            var day = await op.Db.ClosureDays.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("That closure day was already removed.");
            op.Db.ClosureDays.Remove(day);
            op.Audit(actor, "closure-day-removed", "ClosureDay", id, details: $"{day.Date:yyyy-MM-dd}: {day.Reason}");
            op.AfterCommit(calendar.ClosuresChanged);
        }, ct);
    }
}
