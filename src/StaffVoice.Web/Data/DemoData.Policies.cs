using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

public static partial class DemoData
{
    /// <summary>A policy update to Housing (linked to the policy course), read by some and not yet by others, through the real service.</summary>
    public static async Task SeedPoliciesAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.PolicyUpdates.AnyAsync(ct) || !await db.People.AnyAsync(ct)) return;
        var policies = services.GetRequiredService<PolicyService>();
        var people = await db.People.AsNoTracking().Include(p => p.Roles).ToDictionaryAsync(p => p.Email, ct);
        Actor As(string email) => new(people[email].Id, people[email].DisplayName, people[email].Roles.Select(r => r.Role).ToHashSet());
        var housing = await db.Departments.Where(d => d.Name == "Housing").Select(d => d.Id).SingleAsync(ct);
        var policyCourse = await db.Courses.Where(c => c.IsSocialMediaPolicy).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        var id = await policies.PublishAsync(As("comms@example.org"), new PolicyInput("Replying to residents about damp and mould",
            "From **1 December** every reply about damp or mould in a council home:\n\n- apologises and says when a surveyor will visit (within 10 working days);\n" +
            "- never asks the resident to clean or ventilate more;\n- links the repairs page.\n\nRead the updated guidance and confirm below.",
            [housing], [], [], policyCourse), ct);
        foreach (var email in new[] { "dana.kowalski@example.org", "omar.haddad@example.org" })
        {
            if (people.ContainsKey(email)) await policies.AcknowledgeAsync(As(email), id, ct);
        }
    }
}
