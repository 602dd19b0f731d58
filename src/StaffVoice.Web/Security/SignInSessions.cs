using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Security;

/// <summary>
/// Server-side sign-in sessions. A cookie or an open circuit is accepted only while its session is open, its person is
/// active and their security stamp is the one it was issued with; each is re-checked every
/// <see cref="AuthenticationSettings.RevalidateEvery"/>.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, TimeProvider time)
{
    public const string SessionClaim = "staffvoice/session";
    public const string StampClaim = "staffvoice/stamp";

    /// <summary>Opens a session for a person who just proved who they are, and returns the claims the cookie carries.</summary>
    public async Task<ClaimsIdentity> StartAsync(int personId, string authenticationType, CancellationToken ct = default)
    {
        return await operations.RunAsync(async op =>
        {
            var person = await op.Db.People.AsNoTracking().Where(p => p.Id == personId)
                .Select(p => new { p.Id, p.DisplayName, p.Email, p.IsActive, p.SecurityStamp, Roles = p.Roles.Select(r => r.Role).ToList() })
                .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("That person is not in the directory.");
            if (!person.IsActive) throw new PermissionDeniedException("This account has been deactivated.");
            var session = new SignInSession { Id = Guid.NewGuid(), PersonId = personId, StartedAt = time.GetUtcNow().UtcDateTime };
            op.Db.SignInSessions.Add(session);
            var claims = new List<Claim>
            {
                new(StaffVoiceClaims.PersonId, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(ClaimTypes.Name, person.DisplayName),
                new(ClaimTypes.Email, person.Email),
                new(SessionClaim, session.Id.ToString()),
                new(StampClaim, person.SecurityStamp.ToString()),
            };
            claims.AddRange(person.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
            return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        }, ct);
    }

    /// <summary>True while the principal's session is open, its person active and its stamp current.</summary>
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (!TryRead(principal, out var personId, out var sessionId, out var stamp)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SignInSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.PersonId == personId
            && s.EndedAt == null && s.Person!.IsActive && s.Person.SecurityStamp == stamp, ct);
    }

    /// <summary>Ends the principal's own session: signing out. A replayed copy of its cookie is refused from now on.</summary>
    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (!TryRead(principal, out var personId, out var sessionId, out _)) return;
        var now = time.GetUtcNow().UtcDateTime;
        await operations.RunAsync(op => op.Db.SignInSessions
            .Where(s => s.Id == sessionId && s.PersonId == personId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedReason, "Signed out"), ct), ct);
    }

    /// <summary>"Sign out everywhere" (the person themselves) or "end sessions" (an administrator).</summary>
    public async Task<int> EndAllAsync(Actor actor, int personId, CancellationToken ct = default)
    {
        var self = actor.PersonId == personId;
        if (!self) actor.Require(Roles.Administrator, "end another person's sessions");
        return await operations.RunAsync(async op =>
        {
            var exists = await op.Db.People.AnyAsync(p => p.Id == personId, ct);
            if (!exists) throw new NotFoundException("That person is no longer in the directory.");
            var ended = await EndAllInAsync(op, personId, self ? "Signed out everywhere" : "Ended by an administrator", ct);
            op.Audit(actor, self ? "sessions-ended-by-self" : "sessions-ended", "Person", personId, details: $"{ended} open session(s) ended");
            return ended;
        }, ct);
    }

    /// <summary>
    /// Ends every open session of a person and renews their stamp, inside the caller's operation: used when roles change
    /// or the person is deactivated, so the change reaches every cookie and circuit within the revalidation interval.
    /// </summary>
    public async Task<int> EndAllInAsync(Operation op, int personId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await op.Db.People.Where(p => p.Id == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SecurityStamp, Guid.NewGuid()), ct);
        return await op.Db.SignInSessions.Where(s => s.PersonId == personId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedReason, reason), ct);
    }

    /// <summary>The cookie handler's hook: at most once per interval, asks the database whether the session still holds.</summary>
    public async Task ValidateCookieAsync(CookieValidatePrincipalContext context, TimeSpan interval)
    {
        const string checkedKey = ".staffvoice.checked";
        var now = time.GetUtcNow();
        if (context.Properties.Items.TryGetValue(checkedKey, out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var lastChecked)
            && now - lastChecked < interval)
        {
            return;
        }
        if (context.Principal is null || !await IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.Items[checkedKey] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static bool TryRead(ClaimsPrincipal principal, out int personId, out Guid sessionId, out Guid stamp)
    {
        sessionId = Guid.Empty;
        stamp = Guid.Empty;
        return int.TryParse(principal.FindFirstValue(StaffVoiceClaims.PersonId), out personId)
            & Guid.TryParse(principal.FindFirstValue(SessionClaim), out sessionId)
            & Guid.TryParse(principal.FindFirstValue(StampClaim), out stamp);
    }
}

/// <summary>
/// Open circuits ask <see cref="SignInSessions"/> on the same interval as cookies; a session that ended, a deactivated
/// person or a changed role turns the circuit anonymous, and the page sends the person to sign in again.
/// </summary>
public sealed class RevalidatingSessionStateProvider(
    ILoggerFactory loggers, IServiceScopeFactory scopes, AuthenticationSettings settings)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval =>
        settings.RevalidateEvery < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : settings.RevalidateEvery;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken ct)
    {
        // The base class revalidates signed-in circuits only; an anonymous one never reaches here.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInSessions>().IsValidAsync(authenticationState.User, ct);
    }
}
