using StaffVoice.Web.Features.Knowledge;

namespace StaffVoice.Tests.Features.Knowledge;

public class KnowledgeSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var inBody = await k.CreateArticleAsync(alex, "Something about collections", "This mentions the zorblax scheme once, in passing.");
        var inTitle = await k.CreateArticleAsync(alex, "The zorblax scheme explained", "Details of the scheme for residents.");

        var results = await k.Search.SearchAsync(new SearchQuery("zorblax"), Ct);

        Assert.Equal([inTitle, inBody], results.Hits.Select(h => h.ItemId));
        Assert.Equal(2, results.TotalCount);
        Assert.Contains("<mark>zorblax</mark>", results.Hits[1].SnippetHtml);
    }

    [Fact]
    public async Task An_edited_article_is_found_by_its_new_words_and_not_its_old_ones()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var id = await k.CreateArticleAsync(alex, "Wheelie bin sizes explained", "Old wording mentions quixotic rules.");
        var article = await k.Articles.GetForEditAsync(alex, id, Ct);

        await k.Articles.UpdateAsync(alex, id, new ArticleInput(article!.Title, "New wording mentions flibbertigibbet rules.", article.ServiceAreaId, []),
            null, article.Version, Ct);

        Assert.Equal([id], (await k.Search.SearchAsync(new SearchQuery("flibbertigibbet"), Ct)).Hits.Select(h => h.ItemId));
        Assert.Empty((await k.Search.SearchAsync(new SearchQuery("quixotic"), Ct)).Hits);
    }

    [Fact]
    public async Task Archived_and_deleted_articles_are_no_longer_found()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var admin = await database.ActorAsync(Demo.Admin);
        var archived = await k.CreateArticleAsync(alex, "Archived snarkleberry guidance", "Old.");
        var deleted = await k.CreateArticleAsync(alex, "Deleted snarkleberry guidance", "Old too.");
        Assert.Equal(2, (await k.Search.SearchAsync(new SearchQuery("snarkleberry"), Ct)).TotalCount);

        await k.Articles.ArchiveAsync(admin, archived, Ct);
        await k.Articles.DeleteAsync(admin, deleted, Ct);

        Assert.Equal(0, (await k.Search.SearchAsync(new SearchQuery("snarkleberry"), Ct)).TotalCount);
    }

    [Fact]
    public async Task Drafts_are_not_searchable_until_published()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var id = await k.Articles.CreateAsync(alex, new ArticleInput("Draft on wibblewobble permits", "Text.", await k.AreaAsync("Parking permits"), []),
            publish: false, ct: Ct);
        Assert.Empty((await k.Search.SearchAsync(new SearchQuery("wibblewobble"), Ct)).Hits);
        await k.Articles.PublishAsync(alex, id, Ct);
        Assert.Single((await k.Search.SearchAsync(new SearchQuery("wibblewobble"), Ct)).Hits);
    }

    [Fact]
    public async Task Questions_and_answers_are_found_and_filters_narrow_the_results()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var parking = await k.AreaAsync("Parking permits");
        var article = await k.CreateArticleAsync(alex, "Grommet zone permits", "All about grommet zones.", "Parking permits", "grommet-zones");
        var question = await k.Questions.AskAsync(alex, new QuestionInput("Where do grommet permits apply?", "", parking, []), Ct);
        var answer = await k.Questions.AnswerAsync(jordan, question, "Grommet permits apply in zone G only.", Ct);

        var all = await k.Search.SearchAsync(new SearchQuery("grommet"), Ct);
        Assert.Equal(3, all.TotalCount);
        var answerHit = all.Hits.Single(h => h.Kind == SearchKind.Answer);
        Assert.Equal((answer, question), (answerHit.ItemId, answerHit.ParentId!.Value));
        Assert.Equal($"/knowledge/questions/{question}#answer-{answer}", answerHit.Link);

        Assert.Equal([question], (await k.Search.SearchAsync(new SearchQuery("grommet", SearchKind.Question), Ct)).Hits.Select(h => h.ItemId));
        Assert.Equal([article], (await k.Search.SearchAsync(new SearchQuery("grommet", Tag: "grommet-zones"), Ct)).Hits.Select(h => h.ItemId));
        Assert.Empty((await k.Search.SearchAsync(new SearchQuery("grommet", ServiceAreaId: await k.AreaAsync("Bin collections")), Ct)).Hits);

        var firstPage = await k.Search.SearchAsync(new SearchQuery("grommet", PageSize: 2), Ct);
        var secondPage = await k.Search.SearchAsync(new SearchQuery("grommet", Page: 1, PageSize: 2), Ct);
        Assert.Equal(2, firstPage.Hits.Count);
        Assert.Single(secondPage.Hits);
        Assert.Equal(3, secondPage.TotalCount);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("bins OR")]
    [InlineData("NEAR(bins")]
    [InlineData("* -bins")]
    [InlineData("Title:bins")]
    [InlineData("'; DROP TABLE Articles; --")]
    public async Task Search_syntax_typed_by_a_person_never_breaks_the_query(string text)
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var results = await k.Search.SearchAsync(new SearchQuery(text), Ct);
        Assert.True(results.TotalCount >= 0);
        Assert.True((await k.Search.SearchAsync(new SearchQuery("bins"), Ct)).TotalCount > 0, "the index still answers");
    }

    [Fact]
    public async Task Similar_questions_and_articles_are_suggested_from_a_title_being_typed()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var similar = await k.Search.SimilarAsync("How do I book bulky waste?", ct: Ct);
        Assert.Contains(similar, h => h.Kind == SearchKind.Article && h.Title == "How to book a bulky waste collection");
        Assert.DoesNotContain(similar, h => h.Kind == SearchKind.Answer);
    }

    [Fact]
    public async Task Counting_stops_at_the_limit_and_says_it_is_a_lower_bound()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            for (var i = 1; i <= SearchResults.CountLimit + 5; i++)
            {
                await SearchIndex.UpsertAsync(db, new SearchDocument(SearchKind.Question, i, null, 1, $"Question {i} about wombats", "", ""), Ct);
            }
            await transaction.CommitAsync(Ct);
        }
        var k = new KnowledgeServices(database);
        var many = await k.Search.SearchAsync(new SearchQuery("wombats"), Ct);
        Assert.Equal(SearchResults.CountLimit, many.TotalCount);
        Assert.True(many.TotalIsLowerBound);
        Assert.Equal(20, many.Hits.Count);
        Assert.False((await k.Search.SearchAsync(new SearchQuery("question 7 wombats"), Ct)).TotalIsLowerBound);
    }
}
