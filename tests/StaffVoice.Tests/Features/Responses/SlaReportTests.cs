using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>The response-times report: weeks in organisation time, targets in working hours, medians, and who may see it.</summary>
public class SlaReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_week_area_and_channel_counts_what_was_received_and_answered_within_target_with_median_working_hours()
    {
        // Friday 11 December 2026, 18:00 UK time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 11, 18, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var jordan = await database.ActorAsync(Demo.Comms);
        int bins;
        await using (var db = database.NewContext()) bins = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);

        async Task<int> Received(DateTime utc, ConversationPriority priority, SocialChannel channel, double? firstDraftHours, double? answeredHours,
            bool closed = false)
        {
            var id = await r.Conversations.LogAsync(jordan, new ConversationInput(channel, "@r", null, "A question", utc, bins, priority), Ct);
            await using var db = database.NewContext();
            var c = await db.Conversations.SingleAsync(x => x.Id == id, Ct);
            if (firstDraftHours is { } f) c.FirstDraftAt = utc.AddHours(f);
            if (answeredHours is { } a) { c.AnsweredAt = utc.AddHours(a); c.Status = ConversationStatus.Answered; }
            if (closed) c.Status = ConversationStatus.NoReplyNeeded;
            await db.SaveChangesAsync(Ct);
            return id;
        }

        // Week of Monday 30 November: X, Normal (16 h target). Monday 09:00 received.
        var monday = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        await Received(monday, ConversationPriority.Normal, SocialChannel.X, 1, 4);                  // within: 4 working hours
        await Received(monday, ConversationPriority.Normal, SocialChannel.X, 3, 24 * 3);             // Thursday 09:00 = 24 working hours: late
        await Received(monday, ConversationPriority.Urgent, SocialChannel.X, 0.5, null);             // not answered
        await Received(monday, ConversationPriority.Normal, SocialChannel.X, null, null, closed: true);
        // Sunday 6 December 23:30 UTC is still that week in UK time (GMT); received on Sunday, the clock starts Monday 09:00.
        await Received(new DateTime(2026, 12, 6, 23, 30, 0, DateTimeKind.Utc), ConversationPriority.High, SocialChannel.Facebook, 9.5 + 1, 9.5 + 2);
        // Week of 7 December: one Facebook message.
        await Received(new DateTime(2026, 12, 8, 10, 0, 0, DateTimeKind.Utc), ConversationPriority.Low, SocialChannel.Facebook, 2, 6);

        var report = await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 11), ct: Ct);
        Assert.Equal(new DateOnly(2026, 11, 30), report.From); // starts on the Monday
        Assert.Equal([new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7)], report.Weeks.Select(w => w.WeekStarting));

        var x = report.Rows.Single(row => row.WeekStarting == new DateOnly(2026, 11, 30) && row.Channel == SocialChannel.X);
        Assert.Equal(("Bin collections", 4, 1, 2, 1), (x.ServiceArea, x.Received, x.ClosedWithoutReply, x.Answered, x.AnsweredWithinTarget));
        Assert.Equal(1.0 / 3, x.ShareWithinTarget!.Value, 6);
        Assert.Equal(1, x.MedianHoursToFirstReply); // 0.5, 1, 3
        Assert.Equal(14, x.MedianHoursToPublication); // 4 and 24 working hours
        var facebook = report.Rows.Single(row => row.WeekStarting == new DateOnly(2026, 11, 30) && row.Channel == SocialChannel.Facebook);
        Assert.Equal((1, 1), (facebook.Received, facebook.AnsweredWithinTarget));
        Assert.Equal(1, facebook.MedianHoursToFirstReply!.Value, 6); // Monday 09:00 → 10:00
        Assert.Equal((5, 1), (report.Weeks[0].Received, report.Weeks[0].ClosedWithoutReply));
        Assert.Equal(1, report.Weeks[1].Received);
        Assert.Equal(6, report.Total.Received);
        Assert.Equal(3, report.Total.AnsweredWithinTarget);

        var cells = ConversationService.SlaCells(report).ToList();
        Assert.Equal(report.Rows.Count, cells.Count);
        Assert.Equal(new string?[] { "2026-11-30", "Bin collections", "X", "4", "1", "2", "1", "0.333", "1.0", "14.0" }, cells.First(c => c[2] == "X"));

        var onlyFacebook = await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 11), channel: SocialChannel.Facebook, ct: Ct);
        Assert.Equal(2, onlyFacebook.Total.Received);
    }

    [Fact]
    public async Task Only_comms_managers_and_administrators_see_it_and_a_bad_range_is_a_message()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var day = new DateOnly(2026, 12, 1);
        await Assert.ThrowsAsync<PermissionDeniedException>(async () => await r.Conversations.SlaReportAsync(await database.ActorAsync(Demo.Employee), day, day, ct: Ct));
        await r.Conversations.SlaReportAsync(await database.ActorAsync(Demo.Admin), day, day, ct: Ct);
        var comms = await database.ActorAsync(Demo.Comms);
        var backwards = await Assert.ThrowsAsync<ValidationFailedException>(() => r.Conversations.SlaReportAsync(comms, day, day.AddDays(-1), ct: Ct));
        Assert.Equal("The end date is before the start date.", backwards.Errors["To"]);
        await Assert.ThrowsAsync<ValidationFailedException>(() => r.Conversations.SlaReportAsync(comms, day.AddDays(-7 * 60), day, ct: Ct));
        Assert.Equal(2.5, ConversationService.Median([4, 1, 3, 2]));
        Assert.Null(ConversationService.Median([]));
    }

    [Fact]
    public async Task Filters_the_last_day_whole_publication_before_marked_answered_and_at_most_53_weeks()
    {
        // Friday 11 December 2026, 18:00 UK time (GMT, so UTC is local time).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 11, 18, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var jordan = await database.ActorAsync(Demo.Comms);
        int bins, binsDepartment;
        await using (var db = database.NewContext())
        {
            var area = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => new { a.Id, a.DepartmentId }).SingleAsync(Ct);
            (bins, binsDepartment) = (area.Id, area.DepartmentId);
        }
        var monday = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

        // Answered (marked) ten working hours after it came in, but the reply was published after two: publication counts.
        var published = await r.Conversations.LogAsync(jordan, new ConversationInput(SocialChannel.X, "@a", null, "Bins?", monday, bins, ConversationPriority.Normal), Ct);
        var draft = await r.Responses.CreateAsync(jordan, new DraftInput("Thanks, the crew is on its way.", [SocialChannel.X], bins, []), published, Ct);
        // Answered at exactly its 16-working-hour target (Tuesday 17:00): within it.
        var onTarget = await r.Conversations.LogAsync(jordan, new ConversationInput(SocialChannel.X, "@b", null, "Bins?", monday, null, ConversationPriority.Normal), Ct);
        // Received on the last day of the range, late in the day.
        var lastDay = await r.Conversations.LogAsync(jordan, new ConversationInput(SocialChannel.X, "@c", null, "Bins?", new DateTime(2026, 12, 11, 17, 30, 0, DateTimeKind.Utc),
            bins, ConversationPriority.Normal), Ct);
        await using (var db = database.NewContext())
        {
            await db.Drafts.Where(d => d.Id == draft).ExecuteUpdateAsync(u => u.SetProperty(d => d.PublishedAt, monday.AddHours(2)), Ct);
            await db.Conversations.Where(c => c.Id == published).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, ConversationStatus.Answered)
                .SetProperty(c => c.AnsweredAt, monday.AddDays(1).AddHours(2)).SetProperty(c => c.FirstDraftAt, monday.AddHours(1)), Ct);
            await db.Conversations.Where(c => c.Id == onTarget).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, ConversationStatus.Answered)
                .SetProperty(c => c.AnsweredAt, monday.AddDays(1).AddHours(8)), Ct);
        }

        var all = await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 11), ct: Ct);
        Assert.Equal(3, all.Total.Received);
        Assert.Equal((2, 2), (all.Total.Answered, all.Total.AnsweredWithinTarget));
        Assert.Equal(9, all.Total.MedianHoursToPublication); // 2 and 16 working hours
        Assert.Equal(1, all.Total.MedianHoursToFirstReply); // only the first has a first reply
        Assert.Equal(["Bin collections", "No service area"], all.Rows.Where(row => row.WeekStarting == new DateOnly(2026, 11, 30)).Select(row => row.ServiceArea));
        var bin = all.Rows.Single(row => row.ServiceArea == "Bin collections" && row.WeekStarting == new DateOnly(2026, 11, 30));
        Assert.Equal(2, bin.MedianHoursToPublication);

        Assert.Equal(2, (await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 10), ct: Ct)).Total.Received);
        Assert.Equal(2, (await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 11), serviceAreaId: bins, ct: Ct)).Total.Received);
        Assert.Equal(2, (await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 11), departmentId: binsDepartment, ct: Ct)).Total.Received);
        Assert.Equal(0, (await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 11), channel: SocialChannel.Facebook, ct: Ct)).Total.Received);

        var longest = await r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30).AddDays(53 * 7 - 1), ct: Ct);
        Assert.Equal(53, longest.Weeks.Count);
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Conversations.SlaReportAsync(jordan, new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30).AddDays(53 * 7), ct: Ct));
        Assert.Equal("Choose at most 53 weeks.", tooLong.Errors["From"]);
    }
}
