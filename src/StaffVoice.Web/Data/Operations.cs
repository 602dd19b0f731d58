using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

/// <summary>
/// The one way to write. An operation opens a short-lived context, begins one transaction, lets the caller do its work
/// (tracked changes and bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> alike) and add audit entries, saves once, commits,
/// and only then runs what must happen after commit (notifications, live events). SQL Server's execution strategy wraps
/// the whole unit, so a transient failure retries all of it, never half of it.
/// </summary>
public sealed class Operations(IDbContextFactory<StaffVoiceDb> dbFactory, AuditTrail audit, ILogger<Operations> logger,
    DatabaseGuard? guard = null)
{
    public Task RunAsync(Func<Operation, Task> work, CancellationToken ct = default) =>
        RunAsync(async operation =>
        {
            await work(operation);
            return true;
        }, ct);

    public async Task<T> RunAsync<T>(Func<Operation, Task<T>> work, CancellationToken ct = default)
    {
        guard?.EnsureWritable();
        try
        {
            return await RunGuardedAsync(work, ct);
        }
        catch (Exception ex) when (DatabaseGuard.IsStorageFailure(ex) || ex.InnerException is { } inner && DatabaseGuard.IsStorageFailure(inner))
        {
            logger.LogError(ex, "A write failed because the database could not store it");
            throw new DatabaseUnavailableException(ex);
        }
    }

    private async Task<T> RunGuardedAsync<T>(Func<Operation, Task<T>> work, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        Operation? done = null;
        var result = await strategy.ExecuteAsync(async cancel =>
        {
            // A retry starts from nothing: no tracked entity or queued effect of the failed attempt survives.
            db.ChangeTracker.Clear();
            var operation = new Operation(db, audit);
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var value = await work(operation);
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            done = operation;
            return value;
        }, ct);

        foreach (var effect in done!.AfterCommitEffects)
        {
            try
            {
                await effect();
            }
            catch (Exception ex)
            {
                // The change is committed; a failed notification must not turn it into an error for the person.
                logger.LogError(ex, "An after-commit effect failed; the change itself was saved.");
            }
        }
        return result;
    }
}

/// <summary>What the work of one <see cref="Operations.RunAsync{T}"/> call sees.</summary>
public sealed class Operation(StaffVoiceDb db, AuditTrail audit)
{
    private readonly List<Func<Task>> _afterCommit = [];

    public StaffVoiceDb Db { get; } = db;

    internal IReadOnlyList<Func<Task>> AfterCommitEffects => _afterCommit;

    /// <summary>Adds an entry to the append-only record, in this operation's transaction.</summary>
    public void Audit(Actor? actor, string action, string entityType, int entityId, object? before = null, object? after = null,
        string? details = null) => audit.Add(Db, actor, action, entityType, entityId, before, after, details);

    /// <summary>Runs once the transaction has committed: notifications, live events, anything outside the database.</summary>
    public void AfterCommit(Func<Task> effect) => _afterCommit.Add(effect);

    public void AfterCommit(Action effect) => _afterCommit.Add(() =>
    {
        effect();
        return Task.CompletedTask;
    });
}
