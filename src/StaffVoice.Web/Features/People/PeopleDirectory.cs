using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.People;

public sealed record PersonSummary(
    int Id, string DisplayName, string Email, string? JobTitle, string? Department,
    int? ManagerId, string? ManagerName, IReadOnlyList<string> Roles, bool PrefersDarkMode, Guid Version, bool IsActive = true,
    bool ShowContributions = false);

public sealed record PersonListItem(int Id, string DisplayName, string Email, string? JobTitle, string? Department);

public sealed record DepartmentItem(int Id, string Name);

public sealed record SignInChoice(string Email, string DisplayName, string? JobTitle, string? Department, IReadOnlyList<string> Roles);

/// <summary>What sign-in needs to build the person's claims.</summary>
public sealed record DirectoryIdentity(int PersonId, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive = true);

/// <summary>A person as Entra ID describes them in the sign-in token.</summary>
public sealed record ExternalPerson(
    string ObjectId, string DisplayName, string Email, string? Department, string? JobTitle, IReadOnlyCollection<string> Roles);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>The directory of people, their departments and roles.</summary>
public sealed class PeopleDirectory(
    IDbContextFactory<StaffVoiceDb> dbFactory, AuthenticationSettings authentication, Operations operations, SignInSessions sessions)
{
    public const int MaxPageSize = 100;

    public async Task<PersonSummary?> GetAsync(int personId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.People.AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new PersonSummary(
                p.Id, p.DisplayName, p.Email, p.JobTitle, p.Department!.Name, p.ManagerId, p.Manager!.DisplayName,
                p.Roles.Select(r => r.Role).OrderBy(r => r).ToList(), p.PrefersDarkMode, p.Version, p.IsActive, p.ShowContributions))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<PagedResult<PersonListItem>> SearchAsync(
        string? text, int? departmentId, int page, int pageSize, CancellationToken ct = default, bool activeOnly = false)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.People.AsNoTracking();
        if (activeOnly) query = query.Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + EscapeLike(text.Trim()) + "%";
            query = query.Where(p => EF.Functions.Like(p.DisplayName, pattern, "\\")
                || EF.Functions.Like(p.Email, pattern, "\\")
                || EF.Functions.Like(p.JobTitle!, pattern, "\\")
                || EF.Functions.Like(p.Department!.Name, pattern, "\\"));
        }
        if (departmentId is not null) query = query.Where(p => p.DepartmentId == departmentId);

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(p => new PersonListItem(p.Id, p.DisplayName, p.Email, p.JobTitle, p.Department!.Name))
            .ToListAsync(ct);
        return new PagedResult<PersonListItem>(items, total);
    }

    /// <summary>
    /// The person a thing is handed over to (an article's or a course's owner): they must exist and still work here,
    /// and with <paramref name="role"/> hold that role. Returns their name; refuses with a message for the field.
    /// </summary>
    public static async Task<string> RequireNewOwnerAsync(StaffVoiceDb db, int personId, int currentOwnerId, string? role, string roleWords,
        CancellationToken ct)
    {
        const string field = "Owner";
        if (personId == currentOwnerId) throw new ValidationFailedException(field, "They already own it: choose someone else.");
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.DisplayName, p.IsActive, HasRole = role == null || p.Roles.Any(r => r.Role == role) })
            .SingleOrDefaultAsync(ct);
        if (person is null || !person.IsActive) throw new ValidationFailedException(field, "Choose someone who still works here.");
        if (!person.HasRole) throw new ValidationFailedException(field, $"{person.DisplayName} is not {roleWords}: choose someone who is.");
        return person.DisplayName;
    }

    /// <summary>
    /// The person picker's search: active people whose name, email, job title or department contains the text, best
    /// matches (name starts with the text) first, at most <paramref name="take"/>. One indexed-size query, whatever the
    /// size of the directory.
    /// </summary>
    public async Task<IReadOnlyList<PersonListItem>> PickAsync(string? text, int take = 20, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < 2) return [];
        var trimmed = text.Trim();
        var pattern = "%" + EscapeLike(trimmed) + "%";
        var prefix = EscapeLike(trimmed) + "%";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.People.AsNoTracking()
            .Where(p => p.IsActive && (EF.Functions.Like(p.DisplayName, pattern, "\\") || EF.Functions.Like(p.Email, pattern, "\\")
                || EF.Functions.Like(p.JobTitle!, pattern, "\\") || EF.Functions.Like(p.Department!.Name, pattern, "\\")))
            .OrderBy(p => EF.Functions.Like(p.DisplayName, prefix, "\\") ? 0 : 1).ThenBy(p => p.DisplayName).ThenBy(p => p.Id)
            .Take(Math.Clamp(take, 1, 50))
            .Select(p => new PersonListItem(p.Id, p.DisplayName, p.Email, p.JobTitle, p.Department!.Name))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<DepartmentItem>> ListDepartmentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new DepartmentItem(d.Id, d.Name)).ToListAsync(ct);
    }

    /// <summary>The people offered on the demo sign-in page (a demo directory is small by design).</summary>
    public async Task<IReadOnlyList<SignInChoice>> ListSignInChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.People.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.DisplayName).Take(500)
            .Select(p => new SignInChoice(p.Email, p.DisplayName, p.JobTitle, p.Department!.Name,
                p.Roles.Select(r => r.Role).ToList()))
            .ToListAsync(ct);
    }

    public async Task<DirectoryIdentity?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var normalised = email.Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.People.AsNoTracking().Where(p => p.Email == normalised)
            .Select(p => new DirectoryIdentity(p.Id, p.DisplayName, p.Email, p.Roles.Select(r => r.Role).ToList(), p.IsActive))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Called on every Entra ID sign-in: creates or refreshes the person's row from the token and makes their stored roles
    /// equal to the token's app roles (Employee always), so that features can find, say, every comms manager. A change of
    /// roles ends the person's other sessions: the rights they lost go with them.
    /// </summary>
    public async Task<DirectoryIdentity> UpsertFromEntraAsync(ExternalPerson external, CancellationToken ct = default)
    {
        var email = external.Email.Trim().ToLowerInvariant();
        var roles = external.Roles.Where(Roles.IsKnown).Append(Roles.Employee).Distinct().Order().ToList();
        return await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var person = await db.People.Include(p => p.Roles)
                .SingleOrDefaultAsync(p => p.ObjectId == external.ObjectId || (p.ObjectId == null && p.Email == email), ct);
            var created = person is null;
            if (person is null)
            {
                person = new Person { DisplayName = external.DisplayName, Email = email };
                db.People.Add(person);
            }
            person.ObjectId = external.ObjectId;
            person.DisplayName = external.DisplayName;
            person.Email = email;
            person.JobTitle = string.IsNullOrWhiteSpace(external.JobTitle) ? person.JobTitle : external.JobTitle;
            if (!string.IsNullOrWhiteSpace(external.Department))
            {
                var name = external.Department.Trim();
                var department = await db.Departments.SingleOrDefaultAsync(d => d.Name == name, ct)
                    ?? db.Departments.Add(new Department { Name = name }).Entity;
                person.Department = department;
            }
            var before = person.Roles.Select(r => r.Role).Order().ToList();
            var rolesChanged = !before.SequenceEqual(roles);
            ReplaceRoles(person, roles);
            await db.SaveChangesAsync(ct);
            if (rolesChanged && !created)
            {
                await sessions.EndAllInAsync(op, person.Id, "Roles changed in Entra ID", ct);
                op.Audit(null, "roles-synced", "Person", person.Id, new { roles = before }, new { roles },
                    "Roles taken from the Entra ID sign-in token");
            }
            return new DirectoryIdentity(person.Id, person.DisplayName, person.Email, roles, person.IsActive);
        }, ct);
    }

    public async Task SetDarkModeAsync(Actor actor, bool prefersDarkMode, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A preference, not content: last write wins, so no concurrency token is checked.
        await db.People.Where(p => p.Id == actor.PersonId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.PrefersDarkMode, prefersDarkMode), ct);
    }

    /// <summary>A person shows or hides their own contribution counts on their profile; the choice is audited.</summary>
    public async Task SetShowContributionsAsync(Actor actor, bool show, CancellationToken ct = default)
    {
        await operations.RunAsync(async op =>
        {
            var changed = await op.Db.People.Where(p => p.Id == actor.PersonId && p.ShowContributions != show)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ShowContributions, show), ct);
            if (changed > 0) op.Audit(actor, show ? "contributions-shown" : "contributions-hidden", "Person", actor.PersonId);
        }, ct);
    }

    /// <summary>
    /// Administrators grant and withdraw roles in the demo directory. The person's open sessions end at once (within the
    /// revalidation interval), so a withdrawn role stops working without waiting for them to sign out.
    /// </summary>
    public async Task SetRolesAsync(
        Actor actor, int personId, IReadOnlyCollection<string> roles, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.Administrator, "change people's roles");
        if (!authentication.IsLocal)
        {
            throw new InvalidStateException("Roles are managed as app roles in Entra ID, not in StaffVoice.");
        }
        var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0) throw new ValidationFailedException("roles", $"Unknown role: {string.Join(", ", unknown)}.");
        var wanted = roles.Append(Roles.Employee).Distinct().Order().ToList();
        if (personId == actor.PersonId && !wanted.Contains(Roles.Administrator))
        {
            throw new InvalidStateException(
                "You cannot remove your own Administrator role; ask another administrator to do it.");
        }

        await operations.RunAsync(async op =>
        {
            var db = op.Db;
            var person = await db.People.Include(p => p.Roles).SingleOrDefaultAsync(p => p.Id == personId, ct)
                ?? throw new NotFoundException("That person is no longer in the directory.");
            if (person.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(
                    $"{person.DisplayName}'s details were changed by someone else since you opened them. Reload and try again.");
            }
            db.Entry(person).Property(p => p.Version).OriginalValue = expectedVersion;
            var before = person.Roles.Select(r => r.Role).Order().ToList();
            ReplaceRoles(person, wanted);
            // Touch the row so its version is renewed and a second, stale editor is refused.
            db.Entry(person).Property(p => p.UpdatedAt).IsModified = true;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(
                    $"{person.DisplayName}'s details were changed by someone else at the same moment. Reload and try again.");
            }
            if (!before.SequenceEqual(wanted))
            {
                await sessions.EndAllInAsync(op, personId, "Roles changed by an administrator", ct);
                op.Audit(actor, "roles-changed", "Person", personId, new { roles = before }, new { roles = wanted });
            }
        }, ct);
    }

    private static void ReplaceRoles(Person person, IReadOnlyCollection<string> roles)
    {
        person.Roles.RemoveAll(r => !roles.Contains(r.Role));
        foreach (var role in roles.Where(role => person.Roles.All(r => r.Role != role)))
        {
            person.Roles.Add(new PersonRole { Role = role });
        }
    }

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
