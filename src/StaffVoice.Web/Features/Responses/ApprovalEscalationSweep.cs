using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Escalate, never expire: a draft awaiting approval past the first deadline notifies every comms manager; past the
/// second, every administrator too. Each escalation happens once per wait (dedup keys name the draft and when its wait
/// began); nothing is ever dropped.
/// </summary>
public sealed class ApprovalEscalationSweep(
    IDbContextFactory<StaffVoiceDb> dbFactory, INotifier notifier, IOptions<ResponseOptions> options, TimeProvider time,
    ILogger<ApprovalEscalationSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var first = now - options.Value.EscalateToCommsManagersAfter;
        var second = now - options.Value.EscalateToAdministratorsAfter;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await db.Drafts.AsNoTracking()
            .Where(d => d.State == DraftState.AwaitingApproval && d.AwaitingApprovalSince != null && d.AwaitingApprovalSince <= first)
            .OrderBy(d => d.AwaitingApprovalSince).Take(500)
            .Select(d => new { d.Id, d.AuthorId, Since = d.AwaitingApprovalSince!.Value })
            .ToListAsync(ct);
        if (waiting.Count == 0) return 0;
        var managers = await db.PersonRoles.Where(r => r.Role == Roles.CommsManager && db.People.Any(p => p.Id == r.PersonId && p.IsActive)).Select(r => r.PersonId).ToListAsync(ct);
        var admins = await db.PersonRoles.Where(r => r.Role == Roles.Administrator && db.People.Any(p => p.Id == r.PersonId && p.IsActive)).Select(r => r.PersonId).ToListAsync(ct);

        var requests = new List<NotificationRequest>();
        foreach (var draft in waiting)
        {
            var hours = (now - draft.Since).TotalHours;
            requests.AddRange(managers.Where(m => m != draft.AuthorId).Select(m => new NotificationRequest(m, "approval-overdue",
                $"A reply has waited {hours:0} hours for approval", $"/responses/drafts/{draft.Id}", "Approve it, send it back, or reject it.",
                $"approval-overdue:{draft.Id}:{draft.Since:O}")));
            if (draft.Since <= second)
            {
                requests.AddRange(admins.Select(a => new NotificationRequest(a, "approval-overdue-admin",
                    $"No comms manager has acted on a reply for {hours:0} hours", $"/responses/drafts/{draft.Id}", null,
                    $"approval-overdue-admin:{draft.Id}:{draft.Since:O}")));
            }
        }
        var created = await notifier.NotifyAsync(requests, ct);
        logger.LogInformation("Approval escalation: {Waiting} drafts overdue, {Created} new notifications", waiting.Count, created);
        return created;
    }
}
