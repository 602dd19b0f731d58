using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task With_more_matches_than_are_ranked_an_old_page_with_the_words_in_its_title_still_comes_first()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            await SearchIndex.UpsertAsync(db, new SearchDocument(SearchKind.Article, 1, null, 1, "Gritting routes in winter", "Which roads are gritted.", ""), Ct);
            for (var i = 2; i <= 12; i++)
            {
                await SearchIndex.UpsertAsync(db, new SearchDocument(SearchKind.Article, i, null, 1, $"Road note {i}", $"Note {i} mentions gritting once.", ""), Ct);
            }
        }
        // Only the newest three matches anywhere are ranked; the title matches are ranked before them.
        var search = new SqliteKnowledgeSearch(database.Factory, candidates: 3);

        var results = await search.SearchAsync(new SearchQuery("gritting"), Ct);

        Assert.Equal([1, 12, 11, 10], results.Hits.Select(h => h.ItemId));
        Assert.Equal(12, results.TotalCount);
        Assert.Equal([1, 12, 11, 10], (await search.SearchAsync(new SearchQuery("gritting", PageSize: 2, Page: 0), Ct)).Hits
            .Concat((await search.SearchAsync(new SearchQuery("gritting", PageSize: 2, Page: 1), Ct)).Hits).Select(h => h.ItemId));
        // A page the title matches fill needs nothing else ranked; the count still covers every match.
        var first = await search.SearchAsync(new SearchQuery("gritting", PageSize: 1), Ct);
        Assert.Equal([1], first.Hits.Select(h => h.ItemId));
        Assert.Equal(12, first.TotalCount);
        Assert.Equal([12], (await search.SearchAsync(new SearchQuery("gritting", PageSize: 1, Page: 1), Ct)).Hits.Select(h => h.ItemId));
        // With every match ranked, the order is by relevance alone (here: the title match, then the equal body matches newest first).
        Assert.Equal(1, (await new SqliteKnowledgeSearch(database.Factory).SearchAsync(new SearchQuery("gritting"), Ct)).Hits[0].ItemId);
    }

    [Fact]
    public async Task Kind_and_area_filters_narrow_the_match_through_the_facets_and_ideas_stay_out_of_knowledge_search()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            await SearchIndex.UpsertAsync(db, new SearchDocument(SearchKind.Article, 1, null, 7, "Pothole repairs", "", ""), Ct);
            await SearchIndex.UpsertAsync(db, new SearchDocument(SearchKind.Article, 2, null, 17, "Pothole reporting", "", ""), Ct);
            await SearchIndex.UpsertAsync(db, new SearchDocument(SearchKind.Question, 3, null, 7, "Who fixes a pothole?", "", ""), Ct);
            await SearchIndex.UpsertAsync(db, new SearchDocument(SearchKind.Idea, 4, null, 7, "Pothole map for residents", "", ""), Ct);
            Assert.Equal("k1 a17", await db.Database.SqlQuery<string>($"SELECT Facets AS Value FROM SearchIndex WHERE rowid = {SearchIndex.KeyOf(SearchKind.Article, 2)}").SingleAsync(Ct));
        }
        var search = new SqliteKnowledgeSearch(database.Factory);

        async Task<IEnumerable<(SearchKind, int)>> Found(SearchQuery q) => (await search.SearchAsync(q, Ct)).Hits.Select(h => (h.Kind, h.ItemId)).Order();
        Assert.Equal([(SearchKind.Article, 1), (SearchKind.Article, 2), (SearchKind.Question, 3)], await Found(new SearchQuery("pothole")));
        Assert.Equal([(SearchKind.Article, 1), (SearchKind.Question, 3)], await Found(new SearchQuery("pothole", ServiceAreaId: 7)));
        Assert.Equal([(SearchKind.Article, 1)], await Found(new SearchQuery("pothole", SearchKind.Article, 7)));
        Assert.Empty(await Found(new SearchQuery("pothole", ServiceAreaId: 1))); // "a1" is not a prefix of "a17"
        Assert.Equal([(SearchKind.Idea, 4)], (await search.SimilarAsync("pothole map", 5, SearchKind.Idea, Ct)).Select(h => (h.Kind, h.ItemId)));
    }

    [Theory]
    [InlineData("The bulky waste collection is booked online.", "bulky", "The <mark>bulky</mark> waste collection is booked online.")]
    [InlineData("Collections happen weekly.", "collection", "<mark>Collections</mark> happen weekly.")]
    [InlineData("Le café est fermé.", "cafe", "Le <mark>caf&#233;</mark> est ferm&#233;.")]
    [InlineData("a b c d e f g h i j k target l m n o p q r s t u v w x y z", "target", "…g h i j k <mark>target</mark> l m n o p q r s t u v w x y…")]
    [InlineData("Nothing here <b>matches</b>.", "zebra", "Nothing here &lt;b&gt;matches&lt;/b&gt;.")]
    public void Snippets_mark_the_query_words_encode_the_text_and_cut_around_the_first_match(string body, string word, string expected) =>
        Assert.Equal(expected, SearchTerms.HighlightedHtml(SearchTerms.Snippet(body, [word], length: 20)));
}
