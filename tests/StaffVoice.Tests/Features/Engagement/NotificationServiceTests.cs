using StaffVoice.Web.Features.Engagement;

namespace StaffVoice.Tests.Features.Engagement;

public class NotificationServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dedup_key_makes_a_notification_happen_once_and_plain_ones_repeat()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var events = new NotificationEvents();
        var raised = new List<int>();
        events.Changed += ids => raised.AddRange(ids);
        var service = new NotificationService(database.Factory, TimeProvider.System, events);
        var alex = await database.ActorAsync(Demo.Employee);

        var keyed = new NotificationRequest(alex.PersonId, "test", "Once only", "/", DedupKey: "test:1");
        Assert.Equal(1, await service.NotifyAsync([keyed, keyed], Ct));
        Assert.Equal(0, await service.NotifyAsync([keyed], Ct));
        var counts = await Task.WhenAll(service.NotifyAsync([keyed with { DedupKey = "test:2" }], Ct), service.NotifyAsync([keyed with { DedupKey = "test:2" }], Ct));
        Assert.Equal(1, counts.Sum());
        await service.NotifyAsync([new NotificationRequest(alex.PersonId, "test", "Repeats", "/"), new NotificationRequest(alex.PersonId, "test", "Repeats", "/")], Ct);

        Assert.Equal(4, await service.CountAsync(alex, Ct));
        Assert.Equal(4, await service.UnreadCountAsync(alex, Ct));
        Assert.Contains(alex.PersonId, raised);
    }

    [Fact]
    public async Task People_mark_only_their_own_notifications_read()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var service = new NotificationService(database.Factory, TimeProvider.System, new NotificationEvents());
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        await service.NotifyAsync([new NotificationRequest(alex.PersonId, "test", "For Alex", "/"), new NotificationRequest(jordan.PersonId, "test", "For Jordan", "/")], Ct);
        var alexs = (await service.ListAsync(alex, ct: Ct)).Single();

        await service.MarkReadAsync(jordan, alexs.Id, Ct);
        Assert.Equal(1, await service.UnreadCountAsync(alex, Ct));
        await service.MarkReadAsync(alex, alexs.Id, Ct);
        Assert.Equal(0, await service.UnreadCountAsync(alex, Ct));
        Assert.Equal(1, await service.UnreadCountAsync(jordan, Ct));
        await service.MarkAllReadAsync(jordan, Ct);
        Assert.True((await service.ListAsync(jordan, ct: Ct)).Single().IsRead);
    }
}
