using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training;
using StaffVoice.Tests.Features.Responses;
using StaffVoice.Tests.Features.Training;

namespace StaffVoice.Tests.Features.Engagement;

/// <summary>The home page's "what needs me": the right things for each person, late things first, and a fixed number of queries.</summary>
public class WhatNeedsMeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_person_sees_what_waits_for_them_late_things_first_and_the_query_count_does_not_grow_with_the_data()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var t = new TrainingServices(database, clock);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var counter = new CommandRecorder();
        var needs = new WhatNeedsMe(counter.Factory(database), clock, TestHost.Calendar(database, clock));

        // Nothing yet for Sam; Jordan sees no approvals of his own making.
        Assert.DoesNotContain(await needs.ForAsync(sam, Ct), b => b.Key is "reviews" or "training" or "approvals");

        // A draft waiting for Sam's review, one awaiting approval, and a course Sam must do that is overdue.
        var review = await r.DraftAsync(alex, "The recycling centre opens at 8am from Monday.");
        await r.Responses.SubmitForReviewAsync(alex, review, [sam.PersonId], false, null, await r.VersionAsync(review), Ct);
        await r.AwaitingApprovalAsync(alex, sam);
        var course = await t.PublishedCourseAsync(sam, TrainingServices.TwoModuleCourse("Fire safety basics"));
        await t.Training.AssignAsync(sam, new AssignInput(course, [sam.PersonId], null, null, null, 2, AssignmentKind.Required), Ct);
        clock.Advance(TimeSpan.FromDays(3));

        counter.Reset();
        var samNeeds = await needs.ForAsync(sam, Ct);
        var queries = counter.Count;
        Assert.Equal("training", samNeeds[0].Key); // late first
        var training = samNeeds[0].Top.Single();
        Assert.Equal(("Fire safety basics", $"/training/courses/{course}", true), (training.Title, training.Link, training.Late));
        Assert.StartsWith("overdue since", training.Detail);
        var reviews = samNeeds.Single(b => b.Key == "reviews");
        Assert.Equal(1, reviews.Count);
        Assert.Equal($"/responses/drafts/{review}", reviews.Top.Single().Link);
        Assert.DoesNotContain(samNeeds, b => b.Key == "approvals"); // not a comms manager

        var jordanNeeds = await needs.ForAsync(jordan, Ct);
        Assert.Equal(1, jordanNeeds.Single(b => b.Key == "approvals").Count);

        // Twenty more drafts for Sam to review: more to count, not more queries; the block shows the top three.
        for (var i = 0; i < 20; i++)
        {
            var id = await r.DraftAsync(alex, $"Bin day changes for the bank holiday, round {i}.");
            await r.Responses.SubmitForReviewAsync(alex, id, [sam.PersonId], false, null, await r.VersionAsync(id), Ct);
        }
        counter.Reset();
        var more = await needs.ForAsync(sam, Ct);
        Assert.Equal(queries, counter.Count);
        var grown = more.Single(b => b.Key == "reviews");
        Assert.Equal(21, grown.Count);
        Assert.Equal(WhatNeedsMe.TopItems, grown.Top.Count);
        Assert.Equal($"/responses/drafts/{review}", grown.Top[0].Link); // waiting longest first
    }

    [Fact]
    public async Task An_area_owner_sees_ideas_waiting_for_them_and_followers_see_the_ideas_that_moved()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var listening = new StaffVoice.Web.Features.Listening.ListeningService(database.Factory, TestHost.Operations(database, clock),
            new NotificationService(database.Factory, clock, new NotificationEvents()), new StaffVoice.Web.Features.Knowledge.SqliteKnowledgeSearch(database.Factory),
            Microsoft.Extensions.Options.Options.Create(new StaffVoice.Web.Features.Responses.ResponseOptions()), clock);
        var needs = new WhatNeedsMe(database.Factory, clock, TestHost.Calendar(database, clock));
        var alex = await database.ActorAsync(Demo.Employee);
        var nina = await database.ActorAsync("nina.petrova@example.org");
        var george = await database.ActorAsync("george.mills@example.org");
        int bins;
        await using (var db = database.NewContext()) bins = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
        await listening.SetOwnersAsync(await database.ActorAsync(Demo.Admin), bins, [nina.PersonId], Ct);
        var insight = await listening.RecordInsightAsync(george, new StaffVoice.Web.Features.Listening.InsightInput("Residents ask when the bins are collected.",
            StaffVoice.Web.Features.Listening.InsightChannel.Phone, bins, StaffVoice.Web.Features.Responses.ConversationSentiment.Neutral, []), Ct);
        var idea = await listening.ProposeIdeaAsync(alex, new StaffVoice.Web.Features.Listening.IdeaInput("Print collection days on the bins",
            "Residents ask when the bins are collected.", "Print the day on a sticker on every bin.", bins, [insight]), Ct);

        var waiting = (await needs.ForAsync(nina, Ct)).Single(b => b.Key == "ideas-to-review");
        Assert.Equal(("Print collection days on the bins", $"/ideas/{idea}", false), (waiting.Top.Single().Title, waiting.Top.Single().Link, waiting.Top.Single().Late));
        Assert.DoesNotContain(await needs.ForAsync(alex, Ct), b => b.Key is "ideas-to-review" or "ideas-moved");
        clock.Advance(TimeSpan.FromDays(15));
        Assert.True((await needs.ForAsync(nina, Ct)).Single(b => b.Key == "ideas-to-review").HasLate);

        var version = (await listening.GetIdeaAsync(nina, idea, Ct))!.Version;
        await listening.ChangeStatusAsync(nina, idea, StaffVoice.Web.Features.Listening.IdeaStatus.Planned, null, version, Ct);
        Assert.DoesNotContain(await needs.ForAsync(nina, Ct), b => b.Key == "ideas-to-review");
        foreach (var follower in new[] { alex, george }) // the proposer, and the person whose insight backs it
        {
            var moved = (await needs.ForAsync(follower, Ct)).Single(b => b.Key == "ideas-moved");
            Assert.Equal($"planned since {TestHost.Calendar(database, clock).Format(clock.GetUtcNow().UtcDateTime, "d MMM")}", moved.Top.Single().Detail);
        }
        clock.Advance(TimeSpan.FromDays(15));
        Assert.DoesNotContain(await needs.ForAsync(alex, Ct), b => b.Key == "ideas-moved");
    }

    [Fact]
    public async Task Since_the_last_visit_shows_new_answers_to_ones_questions_updated_articles_in_ones_areas_and_ideas_done()
    {
        // After the demo knowledge's own dates (seeded at the real time), so only what the test adds is new.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var needs = new WhatNeedsMe(database.Factory, clock, TestHost.Calendar(database, clock));
        var alex = await database.ActorAsync(Demo.Employee);
        var nina = await database.ActorAsync("nina.petrova@example.org");
        await using var db = database.NewContext();
        clock.Advance(TimeSpan.FromMinutes(1)); // the demo content was stamped at the start
        db.SignInSessions.Add(new StaffVoice.Web.Security.SignInSession { Id = Guid.NewGuid(), PersonId = alex.PersonId, StartedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Ct);
        Assert.DoesNotContain(await needs.ForAsync(alex, Ct), b => b.Key == "since-last-visit"); // a first visit has no "since"

        var firstVisit = clock.GetUtcNow().UtcDateTime;
        clock.Advance(TimeSpan.FromDays(3));
        var area = await db.ServiceAreas.Where(a => a.Name == "Council housing repairs").Select(a => a.Id).SingleAsync(Ct);
        var question = new StaffVoice.Web.Features.Knowledge.Question { Title = "Who inspects damp?", BodyMarkdown = "Q", BodyHtml = "Q", ServiceAreaId = area, AskerId = alex.PersonId };
        db.Questions.Add(question);
        await db.SaveChangesAsync(Ct);
        db.Answers.AddRange(
            new StaffVoice.Web.Features.Knowledge.Answer { QuestionId = question.Id, AuthorId = nina.PersonId, BodyMarkdown = "A", BodyHtml = "A" },
            new StaffVoice.Web.Features.Knowledge.Answer { QuestionId = question.Id, AuthorId = alex.PersonId, BodyMarkdown = "Thanks", BodyHtml = "Thanks" });
        db.Ideas.Add(new StaffVoice.Web.Features.Listening.Idea { Title = "I", Problem = "P", Proposal = "P", ServiceAreaId = area, CreatedById = nina.PersonId,
            Status = StaffVoice.Web.Features.Listening.IdeaStatus.Done, DoneAt = clock.GetUtcNow().UtcDateTime, StatusChangedAt = clock.GetUtcNow().UtcDateTime });
        db.Ideas.Add(new StaffVoice.Web.Features.Listening.Idea { Title = "Old", Problem = "P", Proposal = "P", ServiceAreaId = area, CreatedById = nina.PersonId,
            Status = StaffVoice.Web.Features.Listening.IdeaStatus.Done, DoneAt = firstVisit.AddDays(-1), StatusChangedAt = firstVisit.AddDays(-1) });
        db.SignInSessions.Add(new StaffVoice.Web.Security.SignInSession { Id = Guid.NewGuid(), PersonId = alex.PersonId, StartedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Ct);

        var since = (await needs.ForAsync(alex, Ct)).Single(b => b.Key == "since-last-visit");
        Assert.Equal("Since your last visit on 2 Mar", since.Heading);
        Assert.Equal(["1 new answer to your questions", "1 idea done: you said, we did"], since.Top.Select(i => i.Title).Where(t => !t.Contains("article")));
        Assert.Equal($"/knowledge/questions/{question.Id}", since.Top[0].Link);
        Assert.Equal(since.Top.Count, since.Count);
    }
}
