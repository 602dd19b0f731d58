using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Knowledge;

public class QuestionServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_question_notifies_the_service_area_experts_but_not_the_asker()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var comms = await database.ActorAsync(Demo.Comms);
        var area = await k.AreaAsync("Housing register");
        var experts = await k.Expertise.ExpertsInAsync(area, Ct);
        Assert.Contains(experts, e => e.PersonId == alex.PersonId);

        var id = await k.Questions.AskAsync(comms, new QuestionInput("How long does a band review take?", "", area, ["housing-register"]), Ct);

        await using var db = database.NewContext();
        var notified = await db.Notifications.Where(n => n.Link == $"/knowledge/questions/{id}").Select(n => n.RecipientId).ToListAsync(Ct);
        Assert.Equal(experts.Select(e => e.PersonId).Order(), notified.Order());
        Assert.DoesNotContain(comms.PersonId, notified);
    }

    [Fact]
    public async Task The_asker_is_told_of_an_answer_and_accepts_it_and_the_author_is_told()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var asker = await database.ActorAsync(Demo.Trainer);
        var answerer = await database.ActorAsync(Demo.Comms);
        var id = await k.Questions.AskAsync(asker, new QuestionInput("Can a bus pass be replaced for free?", "", await k.AreaAsync("Concessionary travel"), []), Ct);

        var answerId = await k.Questions.AnswerAsync(answerer, id, "The first replacement is free; after that it costs £10.", Ct);
        await k.Questions.AcceptAsync(asker, answerId, Ct);

        var view = await k.Questions.GetAsync(asker, id, Ct);
        Assert.Equal(answerId, view!.AcceptedAnswerId);
        Assert.True(view.Answers.Single().IsAccepted);
        Assert.Contains(await k.Notifications.ListAsync(asker, ct: Ct), n => n.Kind == "question-answered");
        Assert.Contains(await k.Notifications.ListAsync(answerer, ct: Ct), n => n.Kind == "answer-accepted");
    }

    [Fact]
    public async Task Only_the_asker_an_expert_or_an_administrator_may_accept()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var asker = await database.ActorAsync(Demo.Trainer);
        var bystander = await database.ActorAsync(Demo.Comms);
        var admin = await database.ActorAsync(Demo.Admin);
        var expert = await database.ActorAsync(Demo.Employee); // lists "Housing register"
        var id = await k.Questions.AskAsync(asker, new QuestionInput("Who can join the housing register?", "", await k.AreaAsync("Housing register"), []), Ct);
        var first = await k.Questions.AnswerAsync(bystander, id, "Anyone over 16 with a local connection.", Ct);
        var second = await k.Questions.AnswerAsync(admin, id, "Over 16s with a local connection, with exceptions for care leavers.", Ct);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Questions.AcceptAsync(bystander, first, Ct));
        Assert.False((await k.Questions.GetAsync(bystander, id, Ct))!.CanAccept);
        Assert.True((await k.Questions.GetAsync(expert, id, Ct))!.CanAccept);

        await k.Questions.AcceptAsync(expert, first, Ct);
        await k.Questions.AcceptAsync(admin, second, Ct);
        Assert.Equal(second, (await k.Questions.GetAsync(asker, id, Ct))!.AcceptedAnswerId);
    }

    [Fact]
    public async Task Answer_votes_are_one_per_person_and_a_second_vote_takes_it_back()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var asker = await database.ActorAsync(Demo.Trainer);
        var author = await database.ActorAsync(Demo.Comms);
        var voter = await database.ActorAsync(Demo.Employee);
        var id = await k.Questions.AskAsync(asker, new QuestionInput("Is there a fee for a new recycling box?", "", await k.AreaAsync("Bin collections"), []), Ct);
        var answer = await k.Questions.AnswerAsync(author, id, "No, boxes are free.", Ct);

        await k.Questions.ToggleVoteAsync(voter, answer, Ct);
        Assert.Equal(1, (await k.Questions.GetAsync(voter, id, Ct))!.Answers.Single().Score);
        await k.Questions.ToggleVoteAsync(voter, answer, Ct);
        Assert.Equal(0, (await k.Questions.GetAsync(voter, id, Ct))!.Answers.Single().Score);
        await Assert.ThrowsAsync<InvalidStateException>(() => k.Questions.ToggleVoteAsync(author, answer, Ct));
    }

    [Fact]
    public async Task Two_people_converting_the_same_question_at_once_make_one_article_and_the_record_says_who()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var asker = await database.ActorAsync(Demo.Trainer);
        var author = await database.ActorAsync(Demo.Comms);
        var id = await k.Questions.AskAsync(asker, new QuestionInput("Can I put nappies in the general waste bin?", "", await k.AreaAsync("Bin collections"), []), Ct);
        var answer = await k.Questions.AnswerAsync(author, id, "Yes, wrapped, in the general waste bin.", Ct);
        await k.Questions.AcceptAsync(asker, answer, Ct);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => k.Questions.ConvertToArticleAsync(asker, id, Ct))));

        Assert.Single(ids.Distinct());
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Articles.CountAsync(a => a.SourceQuestionId == id, Ct));
        var record = await db.AuditEntries.Where(a => a.EntityType == "Question" && a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["asked", "answered", "answer-accepted", "converted-to-article"], record);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == "Article" && a.EntityId == ids[0] && a.Action == "created-published", Ct));
    }

    [Fact]
    public async Task Changing_someones_expertise_is_on_the_record_with_before_and_after()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var bins = await k.AreaAsync("Bin collections");

        await k.Expertise.SetAsync(alex, alex.PersonId, [bins], Ct);

        await using var db = database.NewContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "expertise-set" && a.EntityId == alex.PersonId, Ct);
        Assert.Equal("Person", entry.EntityType);
        Assert.Contains(bins.ToString(), entry.After);
        Assert.Equal([bins], (await k.Expertise.AreasOfAsync(alex.PersonId, Ct)).Select(a => a.Id));
    }

    [Fact]
    public async Task Answers_are_found_under_their_questions_title_and_a_converted_question_leaves_search_to_its_article()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var asker = await database.ActorAsync(Demo.Trainer);
        var author = await database.ActorAsync(Demo.Comms);
        var id = await k.Questions.AskAsync(asker, new QuestionInput("Do wheelie bins get washed zigzagoon?", "", await k.AreaAsync("Bin collections"), []), Ct);
        var answer = await k.Questions.AnswerAsync(author, id, "No zigzagoon, residents wash their own bins.", Ct);

        var before = (await k.Search.SearchAsync(new StaffVoice.Web.Features.Knowledge.SearchQuery("zigzagoon"), Ct)).Hits;
        Assert.Equal("Answer to: Do wheelie bins get washed zigzagoon?", before.Single(h => h.Kind == StaffVoice.Web.Features.Knowledge.SearchKind.Answer).Title);
        Assert.Contains(before, h => h.Kind == StaffVoice.Web.Features.Knowledge.SearchKind.Question && h.ItemId == id);

        await k.Questions.AcceptAsync(asker, answer, Ct);
        var article = await k.Questions.ConvertToArticleAsync(asker, id, Ct);

        var after = (await k.Search.SearchAsync(new StaffVoice.Web.Features.Knowledge.SearchQuery("zigzagoon"), Ct)).Hits;
        var hit = Assert.Single(after);
        Assert.Equal((StaffVoice.Web.Features.Knowledge.SearchKind.Article, article), (hit.Kind, hit.ItemId));
    }

    [Fact]
    public async Task A_question_with_an_accepted_answer_becomes_an_article_that_links_back()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var asker = await database.ActorAsync(Demo.Trainer);
        var author = await database.ActorAsync(Demo.Comms);
        var id = await k.Questions.AskAsync(asker, new QuestionInput("Do we collect garden waste in winter?", "Asked by a resident.",
            await k.AreaAsync("Bin collections"), ["garden-waste"]), Ct);
        var answer = await k.Questions.AnswerAsync(author, id, "Yes, except for two weeks over Christmas.", Ct);
        await Assert.ThrowsAsync<InvalidStateException>(() => k.Questions.ConvertToArticleAsync(asker, id, Ct));
        await k.Questions.AcceptAsync(asker, answer, Ct);

        var articleId = await k.Questions.ConvertToArticleAsync(asker, id, Ct);

        var article = await k.Articles.GetAsync(asker, articleId, Ct);
        Assert.Equal("Do we collect garden waste in winter?", article!.Title);
        Assert.Equal(id, article.SourceQuestionId);
        Assert.Contains("two weeks over Christmas", article.BodyHtml);
        Assert.Equal(["garden-waste"], article.Tags);
        Assert.Equal(articleId, (await k.Questions.GetAsync(asker, id, Ct))!.ArticleId);
        Assert.Equal(articleId, await k.Questions.ConvertToArticleAsync(asker, id, Ct));
    }

    [Fact]
    public async Task The_unanswered_list_holds_questions_without_an_accepted_answer()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var unanswered = await k.Questions.ListAsync(new QuestionListQuery(UnansweredOnly: true, PageSize: 100), Ct);
        Assert.NotEmpty(unanswered.Items);
        Assert.All(unanswered.Items, q => Assert.False(q.HasAcceptedAnswer));
        var all = await k.Questions.ListAsync(new QuestionListQuery(PageSize: 100), Ct);
        Assert.True(all.TotalCount > unanswered.TotalCount);
    }

    [Fact]
    public async Task A_person_sets_their_own_areas_of_expertise_but_not_someone_elses()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var area = await k.AreaAsync("Taxi licensing");

        await k.Expertise.SetAsync(jordan, jordan.PersonId, [area], Ct);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Expertise.SetAsync(alex, jordan.PersonId, [], Ct));

        Assert.Equal(["Taxi licensing"], (await k.Expertise.AreasOfAsync(jordan.PersonId, Ct)).Select(a => a.Name));
    }

    [Fact]
    public async Task A_claimed_area_carries_the_right_to_accept_answers_only_once_the_head_of_its_department_or_an_administrator_confirms_it()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var k = new KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var sam = await database.ActorAsync(Demo.Trainer);
        var sofia = await database.ActorAsync("sofia.lindqvist@example.org"); // Head of Licensing
        var marcus = await database.ActorAsync("marcus.bell@example.org");    // Head of Waste & Recycling
        var admin = await database.ActorAsync(Demo.Admin);
        var taxis = await k.AreaAsync("Taxi licensing");

        await k.Expertise.SetAsync(jordan, jordan.PersonId, [taxis], Ct);
        var claim = Assert.Single(await k.Expertise.ClaimsOfAsync(jordan.PersonId, Ct));
        Assert.Null(claim.ConfirmedAt);
        var question = await k.Questions.AskAsync(sam, new QuestionInput("Do taxi drivers need a new DBS check each year?", "", taxis, []), Ct);
        var answer = await k.Questions.AnswerAsync(alex, question, "Every six months through the update service.", Ct);
        Assert.False((await k.Questions.GetAsync(jordan, question, Ct))!.CanAccept);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Questions.AcceptAsync(jordan, answer, Ct));

        // Who may confirm: not a colleague, not the head of another department, not oneself.
        Assert.Contains(await k.Expertise.AwaitingConfirmationAsync(sofia, Ct), c => c.PersonId == jordan.PersonId && c.ServiceAreaId == taxis);
        Assert.DoesNotContain(await k.Expertise.AwaitingConfirmationAsync(marcus, Ct), c => c.PersonId == jordan.PersonId);
        Assert.Empty(await k.Expertise.AwaitingConfirmationAsync(alex, Ct));
        Assert.Contains(await k.Expertise.AwaitingConfirmationAsync(admin, Ct), c => c.PersonId == jordan.PersonId);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Expertise.ConfirmAsync(alex, jordan.PersonId, taxis, Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Expertise.ConfirmAsync(marcus, jordan.PersonId, taxis, Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => k.Expertise.ConfirmAsync(jordan, jordan.PersonId, taxis, Ct));

        await k.Expertise.ConfirmAsync(sofia, jordan.PersonId, taxis, Ct);
        Assert.NotNull(Assert.Single(await k.Expertise.ClaimsOfAsync(jordan.PersonId, Ct)).ConfirmedAt);
        Assert.True((await k.Questions.GetAsync(jordan, question, Ct))!.CanAccept);
        await k.Questions.AcceptAsync(jordan, answer, Ct);
        Assert.True(Assert.Single(await k.Expertise.ExpertsInAsync(taxis, Ct), e => e.PersonId == jordan.PersonId).Confirmed);

        // Keeping the area keeps the confirmation; a declined claim leaves the list.
        await k.Expertise.SetAsync(jordan, jordan.PersonId, [taxis, await k.AreaAsync("Premises licences")], Ct);
        Assert.NotNull((await k.Expertise.ClaimsOfAsync(jordan.PersonId, Ct)).Single(c => c.ServiceAreaId == taxis).ConfirmedAt);
        await k.Expertise.DeclineAsync(sofia, jordan.PersonId, await k.AreaAsync("Premises licences"), Ct);
        Assert.Equal([taxis], (await k.Expertise.ClaimsOfAsync(jordan.PersonId, Ct)).Select(c => c.ServiceAreaId));
        // What an administrator sets for someone is confirmed at once.
        await k.Expertise.SetAsync(admin, sam.PersonId, [taxis], Ct);
        Assert.NotNull(Assert.Single(await k.Expertise.ClaimsOfAsync(sam.PersonId, Ct)).ConfirmedAt);

        await using var db = database.NewContext();
        Assert.Equal(["expertise-confirmed", "expertise-declined"], await db.AuditEntries
            .Where(a => a.EntityId == jordan.PersonId && a.Action.StartsWith("expertise-") && a.Action != "expertise-set").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }
}
