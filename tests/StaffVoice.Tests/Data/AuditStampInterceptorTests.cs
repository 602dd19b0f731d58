using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Tests.Data;

public class AuditStampInterceptorTests
{
    [Fact]
    public async Task Saving_stamps_times_from_the_injected_clock_and_renews_the_version()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock);
        int id;
        Guid firstVersion;
        await using (var db = database.NewContext())
        {
            var person = new Person { DisplayName = "Test Person", Email = "test.person@example.org" };
            db.People.Add(person);
            await db.SaveChangesAsync(ct);
            id = person.Id;
            firstVersion = person.Version;
            Assert.Equal(clock.GetUtcNow().UtcDateTime, person.CreatedAt);
            Assert.NotEqual(Guid.Empty, firstVersion);
        }

        clock.Advance(TimeSpan.FromHours(2));
        await using (var db = database.NewContext())
        {
            var person = await db.People.SingleAsync(p => p.Id == id, ct);
            person.JobTitle = "Changed";
            await db.SaveChangesAsync(ct);
        }

        await using var check = database.NewContext();
        var stored = await check.People.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), stored.CreatedAt);
        Assert.Equal(new DateTime(2026, 3, 1, 11, 0, 0, DateTimeKind.Utc), stored.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.UpdatedAt.Kind);
        Assert.NotEqual(firstVersion, stored.Version);
    }
}
