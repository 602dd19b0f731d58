using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Engagement;

public sealed record PreferenceItem(NotificationCategory Category, Delivery Delivery);

/// <summary>Each person's choice, per category, of in-app only, e-mail at once or a daily digest; everyone sets only their own.</summary>
public sealed class NotificationPreferencesService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations)
{
    public async Task<IReadOnlyList<PreferenceItem>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.PersonId == actor.PersonId).ToDictionaryAsync(p => p.Category, p => p.Delivery, ct);
        return NotificationCategories.All.Select(c => new PreferenceItem(c, chosen.GetValueOrDefault(c.Key, c.Default))).ToList();
    }

    public async Task SetAsync(Actor actor, IReadOnlyDictionary<string, Delivery> choices, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "choose how you are notified");
        foreach (var (key, delivery) in choices)
        {
            if (NotificationCategories.All.All(c => c.Key != key)) throw new ValidationFailedException("Category", $"There is no notification category \"{key}\".");
            if (!Enum.IsDefined(delivery)) throw new ValidationFailedException(key, "Choose in the app only, e-mail at once or a daily digest.");
        }
        await operations.RunAsync(async op =>
        {
            var current = await op.Db.NotificationPreferences.Where(p => p.PersonId == actor.PersonId).ToListAsync(ct);
            var before = current.ToDictionary(p => p.Category, p => p.Delivery.ToString());
            foreach (var (key, delivery) in choices)
            {
                var row = current.FirstOrDefault(p => p.Category == key);
                if (row is null) op.Db.NotificationPreferences.Add(new NotificationPreference { PersonId = actor.PersonId, Category = key, Delivery = delivery });
                else row.Delivery = delivery;
            }
            op.Audit(actor, "notification-preferences-set", "Person", actor.PersonId, before,
                choices.ToDictionary(c => c.Key, c => c.Value.ToString()));
        }, ct);
    }
}
