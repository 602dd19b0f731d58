using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>
/// Live updates across instances without a message broker: each instance asks the database for notifications newer
/// than the last one it saw, once every <c>LiveUpdates:PollInterval</c> (default 2 s; one query per instance, never per
/// circuit), and raises the local event for their recipients, so a bell rings on every instance. Notifications created
/// on this instance ring at once as well; the feed adds at most one extra refresh. Off with a single instance
/// (<c>LiveUpdates:PollInterval=0</c>), which is the default for SQLite.
/// </summary>
public sealed class NotificationFeed(IDbContextFactory<StaffVoiceDb> dbFactory, NotificationEvents events, TimeSpan interval,
    ILogger<NotificationFeed> logger) : BackgroundService
{
    private long _lastSeen = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Polling for new notifications failed; trying again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Raises the event for notifications created since the last poll; the first poll only finds where to start.</summary>
    public async Task<int> PollAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (_lastSeen < 0)
        {
            _lastSeen = await db.Notifications.MaxAsync(n => (long?)n.Id, ct) ?? 0;
            return 0;
        }
        var fresh = await db.Notifications.AsNoTracking().Where(n => n.Id > _lastSeen).OrderBy(n => n.Id).Take(1000)
            .Select(n => new { n.Id, n.RecipientId }).ToListAsync(ct);
        if (fresh.Count == 0) return 0;
        _lastSeen = fresh[^1].Id;
        events.Raise(fresh.Select(n => n.RecipientId));
        return fresh.Count;
    }

    public static void Register(IServiceCollection services, IConfiguration configuration, DatabaseProvider provider)
    {
        var interval = configuration.GetValue<TimeSpan?>("LiveUpdates:PollInterval")
            ?? (provider == DatabaseProvider.SqlServer ? TimeSpan.FromSeconds(2) : TimeSpan.Zero);
        if (interval <= TimeSpan.Zero) return;
        services.AddHostedService(sp => new NotificationFeed(sp.GetRequiredService<IDbContextFactory<StaffVoiceDb>>(),
            sp.GetRequiredService<NotificationEvents>(), interval, sp.GetRequiredService<ILogger<NotificationFeed>>()));
    }
}
