using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Training;

/// <summary>Courses, assignments and learning. Trainers write and assign; everyone learns; the rules live here.</summary>
public sealed class TrainingService(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, SafeMarkdown markdown, TimeProvider time,
    INotifier notifier, Organisation.OrganisationCalendar calendar)
{
    public const int DefaultRecompletionDays = 30;

    // ---- Courses (trainers) ----

    /// <summary>A course as lists show it, projected in the database.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Course, CourseListItem>> AsListItem = c =>
        new CourseListItem(c.Id, c.Title, c.Summary, c.EstimatedMinutes, c.Status, c.CurrentVersion, c.IsSocialMediaPolicy,
            c.Modules.Count, c.ValidityMonths);

    public async Task<IReadOnlyList<CourseListItem>> ListCoursesAsync(bool includeDrafts, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var courses = db.Courses.AsNoTracking();
        if (!includeDrafts) courses = courses.Where(c => c.Status == CourseStatus.Published);
        return await courses.OrderBy(c => c.Title)
            .Select(AsListItem)
            .ToListAsync(ct);
    }

    public async Task<CourseEditState?> GetForEditAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "edit courses");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().AsSplitQuery()
            .Include(c => c.Modules).ThenInclude(m => m.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return null;
        // The linked articles' titles in one read, whatever their state (an archived article stays linked until a trainer removes it).
        var articles = await db.CourseArticles.Where(ca => ca.CourseId == id)
            .Join(db.Articles, ca => ca.ArticleId, a => a.Id, (ca, a) => new { a.Id, a.Title })
            .OrderBy(a => a.Title).ToListAsync(ct);
        var input = new CourseInput(course.Title, course.Summary, course.EstimatedMinutes, course.ValidityMonths, course.IsSocialMediaPolicy,
            course.Modules.OrderBy(m => m.Position).Select(m => new ModuleInput(m.Id, m.Title, m.LessonMarkdown, m.PassMarkPercent,
                m.Questions.OrderBy(q => q.Position).Select(q => new QuizQuestionInput(q.Text, q.Explanation,
                    q.Options.OrderBy(o => o.Position).Select(o => new OptionInput(o.Text, o.IsCorrect)).ToList())).ToList())).ToList(),
            articles.Select(a => a.Id).ToList(), course.RecertifyLeadDays, course.RevealAnswersBeforePass);
        var ownerName = await db.People.Where(p => p.Id == course.OwnerId).Select(p => p.DisplayName).SingleAsync(ct);
        return new CourseEditState(course.Id, input, course.Status, course.CurrentVersion, course.Version, course.OwnerId, ownerName,
            articles.ToDictionary(a => a.Id, a => a.Title));
    }

    /// <summary>
    /// Creates or saves a course. Saving a published course makes a new version; with <paramref name="requiresRecompletion"/>
    /// everyone who completed an older version gets their assignment re-opened, with a notification saying what changed.
    /// </summary>
    public async Task<int> SaveCourseAsync(Actor actor, int? id, CourseInput input, Guid? expectedVersion, bool requiresRecompletion = false,
        string? changeNote = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "write courses");
        Validate(input, requiresRecompletion, changeNote);
        var now = time.GetUtcNow().UtcDateTime;
        return await operations.RunAsync(async op =>
        {
        var db = op.Db;
        Course course;
        if (id is int existing)
        {
            course = await db.Courses.Include(c => c.Modules).ThenInclude(m => m.Questions).ThenInclude(q => q.Options)
                .SingleOrDefaultAsync(c => c.Id == existing, ct) ?? throw new NotFoundException("That course no longer exists.");
            if (course.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException("Someone saved this course while you were editing it. Reload it and make your change again.");
            }
            db.Entry(course).Property(c => c.Version).OriginalValue = expectedVersion.Value;
            if (course.Status == CourseStatus.Archived) throw new InvalidStateException("This course is archived: restore it before changing it.");
        }
        else
        {
            course = new Course { Title = input.Title, Summary = input.Summary, OwnerId = actor.PersonId, Status = CourseStatus.Draft };
            db.Courses.Add(course);
        }
        if (input.IsSocialMediaPolicy && await db.Courses.AnyAsync(c => c.IsSocialMediaPolicy && c.Id != course.Id, ct))
        {
            await db.Courses.Where(c => c.IsSocialMediaPolicy && c.Id != course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsSocialMediaPolicy, false), ct);
        }
        course.Title = input.Title.Trim();
        course.Summary = input.Summary.Trim();
        course.EstimatedMinutes = input.EstimatedMinutes;
        course.ValidityMonths = input.ValidityMonths;
        course.RecertifyLeadDays = input.RecertifyLeadDays;
        course.RevealAnswersBeforePass = input.RevealAnswersBeforePass;
        course.IsSocialMediaPolicy = input.IsSocialMediaPolicy;
        ApplyModules(db, course, input.Modules);

        var reopened = new List<int>();
        if (course.Status == CourseStatus.Published)
        {
            course.CurrentVersion++;
            course.LastChangeNote = changeNote?.Trim();
            if (requiresRecompletion) course.RequiredVersion = course.CurrentVersion;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone saved this course at the same moment. Reload it and make your change again.");
        }

        var wanted = input.ArticleIds.Distinct().ToList();
        await db.CourseArticles.Where(a => a.CourseId == course.Id && !wanted.Contains(a.ArticleId)).ExecuteDeleteAsync(ct);
        var linked = await db.CourseArticles.Where(a => a.CourseId == course.Id).Select(a => a.ArticleId).ToListAsync(ct);
        var revisions = await db.Articles.Where(a => wanted.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.RevisionCount, ct);
        db.CourseArticles.AddRange(revisions.Keys.Except(linked).Select(a => new CourseArticle { CourseId = course.Id, ArticleId = a, SeenRevision = revisions[a] }));

        if (course.Status == CourseStatus.Published && requiresRecompletion)
        {
            reopened = await ReopenForRecompletionAsync(db, course, now, ct);
        }
        op.Audit(actor, id is null ? "created" : "saved", "Course", course.Id,
            after: new { course.Title, course.CurrentVersion, course.RequiredVersion }, details: changeNote);
        if (reopened.Count > 0)
        {
            await notifier.AddAsync(op, reopened.Select(p => new NotificationRequest(p, "training-recomplete",
                $"Please complete “{course.Title}” again: it has changed", $"/training/courses/{course.Id}", changeNote,
                $"training-recomplete:{course.Id}:{course.RequiredVersion}")).ToList(), ct);
        }
        return course.Id;
        }, ct);
    }

    private void ApplyModules(StaffVoiceDb db, Course course, IReadOnlyList<ModuleInput> modules)
    {
        var keep = modules.Where(m => m.Id is not null).Select(m => m.Id!.Value).ToHashSet();
        foreach (var gone in course.Modules.Where(m => !keep.Contains(m.Id)).ToList())
        {
            course.Modules.Remove(gone);
            db.CourseModules.Remove(gone);
        }
        for (var i = 0; i < modules.Count; i++)
        {
            var input = modules[i];
            var module = input.Id is int mid ? course.Modules.SingleOrDefault(m => m.Id == mid) : null;
            if (module is null)
            {
                module = new CourseModule { Title = input.Title, LessonMarkdown = "", LessonHtml = "" };
                course.Modules.Add(module);
            }
            module.Position = i + 1;
            module.Title = input.Title.Trim();
            module.LessonMarkdown = input.LessonMarkdown;
            module.LessonHtml = markdown.ToHtml(input.LessonMarkdown);
            module.PassMarkPercent = input.Questions.Count == 0 ? null : input.PassMarkPercent ?? 80;
            db.QuizQuestions.RemoveRange(module.Questions);
            module.Questions = input.Questions.Select((q, qi) => new QuizQuestion
            {
                Position = qi + 1,
                Text = q.Text.Trim(),
                Explanation = q.Explanation.Trim(),
                MultipleChoice = q.Options.Count(o => o.IsCorrect) > 1,
                Options = q.Options.Select((o, oi) => new QuizOption { Position = oi + 1, Text = o.Text.Trim(), IsCorrect = o.IsCorrect }).ToList(),
            }).ToList();
        }
    }

    private static async Task<List<int>> ReopenForRecompletionAsync(StaffVoiceDb db, Course course, DateTime now, CancellationToken ct)
    {
        var completedOlder = await db.Completions.Where(c => c.CourseId == course.Id && c.CourseVersion < course.RequiredVersion)
            .Select(c => c.PersonId).Distinct().ToListAsync(ct);
        var alreadyCurrent = await db.Completions.Where(c => c.CourseId == course.Id && c.CourseVersion >= course.RequiredVersion)
            .Select(c => c.PersonId).Distinct().ToListAsync(ct);
        var open = await db.Assignments.Where(a => a.CourseId == course.Id && a.Status == AssignmentStatus.Open).Select(a => a.PersonId).ToListAsync(ct);
        var people = completedOlder.Except(alreadyCurrent).Except(open).ToList();
        var kinds = await db.Assignments.Where(a => a.CourseId == course.Id && people.Contains(a.PersonId))
            .GroupBy(a => a.PersonId).Select(g => new { g.Key, Kind = g.OrderByDescending(a => a.Id).Select(a => a.Kind).First() })
            .ToDictionaryAsync(g => g.Key, g => g.Kind, ct);
        db.Assignments.AddRange(people.Select(p => new Assignment
        {
            CourseId = course.Id, PersonId = p, Kind = kinds.GetValueOrDefault(p, AssignmentKind.Required), Status = AssignmentStatus.Open,
            AssignedAt = now, DueAt = now.AddDays(DefaultRecompletionDays), OpenKey = Assignment.KeyFor(course.Id, p),
        }));
        return people;
    }

    public async Task PublishCourseAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "publish courses");
        await operations.RunAsync(async op =>
        {
            var course = await op.Db.Courses.Include(c => c.Modules).SingleOrDefaultAsync(c => c.Id == id, ct)
                ?? throw new NotFoundException("That course no longer exists.");
            if (course.Status == CourseStatus.Published) return;
            if (course.Modules.Count == 0) throw new InvalidStateException("Add at least one module before publishing.");
            course.Status = CourseStatus.Published;
            op.Audit(actor, "published", "Course", id);
        }, ct);
    }

    /// <summary>
    /// Archives a published course: hidden from learners, recommendations, rules and renewals; its open assignments are
    /// cancelled (each learner told why, each cancellation on the record); completions and certificates stay. The
    /// social-media policy course cannot be archived while it is the policy: the right to speak online depends on it.
    /// </summary>
    public async Task<int> ArchiveCourseAsync(Actor actor, int id, string reason, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "archive courses");
        var why = PlainText.Clean(reason ?? "").Trim();
        if (why.Length is 0 or > 500) throw new ValidationFailedException("Reason", "Say why in up to 500 characters: learners with the course open are told.");
        return await operations.RunAsync(async op =>
        {
            var course = await op.Db.Courses.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("That course no longer exists.");
            if (course.Status != CourseStatus.Published) throw new InvalidStateException("Only a published course can be archived.");
            if (course.IsSocialMediaPolicy)
            {
                throw new InvalidStateException("This is the social-media policy course: mark another course as the policy before archiving it.");
            }
            course.Status = CourseStatus.Archived;
            var open = await op.Db.Assignments.Where(a => a.CourseId == id && a.Status == AssignmentStatus.Open).ToListAsync(ct);
            foreach (var a in open)
            {
                a.Status = AssignmentStatus.Cancelled;
                a.OpenKey = null;
                op.Audit(actor, "assignment-cancelled", "Course", id, details: $"assignment {a.Id}: cancelled: course archived: {why}");
            }
            op.Audit(actor, "archived", "Course", id, details: $"{why} ({open.Count} open assignments cancelled)");
            await notifier.AddAsync(op, open.Select(a => new NotificationRequest(a.PersonId, "training-cancelled",
                $"“{course.Title}” is no longer assigned to you", "/training", $"The course was archived: {why}")).ToList(), ct);
            return open.Count;
        }, ct);
    }

    /// <summary>
    /// Hands a course to another trainer: the course owner is the one told of overdue learners (the daily summary) and
    /// named on the course. Any trainer may hand a course over (every trainer may edit every course); the new owner
    /// must be an active trainer, and is told. Audited with both names.
    /// </summary>
    public async Task HandOverCourseAsync(Actor actor, int id, int newOwnerId, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "hand courses over");
        await operations.RunAsync(async op =>
        {
            var course = await op.Db.Courses.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("That course no longer exists.");
            var before = course.OwnerId;
            var name = await PeopleDirectory.RequireNewOwnerAsync(op.Db, newOwnerId, before, Roles.Trainer, "a trainer", ct);
            course.OwnerId = newOwnerId;
            op.Audit(actor, "handed-over", "Course", id, new { OwnerId = before }, new { OwnerId = newOwnerId }, $"{course.Title} → {name}");
            await notifier.AddAsync(op, [new NotificationRequest(newOwnerId, "course-handed-over", $"You now own the course “{course.Title}”",
                $"/training/admin/courses/{id}", $"{actor.DisplayName} handed it over to you: summaries of overdue learners come to you now.")], ct);
        }, ct);
    }

    /// <summary>Brings an archived course back for learners (assignments cancelled by archiving stay cancelled).</summary>
    public async Task RestoreCourseAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "restore courses");
        await operations.RunAsync(async op =>
        {
            var course = await op.Db.Courses.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("That course no longer exists.");
            if (course.Status != CourseStatus.Archived) throw new InvalidStateException("Only an archived course can be restored.");
            course.Status = CourseStatus.Published;
            op.Audit(actor, "restored", "Course", id);
        }, ct);
    }

    private static void Validate(CourseInput input, bool requiresRecompletion, string? changeNote)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length is < 5 or > 150) errors["Title"] = "Give the course a title of 5 to 150 characters.";
        if (string.IsNullOrWhiteSpace(input.Summary) || input.Summary.Length > 1000) errors["Summary"] = "Write a summary of up to 1,000 characters.";
        if (input.EstimatedMinutes is < 1 or > 600) errors["EstimatedMinutes"] = "Estimate between 1 and 600 minutes.";
        if (input.ValidityMonths is < 1 or > 120) errors["ValidityMonths"] = "Validity is between 1 and 120 months, or empty for ever.";
        if (input.RecertifyLeadDays is < 1 or > 365) errors["RecertifyLeadDays"] = "Renew between 1 and 365 days before expiry.";
        if (requiresRecompletion && string.IsNullOrWhiteSpace(changeNote)) errors["ChangeNote"] = "Say what changed: learners are told.";
        for (var i = 0; i < input.Modules.Count; i++)
        {
            var m = input.Modules[i];
            var prefix = $"Modules[{i}]";
            if (string.IsNullOrWhiteSpace(m.Title)) errors[$"{prefix}.Title"] = $"Module {i + 1} needs a title.";
            if (string.IsNullOrWhiteSpace(m.LessonMarkdown) || m.LessonMarkdown.Length > 50_000) errors[$"{prefix}.Lesson"] = $"Module {i + 1} needs a lesson of up to 50,000 characters.";
            if (m.PassMarkPercent is < 1 or > 100) errors[$"{prefix}.PassMark"] = $"Module {i + 1}: the pass mark is a percentage from 1 to 100.";
            for (var q = 0; q < m.Questions.Count; q++)
            {
                var question = m.Questions[q];
                if (string.IsNullOrWhiteSpace(question.Text)) errors[$"{prefix}.Questions[{q}]"] = $"Module {i + 1}, question {q + 1} has no text.";
                else if (question.Options.Count < 2) errors[$"{prefix}.Questions[{q}]"] = $"Module {i + 1}, question {q + 1} needs at least two answers.";
                else if (!question.Options.Any(o => o.IsCorrect)) errors[$"{prefix}.Questions[{q}]"] = $"Module {i + 1}, question {q + 1} needs a correct answer.";
            }
        }
        ValidationFailedException.ThrowIfAny(errors);
    }

    // ---- Assigning (trainers) ----

    /// <summary>
    /// Assigns a course to named people now, or to a department or role through a rule that also covers later joiners
    /// (applied to the current members at once). Returns how many new assignments were made.
    /// </summary>
    public async Task<int> AssignAsync(Actor actor, AssignInput input, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "assign training");
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>();
        if (input.PersonIds.Count == 0 && input.DepartmentId is null && string.IsNullOrWhiteSpace(input.Role)) errors["Target"] = "Choose people, a department or a role.";
        if (input.DueDate is null == input.DueDays is null) errors["Due"] = "Give either a due date or a number of days after assignment.";
        if (input.DueDate is { } date && date.Date <= calendar.ToLocal(now).Date) errors["Due"] = "The due date must be after today.";
        if (input.DueDays is < 1 or > 365) errors["Due"] = "Give between 1 and 365 days.";
        if (input.Role is { Length: > 0 } role && !Roles.IsKnown(role)) errors["Target"] = $"There is no role called {role}.";
        ValidationFailedException.ThrowIfAny(errors);

        return await operations.RunAsync(async op =>
        {
        var db = op.Db;
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.CourseId, ct) ?? throw new NotFoundException("That course no longer exists.");
        if (course.Status != CourseStatus.Published) throw new InvalidStateException("Publish the course before assigning it.");
        // A due date is the end of that working day in organisation time.
        var due = input.DueDate is { } d ? calendar.ToUtc(d.Date.AddHours(17)) : now.AddDays(input.DueDays!.Value);

        var created = 0;
        if (input.PersonIds.Count > 0)
        {
            created += await CreateAssignmentsAsync(op, course, input.PersonIds.ToList(), input.Kind, now, due, null, actor.PersonId, ct);
        }
        if (input.DepartmentId is not null || !string.IsNullOrWhiteSpace(input.Role))
        {
            var rule = new AssignmentRule
            {
                CourseId = course.Id, Target = input.DepartmentId is not null ? RuleTarget.Department : RuleTarget.Role,
                DepartmentId = input.DepartmentId, Role = input.DepartmentId is null ? input.Role : null, Kind = input.Kind,
                DueDays = input.DueDays ?? Math.Max(1, (int)Math.Ceiling((due - now).TotalDays)), CreatedById = actor.PersonId, CreatedAt = now,
            };
            db.AssignmentRules.Add(rule);
            await db.SaveChangesAsync(ct);
            var members = await MembersAsync(db, rule, ct);
            created += await CreateAssignmentsAsync(op, course, members, rule.Kind, now, due, rule.Id, actor.PersonId, ct);
        }
        op.Audit(actor, "assigned", "Course", course.Id, details: $"{created} new assignment(s), due {due:yyyy-MM-dd}");
        return created;
        }, ct);
    }

    // ---- Roster (trainers) ----

    /// <summary>Everyone assigned the course, with status, progress and last activity; paged and filtered on the server.</summary>
    public Task<PagedResult<RosterRow>> RosterAsync(Actor actor, int courseId, RosterFilter filter, string? search, int page, int pageSize,
        CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "see course rosters");
        return RosterPageAsync(courseId, filter, search, page, Math.Clamp(pageSize, 1, 100), ct);
    }

    public static readonly IReadOnlyList<string> RosterColumns =
        ["person", "department", "kind", "status", "modules_done", "modules", "assigned_at", "due_at", "completed_at", "last_activity"];

    /// <summary>The whole roster (the same filter and search as the page) as CSV rows, read 2,000 at a time; dates are organisation dates.</summary>
    public async Task<List<string?[]>> RosterCsvAsync(Actor actor, int courseId, RosterFilter filter, string? search, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "see course rosters");
        var rows = new List<string?[]>();
        for (var page = 0; ; page++)
        {
            var batch = await RosterPageAsync(courseId, filter, search, page, 2_000, ct);
            rows.AddRange(batch.Items.Select(r => new string?[]
            {
                r.Person, r.Department, r.Kind.ToString(), r.Status.ToString(), r.ModulesDone.ToString(CultureInfo.InvariantCulture),
                r.Modules.ToString(CultureInfo.InvariantCulture), Day(r.AssignedAt), Day(r.DueAt), r.CompletedAt is { } c ? Day(c) : null,
                r.LastActivity is { } l ? Day(l) : null,
            }));
            if (batch.Items.Count < 2_000) return rows;
        }

        string Day(DateTime utc) => calendar.Format(utc, "yyyy-MM-dd");
    }

    private async Task<PagedResult<RosterRow>> RosterPageAsync(int courseId, RosterFilter filter, string? search, int page, int pageSize,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignments = db.Assignments.AsNoTracking().Where(a => a.CourseId == courseId);
        assignments = filter switch
        {
            RosterFilter.Open => assignments.Where(a => a.Status == AssignmentStatus.Open),
            RosterFilter.Overdue => assignments.Where(a => a.Status == AssignmentStatus.Open && a.DueAt < now),
            RosterFilter.Completed => assignments.Where(a => a.Status == AssignmentStatus.Completed),
            _ => assignments,
        };
        if (!string.IsNullOrWhiteSpace(search))
        {
            // The directory's own pattern: case-insensitive, with LIKE's wildcards escaped.
            var pattern = "%" + PeopleDirectory.EscapeLike(search.Trim()) + "%";
            assignments = assignments.Where(a => db.People.Any(p => p.Id == a.PersonId
                && (EF.Functions.Like(p.DisplayName, pattern, "\\") || EF.Functions.Like(p.Email, pattern, "\\"))));
        }
        var modules = db.CourseModules.Where(m => m.CourseId == courseId).Select(m => m.Id);
        var moduleCount = await modules.CountAsync(ct);
        var total = await assignments.CountAsync(ct);
        var rows = await assignments.OrderBy(a => a.Status == AssignmentStatus.Open ? 0 : a.Status == AssignmentStatus.Completed ? 1 : 2)
            .ThenBy(a => a.DueAt).ThenBy(a => a.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(a => new
            {
                a.Id, a.PersonId, a.Kind, a.Status, a.AssignedAt, a.DueAt, a.CompletedAt, a.StartedAt,
                Person = db.People.Where(p => p.Id == a.PersonId).Select(p => p.DisplayName).First(),
                Department = db.People.Where(p => p.Id == a.PersonId).Select(p => p.Department!.Name).FirstOrDefault(),
                Done = db.ModuleProgress.Count(p => p.PersonId == a.PersonId && modules.Contains(p.ModuleId) && p.CourseVersion > 0),
                Last = db.ModuleProgress.Where(p => p.PersonId == a.PersonId && modules.Contains(p.ModuleId) && p.CourseVersion > 0)
                    .Max(p => (DateTime?)p.CompletedAt),
            })
            .ToListAsync(ct);
        return new PagedResult<RosterRow>(rows.Select(r => new RosterRow(r.Id, r.PersonId, r.Person, r.Department, r.Kind,
            r.Status switch
            {
                AssignmentStatus.Completed => RosterStatus.Completed,
                AssignmentStatus.Cancelled => RosterStatus.Cancelled,
                _ when r.DueAt < now => RosterStatus.Overdue,
                _ when r.StartedAt is not null || r.Done > 0 => RosterStatus.InProgress,
                _ => RosterStatus.NotStarted,
            },
            Math.Min(r.Done, moduleCount), moduleCount, r.AssignedAt, r.DueAt, r.CompletedAt, Latest(r.Last, r.CompletedAt ?? r.StartedAt))).ToList(), total);

        static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
    }

    /// <summary>Withdraws an open assignment (the learner is told why); the person may be assigned the course again.</summary>
    public Task CancelAssignmentAsync(Actor actor, int assignmentId, string reason, CancellationToken ct = default) =>
        ChangeAssignmentAsync(actor, assignmentId, reason, "assignment-cancelled", (op, a, course, why) =>
        {
            a.Status = AssignmentStatus.Cancelled;
            a.OpenKey = null;
            return ([new NotificationRequest(a.PersonId, "training-cancelled", $"“{course.Title}” is no longer assigned to you",
                $"/training/courses/{course.Id}", why)], $"cancelled: {why}");
        }, ct);

    /// <summary>Moves an open assignment's due date later (the learner is told); reminders and escalation start again from it.</summary>
    public Task ExtendAssignmentAsync(Actor actor, int assignmentId, DateTime? newDueDate, string reason, CancellationToken ct = default)
    {
        if (newDueDate is null) throw new ValidationFailedException("DueDate", "Choose the new due date.");
        var due = calendar.ToUtc(newDueDate.Value.Date.AddHours(17));
        return ChangeAssignmentAsync(actor, assignmentId, reason, "assignment-extended", (op, a, course, why) =>
        {
            if (due <= a.DueAt || due <= time.GetUtcNow().UtcDateTime)
            {
                throw new ValidationFailedException("DueDate", "The new due date must be later than the current one and after today.");
            }
            var was = a.DueAt;
            a.DueAt = due;
            a.FirstReminderAt = null;
            a.LastReminderAt = null;
            a.OverdueNotifiedAt = null;
            a.ManagerEscalatedAt = null;
            return ([new NotificationRequest(a.PersonId, "training-extended", $"More time for “{course.Title}”: now due {calendar.Format(due, "d MMM yyyy")}",
                $"/training/courses/{course.Id}", why, $"training-extended:{a.Id}:{due:yyyyMMdd}")],
                $"due {calendar.Format(was, "yyyy-MM-dd")} → {calendar.Format(due, "yyyy-MM-dd")}: {why}");
        }, ct);
    }

    /// <summary>Reminds one person now, or everyone overdue on the course when no assignment is given; at most once a day each.</summary>
    public async Task<int> RemindNowAsync(Actor actor, int courseId, int? assignmentId, CancellationToken ct = default)
    {
        actor.Require(Roles.Trainer, "send reminders");
        var now = time.GetUtcNow().UtcDateTime;
        return await operations.RunAsync(async op =>
        {
            var course = await op.Db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, ct) ?? throw new NotFoundException("That course no longer exists.");
            var open = op.Db.Assignments.AsNoTracking().Where(a => a.CourseId == courseId && a.Status == AssignmentStatus.Open);
            open = assignmentId is int one ? open.Where(a => a.Id == one) : open.Where(a => a.DueAt < now);
            var targets = await open.Select(a => new { a.Id, a.PersonId, a.DueAt }).ToListAsync(ct);
            if (assignmentId is not null && targets.Count == 0) throw new InvalidStateException("That assignment is no longer open.");
            var sent = await notifier.AddAsync(op, targets.Select(a => new NotificationRequest(a.PersonId, "training-reminder",
                $"Reminder from {actor.DisplayName}: “{course.Title}” is due {calendar.Format(a.DueAt, "d MMM yyyy")}", $"/training/courses/{courseId}", null,
                $"training-reminder-now:{a.Id}:{calendar.Format(now, "yyyyMMdd")}")).ToList(), ct);
            op.Audit(actor, "reminders-sent", "Course", courseId, details: $"{sent} reminder(s)");
            return sent;
        }, ct);
    }

    private async Task ChangeAssignmentAsync(Actor actor, int assignmentId, string reason, string auditAction,
        Func<Operation, Assignment, Course, string, (List<NotificationRequest> Notify, string Details)> change, CancellationToken ct)
    {
        actor.Require(Roles.Trainer, "change assignments");
        var why = PlainText.Clean(reason ?? "").Trim();
        if (why.Length is 0 or > 500) throw new ValidationFailedException("Reason", "Give a reason of up to 500 characters: the learner is told and it is kept on the record.");
        await operations.RunAsync(async op =>
        {
            var assignment = await op.Db.Assignments.SingleOrDefaultAsync(a => a.Id == assignmentId, ct) ?? throw new NotFoundException("That assignment no longer exists.");
            if (assignment.Status != AssignmentStatus.Open) throw new InvalidStateException("Only an open assignment can be changed.");
            var course = await op.Db.Courses.AsNoTracking().SingleAsync(c => c.Id == assignment.CourseId, ct);
            var (notify, details) = change(op, assignment, course, why);
            op.Audit(actor, auditAction, "Course", course.Id, details: $"assignment {assignmentId}: {details}");
            await notifier.AddAsync(op, notify, ct);
        }, ct);
    }

    internal static async Task<List<int>> MembersAsync(StaffVoiceDb db, AssignmentRule rule, CancellationToken ct) => rule.Target == RuleTarget.Department
        ? await db.People.Where(p => p.DepartmentId == rule.DepartmentId && p.IsActive).Select(p => p.Id).ToListAsync(ct)
        : await db.PersonRoles.Where(r => r.Role == rule.Role && db.People.Any(p => p.Id == r.PersonId && p.IsActive))
            .Select(r => r.PersonId).ToListAsync(ct);

    /// <summary>
    /// Adds open assignments for the people who have neither an open assignment nor a current completion of the course.
    /// The unique open key makes a concurrent duplicate fail; those rows are then added one by one, skipping duplicates
    /// (each save is its own savepoint inside the operation's transaction). Notifications commit with the assignments.
    /// </summary>
    internal async Task<int> CreateAssignmentsAsync(Operation op, Course course, List<int> people, AssignmentKind kind, DateTime now, DateTime due,
        int? ruleId, int? assignedBy, CancellationToken ct, bool renewal = false)
    {
        var db = op.Db;
        var open = await db.Assignments.Where(a => a.CourseId == course.Id && a.Status == AssignmentStatus.Open && people.Contains(a.PersonId))
            .Select(a => a.PersonId).ToListAsync(ct);
        var current = await db.Completions.Where(c => c.CourseId == course.Id && people.Contains(c.PersonId) && c.CourseVersion >= course.RequiredVersion
                && (c.ValidUntil == null || c.ValidUntil > now))
            .Select(c => c.PersonId).ToListAsync(ct);
        // A renewal is made while the old completion is still valid, so a current completion does not rule it out.
        var fresh = people.Distinct().Except(open).Except(renewal ? [] : current).ToList();
        if (fresh.Count == 0) return 0;
        Assignment New(int p) => new()
        {
            CourseId = course.Id, PersonId = p, Kind = kind, Status = AssignmentStatus.Open, AssignedAt = now, DueAt = due, RuleId = ruleId,
            AssignedById = assignedBy, OpenKey = Assignment.KeyFor(course.Id, p),
        };
        var batch = fresh.Select(New).ToList();
        db.Assignments.AddRange(batch);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Only the assignments are let go: anything else the operation tracks (its audit entries) stays.
            foreach (var row in batch) db.Entry(row).State = EntityState.Detached;
            var added = new List<int>();
            foreach (var person in fresh)
            {
                var row = New(person);
                db.Assignments.Add(row);
                try
                {
                    await db.SaveChangesAsync(ct);
                    added.Add(person);
                }
                catch (DbUpdateException)
                {
                    db.Entry(row).State = EntityState.Detached;
                }
            }
            fresh = added;
            if (added.Count == 0) return 0;
        }
        var requests = fresh.Select(p => new NotificationRequest(p, "training-assigned",
            $"New {(kind == AssignmentKind.Required ? "required" : "recommended")} training: {course.Title}", $"/training/courses/{course.Id}",
            $"Due {due:d MMM yyyy}.", $"training-assigned:{course.Id}:{p}:{due:yyyyMMdd}")).ToList();
        await notifier.AddAsync(op, requests, ct);
        return fresh.Count;
    }

    /// <summary>Renewal assignments for completions about to expire, due when they expire.</summary>
    internal Task<int> CreateRenewalsAsync(Operation op, Course course, List<int> people, DateTime now, DateTime expiresAt, CancellationToken ct) =>
        CreateAssignmentsAsync(op, course, people, AssignmentKind.Required, now, expiresAt, null, null, ct, renewal: true);

    // ---- Learning ----

    /// <summary>How many recommended courses My training lists before "Show all": an organisation has hundreds.</summary>
    public const int RecommendedShown = 10;

    public Task<MyTraining> MyTrainingAsync(Actor actor, CancellationToken ct = default) => MyTrainingAsync(actor, allRecommended: false, ct);

    public async Task<MyTraining> MyTrainingAsync(Actor actor, bool allRecommended, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Assignments.AsNoTracking().Where(a => a.PersonId == actor.PersonId && a.Status != AssignmentStatus.Cancelled)
            .Join(db.Courses, a => a.CourseId, c => c.Id, (a, c) => new
            {
                a.Id, a.CourseId, c.Title, a.Kind, a.DueAt, a.Status, a.CompletedAt, c.RequiredVersion,
                Modules = c.Modules.Count,
                Done = db.ModuleProgress.Count(p => p.PersonId == actor.PersonId && c.Modules.Select(m => m.Id).Contains(p.ModuleId) && p.CourseVersion >= c.RequiredVersion),
                CompletionId = db.Completions.Where(x => x.AssignmentId == a.Id).Select(x => (int?)x.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new MyAssignment(r.Id, r.CourseId, r.Title, r.Kind, r.DueAt,
            r.Status == AssignmentStatus.Completed ? LearnerStatus.Completed
                : r.DueAt < now ? LearnerStatus.Overdue
                : r.Done > 0 ? LearnerStatus.InProgress : LearnerStatus.NotStarted,
            r.Status == AssignmentStatus.Completed ? 100 : r.Modules == 0 ? 0 : 100 * r.Done / r.Modules, r.CompletedAt, r.CompletionId)).ToList();
        // Courses completed without an assignment (self-study, or through the policy gate's link) count as completed too,
        // with their certificate, and are no longer recommended.
        var completedCourses = items.Where(i => i.Status == LearnerStatus.Completed).Select(i => i.CourseId).ToHashSet();
        var selfStudy = (await db.Completions.AsNoTracking()
                .Where(c => c.PersonId == actor.PersonId && c.AssignmentId == null && (c.ValidUntil == null || c.ValidUntil > now))
                .Join(db.Courses, c => c.CourseId, k => k.Id, (c, k) => new { c.Id, c.CourseId, k.Title, c.CompletedAt })
                .ToListAsync(ct))
            .Where(c => !completedCourses.Contains(c.CourseId))
            .GroupBy(c => c.CourseId).Select(g => g.OrderByDescending(c => c.CompletedAt).First())
            .Select(c => new MyAssignment(0, c.CourseId, c.Title, AssignmentKind.Recommended, c.CompletedAt, LearnerStatus.Completed, 100, c.CompletedAt, c.Id))
            .ToList();
        var assigned = rows.Select(r => r.CourseId).Concat(selfStudy.Select(s => s.CourseId)).ToHashSet();
        var candidates = db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published && !assigned.Contains(c.Id));
        var recommendedTotal = await candidates.CountAsync(ct);
        var recommended = await candidates.OrderBy(c => c.Title).Take(allRecommended ? recommendedTotal : RecommendedShown)
            .Select(AsListItem)
            .ToListAsync(ct);
        return new MyTraining(items.Where(i => i.Status != LearnerStatus.Completed).OrderBy(i => i.DueAt).ToList(), recommended,
            items.Where(i => i.Status == LearnerStatus.Completed).Concat(selfStudy).OrderByDescending(i => i.CompletedAt).ToList(), recommendedTotal);
    }

    /// <summary>The course player's view. Quiz answers are never sent to the browser; answers are shuffled per visit.</summary>
    public async Task<PlayerView?> GetPlayerAsync(Actor actor, int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().AsSplitQuery()
            .Include(c => c.Modules).ThenInclude(m => m.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null || (course.Status != CourseStatus.Published && !actor.IsIn(Roles.Trainer))) return null;
        var progress = await db.ModuleProgress.AsNoTracking()
            .Where(p => p.PersonId == actor.PersonId && course.Modules.Select(m => m.Id).Contains(p.ModuleId) && p.CourseVersion >= course.RequiredVersion)
            .ToDictionaryAsync(p => p.ModuleId, ct);
        var readMore = await db.CourseArticles.Where(a => a.CourseId == courseId)
            .Join(db.Articles, ca => ca.ArticleId, a => a.Id, (ca, a) => new { a.Id, a.Title }).ToListAsync(ct);
        var completion = await db.Completions.Where(c => c.PersonId == actor.PersonId && c.CourseId == courseId && c.CourseVersion >= course.RequiredVersion)
            .OrderByDescending(c => c.CompletedAt).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return new PlayerView(course.Id, course.Title, course.Summary, course.CurrentVersion,
            course.Modules.OrderBy(m => m.Position).Select(m => new PlayerModule(m.Id, m.Position, m.Title, m.LessonHtml, m.PassMarkPercent,
                m.Questions.OrderBy(q => q.Position).Select(q => new PlayerQuestion(q.Id, q.Text, q.MultipleChoice,
                    q.Options.Select(o => new PlayerOption(o.Id, o.Text)).OrderBy(_ => Random.Shared.Next()).ToList())).ToList(),
                progress.ContainsKey(m.Id), progress.GetValueOrDefault(m.Id)?.ScorePercent)).ToList(),
            readMore.Select(r => (r.Id, r.Title)).ToList(), completion);
    }

    /// <summary>Scores a quiz on the server. Passing completes the module; completing every module completes the course.</summary>
    public Task<QuizResult> SubmitQuizAsync(Actor actor, int moduleId, IReadOnlyDictionary<int, IReadOnlyCollection<int>> answers, CancellationToken ct = default) =>
        operations.RunAsync(async op =>
    {
        var db = op.Db;
        var module = await db.CourseModules.AsNoTracking().Include(m => m.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(m => m.Id == moduleId, ct) ?? throw new NotFoundException("That module no longer exists.");
        if (module.Questions.Count == 0) throw new InvalidStateException("This module has no quiz.");
        var results = module.Questions.OrderBy(q => q.Position).Select(q =>
        {
            var correct = q.Options.Where(o => o.IsCorrect).Select(o => o.Id).Order().ToList();
            var given = answers.GetValueOrDefault(q.Id, []).Distinct().Order().ToList();
            return new QuestionResult(q.Id, correct.SequenceEqual(given), correct, q.Explanation);
        }).ToList();
        var score = QuizScoring.ScorePercent(results.Count(r => r.Correct), results.Count);
        var passMark = module.PassMarkPercent ?? 80;
        var passed = score >= passMark;
        var reveal = passed || await db.Courses.Where(c => c.Id == module.CourseId).Select(c => c.RevealAnswersBeforePass).SingleAsync(ct);
        var completionId = await RecordModuleAsync(op, actor, module, passed, score, ct);
        // Until the learner passes, a wrong answer is marked wrong but neither the right option nor the explanation that
        // gives it away is sent to the browser (unless the trainer chose otherwise for this course).
        var shown = reveal ? results : results.Select(r => r.Correct ? r : r with { CorrectOptionIds = [], Explanation = "" }).ToList();
        return new QuizResult(score, passMark, passed, shown, completionId);
    }, ct);

    /// <summary>For a module without a quiz: the learner read the lesson to the end and confirms.</summary>
    public Task<int?> CompleteLessonAsync(Actor actor, int moduleId, CancellationToken ct = default) =>
        operations.RunAsync(async op =>
        {
            var module = await op.Db.CourseModules.AsNoTracking().Include(m => m.Questions).SingleOrDefaultAsync(m => m.Id == moduleId, ct)
                ?? throw new NotFoundException("That module no longer exists.");
            if (module.Questions.Count > 0) throw new InvalidStateException("Pass the quiz to complete this module.");
            return await RecordModuleAsync(op, actor, module, true, null, ct);
        }, ct);

    private async Task<int?> RecordModuleAsync(Operation op, Actor actor, CourseModule module, bool passed, int? score, CancellationToken ct)
    {
        var db = op.Db;
        var now = time.GetUtcNow().UtcDateTime;
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == module.CourseId, ct);
        if (course.Status != CourseStatus.Published) throw new InvalidStateException("This course is not published yet.");
        var progress = await db.ModuleProgress.SingleOrDefaultAsync(p => p.PersonId == actor.PersonId && p.ModuleId == module.Id, ct);
        if (progress is null)
        {
            progress = new ModuleProgress { PersonId = actor.PersonId, ModuleId = module.Id, CourseVersion = 0 };
            db.ModuleProgress.Add(progress);
        }
        progress.Attempts++;
        if (passed)
        {
            progress.CourseVersion = course.CurrentVersion;
            progress.CompletedAt = now;
            progress.ScorePercent = score;
        }
        await db.Assignments.Where(a => a.PersonId == actor.PersonId && a.CourseId == course.Id && a.Status == AssignmentStatus.Open && a.StartedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StartedAt, now), ct);
        await db.SaveChangesAsync(ct);
        if (!passed) return null;

        var moduleIds = await db.CourseModules.Where(m => m.CourseId == course.Id).Select(m => m.Id).ToListAsync(ct);
        var done = await db.ModuleProgress.CountAsync(p => p.PersonId == actor.PersonId && moduleIds.Contains(p.ModuleId) && p.CourseVersion >= course.RequiredVersion, ct);
        if (done < moduleIds.Count) return null;
        var existing = await db.Completions.Where(c => c.PersonId == actor.PersonId && c.CourseId == course.Id && c.CourseVersion >= course.RequiredVersion
                && (c.ValidUntil == null || c.ValidUntil > now))
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        var open = await db.Assignments.SingleOrDefaultAsync(a => a.PersonId == actor.PersonId && a.CourseId == course.Id && a.Status == AssignmentStatus.Open, ct);
        if (existing is int id && open is null) return id;

        var completion = new Completion
        {
            PersonId = actor.PersonId, CourseId = course.Id, CourseVersion = course.CurrentVersion, CompletedAt = now,
            ValidUntil = course.ValidityMonths is int months ? now.AddMonths(months) : null, AssignmentId = open?.Id,
        };
        db.Completions.Add(completion);
        if (open is not null)
        {
            open.Status = AssignmentStatus.Completed;
            open.CompletedAt = now;
            open.CompletedVersion = course.CurrentVersion;
            open.OpenKey = null;
        }
        op.Audit(actor, "completed", "Course", course.Id, details: $"version {course.CurrentVersion}");
        await db.SaveChangesAsync(ct);
        return completion.Id;
    }

    public async Task<CertificateView?> GetCertificateAsync(Actor actor, int completionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Completions.AsNoTracking().Where(c => c.Id == completionId)
            .Select(c => new
            {
                c.PersonId,
                View = new CertificateView(c.Id, db.People.Where(p => p.Id == c.PersonId).Select(p => p.DisplayName).First(),
                    db.Courses.Where(x => x.Id == c.CourseId).Select(x => x.Title).First(), c.CourseVersion, c.CompletedAt, c.ValidUntil),
            })
            .SingleOrDefaultAsync(ct);
        if (certificate is null) return null;
        if (certificate.PersonId != actor.PersonId && !actor.IsIn(Roles.Trainer) && !actor.IsIn(Roles.Administrator))
        {
            throw new PermissionDeniedException("Certificates are seen by their holder, trainers and administrators only.");
        }
        return certificate.View;
    }

    /// <summary>Whether the person's completion of the social-media policy course is current (null: no such course is set).</summary>
    public async Task<(int CourseId, string Title, bool Current)?> PolicyStatusAsync(int personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().Where(c => c.IsSocialMediaPolicy && c.Status == CourseStatus.Published)
            .Select(c => new { c.Id, c.Title, c.RequiredVersion }).FirstOrDefaultAsync(ct);
        if (course is null) return null;
        var current = await db.Completions.AnyAsync(c => c.PersonId == personId && c.CourseId == course.Id && c.CourseVersion >= course.RequiredVersion
            && (c.ValidUntil == null || c.ValidUntil > now), ct);
        return (course.Id, course.Title, current);
    }
}

public static class QuizScoring
{
    public static int ScorePercent(int correct, int total) => total == 0 ? 100 : (int)Math.Floor(100.0 * correct / total);
}
