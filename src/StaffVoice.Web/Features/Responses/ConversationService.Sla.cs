using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// One week (starting Monday, organisation time) of one service area on one channel. Received counts every conversation
/// received that week; the share within target leaves out those closed without a reply (no answer was needed).
/// First reply is the first draft written; publication is when the answer went out (its first published post, else the
/// moment the conversation was marked answered). Times are working hours.
/// </summary>
public sealed record SlaRow(DateOnly WeekStarting, string ServiceArea, SocialChannel Channel, int Received, int ClosedWithoutReply,
    int Answered, int AnsweredWithinTarget, double? MedianHoursToFirstReply, double? MedianHoursToPublication)
{
    public int NeedingAnswer => Received - ClosedWithoutReply;
    public double? ShareWithinTarget => NeedingAnswer == 0 ? null : (double)AnsweredWithinTarget / NeedingAnswer;
}

public sealed record SlaReport(DateOnly From, DateOnly To, IReadOnlyList<SlaRow> Rows, IReadOnlyList<SlaRow> Weeks, SlaRow Total);

public sealed partial class ConversationService
{
    public const int MaxSlaWeeks = 53;

    public static readonly IReadOnlyList<string> SlaColumns =
    [
        "week_starting", "service_area", "channel", "received", "closed_without_reply", "answered", "answered_within_target",
        "share_within_target", "median_working_hours_to_first_reply", "median_working_hours_to_publication",
    ];

    /// <summary>
    /// Response times per service area, channel and week for conversations received between two organisation dates
    /// (inclusive), for comms managers and administrators. <see cref="SlaReport.Weeks"/> sums the areas and channels per
    /// week (the chart); <see cref="SlaReport.Total"/> the whole range.
    /// </summary>
    public async Task<SlaReport> SlaReportAsync(Actor actor, DateOnly from, DateOnly to, int? serviceAreaId = null, SocialChannel? channel = null,
        int? departmentId = null, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.CommsManager) && !actor.IsIn(Roles.Administrator))
        {
            throw new PermissionDeniedException("Only comms managers and administrators can see response-time reports.");
        }
        if (to < from) throw new ValidationFailedException("To", "The end date is before the start date.");
        from = WeekStart(from);
        if (to.DayNumber - from.DayNumber >= MaxSlaWeeks * 7) throw new ValidationFailedException("From", $"Choose at most {MaxSlaWeeks} weeks.");
        var start = calendar.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = calendar.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Conversations.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        if (serviceAreaId is { } area) query = query.Where(c => c.ServiceAreaId == area);
        if (channel is { } ch) query = query.Where(c => c.Channel == ch);
        if (departmentId is { } department) query = query.Where(c => db.ServiceAreas.Any(a => a.Id == c.ServiceAreaId && a.DepartmentId == department));
        var rows = await query
            .Select(c => new
            {
                c.ReceivedAt, c.Channel, c.Priority, c.Status, c.FirstDraftAt, c.AnsweredAt,
                Area = db.ServiceAreas.Where(a => a.Id == c.ServiceAreaId).Select(a => a.Name).FirstOrDefault(),
                Published = db.Drafts.Where(d => d.ConversationId == c.Id && d.PublishedAt != null).Min(d => d.PublishedAt),
            })
            .ToListAsync(ct);
        var closures = await calendar.ClosureDaysAsync(ct);
        var measured = rows.Select(r =>
        {
            var firstReply = r.FirstDraftAt is { } f ? calendar.WorkingHoursBetween(r.ReceivedAt, f, closures) : (double?)null;
            var answeredAt = r.Published ?? r.AnsweredAt;
            var toAnswer = r.Status == ConversationStatus.Answered && answeredAt is { } a ? calendar.WorkingHoursBetween(r.ReceivedAt, a, closures) : (double?)null;
            return new Measured(WeekStart(DateOnly.FromDateTime(calendar.ToLocal(r.ReceivedAt))), r.Area ?? "No service area", r.Channel,
                r.Status == ConversationStatus.NoReplyNeeded, toAnswer, toAnswer is { } h && h <= Target(r.Priority), firstReply,
                toAnswer);
        }).ToList();

        var detail = measured.GroupBy(m => (m.Week, m.Area, m.Channel))
            .Select(g => Summarise(g.Key.Week, g.Key.Area, g.Key.Channel, g.ToList()))
            .OrderBy(r => r.WeekStarting).ThenBy(r => r.ServiceArea, StringComparer.CurrentCulture).ThenBy(r => r.Channel).ToList();
        var weeks = new List<SlaRow>();
        for (var week = from; week <= to; week = week.AddDays(7))
        {
            weeks.Add(Summarise(week, "All", null, measured.Where(m => m.Week == week).ToList()));
        }
        return new SlaReport(from, to, detail, weeks, Summarise(from, "All", null, measured));
    }

    /// <summary>The report as CSV rows (one per week, area and channel), in <see cref="SlaColumns"/> order.</summary>
    public static IEnumerable<string?[]> SlaCells(SlaReport report) => report.Rows.Select(r => new string?[]
    {
        r.WeekStarting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.ServiceArea, r.Channel.ToString(),
        r.Received.ToString(CultureInfo.InvariantCulture), r.ClosedWithoutReply.ToString(CultureInfo.InvariantCulture),
        r.Answered.ToString(CultureInfo.InvariantCulture), r.AnsweredWithinTarget.ToString(CultureInfo.InvariantCulture),
        r.ShareWithinTarget?.ToString("0.000", CultureInfo.InvariantCulture), r.MedianHoursToFirstReply?.ToString("0.0", CultureInfo.InvariantCulture),
        r.MedianHoursToPublication?.ToString("0.0", CultureInfo.InvariantCulture),
    });

    /// <summary>The Monday on or before a day.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static SlaRow Summarise(DateOnly week, string area, SocialChannel? channel, IReadOnlyList<Measured> items) => new(
        week, area, channel ?? default, items.Count, items.Count(m => m.Closed), items.Count(m => m.HoursToAnswer is not null),
        items.Count(m => m.WithinTarget), Median(items.Where(m => m.HoursToFirstReply is not null).Select(m => m.HoursToFirstReply!.Value).ToList()),
        Median(items.Where(m => m.HoursToPublication is not null).Select(m => m.HoursToPublication!.Value).ToList()));

    private sealed record Measured(DateOnly Week, string Area, SocialChannel Channel, bool Closed, double? HoursToAnswer, bool WithinTarget,
        double? HoursToFirstReply, double? HoursToPublication);
}
