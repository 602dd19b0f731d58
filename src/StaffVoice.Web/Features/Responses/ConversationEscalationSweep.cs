using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Organisation;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Escalate, never expire, for citizens' conversations. An assigned conversation that has used most of its response
/// target (<see cref="ResponseOptions.WarnAtShareOfTarget"/>, in working hours) tells its assignee, once per target
/// (the dedup key names the conversation and its due time). The area's comms managers — every comms manager when the
/// area's department has none — get one running summary a day of what waits on them: the open conversations past
/// their target, and the unassigned ones nearing it, counted in the database and rewritten (unread again) when the
/// counts change; with exactly one, the summary links to it. So a backlog of thousands is one notification per manager
/// a day, not thousands each, and a run reads counts plus the conversations due within two weeks, whatever the backlog.
/// Conversations from before the inbox get their due time here first.
/// </summary>
public sealed class ConversationEscalationSweep(
    IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, ConversationService conversations, INotifier notifier,
    IOptions<ResponseOptions> options, OrganisationCalendar calendar, TimeProvider time, ILogger<ConversationEscalationSweep> logger)
{
    private const int Batch = 1_000;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var day = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var closures = await calendar.ClosureDaysAsync(ct);
        await BackfillDueTimesAsync(closures, ct);

        // A target of at most a working week can nearly run out two calendar weeks ahead at the latest (holidays included).
        var horizon = now.AddDays(14);
        var warnings = new List<NotificationRequest>();
        var breached = new List<Group>();
        var nearing = new List<(int? Department, int Id)>();
        List<(int Id, int? DepartmentId)> managers;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var open = db.Conversations.AsNoTracking().Where(c => (c.Status == ConversationStatus.New || c.Status == ConversationStatus.Drafting) && c.DueAt != null);
            // Past the target: due time passed (the due time is the target in working hours). Counted per department.
            breached = await (from c in open.Where(c => c.DueAt <= now)
                              join a in db.ServiceAreas on c.ServiceAreaId equals a.Id into areas
                              from a in areas.DefaultIfEmpty()
                              group c by a == null ? (int?)null : a.DepartmentId into g
                              select new Group(g.Key, g.Count(), g.Min(c => c.Id))).ToListAsync(ct);
            // Not yet due: only these need working hours worked out, and they are due within two weeks.
            var lastId = 0;
            while (true)
            {
                var soon = await open.Where(c => c.DueAt > now && c.DueAt <= horizon && c.Id > lastId).OrderBy(c => c.Id).Take(Batch)
                    .Select(c => new { c.Id, c.ReceivedAt, c.Priority, DueAt = c.DueAt!.Value, c.AssigneeId, c.AuthorHandle, c.Channel,
                        DepartmentId = db.ServiceAreas.Where(a => a.Id == c.ServiceAreaId).Select(a => (int?)a.DepartmentId).FirstOrDefault() })
                    .ToListAsync(ct);
                foreach (var c in soon)
                {
                    var target = options.Value.TargetWorkingHours.GetValueOrDefault(c.Priority, 16);
                    var age = calendar.WorkingHoursBetween(c.ReceivedAt, now, closures);
                    if (age < target * options.Value.WarnAtShareOfTarget) continue;
                    if (c.AssigneeId is { } assignee)
                    {
                        warnings.Add(new NotificationRequest(assignee, "conversation-near-target", $"A conversation nears its {target:0}-hour target",
                            $"/responses/conversations/{c.Id}", $"{c.AuthorHandle} on {c.Channel}: {Math.Max(target - age, 0):0.0} working hours left.",
                            $"conversation-near-target:{c.Id}:{c.DueAt:O}"));
                    }
                    else nearing.Add((c.DepartmentId, c.Id));
                }
                if (soon.Count < Batch) break;
                lastId = soon[^1].Id;
            }
            managers = (await db.PersonRoles.Where(r => r.Role == Roles.CommsManager)
                .Join(db.People.Where(p => p.IsActive), r => r.PersonId, p => p.Id, (r, p) => new { p.Id, p.DepartmentId })
                .ToListAsync(ct)).Select(m => (m.Id, m.DepartmentId)).ToList();
        }

        // A department's conversations go to its own comms managers, or to every comms manager when it has none.
        var staffed = managers.Where(m => m.DepartmentId is not null).Select(m => m.DepartmentId).ToHashSet();
        bool Routes(int? conversationDepartment, int? managerDepartment) =>
            conversationDepartment is not null && managerDepartment == conversationDepartment || !staffed.Contains(conversationDepartment);
        var summaries = new List<NotificationRequest>();
        foreach (var (manager, department) in managers)
        {
            var mine = breached.Where(g => Routes(g.Department, department)).ToList();
            var count = mine.Sum(g => g.Count);
            if (count > 0)
            {
                summaries.Add(new NotificationRequest(manager, "conversation-breached",
                    count == 1 ? "A conversation is past its response target" : $"{count:N0} conversations are past their response target",
                    count == 1 ? $"/responses/conversations/{mine.Single(g => g.Count == 1).FirstId}" : "/responses",
                    "Answer, reassign or close them: the inbox sorts the most overdue first.", $"conversation-breached:{day}"));
            }
            var near = nearing.Where(n => Routes(n.Department, department)).ToList();
            if (near.Count > 0)
            {
                summaries.Add(new NotificationRequest(manager, "conversation-near-target",
                    near.Count == 1 ? "An unassigned conversation nears its response target" : $"{near.Count:N0} unassigned conversations near their response target",
                    near.Count == 1 ? $"/responses/conversations/{near[0].Id}" : "/responses",
                    "Assign them so someone answers in time.", $"conversation-near-target:{day}"));
            }
        }
        var created = warnings.Count > 0 ? await notifier.NotifyAsync(warnings, ct) : 0;
        created += await notifier.SummariseAsync(operations, summaries, ct);
        logger.LogInformation("Conversation escalation: {Breached} past target, {Nearing} unassigned nearing it, {Created} notifications written",
            breached.Sum(g => g.Count), nearing.Count, created);
        return created;
    }

    private sealed record Group(int? Department, int Count, int FirstId);

    /// <summary>Gives open conversations logged before due times existed their due time (idempotent: only nulls).</summary>
    private async Task BackfillDueTimesAsync(IReadOnlySet<DateOnly> closures, CancellationToken ct)
    {
        while (true)
        {
            var filled = await operations.RunAsync(op => FillDueTimesAsync(op, closures, ct), ct);
            if (filled < Batch) return;
        }
    }

    // A method of its own rather than a lambda: Stryker.NET cannot place a mutant of `rows.Count` inside an async lambda
    // and then drops every mutant of the enclosing method.
    private async Task<int> FillDueTimesAsync(Operation op, IReadOnlySet<DateOnly> closures, CancellationToken ct)
    {
        var rows = await op.Db.Conversations.Where(c => c.DueAt == null).OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
        foreach (var c in rows) c.DueAt = conversations.DueAt(c.ReceivedAt, c.Priority, closures);
        return rows.Count;
    }
}
