using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Knowledge;

public sealed record ExpertItem(int PersonId, string DisplayName, string? JobTitle)
{
    public bool Confirmed { get; init; }
}

/// <summary>One person's claim to know an area, confirmed or awaiting confirmation.</summary>
public sealed record ExpertiseClaim(int PersonId, string Person, string? JobTitle, int ServiceAreaId, string ServiceArea, string Department,
    DateTime? ConfirmedAt);

/// <summary>
/// Who knows which service area: claimed by each person on their profile, confirmed by an administrator or the head of
/// the area's department (someone in it whose manager is outside it, or who has none). Only a confirmed expert may
/// accept answers for others; every claim, confirmation and refusal is on the record.
/// </summary>
public sealed class ExpertiseDirectory(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, TimeProvider time)
{
    public const int MaxAreasPerPerson = 10;

    public async Task<IReadOnlyList<ServiceAreaItem>> AreasOfAsync(int personId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ServiceAreas.AsNoTracking()
            .Where(s => db.Expertise.Any(e => e.PersonId == personId && e.ServiceAreaId == s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new ServiceAreaItem(s.Id, s.Name, s.Department!.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ExpertItem>> ExpertsInAsync(int serviceAreaId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.People.AsNoTracking()
            .Where(p => db.Expertise.Any(e => e.ServiceAreaId == serviceAreaId && e.PersonId == p.Id))
            .OrderBy(p => p.DisplayName)
            .Select(p => new ExpertItem(p.Id, p.DisplayName, p.JobTitle)
            {
                Confirmed = db.Expertise.Any(e => e.ServiceAreaId == serviceAreaId && e.PersonId == p.Id && e.ConfirmedAt != null),
            }).ToListAsync(ct);
    }

    /// <summary>A person's claims with whether each is confirmed (for their profile).</summary>
    public async Task<IReadOnlyList<ExpertiseClaim>> ClaimsOfAsync(int personId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Claims(db, db.Expertise.Where(e => e.PersonId == personId)).ToListAsync(ct);
    }

    /// <summary>Claims awaiting confirmation that this person may confirm: all for administrators, their department's for its head.</summary>
    public async Task<IReadOnlyList<ExpertiseClaim>> AwaitingConfirmationAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claims = db.Expertise.Where(e => e.ConfirmedAt == null);
        if (!actor.IsIn(Roles.Administrator))
        {
            var headed = HeadedDepartments(db, actor.PersonId);
            claims = claims.Where(e => db.ServiceAreas.Any(a => a.Id == e.ServiceAreaId && headed.Contains(a.DepartmentId)));
        }
        return await Claims(db, claims, take: 200).ToListAsync(ct);
    }

    /// <summary>Confirms a claim: the person may now accept answers in the area. Administrators, or the head of its department.</summary>
    public Task ConfirmAsync(Actor actor, int personId, int serviceAreaId, CancellationToken ct = default) =>
        DecideAsync(actor, personId, serviceAreaId, confirm: true, ct);

    /// <summary>Refuses (or withdraws) a claim: the area is taken off the person's list.</summary>
    public Task DeclineAsync(Actor actor, int personId, int serviceAreaId, CancellationToken ct = default) =>
        DecideAsync(actor, personId, serviceAreaId, confirm: false, ct);

    private async Task DecideAsync(Actor actor, int personId, int serviceAreaId, bool confirm, CancellationToken ct)
    {
        await operations.RunAsync(async op =>
        {
            var claim = await op.Db.Expertise.SingleOrDefaultAsync(e => e.PersonId == personId && e.ServiceAreaId == serviceAreaId, ct)
                ?? throw new NotFoundException("That claim no longer exists.");
            var department = await op.Db.ServiceAreas.Where(a => a.Id == serviceAreaId).Select(a => a.DepartmentId).SingleAsync(ct);
            if (!actor.IsIn(Roles.Administrator) && !await HeadedDepartments(op.Db, actor.PersonId).ContainsAsync(department, ct))
            {
                throw new PermissionDeniedException("Only an administrator or the head of the area's department can confirm expertise.");
            }
            if (personId == actor.PersonId && !actor.IsIn(Roles.Administrator))
            {
                throw new PermissionDeniedException("Someone else must confirm your own expertise.");
            }
            if (confirm)
            {
                if (claim.ConfirmedAt is not null) return;
                claim.ConfirmedAt = time.GetUtcNow().UtcDateTime;
                claim.ConfirmedById = actor.PersonId;
                op.Audit(actor, "expertise-confirmed", "Person", personId, details: $"service area {serviceAreaId}");
            }
            else
            {
                op.Db.Expertise.Remove(claim);
                op.Audit(actor, "expertise-declined", "Person", personId, details: $"service area {serviceAreaId}");
            }
        }, ct);
    }

    /// <summary>Departments this person heads: they belong to it and their manager does not (or they have none).</summary>
    private static IQueryable<int> HeadedDepartments(StaffVoiceDb db, int personId) =>
        db.People.Where(p => p.Id == personId && p.IsActive && p.DepartmentId != null
                && (p.ManagerId == null || !db.People.Any(m => m.Id == p.ManagerId && m.DepartmentId == p.DepartmentId)))
            .Select(p => p.DepartmentId!.Value);

    /// <summary>The claims, sorted by area then person, with names: filters go on <paramref name="claims"/> before this.</summary>
    private static IQueryable<ExpertiseClaim> Claims(StaffVoiceDb db, IQueryable<Expertise> claims, int take = 1_000) =>
        claims.AsNoTracking().Join(db.People, e => e.PersonId, p => p.Id, (e, p) => new { e, p })
            .Join(db.ServiceAreas, x => x.e.ServiceAreaId, a => a.Id, (x, a) => new { x.e, x.p, a, Department = a.Department!.Name })
            .OrderBy(x => x.a.Name).ThenBy(x => x.p.DisplayName).Take(take)
            .Select(x => new ExpertiseClaim(x.p.Id, x.p.DisplayName, x.p.JobTitle, x.a.Id, x.a.Name, x.Department, x.e.ConfirmedAt));

    /// <summary>
    /// A person lists their own areas (new ones await confirmation); an administrator may set anyone's, and what an
    /// administrator adds is confirmed at once. Areas kept keep their confirmation.
    /// </summary>
    public async Task SetAsync(Actor actor, int personId, IReadOnlyCollection<int> serviceAreaIds, CancellationToken ct = default)
    {
        if (personId != actor.PersonId && !actor.IsIn(Roles.Administrator))
        {
            throw new PermissionDeniedException("You can change only your own areas of expertise.");
        }
        var wanted = serviceAreaIds.Distinct().ToList();
        if (wanted.Count > MaxAreasPerPerson)
        {
            throw new ValidationFailedException(new Dictionary<string, string>
            {
                ["ServiceAreas"] = $"Choose at most {MaxAreasPerPerson} service areas.",
            });
        }
        await operations.RunAsync(async op =>
        {
            var db = op.Db;
            if (await db.ServiceAreas.CountAsync(s => wanted.Contains(s.Id), ct) != wanted.Count)
            {
                throw new ValidationFailedException(new Dictionary<string, string> { ["ServiceAreas"] = "One of those service areas no longer exists." });
            }
            var existing = await db.Expertise.Where(e => e.PersonId == personId).Select(e => e.ServiceAreaId).ToListAsync(ct);
            await db.Expertise.Where(e => e.PersonId == personId && !wanted.Contains(e.ServiceAreaId)).ExecuteDeleteAsync(ct);
            var confirmedNow = actor.IsIn(Roles.Administrator) && personId != actor.PersonId;
            db.Expertise.AddRange(wanted.Except(existing).Select(id => new Expertise
            {
                PersonId = personId, ServiceAreaId = id,
                ConfirmedAt = confirmedNow ? time.GetUtcNow().UtcDateTime : null, ConfirmedById = confirmedNow ? actor.PersonId : null,
            }));
            // Expertise lets a person accept answers in an area: who changed it is on the record.
            op.Audit(actor, "expertise-set", "Person", personId, new { ServiceAreas = existing.Order().ToList() }, new { ServiceAreas = wanted.Order().ToList() });
        }, ct);
    }
}
