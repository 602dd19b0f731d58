using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

public static partial class DemoData
{
    public const string PolicyCourseTitle = "Speaking for Northbridge on social media";

    /// <summary>People who have completed the social-media policy course in the demo (and so may send drafts for review).</summary>
    public static readonly IReadOnlyList<string> PolicyCompleted =
        ["employee@example.org", "comms@example.org", "trainer@example.org", "admin@example.org", "hannah.brooks@example.org", "nina.petrova@example.org"];

    /// <summary>Courses and assignments in every status, through the real service, with a compliance history for the trend chart.</summary>
    public static async Task SeedTrainingAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Courses.AnyAsync(ct) || !await db.People.AnyAsync(ct)) return;
        var training = services.GetRequiredService<TrainingService>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var people = await db.People.AsNoTracking().Include(p => p.Roles).ToDictionaryAsync(p => p.Email, ct);
        var sam = new Actor(people["trainer@example.org"].Id, people["trainer@example.org"].DisplayName,
            people["trainer@example.org"].Roles.Select(r => r.Role).ToHashSet());
        var damp = await db.Articles.Where(a => a.Title == "Damp and mould reports").Select(a => a.Id).FirstOrDefaultAsync(ct);

        var policy = await training.SaveCourseAsync(sam, null, new CourseInput(PolicyCourseTitle,
            "What you may and may not say when you answer citizens online for the council, and how replies are approved.", 20, 12, true,
            [
                new ModuleInput(null, "Why we answer in public",
                    "Citizens ask us questions where they are: on social media. **A good public answer helps everyone who reads it.**\n\n" +
                    "- Answer the question that was asked.\n- Point to the knowledge article that backs the answer.\n- Never share anyone's personal details.", null, []),
                new ModuleInput(null, "How a reply gets approved",
                    "Every reply is drafted, reviewed by a colleague who knows the service, then approved by a comms manager. " +
                    "The author never approves their own reply. In a quiet period (before an election) two comms managers approve.", 80,
                [
                    new QuizQuestionInput("Who approves a reply before it is published?", "A comms manager approves, and never their own draft.",
                        [new("Any colleague", false), new("A comms manager who did not write it", true), new("The author", false)]),
                    new QuizQuestionInput("Which of these must never appear in a public reply?", "Personal data of any kind stays out of public replies.",
                        [new("A resident's phone number", true), new("A resident's email address", true), new("The council's website address", false)]),
                ]),
            ], []), null, ct: ct);
        await training.PublishCourseAsync(sam, policy, ct);

        var dampCourse = await training.SaveCourseAsync(sam, null, new CourseInput("Handling damp and mould reports",
            "How to take a damp and mould report, who is prioritised, and what to tell the tenant.", 15, null, false,
            [
                new ModuleInput(null, "Taking the report", "Log every report. Ask about children under five and anyone with breathing problems: they are prioritised.", null, []),
                new ModuleInput(null, "What happens next", "An inspection within 10 working days. Give the ventilation leaflet *as well as*, never instead of, the inspection.", 50,
                [
                    new QuizQuestionInput("How soon is a damp and mould inspection?", "Within 10 working days, sooner for vulnerable households.",
                        [new("Within 10 working days", true), new("Within 3 months", false)]),
                ]),
            ], damp == 0 ? [] : [damp]), null, ct: ct);
        await training.PublishCourseAsync(sam, dampCourse, ct);

        var safeguarding = await training.SaveCourseAsync(sam, null, new CourseInput("Safeguarding basics",
            "Recognising when a resident may be at risk, and who to call.", 25, 24, false,
            [
                new ModuleInput(null, "Recognising risk", "Signs of neglect, abuse or exploitation can show up in ordinary calls. If in doubt, refer.", 100,
                [
                    new QuizQuestionInput("You are worried about a resident's safety. What do you do?", "Always refer to the safeguarding team the same day.",
                        [new("Refer to the safeguarding team the same day", true), new("Wait to see if it happens again", false)]),
                ]),
            ], []), null, ct: ct);
        await training.PublishCourseAsync(sam, safeguarding, ct);

        await training.SaveCourseAsync(sam, null, new CourseInput("Writing accessible posts",
            "Alt text, CamelCase hashtags and plain language, so every resident can read our posts.", 10, null, false,
            [new ModuleInput(null, "Alt text", "Describe what the image shows and why it matters.", null, [])], []), null, ct: ct);

        var housing = await db.Departments.Where(d => d.Name == "Housing").Select(d => d.Id).SingleAsync(ct);
        await training.AssignAsync(sam, new AssignInput(dampCourse, [], housing, null, null, 14, AssignmentKind.Required), ct);
        await training.AssignAsync(sam, new AssignInput(policy, [], null, Roles.CommsManager, null, 30, AssignmentKind.Required), ct);
        await training.AssignAsync(sam, new AssignInput(safeguarding, people.Values.Where(p => p.Email != "trainer@example.org").Take(12).Select(p => p.Id).ToList(),
            null, null, null, 21, AssignmentKind.Required), ct);

        // Completions of the policy course (so those people may send drafts for review) and some history on the others.
        var modules = await db.CourseModules.AsNoTracking().ToListAsync(ct);
        var policyModules = modules.Where(m => m.CourseId == policy).ToList();
        foreach (var email in PolicyCompleted)
        {
            var id = people[email].Id;
            db.ModuleProgress.AddRange(policyModules.Select(m => new ModuleProgress { PersonId = id, ModuleId = m.Id, CourseVersion = 1, CompletedAt = now.AddDays(-20), Attempts = 1, ScorePercent = m.PassMarkPercent is null ? null : 100 }));
            db.Completions.Add(new Completion { PersonId = id, CourseId = policy, CourseVersion = 1, CompletedAt = now.AddDays(-20), ValidUntil = now.AddDays(-20).AddMonths(12) });
        }
        var assignments = await db.Assignments.ToListAsync(ct);
        foreach (var a in assignments.Where(a => a.CourseId == policy && PolicyCompleted.Contains(people.Values.Single(p => p.Id == a.PersonId).Email)))
        {
            a.Status = AssignmentStatus.Completed; a.AssignedAt = now.AddDays(-30); a.StartedAt = now.AddDays(-21); a.CompletedAt = now.AddDays(-20);
            a.CompletedVersion = 1; a.OpenKey = null;
        }
        var safeguardingAssignments = assignments.Where(a => a.CourseId == safeguarding).OrderBy(a => a.Id).ToList();
        for (var i = 0; i < safeguardingAssignments.Count; i++)
        {
            var a = safeguardingAssignments[i];
            switch (i % 4)
            {
                case 0: // completed on time
                    a.Status = AssignmentStatus.Completed; a.AssignedAt = now.AddDays(-12 + i); a.StartedAt = now.AddDays(-3); a.CompletedAt = now.AddDays(-2);
                    a.CompletedVersion = 1; a.OpenKey = null;
                    db.Completions.Add(new Completion { PersonId = a.PersonId, CourseId = safeguarding, CourseVersion = 1, CompletedAt = now.AddDays(-2), ValidUntil = now.AddDays(-2).AddMonths(24), AssignmentId = a.Id });
                    break;
                case 1: // overdue
                    a.AssignedAt = now.AddDays(-40); a.DueAt = now.AddDays(-9);
                    break;
                case 2: // in progress (started, module attempted)
                    a.StartedAt = now.AddDays(-1);
                    break;
            }
        }
        await db.SaveChangesAsync(ct);

        // Eight weeks of compliance history, so the trend chart has a story on the first run.
        var departments = await db.Departments.AsNoTracking().ToListAsync(ct);
        for (var week = 8; week >= 1; week--)
        {
            foreach (var (department, index) in departments.Select((d, i) => (d, i)))
            {
                var due = 6 + index;
                db.ComplianceSnapshots.Add(new ComplianceSnapshot
                {
                    Date = DateOnly.FromDateTime(now.AddDays(-7 * week)), DepartmentId = department.Id, CourseId = safeguarding, Due = due,
                    CompletedOnTime = Math.Min(due, (int)Math.Round(due * (0.35 + 0.07 * (8 - week) + 0.03 * index))),
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
