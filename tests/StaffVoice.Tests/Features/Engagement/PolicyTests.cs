using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Engagement;

/// <summary>Policy updates: who receives them, acknowledgement once and for good, reminders at most once a day.</summary>
public class PolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_reaches_its_departments_roles_and_people_each_reader_confirms_once_and_the_rest_are_reminded_once_a_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var notifier = new NotificationService(database.Factory, clock, new NotificationEvents());
        var policies = new PolicyService(database.Factory, TestHost.Operations(database, clock), new SafeMarkdown(), notifier, clock);
        var jordan = await database.ActorAsync(Demo.Comms);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        int housing, people;
        await using (var db = database.NewContext())
        {
            housing = await db.Departments.Where(d => d.Name == "Housing").Select(d => d.Id).SingleAsync(Ct);
            // Housing's active people, every trainer, and Casey by name (an administrator in Licensing).
            people = await db.People.CountAsync(p => p.IsActive && (p.DepartmentId == housing || p.Email == Demo.Admin
                || db.PersonRoles.Any(r => r.PersonId == p.Id && r.Role == Roles.Trainer)), Ct);
        }
        var admin = await database.ActorAsync(Demo.Admin);

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            policies.PublishAsync(alex, new PolicyInput("Damp and mould replies", "Body", [housing], [], [], null), Ct));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            policies.PublishAsync(jordan, new PolicyInput("Hi", "", [], [], [], null), Ct));
        Assert.Equal(["Audience", "Body", "Title"], invalid.Errors.Keys.Order());

        var id = await policies.PublishAsync(jordan, new PolicyInput("Damp and mould replies", "Always **apologise**.<script>x</script>",
            [housing], [Roles.Trainer], [admin.PersonId], null), Ct);
        var view = (await policies.GetAsync(jordan, id, Ct))!;
        Assert.Equal(people, view.Recipients.Count);
        Assert.Contains("<strong>apologise</strong>", view.BodyHtml);
        Assert.DoesNotContain("<script", view.BodyHtml);
        Assert.Equal("departments: Housing; roles: Trainer; 1 named people", view.Audience);
        await using (var db = database.NewContext())
        {
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == alex.PersonId && n.Kind == "policy-update", Ct));
            Assert.Equal(1, await db.OutboxMails.CountAsync(m => m.RecipientId == alex.PersonId && m.Subject == "Please read: Damp and mould replies", Ct));
        }

        // Someone it was not sent to cannot see or confirm it; a reader confirms once, for good.
        var nina = await database.ActorAsync("nina.petrova@example.org"); // Waste & Recycling, not a trainer
        Assert.Null(await policies.GetAsync(nina, id, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => policies.AcknowledgeAsync(nina, id, Ct));
        await policies.AcknowledgeAsync(alex, id, Ct);
        var first = (await policies.GetAsync(alex, id, Ct))!.MyAcknowledgement;
        clock.Advance(TimeSpan.FromHours(1));
        await policies.AcknowledgeAsync(alex, id, Ct);
        Assert.Equal(first, (await policies.GetAsync(alex, id, Ct))!.MyAcknowledgement);
        Assert.Empty((await policies.GetAsync(alex, id, Ct))!.Recipients); // readers do not see who else has read it

        // Reminders: everyone else, at most once a day.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => policies.RemindAsync(sam, id, Ct));
        Assert.Equal(people - 1, await policies.RemindAsync(jordan, id, Ct));
        Assert.Equal(0, await policies.RemindAsync(jordan, id, Ct));
        clock.Advance(TimeSpan.FromDays(1));
        await policies.AcknowledgeAsync(sam, id, Ct);
        Assert.Equal(people - 2, await policies.RemindAsync(jordan, id, Ct));

        var readers = await policies.RecipientsAsync(jordan, id, Ct);
        Assert.Equal(2, readers.Count(r => r.AcknowledgedAt is not null));
        Assert.Null(readers[0].AcknowledgedAt); // not yet read first
        await Assert.ThrowsAsync<PermissionDeniedException>(() => policies.RecipientsAsync(alex, id, Ct));
        Assert.Contains(await policies.ListAsync(alex, Ct), p => p.Id == id && p.MineAcknowledged == true);
        Assert.Empty(await policies.ListAsync(nina, Ct));
        await using var check = database.NewContext();
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.EntityType == "PolicyUpdate" && a.Action == "policy-acknowledged", Ct));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.EntityType == "PolicyUpdate" && a.Action == "policy-reminded", Ct));
    }

    [Fact]
    public async Task Title_and_text_limits_give_a_message_at_the_field_just_past_them_and_pass_at_them()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var policies = new PolicyService(database.Factory, TestHost.Operations(database), new SafeMarkdown(),
            new NotificationService(database.Factory, TimeProvider.System, new NotificationEvents()), TimeProvider.System);
        var jordan = await database.ActorAsync(Demo.Comms);
        var alex = await database.ActorAsync(Demo.Employee);
        PolicyInput Input(int titleLength, int bodyLength) =>
            new(new string('t', titleLength), new string('b', bodyLength), [], [], [alex.PersonId], null);

        var title = await Assert.ThrowsAsync<ValidationFailedException>(() => policies.PublishAsync(jordan, Input(PolicyService.TitleMax + 1, 10), Ct));
        Assert.Equal(["Title"], title.Errors.Keys);
        var body = await Assert.ThrowsAsync<ValidationFailedException>(() => policies.PublishAsync(jordan, Input(20, PolicyService.BodyMax + 1), Ct));
        Assert.Equal(["Body"], body.Errors.Keys);
        var id = await policies.PublishAsync(jordan, Input(PolicyService.TitleMax, PolicyService.BodyMax), Ct);
        Assert.Equal(PolicyService.TitleMax, (await policies.GetAsync(jordan, id, Ct))!.Title.Length);
    }
}
