using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicHoliday;
using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Organisation;

/// <summary>The organisation's clock and calendar, from <c>Organisation:*</c>.</summary>
public sealed class OrganisationOptions
{
    /// <summary>The organisation's name as the public knows it (exports such as "You said, we did").</summary>
    public string Name { get; set; } = Data.DemoData.OrganisationName;

    /// <summary>An IANA time zone id; every date and time is shown, entered and scheduled in it (stored as UTC).</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>How dates and numbers are written, and the page language.</summary>
    public string Culture { get; set; } = "en-GB";

    /// <summary>What people call the time zone in labels; by default "UK time" for Europe/London, else the zone id.</summary>
    public string? TimeZoneLabel { get; set; }

    /// <summary>Whose public holidays close the working day: England, Wales, Scotland, NorthernIreland, or None.</summary>
    public string PublicHolidays { get; set; } = "England";

    /// <summary>Working hours per weekday, e.g. <c>Monday: "09:00-17:00"</c>; a day left out is closed.</summary>
    public Dictionary<string, string> WorkingHours { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Monday"] = "09:00-17:00", ["Tuesday"] = "09:00-17:00", ["Wednesday"] = "09:00-17:00", ["Thursday"] = "09:00-17:00", ["Friday"] = "09:00-17:00",
    };
}

/// <summary>
/// Organisation time: converts between UTC (what is stored) and the organisation's wall clock (what people see and type),
/// and counts working hours on the organisation's calendar: its weekday hours, minus public holidays and the closure
/// days an administrator adds. Across a clock change the hours are real hours (a 09:00–17:00 day is 8 hours either side).
/// </summary>
public sealed class OrganisationCalendar
{
    private readonly IDbContextFactory<StaffVoiceDb>? _dbFactory;
    private readonly TimeProvider _time;
    private readonly Dictionary<DayOfWeek, (TimeSpan Start, TimeSpan End)> _hours;
    private readonly UKBankHoliday? _holidays;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _holidaysByYear = new();
    private (DateTime LoadedAt, HashSet<DateOnly> Days) _closures = (DateTime.MinValue, []);

    public OrganisationCalendar(IOptions<OrganisationOptions> options, TimeProvider time, IDbContextFactory<StaffVoiceDb>? dbFactory = null)
    {
        var o = options.Value;
        _time = time;
        _dbFactory = dbFactory;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        Culture = CultureInfo.GetCultureInfo(o.Culture);
        ZoneLabel = o.TimeZoneLabel ?? (o.TimeZone == "Europe/London" ? "UK time" : o.TimeZone);
        _hours = o.WorkingHours.ToDictionary(h => Enum.Parse<DayOfWeek>(h.Key, ignoreCase: true), h => ParseHours(h.Key, h.Value));
        _holidays = o.PublicHolidays.ToLowerInvariant() switch
        {
            "none" => null,
            var country => new UKBankHoliday(Enum.Parse<UKBankHoliday.UkCountries>(country, ignoreCase: true)),
        };
    }

    public TimeZoneInfo Zone { get; }
    public CultureInfo Culture { get; }
    public string ZoneLabel { get; }

    public DateTime Now => ToLocal(_time.GetUtcNow().UtcDateTime);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// The UTC moment of a wall-clock time. A time that does not exist (the hour skipped in spring) moves forward by the
    /// gap; an ambiguous one (the hour repeated in autumn) is taken as the first, in summer time.
    /// </summary>
    public DateTime ToUtc(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        if (Zone.IsAmbiguousTime(wall))
        {
            var offset = Zone.GetAmbiguousTimeOffsets(wall).Max();
            return DateTime.SpecifyKind(wall - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(wall, Zone);
    }

    /// <summary>A UTC moment as the organisation reads it, e.g. "2 Mar 2026 09:30".</summary>
    public string Format(DateTime utc, string format = "d MMM yyyy HH:mm") => ToLocal(utc).ToString(format, Culture);

    public string Format(DateTime? utc, string format = "d MMM yyyy HH:mm") => utc is { } value ? Format(value, format) : "";

    public bool IsPublicHoliday(DateOnly day) =>
        _holidays is not null && _holidaysByYear.GetOrAdd(day.Year, y => _holidays.PublicHolidays(y).Select(DateOnly.FromDateTime).ToHashSet()).Contains(day);

    /// <summary>Open on this local day: a weekday with hours, not a public holiday, not a closure day.</summary>
    public bool IsWorkingDay(DateOnly day, IReadOnlySet<DateOnly> closures) =>
        _hours.ContainsKey(day.DayOfWeek) && !IsPublicHoliday(day) && !closures.Contains(day);

    /// <summary>Working hours between two UTC moments on the organisation's calendar.</summary>
    public double WorkingHoursBetween(DateTime fromUtc, DateTime toUtc, IReadOnlySet<DateOnly> closures)
    {
        if (toUtc <= fromUtc) return 0;
        double hours = 0;
        var first = DateOnly.FromDateTime(ToLocal(fromUtc));
        var last = DateOnly.FromDateTime(ToLocal(toUtc));
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day, closures)) continue;
            var (open, close) = _hours[day.DayOfWeek];
            var start = ToUtc(day.ToDateTime(TimeOnly.MinValue) + open);
            var end = ToUtc(day.ToDateTime(TimeOnly.MinValue) + close);
            if (start < fromUtc) start = fromUtc;
            if (end > toUtc) end = toUtc;
            if (end > start) hours += (end - start).TotalHours;
        }
        return hours;
    }

    /// <summary>
    /// The UTC moment when <paramref name="hours"/> working hours have passed after <paramref name="fromUtc"/> (the
    /// inverse of <see cref="WorkingHoursBetween"/>): a target of 4 working hours set at 16:00 on a Friday runs out at
    /// 12:00 on Monday, or on Tuesday after a bank holiday. Looks at most two years ahead.
    /// </summary>
    public DateTime AddWorkingHours(DateTime fromUtc, double hours, IReadOnlySet<DateOnly> closures)
    {
        fromUtc = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        var remaining = TimeSpan.FromHours(Math.Max(hours, 0));
        var first = DateOnly.FromDateTime(ToLocal(fromUtc));
        for (var day = first; day <= first.AddDays(730); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day, closures)) continue;
            var (open, close) = _hours[day.DayOfWeek];
            var start = ToUtc(day.ToDateTime(TimeOnly.MinValue) + open);
            var end = ToUtc(day.ToDateTime(TimeOnly.MinValue) + close);
            if (start < fromUtc) start = fromUtc;
            if (end <= start) continue;
            if (end - start >= remaining) return start + remaining;
            remaining -= end - start;
        }
        return DateTime.MaxValue;
    }

    /// <summary>The closure days, read at most once a minute (administrators rarely change them).</summary>
    public async Task<IReadOnlySet<DateOnly>> ClosureDaysAsync(CancellationToken ct = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (_dbFactory is null) return _closures.Days;
        if (now - _closures.LoadedAt < TimeSpan.FromMinutes(1)) return _closures.Days;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var days = (await db.ClosureDays.AsNoTracking().Select(c => c.Date).ToListAsync(ct)).ToHashSet();
        _closures = (now, days);
        return days;
    }

    /// <summary>Forgets the cached closure days (after an administrator changed them on this instance).</summary>
    public void ClosuresChanged() => _closures = (DateTime.MinValue, []);

    private static (TimeSpan, TimeSpan) ParseHours(string day, string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && TimeSpan.TryParse(parts[0], CultureInfo.InvariantCulture, out var start)
            && TimeSpan.TryParse(parts[1], CultureInfo.InvariantCulture, out var end) && end > start && end <= TimeSpan.FromDays(1))
        {
            return (start, end);
        }
        throw new InvalidOperationException($"Organisation:WorkingHours:{day} is '{text}'; write it as 09:00-17:00.");
    }
}

/// <summary>A day the organisation is closed beyond public holidays (e.g. a closure between Christmas and New Year).</summary>
public sealed class ClosureDay
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public required string Reason { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ClosureDayConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<ClosureDay>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ClosureDay> builder)
    {
        builder.Property(c => c.Reason).HasMaxLength(300);
        builder.HasIndex(c => c.Date).IsUnique();
    }
}
