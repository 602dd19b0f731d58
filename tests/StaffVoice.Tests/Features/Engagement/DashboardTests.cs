using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.Listening;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Engagement;

/// <summary>
/// The engagement dashboard on a hand-built data set with known answers: two weeks in April 2027 (Monday 5 to Sunday 18),
/// Waste &amp; Recycling, with things just outside the period and in another department that must not count.
/// </summary>
public class DashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly From = new(2027, 4, 5);
    private static readonly DateOnly To = new(2027, 4, 18);

    private static EngagementDashboard Dashboard(TestDatabase database, TimeProvider clock)
    {
        var calendar = TestHost.Calendar(database, clock);
        var conversations = new ConversationService(database.Factory, TestHost.Operations(database, clock), Options.Create(new ResponseOptions()),
            clock, calendar, new NotificationService(database.Factory, clock, new NotificationEvents()));
        return new EngagementDashboard(database.Factory, conversations, calendar, clock);
    }

    // 09:00 UK time (08:00 UTC, British Summer Time) on a day of the period.
    private static DateTime Day(int day, double hours = 0) => new DateTime(2027, 4, day, 8, 0, 0, DateTimeKind.Utc).AddHours(hours);

    [Fact]
    public async Task Every_section_counts_what_happened_in_the_period_and_department_and_nothing_else()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        clock.SetUtcNow(new DateTimeOffset(2027, 4, 20, 9, 0, 0, TimeSpan.Zero));
        var dashboard = Dashboard(database, clock);
        var admin = await database.ActorAsync(Demo.Admin);
        int waste, bins, parking, nina, george, ben, omar, wastePeople;
        await using (var db = database.NewContext())
        {
            waste = await db.Departments.Where(d => d.Name == "Waste & Recycling").Select(d => d.Id).SingleAsync(Ct);
            bins = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
            parking = await db.ServiceAreas.Where(a => a.Name == "Parking permits").Select(a => a.Id).SingleAsync(Ct);
            nina = await db.People.Where(p => p.Email == "nina.petrova@example.org").Select(p => p.Id).SingleAsync(Ct);
            george = await db.People.Where(p => p.Email == "george.mills@example.org").Select(p => p.Id).SingleAsync(Ct);
            ben = await db.People.Where(p => p.Email == "ben.carter@example.org").Select(p => p.Id).SingleAsync(Ct);
            omar = await db.People.Where(p => p.Email == "omar.haddad@example.org").Select(p => p.Id).SingleAsync(Ct);
            wastePeople = await db.People.CountAsync(p => p.IsActive && p.DepartmentId == waste, Ct);
        }
        var intended = new List<(Question? Question, Answer? Answer, DateTime At)>();
        var staleBefore = (await dashboard.BuildAsync(admin, new DashboardQuery(From, To, waste), Ct)).Figure("knowledge", "Articles past their review date")!.Value;

        await using (var db = database.NewContext())
        {
            // Knowledge: two articles published in the period in Waste (one of them later revised, and past its review
            // date), one before the period, one in Transport.
            Article NewArticle(int area, DateTime? published, DateTime reviewDue) => new()
            {
                Title = "T", BodyMarkdown = "B", BodyHtml = "B", ServiceAreaId = area, OwnerId = nina, Status = ArticleStatus.Published,
                PublishedAt = published, LastVerifiedAt = Day(1), ReviewDueAt = reviewDue,
            };
            var revised = NewArticle(bins, Day(6), Day(19).AddYears(-1));
            db.Articles.AddRange(revised, NewArticle(bins, Day(15), Day(1).AddYears(1)), NewArticle(bins, Day(4), Day(1).AddYears(1)),
                NewArticle(parking, Day(7), Day(1).AddYears(1)));
            await db.SaveChangesAsync(Ct);
            db.ArticleRevisions.AddRange(
                new ArticleRevision { ArticleId = revised.Id, Number = 2, Title = "T", BodyMarkdown = "B", Tags = "", Summary = "s", AuthorId = ben, CreatedAt = Day(8) },
                new ArticleRevision { ArticleId = revised.Id, Number = 3, Title = "T", BodyMarkdown = "B", Tags = "", Summary = "s", AuthorId = ben, CreatedAt = Day(9) });

            // Questions in Waste: answered by a colleague after 2 h (accepted); answered only by the asker; answered by
            // colleagues after 6 h and 10 h (the 10 h one accepted); not answered; and one asked before the period.
            Question Ask(DateTime at)
            {
                var q = new Question { Title = "Q", BodyMarkdown = "Q", BodyHtml = "Q", ServiceAreaId = bins, AskerId = george };
                intended.Add((q, null, at));
                return q;
            }
            var q1 = Ask(Day(5, 1)); var q2 = Ask(Day(6)); var q3 = Ask(Day(12)); var q4 = Ask(Day(13)); var before = Ask(Day(2));
            db.Questions.AddRange(q1, q2, q3, q4, before);
            await db.SaveChangesAsync(Ct);
            Answer Reply(Question q, int author, DateTime at)
            {
                var a = new Answer { QuestionId = q.Id, AuthorId = author, BodyMarkdown = "A", BodyHtml = "A" };
                intended.Add((null, a, at));
                return a;
            }
            var a1 = Reply(q1, nina, Day(5, 3)); var a3 = Reply(q3, ben, Day(12, 10));
            db.Answers.AddRange(a1, Reply(q2, george, Day(6, 1)), Reply(q3, nina, Day(12, 6)), a3, Reply(before, nina, Day(2, 1)));
            await db.SaveChangesAsync(Ct);
            q1.AcceptedAnswerId = a1.Id;
            q3.AcceptedAnswerId = a3.Id;

            // Responses: drafts in Waste in three states; one approved after 3 h waiting; one in Transport.
            db.Drafts.AddRange(
                new Draft { Text = "a", AuthorId = nina, ServiceAreaId = bins, State = DraftState.Draft },
                new Draft { Text = "b", AuthorId = nina, ServiceAreaId = bins, State = DraftState.AwaitingApproval, AwaitingApprovalSince = Day(8) },
                new Draft { Text = "c", AuthorId = ben, ServiceAreaId = bins, State = DraftState.Published, AwaitingApprovalSince = Day(9), ApprovedAt = Day(9, 3) },
                new Draft { Text = "d", AuthorId = omar, ServiceAreaId = parking, State = DraftState.Published, AwaitingApprovalSince = Day(9), ApprovedAt = Day(9, 30) });

            // Training: snapshots on two dates (one outside), an overdue assignment in Waste and one in Housing.
            var course = new Course { Title = "C", Summary = "S", OwnerId = nina, Status = CourseStatus.Published };
            db.Courses.Add(course);
            await db.SaveChangesAsync(Ct);
            db.ComplianceSnapshots.AddRange(
                new ComplianceSnapshot { Date = new DateOnly(2027, 4, 5), DepartmentId = waste, CourseId = course.Id, Due = 10, CompletedOnTime = 5 },
                new ComplianceSnapshot { Date = new DateOnly(2027, 4, 12), DepartmentId = waste, CourseId = course.Id, Due = 10, CompletedOnTime = 8 },
                new ComplianceSnapshot { Date = new DateOnly(2027, 3, 29), DepartmentId = waste, CourseId = course.Id, Due = 10, CompletedOnTime = 1 });
            db.Assignments.AddRange(
                new Assignment { CourseId = course.Id, PersonId = george, Status = AssignmentStatus.Open, AssignedAt = Day(1), DueAt = Day(10) },
                new Assignment { CourseId = course.Id, PersonId = omar, Status = AssignmentStatus.Open, AssignedAt = Day(1), DueAt = Day(10) },
                new Assignment { CourseId = course.Id, PersonId = ben, Status = AssignmentStatus.Open, AssignedAt = Day(1), DueAt = Day(30) });

            // Listening: three insights in the period (themes a, a, b), one before; two ideas in the period, one done 10 days later.
            Insight Heard(DateTime at, params string[] themes) => new()
            {
                Text = "Residents say something.", ServiceAreaId = bins, CreatedById = george, CreatedAt = at, Themes = themes.Select(t => new InsightTheme { Name = t }).ToList(),
            };
            db.Insights.AddRange(Heard(Day(5), "a"), Heard(Day(6), "a", "b"), Heard(Day(7)), Heard(Day(1), "a"));
            db.Ideas.AddRange(
                new Idea { Title = "I1", Problem = "P", Proposal = "P", ServiceAreaId = bins, Status = IdeaStatus.Done, CreatedById = nina, DoneAt = Day(16), StatusChangedAt = Day(16) },
                new Idea { Title = "I2", Problem = "P", Proposal = "P", ServiceAreaId = bins, Status = IdeaStatus.Planned, CreatedById = nina, StatusChangedAt = Day(8) });
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = database.NewContext())
        {
            // The save stamped creation "now": put each where the story says.
            await db.Drafts.ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedAt, Day(8)), Ct);
            await db.Ideas.Where(i => i.Title == "I1").ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, Day(6)), Ct);
            await db.Ideas.Where(i => i.Title == "I2").ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, Day(8)), Ct);
            foreach (var (question, answer, at) in intended)
            {
                if (question is { Id: var qid }) await db.Questions.Where(q => q.Id == qid).ExecuteUpdateAsync(s => s.SetProperty(q => q.CreatedAt, at), Ct);
                if (answer is { Id: var aid }) await db.Answers.Where(a => a.Id == aid).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, at), Ct);
            }
        }

        var view = await dashboard.BuildAsync(admin, new DashboardQuery(From, To, waste), Ct);
        double? Figure(string section, string label) => view.Figure(section, label)!.Value;

        Assert.Equal(["knowledge", "responses", "training", "listening", "participation"], view.Sections.Select(s => s.Key));
        Assert.Equal(2, Figure("knowledge", "Articles published"));
        Assert.Equal(1, Figure("knowledge", "Articles updated"));
        Assert.Equal(4, Figure("knowledge", "Questions asked"));
        Assert.Equal(0.5, Figure("knowledge", "Answered by colleagues"));
        Assert.Equal(4, Figure("knowledge", "Median hours to a first answer"));
        Assert.Equal(6, Figure("knowledge", "Median hours to an accepted answer"));
        Assert.Equal(staleBefore + 1, Figure("knowledge", "Articles past their review date"));
        Assert.Equal([["2027-04-05", "2", "1"], ["2027-04-12", "2", "1"]], view.Table("questions-by-week")!.Rows);

        Assert.Equal(3, view.Table("drafts-by-state")!.Rows.Sum(r => int.Parse(r[1]!)));
        Assert.Contains(view.Table("drafts-by-state")!.Rows, r => r[0] == "Awaiting approval" && r[1] == "1");
        Assert.Equal(3, Figure("responses", "Median hours waiting for approval"));

        Assert.Equal(0.8, Figure("training", "Compliance at the latest snapshot"));
        Assert.Equal(1, Figure("training", "Assignments overdue now"));
        Assert.Equal([["2027-04-05", "Waste & Recycling", "10", "5", "0.500"], ["2027-04-12", "Waste & Recycling", "10", "8", "0.800"]],
            view.Table("compliance-by-department")!.Rows);

        Assert.Equal(3, Figure("listening", "Insights recorded"));
        Assert.Equal([["a", "2"], ["b", "1"]], view.Table("insights-by-theme")!.Rows);
        Assert.Equal(2, Figure("listening", "Ideas proposed"));
        Assert.Equal(10, Figure("listening", "Median days from idea to done"));
        Assert.Contains(view.Table("ideas-by-status")!.Rows, r => r[0] == "Planned" && r[1] == "1");

        // Contributors in Waste: Ben (revisions, a draft), George (questions, insights), Nina (answers, drafts, ideas).
        Assert.Equal([["Waste & Recycling", wastePeople.ToString(), "3", (3.0 / wastePeople).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)]],
            view.Table("participation-by-department")!.Rows);

        // Without the department filter the Transport article and draft count too.
        var everyone = await dashboard.BuildAsync(admin, new DashboardQuery(From, To), Ct);
        Assert.Equal(3, everyone.Figure("knowledge", "Articles published")!.Value);
        Assert.Equal(16.5, everyone.Figure("responses", "Median hours waiting for approval")!.Value);
        Assert.Equal(2, everyone.Figure("training", "Assignments overdue now")!.Value);
    }

    [Fact]
    public async Task Each_role_sees_its_sections_and_a_bad_period_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var dashboard = Dashboard(database, TimeProvider.System);
        var day = new DateOnly(2026, 11, 2);

        await Assert.ThrowsAsync<PermissionDeniedException>(async () => await dashboard.BuildAsync(await database.ActorAsync(Demo.Employee), new DashboardQuery(day, day), Ct));
        var comms = await dashboard.BuildAsync(await database.ActorAsync(Demo.Comms), new DashboardQuery(day, day), Ct);
        Assert.Equal(["knowledge", "responses", "listening", "participation"], comms.Sections.Select(s => s.Key));
        var trainer = await dashboard.BuildAsync(await database.ActorAsync(Demo.Trainer), new DashboardQuery(day, day), Ct);
        Assert.Equal(["knowledge", "training", "listening", "participation"], trainer.Sections.Select(s => s.Key));

        var admin = await database.ActorAsync(Demo.Admin);
        Assert.Equal(["To"], (await Assert.ThrowsAsync<ValidationFailedException>(() => dashboard.BuildAsync(admin, new DashboardQuery(day, day.AddDays(-1)), Ct))).Errors.Keys);
        Assert.Equal(["From"], (await Assert.ThrowsAsync<ValidationFailedException>(() => dashboard.BuildAsync(admin, new DashboardQuery(day, day.AddDays(366)), Ct))).Errors.Keys);
        await dashboard.BuildAsync(admin, new DashboardQuery(day, day.AddDays(365)), Ct);
    }

    [Fact]
    public async Task A_person_sees_their_own_contributions_and_colleagues_see_them_only_once_shown()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var dashboard = Dashboard(database, clock);
        var people = new StaffVoice.Web.Features.People.PeopleDirectory(database.Factory, new AuthenticationSettings(AuthenticationMode.Local), TestHost.Operations(database, clock),
            TestHost.Sessions(database, clock));
        var george = await database.ActorAsync("george.mills@example.org");
        var jordan = await database.ActorAsync(Demo.Comms);
        int bins;
        var before = (await dashboard.ContributionsAsync(george, george.PersonId, Ct))!; // the demo's questions and answers
        await using (var db = database.NewContext())
        {
            bins = await db.ServiceAreas.Where(a => a.Name == "Bin collections").Select(a => a.Id).SingleAsync(Ct);
            db.Insights.Add(new Insight { Text = "Residents say something.", ServiceAreaId = bins, CreatedById = george.PersonId, CreatedAt = clock.GetUtcNow().UtcDateTime.AddMonths(-2) });
            db.Insights.Add(new Insight { Text = "Residents said it long ago.", ServiceAreaId = bins, CreatedById = george.PersonId, CreatedAt = clock.GetUtcNow().UtcDateTime.AddMonths(-13) });
            db.Questions.Add(new Question { Title = "Q", BodyMarkdown = "Q", BodyHtml = "Q", ServiceAreaId = bins, AskerId = george.PersonId });
            await db.SaveChangesAsync(Ct);
        }

        var own = (await dashboard.ContributionsAsync(george, george.PersonId, Ct))!;
        Assert.Equal((1, before.Questions + 1, before.Total + 2), (own.Insights, own.Questions, own.Total));
        Assert.Null(await dashboard.ContributionsAsync(jordan, george.PersonId, Ct));
        await people.SetShowContributionsAsync(george, true, Ct);
        await people.SetShowContributionsAsync(george, true, Ct);
        Assert.Equal(own, await dashboard.ContributionsAsync(jordan, george.PersonId, Ct));
        Assert.True((await people.GetAsync(george.PersonId, Ct))!.ShowContributions);
        await people.SetShowContributionsAsync(george, false, Ct);
        Assert.Null(await dashboard.ContributionsAsync(jordan, george.PersonId, Ct));
        await using var check = database.NewContext();
        Assert.Equal(["contributions-hidden", "contributions-shown"],
            await check.AuditEntries.Where(a => a.EntityType == "Person" && a.EntityId == george.PersonId).Select(a => a.Action).OrderBy(a => a).ToListAsync(Ct));
    }
}
