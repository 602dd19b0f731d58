using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Security;

public class SignInSessionsTests
{
    private static async Task<ClaimsPrincipal> SignInAsync(SignInSessions sessions, Actor actor) =>
        new(await sessions.StartAsync(actor.PersonId, "Cookies", TestContext.Current.CancellationToken));

    /// <summary>A seeded database with the demo employee signed in once.</summary>
    private static async Task<(TestDatabase Database, SignInSessions Sessions, Actor Employee, ClaimsPrincipal Principal)> EmployeeSignedInAsync()
    {
        var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var employee = await database.ActorAsync(Demo.Employee);
        return (database, sessions, employee, await SignInAsync(sessions, employee));
    }

    [Fact]
    public async Task A_session_carries_the_person_roles_and_is_valid_until_signed_out()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var comms = await database.ActorAsync(Demo.Comms);

        var principal = await SignInAsync(sessions, comms);
        var other = await SignInAsync(sessions, comms);

        Assert.True(principal.IsInRole(Roles.CommsManager));
        Assert.Equal(comms.PersonId, Actor.FromPrincipal(principal)!.PersonId);
        Assert.True(await sessions.IsValidAsync(principal, ct));

        await sessions.EndAsync(principal, ct);
        Assert.False(await sessions.IsValidAsync(principal, ct));
        Assert.True(await sessions.IsValidAsync(other, ct)); // signing out here leaves the other device signed in
        await using var db = database.NewContext();
        var ended = await db.SignInSessions.AsNoTracking().Where(s => s.EndedAt != null).ToListAsync(ct);
        Assert.Equal("Signed out", Assert.Single(ended).EndedReason);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_and_an_old_stamp_stays_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var employee = await database.ActorAsync(Demo.Employee);
        var laptop = await SignInAsync(sessions, employee);
        var phone = await SignInAsync(sessions, employee);

        Assert.Equal(2, await sessions.EndAllAsync(employee, employee.PersonId, ct));

        Assert.False(await sessions.IsValidAsync(laptop, ct));
        Assert.False(await sessions.IsValidAsync(phone, ct));
        var fresh = await SignInAsync(sessions, employee);
        Assert.True(await sessions.IsValidAsync(fresh, ct));
        await using var db = database.NewContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action.StartsWith("sessions-ended"), ct);
        Assert.Equal(("sessions-ended-by-self", "Person", employee.PersonId, employee.PersonId, "2 open session(s) ended"),
            (entry.Action, entry.EntityType, entry.EntityId, entry.ActorId, entry.Details));
        Assert.Equal(["Signed out everywhere", "Signed out everywhere"],
            await db.SignInSessions.Where(s => s.PersonId == employee.PersonId && s.EndedAt != null).Select(s => s.EndedReason).ToListAsync(ct));
    }

    [Fact]
    public async Task Only_an_administrator_ends_another_person_s_sessions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var employee = await database.ActorAsync(Demo.Employee);
        var comms = await database.ActorAsync(Demo.Comms);
        var admin = await database.ActorAsync(Demo.Admin);
        var principal = await SignInAsync(sessions, comms);

        var employeePrincipal = await SignInAsync(sessions, employee);
        var adminPrincipal = await SignInAsync(sessions, admin);

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => sessions.EndAllAsync(employee, comms.PersonId, ct));
        Assert.EndsWith("can end another person's sessions.", refused.Message);
        Assert.True(await sessions.IsValidAsync(principal, ct));

        Assert.Equal(1, await sessions.EndAllAsync(admin, comms.PersonId, ct));
        Assert.False(await sessions.IsValidAsync(principal, ct));
        // Only that person's sessions and stamp: the others stay signed in.
        Assert.True(await sessions.IsValidAsync(employeePrincipal, ct));
        Assert.True(await sessions.IsValidAsync(adminPrincipal, ct));
        await using var db = database.NewContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action.StartsWith("sessions-ended"), ct);
        Assert.Equal(("sessions-ended", "Person", comms.PersonId, admin.PersonId, "1 open session(s) ended"),
            (entry.Action, entry.EntityType, entry.EntityId, entry.ActorId, entry.Details));
        Assert.Equal("Ended by an administrator",
            await db.SignInSessions.Where(s => s.PersonId == comms.PersonId).Select(s => s.EndedReason).SingleAsync(ct));
    }

    [Fact]
    public async Task Ending_the_sessions_of_someone_not_in_the_directory_is_refused_with_a_message()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var admin = await database.ActorAsync(Demo.Admin);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => sessions.EndAllAsync(admin, 999_999, ct));
        Assert.Equal("That person is no longer in the directory.", missing.Message);
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => sessions.StartAsync(999_999, "Cookies", ct));
        Assert.Equal("That person is not in the directory.", unknown.Message);
        await using var db = database.NewContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action.StartsWith("sessions-ended"), ct));
        Assert.False(await db.SignInSessions.AnyAsync(ct));
    }

    [Fact]
    public async Task A_withdrawn_role_ends_the_person_s_sessions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var directory = new PeopleDirectory(database.Factory, new AuthenticationSettings(AuthenticationMode.Local),
            TestHost.Operations(database), sessions);
        var admin = await database.ActorAsync(Demo.Admin);
        var comms = await database.ActorAsync(Demo.Comms);
        var principal = await SignInAsync(sessions, comms);
        var person = await directory.GetAsync(comms.PersonId, ct);

        await directory.SetRolesAsync(admin, comms.PersonId, [], person!.Version, ct);

        Assert.False(await sessions.IsValidAsync(principal, ct));
        var again = await SignInAsync(sessions, comms);
        Assert.False(again.IsInRole(Roles.CommsManager));
    }

    [Fact]
    public async Task Signing_in_again_through_Entra_with_fewer_roles_removes_them_and_ends_older_sessions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var directory = new PeopleDirectory(database.Factory, new AuthenticationSettings(AuthenticationMode.Entra),
            TestHost.Operations(database), sessions);
        var comms = await database.ActorAsync(Demo.Comms);
        // The seeded comms manager signs in through Entra for the first time: matched by e-mail, roles kept as the token says.
        var first = await directory.UpsertFromEntraAsync(new ExternalPerson("oid-comms", "Jordan Reyes", Demo.Comms, null, null,
            [Roles.CommsManager]), ct);
        Assert.Equal(comms.PersonId, first.PersonId);
        Assert.Equal([Roles.CommsManager, Roles.Employee], first.Roles);
        var principal = await SignInAsync(sessions, comms);

        var second = await directory.UpsertFromEntraAsync(new ExternalPerson("oid-comms", "Jordan Reyes", Demo.Comms, null, null, []), ct);

        Assert.Equal([Roles.Employee], second.Roles);
        Assert.False(await sessions.IsValidAsync(principal, ct));
        await using var db = database.NewContext();
        Assert.Equal([Roles.Employee], await db.PersonRoles.Where(r => r.PersonId == comms.PersonId).Select(r => r.Role).ToListAsync(ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "roles-synced" && a.EntityId == comms.PersonId, ct));
    }

    [Fact]
    public async Task A_deactivated_person_cannot_start_a_session_and_their_open_ones_stop_being_valid()
    {
        var ct = TestContext.Current.CancellationToken;
        var (database, sessions, employee, principal) = await EmployeeSignedInAsync();
        await using var _ = database;
        await using (var db = database.NewContext())
        {
            await db.People.Where(p => p.Id == employee.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), ct);
        }

        Assert.False(await sessions.IsValidAsync(principal, ct));
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => sessions.StartAsync(employee.PersonId, "Cookies", ct));
        Assert.Equal("This account has been deactivated.", refused.Message);
    }

    [Fact]
    public async Task A_cookie_issued_before_the_person_s_stamp_was_renewed_is_refused_though_its_session_is_open()
    {
        var ct = TestContext.Current.CancellationToken;
        var (database, sessions, employee, principal) = await EmployeeSignedInAsync();
        await using var _ = database;
        await using (var db = database.NewContext())
        {
            // An operator locking every device out at once, from the database.
            await db.People.Where(p => p.Id == employee.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SecurityStamp, Guid.NewGuid()), ct);
            Assert.True(await db.SignInSessions.AnyAsync(s => s.PersonId == employee.PersonId && s.EndedAt == null, ct));
        }

        Assert.False(await sessions.IsValidAsync(principal, ct));
        Assert.True(await sessions.IsValidAsync(await SignInAsync(sessions, employee), ct));
    }

    [Fact]
    public async Task A_principal_without_a_session_claim_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var employee = await database.ActorAsync(Demo.Employee);
        var old = new ClaimsPrincipal(new ClaimsIdentity([new Claim(StaffVoiceClaims.PersonId, employee.PersonId.ToString())], "Cookies"));
        Assert.False(await TestHost.Sessions(database).IsValidAsync(old, TestContext.Current.CancellationToken));
    }

    /// <summary>Records sign-outs as the cookie handler's authentication service would perform them.</summary>
    private sealed class RecordingAuthentication : IAuthenticationService
    {
        public List<string?> SignedOut { get; } = [];
        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) =>
            throw new NotSupportedException();
        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            throw new NotSupportedException();
        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            throw new NotSupportedException();
        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) =>
            throw new NotSupportedException();
        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
        {
            SignedOut.Add(scheme);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_cookie_is_checked_against_its_session_at_most_once_per_interval_and_refused_once_the_session_has_ended()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var sessions = TestHost.Sessions(database, clock);
        var principal = await SignInAsync(sessions, await database.ActorAsync(Demo.Comms));
        var interval = TimeSpan.FromMinutes(5);
        var authentication = new RecordingAuthentication();
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection()
                .AddSingleton<IAuthenticationService>(authentication).BuildServiceProvider(),
        };
        var scheme = new AuthenticationScheme("Cookies", null,
            typeof(CookieAuthenticationHandler));
        var properties = new AuthenticationProperties();
        CookieValidatePrincipalContext Request() => new(http, scheme,
            new CookieAuthenticationOptions(),
            new AuthenticationTicket(principal, properties, "Cookies"));

        // An open session: accepted, the time of the check kept in the cookie, and the cookie renewed to carry it.
        var first = Request();
        await sessions.ValidateCookieAsync(first, interval);
        Assert.Same(principal, first.Principal);
        Assert.True(first.ShouldRenew);
        Assert.Equal("2026-12-06T09:00:00.0000000+00:00", properties.Items[".staffvoice.checked"]);

        // Signed out elsewhere: within the interval the cookie is not checked again (no database read per request) …
        await sessions.EndAsync(principal, ct);
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        var within = Request();
        await sessions.ValidateCookieAsync(within, interval);
        Assert.Same(principal, within.Principal);
        Assert.False(within.ShouldRenew);
        Assert.Empty(authentication.SignedOut);

        // … and once the interval has passed it is, and refused: the cookie is removed.
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = Request();
        await sessions.ValidateCookieAsync(after, interval);
        Assert.Null(after.Principal);
        Assert.False(after.ShouldRenew);
        Assert.Equal("2026-12-06T09:00:00.0000000+00:00", properties.Items[".staffvoice.checked"]);
        Assert.Equal(["Cookies"], authentication.SignedOut);
    }

    private static (RevalidatingSessionStateProvider Provider, Task<AuthenticationState> Changed) Circuit(
        ServiceProvider services, AuthenticationSettings settings, ClaimsPrincipal user)
    {
        var provider = new RevalidatingSessionStateProvider(NullLoggerFactory.Instance,
            services.GetRequiredService<IServiceScopeFactory>(), settings);
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(user))); // itself a change: listen after it
        provider.AuthenticationStateChanged += async state => changed.TrySetResult(await state);
        return (provider, changed.Task);
    }

    [Fact]
    public async Task An_open_circuit_is_checked_on_the_interval_and_turns_anonymous_once_its_session_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var sessions = TestHost.Sessions(database);
        var principal = await SignInAsync(sessions, await database.ActorAsync(Demo.Comms));
        await using var services = new ServiceCollection().AddSingleton(sessions).BuildServiceProvider();
        // Configured as zero, the interval is one second (a circuit never asks the database in a loop); otherwise as set.
        var settings = new AuthenticationSettings(AuthenticationMode.Local) { RevalidateEvery = TimeSpan.Zero };
        var interval = typeof(RevalidatingSessionStateProvider).GetProperty("RevalidationInterval",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        var (signedIn, signedInChanged) = Circuit(services, settings, principal);
        var (anonymous, anonymousChanged) = Circuit(services, settings, new ClaimsPrincipal(new ClaimsIdentity()));
        using var slower = new RevalidatingSessionStateProvider(NullLoggerFactory.Instance,
            services.GetRequiredService<IServiceScopeFactory>(), settings with { RevalidateEvery = TimeSpan.FromMinutes(5) });
        using (signedIn)
        using (anonymous)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), interval.GetValue(signedIn));
            Assert.Equal(TimeSpan.FromMinutes(5), interval.GetValue(slower));

            // More than one interval with the session open: both circuits keep their state.
            await Task.Delay(TimeSpan.FromSeconds(2.5), ct);
            Assert.False(signedInChanged.IsCompleted);
            Assert.False(anonymousChanged.IsCompleted);

            await sessions.EndAsync(principal, ct);
            var state = await signedInChanged.WaitAsync(TimeSpan.FromSeconds(15), ct);
            Assert.False(state.User.Identity?.IsAuthenticated);
            Assert.False(anonymousChanged.IsCompleted);
        }
    }
}
