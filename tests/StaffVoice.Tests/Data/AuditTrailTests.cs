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

    // A paging mistake can loop forever over the same page: a time limit turns that into a failure.
    [Fact(Timeout = 60_000)]
    public async Task The_export_reads_every_entry_of_the_range_once_in_order_across_pages_even_when_times_repeat()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var database = await TestDatabase.CreateAsync(clock);
        var audit = new AuditTrail(database.Factory, clock);
        await using (var db = database.NewContext())
        {
            // 2,450 entries, seven to each second: the 1,000-row pages end inside a run of equal times.
            for (var i = 0; i < 2_450; i++)
            {
                if (i > 0 && i % 7 == 0) clock.Advance(TimeSpan.FromSeconds(1));
                audit.Add(db, Jordan, "entry-" + i, "Draft", i);
            }
            await db.SaveChangesAsync(Ct);
        }

        var all = await audit.Export(Jordan, start.UtcDateTime, start.UtcDateTime.AddDays(1)).ToListAsync(Ct);

        Assert.Equal(Enumerable.Range(0, 2_450).Select(i => "entry-" + i), all.Select(a => a.Action));
    }

    [Fact]
    public async Task The_export_range_includes_its_start_and_excludes_its_end()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock);
        var audit = new AuditTrail(database.Factory, clock);
        await using (var db = database.NewContext())
        {
            foreach (var action in new[] { "before-the-range", "at-the-start", "inside", "at-the-end", "after-the-range" })
            {
                audit.Add(db, Jordan, action, "Draft", 1);
                await db.SaveChangesAsync(Ct);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        var from = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        var exported = await audit.Export(Jordan, from, from.AddSeconds(2)).ToListAsync(Ct);

        Assert.Equal(["at-the-start", "inside"], exported.Select(a => a.Action));
    }

    [Fact]
    public void Only_comms_managers_and_administrators_may_export()
    {
        var audit = new AuditTrail(null!, TimeProvider.System);
        var employee = new Actor(3, "Alex Morgan", new HashSet<string> { Roles.Employee, Roles.Trainer });

        var refused = Assert.Throws<PermissionDeniedException>(() => audit.Export(employee, DateTime.MinValue, DateTime.MaxValue));

        Assert.Equal("Only comms managers and administrators can export the audit trail.", refused.Message);
        Assert.NotNull(audit.Export(new Actor(4, "Sam Admin", new HashSet<string> { Roles.Administrator }), DateTime.MinValue, DateTime.MaxValue));
        Assert.NotNull(audit.Export(Jordan, DateTime.MinValue, DateTime.MaxValue));
    }

    [Fact]
    public void The_export_has_one_named_column_per_cell()
    {
        var item = new AuditItem(12, new DateTime(2026, 12, 6, 9, 30, 0, DateTimeKind.Utc), "Jordan Reyes", "approved", "Draft", 5,
            "{}", """{"state":"Approved"}""", "ok");

        Assert.Equal(["id", "at_utc", "actor", "action", "entity_type", "entity_id", "before", "after", "details"], AuditTrail.ExportColumns);
        Assert.Equal(new string?[] { "12", "2026-12-06T09:30:00.0000000Z", "Jordan Reyes", "approved", "Draft", "5", "{}", """{"state":"Approved"}""", "ok" },
            AuditTrail.ToCells(item));
    }
}
