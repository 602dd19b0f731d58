using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Data;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Data;

/// <summary>What one audit entry records, and which entries a history reads back, in which order.</summary>
public class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Actor Jordan = new(7, "Jordan Reyes", new HashSet<string> { Roles.CommsManager });

    [Fact]
    public async Task An_entry_records_who_when_what_and_the_before_and_after_only_when_given()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock);
        var audit = new AuditTrail(database.Factory, clock);
        await using (var db = database.NewContext())
        {
            audit.Add(db, Jordan, "approved", "Draft", 5, before: new { State = "InReview" }, after: new { State = "Approved" }, details: "Looks right");
            audit.Add(db, null, "published", "Draft", 5);
            await db.SaveChangesAsync(Ct);
        }

        var history = await audit.ForAsync("Draft", 5, Ct);

        Assert.Equal(2, history.Count);
        var (approved, published) = (history[0], history[1]);
        Assert.Equal(("Jordan Reyes", "approved", "Draft", 5), (approved.ActorName, approved.Action, approved.EntityType, approved.EntityId));
        Assert.Equal(new DateTime(2026, 12, 6, 9, 30, 0, DateTimeKind.Utc), approved.At);
        Assert.Equal("""{"state":"InReview"}""", approved.Before);
        Assert.Equal("""{"state":"Approved"}""", approved.After);
        Assert.Equal("Looks right", approved.Details);
        // A background job acts as no person; nothing given is stored as nothing, not as the text "null".
        Assert.Equal("StaffVoice (background job)", published.ActorName);
        Assert.Null(published.Before);
        Assert.Null(published.After);
        Assert.Null(published.Details);
    }

    [Theory]
    [InlineData(1999, 1999)]
    [InlineData(2000, 2000)]
    [InlineData(2001, 2000)]
    [InlineData(9000, 2000)]
    public async Task Details_are_kept_up_to_2000_characters(int length, int kept)
    {
        await using var database = await TestDatabase.CreateAsync();
        var audit = new AuditTrail(database.Factory, TimeProvider.System);
        var details = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));
        await using (var db = database.NewContext())
        {
            audit.Add(db, Jordan, "commented", "Draft", 1, details: details);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(details[..kept], Assert.Single(await audit.ForAsync("Draft", 1, Ct)).Details);
    }

    [Fact]
    public async Task A_history_holds_only_that_entity_s_entries_oldest_first_and_in_writing_order_at_the_same_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock);
        var audit = new AuditTrail(database.Factory, clock);
        await using (var db = database.NewContext())
        {
            audit.Add(db, Jordan, "created", "Draft", 5);
            audit.Add(db, Jordan, "created", "Draft", 6);
            audit.Add(db, Jordan, "created", "Article", 5);
            await db.SaveChangesAsync(Ct);
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var db = database.NewContext())
        {
            // Three entries of one operation share its time; they read back in the order they were written.
            audit.Add(db, Jordan, "submitted", "Draft", 5);
            audit.Add(db, Jordan, "reviewer-added", "Draft", 5);
            audit.Add(db, Jordan, "reviewer-notified", "Draft", 5);
            await db.SaveChangesAsync(Ct);
        }

        var history = await audit.ForAsync("Draft", 5, Ct);

        Assert.Equal(["created", "submitted", "reviewer-added", "reviewer-notified"], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal(("Draft", 5), (h.EntityType, h.EntityId)));
    }
}
