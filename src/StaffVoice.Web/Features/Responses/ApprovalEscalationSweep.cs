using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Escalate, never expire: replies waiting for approval past the first deadline are summarised to every comms manager
/// (not counting their own drafts); past the second, to every administrator too. Each person has one running summary
/// a day ("3 replies have waited over 4 hours for approval", linking to Approvals), rewritten as the count changes and
/// marked unread again; nothing is dropped and nobody gets one notification (and e-mail) per draft. Counts come from
/// the database, so the sweep reads the same few rows whether 3 or 30,000 drafts wait.
/// </summary>
public sealed class ApprovalEscalationSweep(
    IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, INotifier notifier, IOptions<ResponseOptions> options, TimeProvider time,
    ILogger<ApprovalEscalationSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var first = now - options.Value.EscalateToCommsManagersAfter;
        var second = now - options.Value.EscalateToAdministratorsAfter;
        var day = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        List<NotificationRequest> summaries;
        int waiting;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var overdue = db.Drafts.AsNoTracking().Where(d => d.State == DraftState.AwaitingApproval && d.AwaitingApprovalSince != null && d.AwaitingApprovalSince <= first);
            waiting = await overdue.CountAsync(ct);
            if (waiting == 0) return 0;
            var managers = await Active(db, Roles.CommsManager).ToListAsync(ct);
            // A comms manager's own drafts are not theirs to approve: left out of their count.
            var own = await overdue.Where(d => managers.Contains(d.AuthorId)).GroupBy(d => d.AuthorId)
                .Select(g => new { Author = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Author, x => x.Count, ct);
            var veryLate = await overdue.CountAsync(d => d.AwaitingApprovalSince <= second, ct);
            var admins = veryLate == 0 ? [] : await Active(db, Roles.Administrator).ToListAsync(ct);

            var after = Hours(options.Value.EscalateToCommsManagersAfter);
            summaries = managers.Select(m => (Manager: m, Count: waiting - own.GetValueOrDefault(m))).Where(x => x.Count > 0)
                .Select(x => new NotificationRequest(x.Manager, "approval-overdue",
                    $"{Replies(x.Count)} waited over {after} hours for approval", "/responses/approvals",
                    "Approvals lists them oldest first: approve, send back or reject each.", $"approval-overdue:{day}"))
                .Concat(admins.Select(a => new NotificationRequest(a, "approval-overdue-admin",
                    $"{Replies(veryLate)} waited over {Hours(options.Value.EscalateToAdministratorsAfter)} hours with no comms manager acting",
                    "/responses/approvals", "The comms managers have been told.", $"approval-overdue-admin:{day}")))
                .ToList();
        }
        var written = await notifier.SummariseAsync(operations, summaries, ct);
        logger.LogInformation("Approval escalation: {Waiting} drafts overdue, {Written} summaries written", waiting, written);
        return written;
    }

    private static IQueryable<int> Active(StaffVoiceDb db, string role) =>
        db.PersonRoles.Where(r => r.Role == role && db.People.Any(p => p.Id == r.PersonId && p.IsActive)).Select(r => r.PersonId);

    private static string Replies(int count) => count == 1 ? "1 reply has" : $"{count:N0} replies have";

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
}
