using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.People;

/// <summary>
/// A local HTTP endpoint that answers Microsoft Graph's <c>/users/delta</c> protocol: pages joined by @odata.nextLink, a
/// final @odata.deltaLink, and on the delta link only what changed since (new, changed, disabled and @removed users).
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    private WebApplication? _app;
    public string BaseUrl { get; private set; } = "";
    public List<List<object>> Rounds { get; } = [];
    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        // Round r, page p: /v1.0/users/delta?round=r&page=p (the first request has no round: it is round 0, page 0).
        _app.MapGet("/v1.0/users/{*rest}", (HttpRequest request) =>
        {
            Requests.Enqueue(request.Path + request.QueryString);
            Authorizations.Enqueue(request.Headers.Authorization);
            var round = int.TryParse(request.Query["round"], out var r) ? r : 0;
            var page = int.TryParse(request.Query["page"], out var p) ? p : 0;
            if (round >= Rounds.Count) return Results.Json(new Dictionary<string, object?> { ["value"] = Array.Empty<object>(),
                ["@odata.deltaLink"] = $"{BaseUrl}/users/delta?round={round}&page=0" });
            // Each round's users come two to a page.
            var users = Rounds[round];
            var pageItems = users.Skip(page * 2).Take(2).ToList();
            var body = new Dictionary<string, object?> { ["@odata.context"] = $"{BaseUrl}/$metadata#users", ["value"] = pageItems };
            if ((page + 1) * 2 < users.Count) body["@odata.nextLink"] = $"{BaseUrl}/users/delta?round={round}&page={page + 1}";
            else body["@odata.deltaLink"] = $"{BaseUrl}/users/delta?round={round + 1}&page=0";
            return Results.Json(body);
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1.0";
    }

    public static object User(string id, string name, string mail, string? department = null, string? jobTitle = null,
        bool enabled = true, string? managerId = null)
    {
        var user = new Dictionary<string, object?>
        {
            ["@odata.type"] = "#microsoft.graph.user", ["id"] = id, ["displayName"] = name, ["mail"] = mail,
            ["userPrincipalName"] = mail, ["department"] = department, ["jobTitle"] = jobTitle, ["accountEnabled"] = enabled,
        };
        if (managerId is not null) user["manager"] = new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.user", ["id"] = managerId };
        return user;
    }

    public static object Removed(string id) => new Dictionary<string, object>
    {
        ["@odata.type"] = "#microsoft.graph.user", ["id"] = id, ["@removed"] = new Dictionary<string, string> { ["reason"] = "deleted" },
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public class DirectorySyncTests
{
    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("graph-test-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private static DirectorySync Sync(TestDatabase database, FakeGraph? graph)
    {
        var auth = new AuthenticationSettings(AuthenticationMode.Entra)
        {
            Entra = new EntraSettings(new Uri("https://login.microsoftonline.com/"), "tenant", "client", "secret", false),
        };
        var options = Options.Create(new DirectorySyncOptions { Enabled = graph is not null, GraphBaseUrl = graph?.BaseUrl ?? "https://graph.microsoft.com/v1.0" });
        var services = new ServiceCollection().AddSingleton<TokenCredential>(new StaticToken()).BuildServiceProvider();
        var directoryGraph = new DirectoryGraph(options, auth, new ConfigurationBuilder().Build(), services);
        return new DirectorySync(directoryGraph, database.Factory, TestHost.Operations(database), TestHost.Sessions(database),
            TimeProvider.System, NullLogger<DirectorySync>.Instance);
    }

    [Fact]
    public async Task Without_configuration_the_sync_is_off_and_reads_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var result = await Sync(database, null).RunAsync(TestContext.Current.CancellationToken);
        Assert.False(result.Ran);
    }

    [Fact]
    public async Task A_delta_sequence_adds_changes_and_removes_people_and_a_second_run_reads_only_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        await using var graph = new FakeGraph();
        // Round 0: the whole directory (three pages); the seeded employee is matched by e-mail and gains an object id.
        graph.Rounds.Add([
            FakeGraph.User("oid-boss", "Helen Okafor", "helen.okafor@example.org", "Housing", "Head of Housing Services"),
            FakeGraph.User("oid-alex", "Alex Morgan", "employee@example.org", "Housing", "Senior Housing Advice Officer", managerId: "oid-boss"),
            FakeGraph.User("oid-new", "Pat Newcomer", "pat.newcomer@example.org", "Parks & Open Spaces", "Park Ranger", managerId: "oid-boss"),
            FakeGraph.User("oid-dana", "Dana Kowalski", "dana.kowalski@example.org", "Housing", "Tenancy Sustainment Officer"),
            FakeGraph.User("oid-omar", "Omar Haddad", "omar.haddad@example.org", "Housing", "Repairs Coordinator"),
        ]);
        // Round 1: Dana's account is disabled, Omar is deleted, Pat moves department.
        graph.Rounds.Add([
            FakeGraph.User("oid-dana", "Dana Kowalski", "dana.kowalski@example.org", "Housing", enabled: false),
            FakeGraph.Removed("oid-omar"),
            FakeGraph.User("oid-new", "Pat Newcomer", "pat.newcomer@example.org", "Transport", "Park Ranger", managerId: "oid-boss"),
        ]);
        await graph.StartAsync();
        var sync = Sync(database, graph);
        var sessions = TestHost.Sessions(database);
        var dana = await database.ActorAsync("dana.kowalski@example.org");
        var danaSession = new System.Security.Claims.ClaimsPrincipal(await sessions.StartAsync(dana.PersonId, "Cookies", ct));

        var first = await sync.RunAsync(ct);
        Assert.Equal(1, first.Created);
        Assert.Equal(3, graph.Requests.Count); // five users, two a page
        Assert.All(graph.Authorizations, header => Assert.Equal("Bearer graph-test-token", header));

        await using (var db = database.NewContext())
        {
            var alex = await db.People.Include(p => p.Department).Include(p => p.Manager).SingleAsync(p => p.Email == "employee@example.org", ct);
            Assert.Equal("oid-alex", alex.ObjectId);
            Assert.Equal("Senior Housing Advice Officer", alex.JobTitle);
            Assert.Equal("Helen Okafor", alex.Manager!.DisplayName);
            var pat = await db.People.Include(p => p.Department).Include(p => p.Roles).SingleAsync(p => p.ObjectId == "oid-new", ct);
            Assert.Equal("Parks & Open Spaces", pat.Department!.Name);
            Assert.Equal([Roles.Employee], pat.Roles.Select(r => r.Role));
            Assert.True(pat.IsActive);
        }

        var requestsBefore = graph.Requests.Count;
        var second = await sync.RunAsync(ct);
        var secondRequests = graph.Requests.Skip(requestsBefore).ToList();
        Assert.Equal(2, secondRequests.Count); // only the three changes, two a page
        Assert.All(secondRequests, r => Assert.Contains("round=1", r));
        Assert.Equal(2, second.Deactivated);

        await using (var db = database.NewContext())
        {
            var people = await db.People.Include(p => p.Department)
                .Where(p => p.ObjectId == "oid-dana" || p.ObjectId == "oid-omar" || p.ObjectId == "oid-new").ToListAsync(ct);
            Assert.False(people.Single(p => p.ObjectId == "oid-dana").IsActive);
            Assert.False(people.Single(p => p.ObjectId == "oid-omar").IsActive); // kept, with their history
            Assert.Equal("Transport", people.Single(p => p.ObjectId == "oid-new").Department!.Name);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "deactivated", ct));
        }
        Assert.False(await sessions.IsValidAsync(danaSession, ct)); // a leaver's open session ends

        // Nothing new: a third run changes nothing and deactivates no one twice.
        var third = await sync.RunAsync(ct);
        Assert.Equal(0, third.Changes);
        await using (var db = database.NewContext())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "deactivated", ct));
        }
    }

    [Fact]
    public async Task Running_the_same_round_twice_gives_the_same_directory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        await using var graph = new FakeGraph();
        graph.Rounds.Add([FakeGraph.User("oid-x", "Sam Example", "sam.example@example.org", "Licensing", "Officer")]);
        await graph.StartAsync();

        // Two syncs that both start from no delta link (as two instances would at the same moment).
        await Task.WhenAll(Sync(database, graph).RunAsync(ct), Sync(database, graph).RunAsync(ct))
            .ContinueWith(t => t.Exception is null || t.Exception.InnerExceptions.All(e => e is DbUpdateException), ct);

        await using var db = database.NewContext();
        Assert.Equal(1, await db.People.CountAsync(p => p.ObjectId == "oid-x", ct));
        Assert.NotNull(await db.DirectorySyncStates.Select(s => s.DeltaLink).SingleAsync(ct));
    }

    [Fact]
    public async Task Inactive_people_get_no_rule_assignments_and_cannot_be_asked_to_review()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(seed: true);
        await using var db = database.NewContext();
        var housing = await db.Departments.SingleAsync(d => d.Name == "Housing", ct);
        var before = await StaffVoice.Web.Features.Training.TrainingService.MembersAsync(db,
            new StaffVoice.Web.Features.Training.AssignmentRule { Target = StaffVoice.Web.Features.Training.RuleTarget.Department, DepartmentId = housing.Id }, ct);
        var leaver = await db.People.SingleAsync(p => p.Email == "dana.kowalski@example.org", ct);
        Assert.Contains(leaver.Id, before);

        await db.People.Where(p => p.Id == leaver.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), ct);
        var after = await StaffVoice.Web.Features.Training.TrainingService.MembersAsync(db,
            new StaffVoice.Web.Features.Training.AssignmentRule { Target = StaffVoice.Web.Features.Training.RuleTarget.Department, DepartmentId = housing.Id }, ct);
        Assert.DoesNotContain(leaver.Id, after);
        Assert.Equal(before.Count - 1, after.Count);
    }
}
