using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Features.Knowledge;

namespace StaffVoice.Tests.Features.Knowledge;

public class StaleContentSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> ReviewTasksAsync(TestDatabase database, int articleId)
    {
        await using var db = database.NewContext();
        return await db.Notifications.CountAsync(n => n.Kind == "article-review" && n.Link == $"/knowledge/articles/{articleId}", Ct);
    }

    [Fact]
    public async Task Run_twice_or_twice_at_once_the_owner_gets_one_review_task_per_due_period()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock);
        await using (var db = database.NewContext()) await StaffVoice.Web.Data.DemoData.SeedAsync(db, Ct, clock);
        var k = new KnowledgeServices(database, clock);
        var owner = await database.ActorAsync(Demo.Employee);
        var id = await k.CreateArticleAsync(owner, "Noise complaints out of hours", "Call the out-of-hours line.");
        await k.Sweep.RunAsync(Ct);
        Assert.Equal(0, await ReviewTasksAsync(database, id));

        clock.Advance(TimeSpan.FromDays(200));
        await k.Sweep.RunAsync(Ct);
        await k.Sweep.RunAsync(Ct);
        await Task.WhenAll(k.Sweep.RunAsync(Ct), k.Sweep.RunAsync(Ct));
        Assert.Equal(1, await ReviewTasksAsync(database, id));
        Assert.True((await k.Articles.GetAsync(owner, id, Ct))!.IsStale);

        // Confirmed: not stale; due again after the next interval, which is a new period with a new task.
        await k.Articles.ConfirmStillAccurateAsync(owner, id, Ct);
        Assert.False((await k.Articles.GetAsync(owner, id, Ct))!.IsStale);
        await k.Sweep.RunAsync(Ct);
        Assert.Equal(1, await ReviewTasksAsync(database, id));
        clock.Advance(TimeSpan.FromDays(190));
        await Task.WhenAll(k.Sweep.RunAsync(Ct), k.Sweep.RunAsync(Ct));
        Assert.Equal(2, await ReviewTasksAsync(database, id));
    }

    [Fact]
    public async Task A_run_marks_what_it_handled_so_later_runs_and_batches_read_only_articles_without_a_task_for_their_date()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock);
        await using (var db = database.NewContext()) await StaffVoice.Web.Data.DemoData.SeedAsync(db, Ct, clock);
        var k = new KnowledgeServices(database, clock);
        int stale;
        await using (var db = database.NewContext())
        {
            // Past the batch size: the run must get through every batch, each once.
            var source = await db.Articles.FirstAsync(Ct);
            db.Articles.AddRange(Enumerable.Range(0, StaleContentSweep.BatchSize + 20).Select(i => new Article
            {
                Title = $"Old guidance {i}", BodyMarkdown = "x", BodyHtml = "<p>x</p>", ServiceAreaId = source.ServiceAreaId, OwnerId = source.OwnerId,
                Status = ArticleStatus.Published, LastVerifiedAt = clock.GetUtcNow().UtcDateTime.AddMonths(-13), ReviewIntervalMonths = 12,
                ReviewDueAt = clock.GetUtcNow().UtcDateTime.AddMonths(-1),
            }));
            await db.SaveChangesAsync(Ct);
            stale = await db.Articles.CountAsync(a => a.Status == ArticleStatus.Published && a.ReviewDueAt <= clock.GetUtcNow().UtcDateTime, Ct);
        }

        var seeded = clock.GetUtcNow().UtcDateTime;
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(stale, await k.Sweep.RunAsync(Ct));
        Assert.Equal(0, await k.Sweep.RunAsync(Ct));
        await using var check = database.NewContext();
        Assert.Equal(0, await check.Articles.CountAsync(a => a.Status == ArticleStatus.Published && a.ReviewDueAt <= clock.GetUtcNow().UtcDateTime
            && (a.ReviewTaskFor == null || a.ReviewTaskFor != a.ReviewDueAt), Ct));
        Assert.Equal(stale, await check.Notifications.CountAsync(n => n.Kind == "article-review", Ct));
        // Marking is not an edit: the articles keep their place in the newest-first list.
        Assert.Equal(0, await check.Articles.CountAsync(a => a.UpdatedAt > seeded, Ct));
    }

    [Fact]
    public async Task The_needs_review_list_shows_stale_articles_oldest_first()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var stale = await k.Articles.NeedsReviewAsync(0, 100, Ct);
        Assert.NotEmpty(stale.Items);
        Assert.Equal(stale.Items.OrderBy(a => a.ReviewDueAt).Select(a => a.Id), stale.Items.Select(a => a.Id));
        Assert.All(stale.Items, a => Assert.True(a.ReviewDueAt <= DateTime.UtcNow));
    }

    [Fact]
    public async Task Only_the_owner_or_an_administrator_confirms_an_article_is_still_accurate()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var stale = (await k.Articles.NeedsReviewAsync(0, 1, Ct)).Items.Single();
        var notOwner = await database.ActorAsync(Demo.Comms);
        await Assert.ThrowsAsync<StaffVoice.Web.Security.PermissionDeniedException>(() =>
            k.Articles.ConfirmStillAccurateAsync(notOwner, stale.Id, Ct));
        await k.Articles.ConfirmStillAccurateAsync(await database.ActorAsync(Demo.Admin), stale.Id, Ct);
        Assert.DoesNotContain((await k.Articles.NeedsReviewAsync(0, 100, Ct)).Items, a => a.Id == stale.Id);
    }
}
