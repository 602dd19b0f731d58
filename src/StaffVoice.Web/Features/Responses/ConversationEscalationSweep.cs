using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Organisation;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Escalate, never expire, for citizens' conversations: an open conversation that has used most of its response target
/// (<see cref="ResponseOptions.WarnAtShareOfTarget"/>, in working hours) tells its assignee — or, unassigned, the area's
/// comms managers — that it nears the target; past the target, the area's comms managers are told it breached (every
/// comms manager when the area's department has none). Each happens once per conversation and target (dedup keys name
/// the conversation and its due time; a changed priority sets a new target and so may warn again). Conversations from
/// before the inbox get their due time here first.
/// </summary>
public sealed class ConversationEscalationSweep(
    IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, ConversationService conversations, INotifier notifier,
    IOptions<ResponseOptions> options, OrganisationCalendar calendar, TimeProvider time, ILogger<ConversationEscalationSweep> logger)
{
    private const int Batch = 1_000;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var closures = await calendar.ClosureDaysAsync(ct);
        await BackfillDueTimesAsync(closures, ct);

        // A target of at most a working week can nearly run out two calendar weeks ahead at the latest (holidays included).
        var horizon = now.AddDays(14);
        var created = 0;
        var lastId = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var open = await db.Conversations.AsNoTracking()
                .Where(c => (c.Status == ConversationStatus.New || c.Status == ConversationStatus.Drafting) && c.DueAt != null && c.DueAt <= horizon && c.Id > lastId)
                .OrderBy(c => c.Id).Take(Batch)
                .Select(c => new { c.Id, c.ReceivedAt, c.Priority, DueAt = c.DueAt!.Value, c.AssigneeId, c.AuthorHandle, c.Channel,
                    DepartmentId = db.ServiceAreas.Where(a => a.Id == c.ServiceAreaId).Select(a => (int?)a.DepartmentId).FirstOrDefault() })
                .ToListAsync(ct);
            if (open.Count == 0) break;
            lastId = open[^1].Id;

            var managers = await db.PersonRoles.Where(r => r.Role == Roles.CommsManager)
                .Join(db.People.Where(p => p.IsActive), r => r.PersonId, p => p.Id, (r, p) => new { p.Id, p.DepartmentId })
                .ToListAsync(ct);
            IEnumerable<int> ManagersFor(int? department)
            {
                var own = managers.Where(m => department is not null && m.DepartmentId == department).Select(m => m.Id).ToList();
                return own.Count > 0 ? own : managers.Select(m => m.Id);
            }

            var requests = new List<NotificationRequest>();
            foreach (var c in open)
            {
                var target = options.Value.TargetWorkingHours.GetValueOrDefault(c.Priority, 16);
                var age = calendar.WorkingHoursBetween(c.ReceivedAt, now, closures);
                var link = $"/responses/conversations/{c.Id}";
                var who = $"{c.AuthorHandle} on {c.Channel}";
                if (age > target)
                {
                    requests.AddRange(ManagersFor(c.DepartmentId).Select(m => new NotificationRequest(m, "conversation-breached",
                        $"A conversation is past its {target:0}-hour target", link,
                        $"{who}, {c.Priority} priority, {(c.AssigneeId is null ? "unassigned" : "assigned")}: answer it, reassign it or close it.",
                        $"conversation-breached:{c.Id}:{c.DueAt:O}")));
                }
                else if (age >= target * options.Value.WarnAtShareOfTarget)
                {
                    var recipients = c.AssigneeId is { } assignee ? [assignee] : ManagersFor(c.DepartmentId);
                    requests.AddRange(recipients.Select(r => new NotificationRequest(r, "conversation-near-target",
                        $"A conversation nears its {target:0}-hour target", link,
                        $"{who}: {Math.Max(target - age, 0):0.0} working hours left.", $"conversation-near-target:{c.Id}:{c.DueAt:O}")));
                }
            }
            if (requests.Count > 0) created += await notifier.NotifyAsync(requests, ct);
            if (open.Count < Batch) break;
        }
        logger.LogInformation("Conversation escalation: {Created} new notifications", created);
        return created;
    }

    /// <summary>Gives open conversations logged before due times existed their due time (idempotent: only nulls).</summary>
    private async Task BackfillDueTimesAsync(IReadOnlySet<DateOnly> closures, CancellationToken ct)
    {
        while (true)
        {
            var filled = await operations.RunAsync(async op =>
            {
                var rows = await op.Db.Conversations.Where(c => c.DueAt == null).OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
                foreach (var c in rows) c.DueAt = conversations.DueAt(c.ReceivedAt, c.Priority, closures);
                return rows.Count;
            }, ct);
            if (filled < Batch) return;
        }
    }
}
