using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Knowledge;

public sealed record ExpertItem(int PersonId, string DisplayName, string? JobTitle);

/// <summary>Who knows which service area: listed by each person on their profile.</summary>
public sealed class ExpertiseDirectory(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations)
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
            .Select(p => new ExpertItem(p.Id, p.DisplayName, p.JobTitle)).ToListAsync(ct);
    }

    /// <summary>A person lists their own areas; an administrator may set anyone's.</summary>
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
            db.Expertise.AddRange(wanted.Except(existing).Select(id => new Expertise { PersonId = personId, ServiceAreaId = id }));
            // Expertise lets a person accept answers in an area: who changed it is on the record.
            op.Audit(actor, "expertise-set", "Person", personId, new { ServiceAreas = existing.Order().ToList() }, new { ServiceAreas = wanted.Order().ToList() });
        }, ct);
    }
}
