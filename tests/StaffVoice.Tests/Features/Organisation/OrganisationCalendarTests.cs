using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features.Organisation;

namespace StaffVoice.Tests.Features.Organisation;

public class OrganisationCalendarTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly HashSet<DateOnly> NoClosures = [];
    private static DateTime Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Fact]
    public void Times_are_shown_and_entered_in_UK_time_across_the_clock_changes()
    {
        var calendar = TestHost.Calendar();
        Assert.Equal("2 Mar 2026 09:30", calendar.Format(Utc(2026, 3, 2, 9, 30))); // GMT
        Assert.Equal("1 Jul 2026 10:30", calendar.Format(Utc(2026, 7, 1, 9, 30))); // BST
        Assert.Equal(Utc(2026, 7, 1, 8, 0), calendar.ToUtc(new DateTime(2026, 7, 1, 9, 0, 0)));
        Assert.Equal(Utc(2026, 12, 1, 9, 0), calendar.ToUtc(new DateTime(2026, 12, 1, 9, 0, 0)));
        // 29 March 2026, 01:30 does not exist (clocks go forward at 01:00): it becomes 02:30 BST, 01:30 UTC.
        Assert.Equal(Utc(2026, 3, 29, 1, 30), calendar.ToUtc(new DateTime(2026, 3, 29, 1, 30, 0)));
        // 25 October 2026, 01:30 happens twice: the first, in BST (00:30 UTC).
        Assert.Equal(Utc(2026, 10, 25, 0, 30), calendar.ToUtc(new DateTime(2026, 10, 25, 1, 30, 0)));
        Assert.Equal("en-GB", calendar.Culture.Name);
        Assert.Equal("UK time", calendar.ZoneLabel);
        Assert.Equal("", calendar.Format((DateTime?)null));
    }

    [Fact]
    public void A_working_day_is_nine_to_five_local_time_either_side_of_the_clock_change()
    {
        var calendar = TestHost.Calendar();
        // Friday 27 March (GMT) 09:00 to Monday 30 March (BST) 11:00 local: 8 hours Friday + 2 hours Monday.
        Assert.Equal(10, calendar.WorkingHoursBetween(Utc(2026, 3, 27, 9), Utc(2026, 3, 30, 10), NoClosures));
        // Monday 30 March: 09:00–17:00 BST is 08:00–16:00 UTC; from 07:00 UTC to 20:00 UTC is the whole day, 8 hours.
        Assert.Equal(8, calendar.WorkingHoursBetween(Utc(2026, 3, 30, 7), Utc(2026, 3, 30, 20), NoClosures));
        Assert.Equal(0, calendar.WorkingHoursBetween(Utc(2026, 3, 30, 20), Utc(2026, 3, 30, 7), NoClosures));
    }

    [Fact]
    public void Bank_holidays_and_closure_days_are_not_working_days()
    {
        var calendar = TestHost.Calendar();
        // Christmas 2026: Friday 25 and Monday 28 December (Boxing Day substitute) are bank holidays in England.
        Assert.True(calendar.IsPublicHoliday(new DateOnly(2026, 12, 25)));
        Assert.True(calendar.IsPublicHoliday(new DateOnly(2026, 12, 28)));
        Assert.False(calendar.IsPublicHoliday(new DateOnly(2026, 12, 29)));
        Assert.Equal(8, calendar.WorkingHoursBetween(Utc(2026, 12, 24, 0), Utc(2026, 12, 29, 0), NoClosures)); // Thursday 24th only
        var closures = new HashSet<DateOnly> { new(2026, 12, 24) };
        Assert.Equal(0, calendar.WorkingHoursBetween(Utc(2026, 12, 24, 0), Utc(2026, 12, 29, 0), closures));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 24), closures));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 12, 29), closures));

        // Scotland keeps 2 January; England does not.
        var scotland = TestHost.Calendar(options: new OrganisationOptions { PublicHolidays = "Scotland" });
        Assert.True(scotland.IsPublicHoliday(new DateOnly(2026, 1, 2)));
        Assert.False(calendar.IsPublicHoliday(new DateOnly(2026, 1, 2)));
        var none = TestHost.Calendar(options: new OrganisationOptions { PublicHolidays = "None" });
        Assert.False(none.IsPublicHoliday(new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void Working_hours_and_zone_come_from_configuration_and_bad_hours_fail_at_start()
    {
        var options = new OrganisationOptions
        {
            TimeZone = "Europe/Paris", Culture = "fr-FR",
            WorkingHours = new(StringComparer.OrdinalIgnoreCase) { ["Saturday"] = "10:00-12:30" },
        };
        var paris = TestHost.Calendar(options: options);
        Assert.Equal("Europe/Paris", paris.ZoneLabel);
        Assert.Equal(2.5, paris.WorkingHoursBetween(Utc(2026, 3, 6, 0), Utc(2026, 3, 9, 0), NoClosures)); // only Saturday 7th
        Assert.Throws<InvalidOperationException>(() =>
            TestHost.Calendar(options: new OrganisationOptions { WorkingHours = new() { ["Monday"] = "17:00-09:00" } }));
    }

    [Fact]
    public async Task Closure_days_are_kept_by_administrators_on_the_record_and_stop_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var calendar = TestHost.Calendar(database, clock);
        var service = new OrganisationService(database.Factory, TestHost.Operations(database, clock), calendar, clock);
        var admin = await database.ActorAsync(Demo.Admin);
        var alex = await database.ActorAsync(Demo.Employee);

        await Assert.ThrowsAsync<StaffVoice.Web.Security.PermissionDeniedException>(() => service.AddClosureDayAsync(alex, new DateOnly(2026, 12, 24), "Council closure", Ct));
        var missing = await Assert.ThrowsAsync<StaffVoice.Web.Features.ValidationFailedException>(() => service.AddClosureDayAsync(admin, null, "", Ct));
        Assert.Equal(["Date", "Reason"], missing.Errors.Keys.Order());
        Assert.Equal(8, calendar.WorkingHoursBetween(Utc(2026, 12, 24, 0), Utc(2026, 12, 25, 0), await calendar.ClosureDaysAsync(Ct)));

        await service.AddClosureDayAsync(admin, new DateOnly(2026, 12, 24), "Council closure between the holidays", Ct);
        await Assert.ThrowsAsync<StaffVoice.Web.Features.ValidationFailedException>(() => service.AddClosureDayAsync(admin, new DateOnly(2026, 12, 24), "Again", Ct));
        Assert.Equal(0, calendar.WorkingHoursBetween(Utc(2026, 12, 24, 0), Utc(2026, 12, 25, 0), await calendar.ClosureDaysAsync(Ct)));
        var listed = Assert.Single(await service.ListClosureDaysAsync(new DateOnly(2026, 12, 1), Ct));
        Assert.Equal("Council closure between the holidays", listed.Reason);

        await service.RemoveClosureDayAsync(admin, listed.Id, Ct);
        Assert.Empty(await calendar.ClosureDaysAsync(Ct));
        await using var db = database.NewContext();
        Assert.Equal(["closure-day-added", "closure-day-removed"],
            db.AuditEntries.Where(a => a.EntityType == "ClosureDay").OrderBy(a => a.Id).Select(a => a.Action).ToList());
    }

    [Fact]
    public void A_target_in_working_hours_runs_out_after_weekends_bank_holidays_closures_and_the_clock_change()
    {
        var calendar = TestHost.Calendar();
        // Friday 27 March 2026, 16:00 GMT + 4 working hours: 1 hour Friday, 3 hours Monday 30 March from 09:00 BST → 12:00 BST = 11:00 UTC.
        Assert.Equal(Utc(2026, 3, 30, 11), calendar.AddWorkingHours(Utc(2026, 3, 27, 16), 4, NoClosures));
        // Received on a Sunday: the clock starts at 09:00 Monday (GMT in December).
        Assert.Equal(Utc(2026, 11, 30, 10), calendar.AddWorkingHours(Utc(2026, 11, 29, 12), 1, NoClosures));
        // Thursday 24 December 2026 16:00 + 2 hours: 1 hour Thursday; 25th, 28th are bank holidays; Tuesday 29th 10:00.
        Assert.Equal(Utc(2026, 12, 29, 10), calendar.AddWorkingHours(Utc(2026, 12, 24, 16), 2, NoClosures));
        // With the 29th a closure day, Wednesday 30th.
        Assert.Equal(Utc(2026, 12, 30, 10), calendar.AddWorkingHours(Utc(2026, 12, 24, 16), 2, new HashSet<DateOnly> { new(2026, 12, 29) }));
        // Exactly the end of a day stays on that day; zero hours inside working time is the moment itself.
        Assert.Equal(Utc(2026, 12, 1, 17), calendar.AddWorkingHours(Utc(2026, 12, 1, 9), 8, NoClosures));
        Assert.Equal(Utc(2026, 12, 1, 11), calendar.AddWorkingHours(Utc(2026, 12, 1, 11), 0, NoClosures));
        // The inverse of WorkingHoursBetween.
        var from = Utc(2026, 10, 23, 14, 20);
        var due = calendar.AddWorkingHours(from, 16, NoClosures);
        Assert.Equal(16, calendar.WorkingHoursBetween(from, due, NoClosures), 6);
    }
}

public class OrganisationCultureHttpTests
{
    [Fact]
    public async Task Pages_declare_the_organisations_language()
    {
        await using var factory = new StaffVoiceAppFactory();
        using var client = factory.CreateAnonymousClient();
        var html = await client.GetStringAsync("/account/signin", TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"en-GB\">", html);
    }

}
