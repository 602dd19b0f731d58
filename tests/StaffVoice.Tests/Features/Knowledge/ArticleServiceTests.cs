using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Knowledge;

public class ArticleServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_save_is_a_revision_with_its_author_and_an_old_one_can_be_restored_as_a_new_revision()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var owner = await database.ActorAsync(Demo.Employee);
        var colleague = await database.ActorAsync(Demo.Trainer);
        var id = await k.CreateArticleAsync(owner, "Garden waste subscriptions", "First text about garden waste.");

        var v1 = await k.Articles.GetAsync(owner, id, Ct);
        await k.Articles.UpdateAsync(colleague, id, new ArticleInput("Garden waste subscriptions", "Second text, improved.", v1!.ServiceAreaId, ["garden"]),
            "Improved wording", v1.Version, Ct);

        var history = await k.Articles.HistoryAsync(id, Ct);
        Assert.Equal([2, 1], history.Select(h => h.Number));
        Assert.Equal("Sam Whitfield", history[0].AuthorName);
        Assert.Equal("Improved wording", history[0].Summary);
        var diff = await k.Articles.DiffAsync(id, 1, 2, Ct);
        Assert.Contains(diff, l => l.Kind == DiffLineKind.Removed && l.Text.Contains("First text"));
        Assert.Contains(diff, l => l.Kind == DiffLineKind.Added && l.Text.Contains("Second text"));

        var v2 = await k.Articles.GetAsync(owner, id, Ct);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Articles.RestoreAsync(colleague, id, 1, v2!.Version, Ct));
        await k.Articles.RestoreAsync(owner, id, 1, v2!.Version, Ct);

        var restored = await k.Articles.GetAsync(owner, id, Ct);
        Assert.Equal(3, restored!.RevisionCount);
        Assert.Contains("First text", restored.BodyHtml);
        Assert.Equal("Restored revision 1", (await k.Articles.HistoryAsync(id, Ct))[0].Summary);
    }

    [Fact]
    public async Task A_second_save_from_a_stale_copy_is_refused_with_both_versions_and_the_first_save_is_kept()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await k.CreateArticleAsync(alex, "Assisted bin collections", "Original text.");
        var opened = await k.Articles.GetForEditAsync(alex, id, Ct);
        var openedToo = await k.Articles.GetForEditAsync(jordan, id, Ct) ?? throw new InvalidOperationException("not found");

        await k.Articles.UpdateAsync(alex, id, new ArticleInput(opened!.Title, "Alex's text.", opened.ServiceAreaId, []), null, opened.Version, Ct);
        var conflict = await Assert.ThrowsAsync<ArticleEditConflictException>(() => k.Articles.UpdateAsync(jordan, id,
            new ArticleInput(openedToo.Title, "Jordan's text.", openedToo.ServiceAreaId, []), null, openedToo.Version, Ct));

        Assert.Equal("Alex Morgan", conflict.ChangedBy);
        Assert.Equal("Alex's text.", conflict.Current.BodyMarkdown);
        Assert.Contains("Alex Morgan", conflict.Message);
        var stored = await k.Articles.GetForEditAsync(alex, id, Ct);
        Assert.Equal("Alex's text.", stored!.BodyMarkdown);
        Assert.Equal(2, (await k.Articles.HistoryAsync(id, Ct)).Count);

        // Having seen theirs, Jordan may save deliberately on top of the current version.
        await k.Articles.UpdateAsync(jordan, id, new ArticleInput(openedToo.Title, "Jordan's merged text.", openedToo.ServiceAreaId, []), null,
            conflict.Current.Version, Ct);
        Assert.Equal("Jordan's merged text.", (await k.Articles.GetForEditAsync(alex, id, Ct))!.BodyMarkdown);
    }

    [Fact]
    public async Task Invalid_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        await using var before = database.NewContext();
        var articles = await before.Articles.CountAsync(Ct);
        var revisions = await before.ArticleRevisions.CountAsync(Ct);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => k.Articles.CreateAsync(alex,
            new ArticleInput("Too short", new string('x', KnowledgeRules.BodyMax + 1), 9999, ["Bad Tag", "a", "b", "c", "d", "e"]), publish: true,
            ct: Ct));

        Assert.Contains("at least 10", error.Errors["Title"]);
        Assert.Contains("at most 50,000", error.Errors["Body"]);
        Assert.Contains("at most 5 tags", error.Errors["Tags"]);
        Assert.Equal("Choose a service area.", error.Errors["ServiceAreaId"]);
        await using var after = database.NewContext();
        Assert.Equal(articles, await after.Articles.CountAsync(Ct));
        Assert.Equal(revisions, await after.ArticleRevisions.CountAsync(Ct));
    }

    [Theory]
    [InlineData("under_score")]
    [InlineData("a-tag-that-is-much-longer-than-thirty")]
    [InlineData("dot.ted")]
    [InlineData("émoji")]
    public void Tags_outside_the_rules_are_named_in_the_message(string tag) =>
        Assert.Contains($"\"{tag}\"", KnowledgeRules.TagsError(KnowledgeRules.NormaliseTags([tag])));

    [Fact]
    public void Tags_are_lower_cased_and_repeats_dropped() =>
        Assert.Equal(["bins", "garden-waste"], KnowledgeRules.ParseTags("Bins, garden-waste bins"));

    [Fact]
    public async Task Only_an_administrator_archives_or_deletes()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var admin = await database.ActorAsync(Demo.Admin);
        var id = await k.CreateArticleAsync(alex, "Replacement recycling boxes", "Order online.");

        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Articles.ArchiveAsync(alex, id, Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Articles.DeleteAsync(alex, id, Ct));
        await k.Articles.ArchiveAsync(admin, id, Ct);
        Assert.Equal(ArticleStatus.Archived, (await k.Articles.GetAsync(alex, id, Ct))!.Status);
        await Assert.ThrowsAsync<InvalidStateException>(() =>
            k.Articles.UpdateAsync(alex, id, new ArticleInput("Replacement recycling boxes", "Edited.", 1, []), null, Guid.Empty, Ct));

        await k.Articles.DeleteAsync(admin, id, Ct);
        Assert.Null(await k.Articles.GetAsync(admin, id, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => k.Articles.DeleteAsync(admin, id, Ct));

        // The article is gone; the record of who created, archived and deleted it is not.
        await using var db = database.NewContext();
        var record = await db.AuditEntries.Where(a => a.EntityType == "Article" && a.EntityId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.ActorName }).ToListAsync(Ct);
        Assert.Equal(["created-published", "archived", "deleted"], record.Select(r => r.Action));
        Assert.Equal([alex.DisplayName, admin.DisplayName, admin.DisplayName], record.Select(r => r.ActorName));
    }

    [Fact]
    public async Task A_draft_is_seen_and_edited_only_by_its_owner_until_published()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await k.Articles.CreateAsync(alex, new ArticleInput("Draft about street lighting", "Notes.", await k.AreaAsync("Roads and potholes"), []),
            publish: false, ct: Ct);

        Assert.Null(await k.Articles.GetAsync(jordan, id, Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Articles.GetForEditAsync(jordan, id, Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Articles.PublishAsync(jordan, id, Ct));
        await k.Articles.PublishAsync(alex, id, Ct);
        Assert.NotNull(await k.Articles.GetAsync(jordan, id, Ct));
        Assert.NotNull(await k.Articles.GetForEditAsync(jordan, id, Ct));
    }

    [Fact]
    public async Task The_owner_or_an_administrator_hands_an_article_to_a_colleague_who_still_works_here_who_is_told_and_gets_its_draft()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var sam = await database.ActorAsync(Demo.Trainer);
        var admin = await database.ActorAsync(Demo.Admin);
        var id = await k.Articles.CreateAsync(alex, new ArticleInput("Draft about winter gritting", "Notes.", await k.AreaAsync("Roads and potholes"), []),
            publish: false, ct: Ct);

        // Someone else may not, and the article is not handed to its owner, to nobody or to someone who left.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Articles.HandOverAsync(sam, id, jordan.PersonId, Ct));
        var same = await Assert.ThrowsAsync<ValidationFailedException>(() => k.Articles.HandOverAsync(alex, id, alex.PersonId, Ct));
        Assert.Equal("They already own it: choose someone else.", same.Errors["Owner"]);
        await Assert.ThrowsAsync<ValidationFailedException>(() => k.Articles.HandOverAsync(alex, id, 999_999, Ct));
        await using (var db = database.NewContext())
        {
            await db.People.Where(p => p.Id == sam.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), Ct);
        }
        var left = await Assert.ThrowsAsync<ValidationFailedException>(() => k.Articles.HandOverAsync(alex, id, sam.PersonId, Ct));
        Assert.Equal("Choose someone who still works here.", left.Errors["Owner"]);

        await k.Articles.HandOverAsync(alex, id, jordan.PersonId, Ct);

        // The draft goes with it: Jordan sees it, Alex no longer does.
        Assert.Equal(jordan.PersonId, (await k.Articles.GetAsync(jordan, id, Ct))!.OwnerId);
        Assert.Null(await k.Articles.GetAsync(alex, id, Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Articles.HandOverAsync(alex, id, alex.PersonId, Ct));
        // An administrator may hand over what is not theirs.
        await k.Articles.HandOverAsync(admin, id, alex.PersonId, Ct);

        await using var check = database.NewContext();
        var record = await check.AuditEntries.Where(a => a.EntityType == "Article" && a.EntityId == id && a.Action == "handed-over").OrderBy(a => a.Id)
            .Select(a => new { a.ActorName, a.Before, a.After, a.Details }).ToListAsync(Ct);
        Assert.Equal([alex.DisplayName, admin.DisplayName], record.Select(r => r.ActorName));
        Assert.Contains(alex.PersonId.ToString(), record[0].Before);
        Assert.Contains(jordan.PersonId.ToString(), record[0].After);
        Assert.Equal("Draft about winter gritting → Jordan Reyes", record[0].Details);
        var told = await check.Notifications.Where(n => n.Kind == "article-handed-over").OrderBy(n => n.Id)
            .Select(n => new { n.RecipientId, n.Title, n.Link }).ToListAsync(Ct);
        Assert.Equal([jordan.PersonId, alex.PersonId], told.Select(n => n.RecipientId));
        Assert.Equal("You now own “Draft about winter gritting”", told[0].Title);
        Assert.Equal($"/knowledge/articles/{id}", told[0].Link);
    }

    [Fact]
    public async Task Helpful_votes_are_one_per_person_and_can_be_changed()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await k.CreateArticleAsync(alex, "Clinical waste collections", "Free for residents with a medical need.");

        await k.Articles.VoteAsync(jordan, id, helpful: true, Ct);
        await k.Articles.VoteAsync(jordan, id, helpful: true, Ct);
        var once = await k.Articles.GetAsync(jordan, id, Ct);
        Assert.Equal((1, 0, true), (once!.HelpfulCount, once.NotHelpfulCount, once.MyVote));

        await k.Articles.VoteAsync(jordan, id, helpful: false, Ct);
        var changed = await k.Articles.GetAsync(jordan, id, Ct);
        Assert.Equal((0, 1, false), (changed!.HelpfulCount, changed.NotHelpfulCount, changed.MyVote));
    }

    [Fact]
    public async Task The_stored_html_is_sanitised_when_the_article_is_saved()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var id = await k.CreateArticleAsync(alex, "Fly-tipping reports here", "Report it <script>alert(1)</script> [here](javascript:alert(1)).");
        await using var db = database.NewContext();
        var html = await db.Articles.Where(a => a.Id == id).Select(a => a.BodyHtml).SingleAsync(Ct);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }
}
