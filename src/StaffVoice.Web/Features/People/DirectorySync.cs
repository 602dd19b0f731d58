using Azure.Core;
using Azure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Authentication.Azure;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.People;

/// <summary>Where the last directory sync stopped: Microsoft Graph's delta link, so the next run reads only changes.</summary>
public sealed class DirectorySyncState
{
    public int Id { get; set; }
    public string? DeltaLink { get; set; }
    public DateTime? LastRunAt { get; set; }
    public int LastChangeCount { get; set; }
}

internal sealed class DirectorySyncStateConfiguration : IEntityTypeConfiguration<DirectorySyncState>
{
    public void Configure(EntityTypeBuilder<DirectorySyncState> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.DeltaLink).HasMaxLength(4000);
    }
}

/// <summary>The <c>DirectorySync</c> section. Without <c>Enabled=true</c> (and Entra credentials) the job does nothing.</summary>
public sealed class DirectorySyncOptions
{
    public bool Enabled { get; set; }

    /// <summary>Microsoft Graph's base URL; another cloud's Graph, or a local fake in tests.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
}

public sealed record DirectorySyncResult(bool Ran, int Created, int Updated, int Deactivated, int Reactivated)
{
    public static readonly DirectorySyncResult Off = new(false, 0, 0, 0, 0);
    public int Changes => Created + Updated + Deactivated + Reactivated;
}

/// <summary>
/// Keeps the directory in step with Entra ID through Microsoft Graph delta queries: department, job title, manager and
/// whether the account is enabled. Leavers (disabled or deleted accounts) become inactive: they keep their history, cannot
/// sign in, and get no new assignments or review requests. All pages of one delta round are read first and applied in
/// one operation together with the new delta link, so an interrupted run changes nothing and the next one starts over;
/// running twice applies the same state twice.
/// </summary>
public sealed class DirectorySync(
    DirectoryGraph graph, IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, SignInSessions sessions,
    TimeProvider time, ILogger<DirectorySync> logger)
{
    public const int StateId = 1;
    private static readonly string[] Select = ["id", "displayName", "mail", "userPrincipalName", "department", "jobTitle", "accountEnabled", "manager"];

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<DirectorySyncResult> RunAsync(CancellationToken ct)
    {
        if (graph.Client is not { } client) return DirectorySyncResult.Off;

        string? deltaLink;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            deltaLink = await db.DirectorySyncStates.Where(s => s.Id == StateId).Select(s => s.DeltaLink).SingleOrDefaultAsync(ct);
        }

        var changes = new Dictionary<string, DirectoryChange>(StringComparer.OrdinalIgnoreCase);
        var page = deltaLink is null
            ? await client.Users.Delta.GetAsDeltaGetResponseAsync(r =>
            {
                r.QueryParameters.Select = Select;
                r.QueryParameters.Expand = ["manager($select=id)"];
            }, ct)
            : await client.Users.Delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(cancellationToken: ct);
        while (true)
        {
            foreach (var user in page?.Value ?? [])
            {
                if (user.Id is null) continue;
                // A later page may carry a later state of the same user: the last one wins.
                changes[user.Id] = DirectoryChange.From(user);
            }
            if (page?.OdataNextLink is { } next)
            {
                page = await client.Users.Delta.WithUrl(next).GetAsDeltaGetResponseAsync(cancellationToken: ct);
                continue;
            }
            deltaLink = page?.OdataDeltaLink ?? deltaLink;
            break;
        }

        var result = await ApplyAsync(changes.Values.ToList(), deltaLink, ct);
        logger.LogInformation("Directory sync: {Created} new, {Updated} updated, {Deactivated} deactivated, {Reactivated} reactivated",
            result.Created, result.Updated, result.Deactivated, result.Reactivated);
        return result;
    }

    private Task<DirectorySyncResult> ApplyAsync(IReadOnlyList<DirectoryChange> changes, string? deltaLink, CancellationToken ct) =>
        operations.RunAsync(async op =>
        {
            var db = op.Db;
            var now = time.GetUtcNow().UtcDateTime;
            var ids = changes.Select(c => c.ObjectId).ToList();
            var emails = changes.Where(c => c.Email is not null).Select(c => c.Email!).ToList();
            var people = await db.People.Include(p => p.Roles)
                .Where(p => (p.ObjectId != null && ids.Contains(p.ObjectId)) || (p.ObjectId == null && emails.Contains(p.Email)))
                .ToListAsync(ct);
            var byObjectId = people.Where(p => p.ObjectId is not null).ToDictionary(p => p.ObjectId!, StringComparer.OrdinalIgnoreCase);
            var byEmail = people.Where(p => p.ObjectId is null).ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
            var departments = await db.Departments.ToDictionaryAsync(d => d.Name, StringComparer.OrdinalIgnoreCase, ct);
            int created = 0, updated = 0, deactivated = 0, reactivated = 0;
            var endSessionsOf = new List<Person>();

            foreach (var change in changes)
            {
                var person = byObjectId.GetValueOrDefault(change.ObjectId)
                    ?? (change.Email is null ? null : byEmail.GetValueOrDefault(change.Email));
                if (change.Removed || change.Enabled == false)
                {
                    if (person is null || !person.IsActive) continue;
                    person.IsActive = false;
                    person.DeactivatedAt = now;
                    endSessionsOf.Add(person);
                    deactivated++;
                    continue;
                }
                if (person is null)
                {
                    if (change.Email is null || change.DisplayName is null) continue; // not enough to create a person
                    person = new Person
                    {
                        DisplayName = change.DisplayName, Email = change.Email, ObjectId = change.ObjectId,
                        Roles = [new PersonRole { Role = Roles.Employee }],
                    };
                    db.People.Add(person);
                    byObjectId[change.ObjectId] = person;
                    created++;
                }
                else
                {
                    var before = (person.DisplayName, person.Email, person.JobTitle, person.Department?.Name, person.IsActive);
                    person.ObjectId = change.ObjectId;
                    if (!person.IsActive && change.Enabled == true)
                    {
                        person.IsActive = true;
                        person.DeactivatedAt = null;
                        reactivated++;
                    }
                    if (change.DisplayName is not null) person.DisplayName = change.DisplayName;
                    if (change.Email is not null) person.Email = change.Email;
                    if (before != (person.DisplayName, person.Email, person.JobTitle, person.Department?.Name, person.IsActive)) updated++;
                }
                if (change.JobTitle is not null) person.JobTitle = change.JobTitle.Length == 0 ? null : change.JobTitle;
                if (change.Department is { Length: > 0 } name)
                {
                    if (!departments.TryGetValue(name, out var department))
                    {
                        department = db.Departments.Add(new Department { Name = name }).Entity;
                        departments[name] = department;
                    }
                    person.Department = department;
                }
            }
            await db.SaveChangesAsync(ct);

            // Managers second: a manager may arrive in the same round as the people who report to them.
            var managerIds = changes.Where(c => c.ManagerObjectId is not null).Select(c => c.ManagerObjectId!).Distinct().ToList();
            var managers = await db.People.Where(p => p.ObjectId != null && managerIds.Contains(p.ObjectId))
                .Select(p => new { p.Id, p.ObjectId }).ToDictionaryAsync(p => p.ObjectId!, p => p.Id, StringComparer.OrdinalIgnoreCase, ct);
            foreach (var change in changes.Where(c => c.ManagerKnown && byObjectId.ContainsKey(c.ObjectId)))
            {
                var person = byObjectId[change.ObjectId];
                person.ManagerId = change.ManagerObjectId is not null && managers.TryGetValue(change.ManagerObjectId, out var managerId)
                    ? managerId
                    : null;
            }

            foreach (var person in endSessionsOf)
            {
                await sessions.EndAllInAsync(op, person.Id, "Account disabled or removed in Entra ID", ct);
                op.Audit(null, "deactivated", "Person", person.Id, details: "Disabled or removed in Entra ID (directory sync)");
            }

            var state = await db.DirectorySyncStates.SingleOrDefaultAsync(s => s.Id == StateId, ct)
                ?? db.DirectorySyncStates.Add(new DirectorySyncState { Id = StateId }).Entity;
            state.DeltaLink = deltaLink;
            state.LastRunAt = now;
            state.LastChangeCount = created + updated + deactivated + reactivated;
            return new DirectorySyncResult(true, created, updated, deactivated, reactivated);
        }, ct);

    private sealed record DirectoryChange(
        string ObjectId, bool Removed, bool? Enabled, string? DisplayName, string? Email, string? JobTitle, string? Department,
        bool ManagerKnown, string? ManagerObjectId)
    {
        public static DirectoryChange From(User user)
        {
            var data = user.AdditionalData ?? new Dictionary<string, object>();
            var removed = data.ContainsKey("@removed");
            var email = (user.Mail ?? user.UserPrincipalName)?.Trim().ToLowerInvariant();
            var (managerKnown, managerId) = ReadManager(user, data);
            return new DirectoryChange(user.Id!, removed, user.AccountEnabled, user.DisplayName, email, user.JobTitle,
                user.Department?.Trim(), managerKnown, managerId);
        }

        // Graph reports a manager either expanded ("manager": {...}) or as a change ("manager@delta": [{...}] or []).
        private static (bool Known, string? Id) ReadManager(User user, IDictionary<string, object> data)
        {
            if (user.Manager?.Id is { } expanded) return (true, expanded);
            if (!data.TryGetValue("manager@delta", out var delta)) return (false, null);
            if (delta is UntypedArray array)
            {
                foreach (var node in array.GetValue())
                {
                    if (node is UntypedObject obj && obj.GetValue().TryGetValue("id", out var id) && id is UntypedString text)
                    {
                        var removed = obj.GetValue().ContainsKey("@removed");
                        return (true, removed ? null : text.GetValue());
                    }
                }
                return (true, null);
            }
            return (false, null);
        }
    }
}

/// <summary>
/// The Microsoft Graph client for directory sync, or none when sync is off. Credentials are the app registration's own
/// (client secret or certificate, application permission User.Read.All); a <see cref="TokenCredential"/> registered in
/// the container takes their place (tests against a local fake Graph).
/// </summary>
public sealed class DirectoryGraph
{
    public DirectoryGraph(Microsoft.Extensions.Options.IOptions<DirectorySyncOptions> options, AuthenticationSettings auth,
        IConfiguration configuration, IServiceProvider services)
    {
        var settings = options.Value;
        if (!settings.Enabled || auth.Entra is not { } entra) return;
        var baseUri = new Uri(settings.GraphBaseUrl.TrimEnd('/'));
        var credential = services.GetService<TokenCredential>() ?? CreateCredential(entra, configuration);
        var scope = $"{baseUri.Scheme}://{baseUri.Authority}/.default";
        var provider = new BaseBearerTokenAuthenticationProvider(
            new AzureIdentityAccessTokenProvider(credential, allowedHosts: [baseUri.Host], scopes: [scope]));
        Client = new GraphServiceClient(provider, baseUri.ToString());
    }

    public GraphServiceClient? Client { get; }

    private static TokenCredential CreateCredential(EntraSettings entra, IConfiguration configuration)
    {
        if (entra.ClientSecret is { } secret)
        {
            return new ClientSecretCredential(entra.TenantId, entra.ClientId, secret,
                new ClientSecretCredentialOptions { AuthorityHost = entra.Instance });
        }
        var certificate = ClientCertificates.Load(configuration.GetSection("AzureAd:ClientCertificates"));
        return new ClientCertificateCredential(entra.TenantId, entra.ClientId, certificate,
            new ClientCertificateCredentialOptions { AuthorityHost = entra.Instance });
    }
}
