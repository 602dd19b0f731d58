namespace StaffVoice.Web.Features.Responses;

/// <summary>Working hours (Monday to Friday, 09:00–17:00 UTC) between two moments, for response-time targets.</summary>
public static class WorkingHours
{
    private static readonly TimeSpan DayStart = TimeSpan.FromHours(9);
    private static readonly TimeSpan DayEnd = TimeSpan.FromHours(17);

    public static double Between(DateTime from, DateTime to)
    {
        if (to <= from) return 0;
        double hours = 0;
        for (var day = from.Date; day <= to.Date; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var start = Max(day + DayStart, from);
            var end = Min(day + DayEnd, to);
            if (end > start) hours += (end - start).TotalHours;
        }
        return hours;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
