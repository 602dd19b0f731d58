using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StaffVoice.Web.Data;

/// <summary>Stamps timestamps and renews concurrency tokens in one place, so no service does it by hand.</summary>
public sealed class AuditStampInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (entry.Entity is IHasTimestamps stamped)
            {
                if (entry.State == EntityState.Added) stamped.CreatedAt = now;
                stamped.UpdatedAt = now;
            }
            if (entry.Entity is IHasVersion versioned)
            {
                versioned.Version = Guid.NewGuid();
            }
        }
    }
}
