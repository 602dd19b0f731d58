using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

namespace StaffVoice.Benchmarks;

/// <summary>How big a generated organisation is.</summary>
public sealed record Scale(string Name, int Departments, int People, int Articles, int Questions, int Answers, int Courses, int Assignments,
    int Conversations, int Drafts, int Notifications, int Insights, int Ideas)
{
    public static readonly Scale Large = new("large", 40, 20_000, 100_000, 50_000, 150_000, 300, 250_000, 50_000, 50_000, 500_000, 20_000, 2_000);
    public static readonly Scale Small = new("small", 10, 1_000, 5_000, 2_500, 7_500, 30, 12_500, 2_500, 2_500, 25_000, 1_000, 100);

    /// <summary>For the determinism test in CI: every kind of row, a few of each.</summary>
    public static readonly Scale Tiny = new("tiny", 4, 200, 300, 150, 450, 8, 1_000, 150, 150, 1_000, 100, 20);

    public static Scale Parse(string name) => name switch
    {
        "large" => Large,
        "small" => Small,
        "tiny" => Tiny,
        _ => throw new ArgumentException($"Unknown scale '{name}': use large, small or tiny."),
    };
}

/// <summary>
/// Writes a whole organisation into a fresh SQLite database: deterministic (no random source: every value is a
/// function of the row number) and realistic in shape — managers and trainers spread over departments, articles with
/// revisions, questions with answers from colleagues, training in every status with a realistic overdue share,
/// conversations and drafts in every state, notifications, insights and ideas over the year before <see cref="Anchor"/>.
/// Rows go in with INSERT … SELECT over a counting CTE, one statement per table, so the large scale takes minutes, not hours.
/// </summary>
public static class Generator
{
    /// <summary>The moment the generated year ends; fixed so that two runs write the same rows.</summary>
    public static readonly DateTime Anchor = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private const string Words = "bin collection recycling garden waste bulky sofa fridge booking fee concession tenant repair damp mould inspection " +
        "boiler heating homeless register band parking permit visitor zone bus pass renewal pothole road highway licence taxi driver " +
        "premises event street trading council tax support benefit housing payment arrears appeal complaint deadline form online phone " +
        "resident service team office appointment letter evidence decision review refund charge exemption discount application ";

    public static async Task<IReadOnlyDictionary<string, long>> GenerateAsync(string path, Scale scale, TextWriter? log = null)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        var factory = new StaffVoiceDbFactory(options, StaffVoiceDbFactory.BuildOptions(options, TimeProvider.System));
        await using (var db = factory.CreateDbContext()) await db.Database.MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await ExecAsync(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -200000;");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var anchor = Anchor.ToString("yyyy-MM-dd HH:mm:ss");
        var s = scale;
        var areas = s.Departments * 5;
        // Most people read; about two in five write anything in a year (the participation the dashboard measures).
        var writers = Math.Max(2, s.People * 2 / 5);
        var total = Stopwatch.StartNew();

        async Task Step(string name, string sql)
        {
            var watch = Stopwatch.StartNew();
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql.Replace("@anchor", $"'{anchor}'").Replace("@words", $"'{Words}'");
            command.CommandTimeout = 0;
            var rows = await command.ExecuteNonQueryAsync();
            log?.WriteLine($"  {name,-22} {rows,10:N0} rows in {watch.Elapsed.TotalSeconds,5:0.0} s");
        }

        // A counting CTE: n(i) from 1 to N.
        static string Count(long n) => $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) ";
        // A deterministic number in [0, m) from the row number and a salt.
        static string H(string i, int salt, long m) => $"((({i}) * 2654435761 + {salt} * 40503) % 4294967296 % {m})";
        // A time d minutes before the anchor.
        static string Ago(string minutes) => $"strftime('%Y-%m-%d %H:%M:%S', @anchor, printf('%+d minutes', -({minutes})))";
        // A Guid-shaped version token derived from the row.
        static string Version(string i, int salt) => $"printf('%08X-%04X-4000-8000-%012X', {i}, {salt}, ({i}) * 7919)";
        // Text: a run of words starting at a row-dependent place in the word list.
        static string Text(string i, int salt, int length) =>
            $"trim(substr(@words || @words || @words, 1 + {H(i, salt, 700)}, {length}))";

        await Step("Departments", $"INSERT INTO Departments (Id, Name) {Count(s.Departments)} SELECT i, 'Department ' || i FROM n;");
        // People: the first person of each department heads it (no manager); everyone else reports to their head.
        // About 1 % are trainers and 0.5 % comms managers, spread over the departments; one in 97 has left.
        await Step("People", $"""
            INSERT INTO People (Id, ObjectId, DisplayName, Email, JobTitle, DepartmentId, ManagerId, PrefersDarkMode, CreatedAt, UpdatedAt, Version, IsActive, SecurityStamp)
            {Count(s.People)}
            SELECT i, NULL, 'Person ' || i, 'person' || i || '@example.org', CASE WHEN i <= {s.Departments} THEN 'Head of department' WHEN i % 25 = 0 THEN 'Team lead' ELSE 'Officer' END,
                1 + (i - 1) % {s.Departments},
                CASE WHEN i <= {s.Departments} THEN NULL ELSE 1 + (i - 1) % {s.Departments} END,
                0, @anchor, @anchor, {Version("i", 1)}, CASE WHEN i % 97 = 0 THEN 0 ELSE 1 END, '00000000-0000-0000-0000-000000000000'
            FROM n;
            """);
        await Step("PersonRoles", $"""
            INSERT INTO PersonRoles (PersonId, Role)
            SELECT Id, 'Employee' FROM People
            UNION ALL SELECT Id, 'Trainer' FROM People WHERE Id % 100 = 7
            UNION ALL SELECT Id, 'CommsManager' FROM People WHERE Id % 200 = 11
            UNION ALL SELECT Id, 'Administrator' FROM People WHERE Id IN (1, 2);
            """);
        await Step("ServiceAreas", $"INSERT INTO ServiceAreas (Id, Name, DepartmentId) {Count(areas)} SELECT i, 'Service ' || i, 1 + (i - 1) / 5 FROM n;");
        await Step("Expertise", $"""
            INSERT INTO Expertise (PersonId, ServiceAreaId, ConfirmedAt, ConfirmedById)
            SELECT Id, 1 + ((Id - 1) % {s.Departments}) * 5 + Id % 5, CASE WHEN Id % 2 = 0 THEN @anchor END, CASE WHEN Id % 2 = 0 THEN 1 END FROM People WHERE Id % 10 = 3;
            """);
        // Articles: published over the last three years, a few drafts and archived ones; review due spread so some are stale.
        await Step("Articles", $"""
            INSERT INTO Articles (Id, Title, BodyMarkdown, BodyHtml, ServiceAreaId, OwnerId, Status, LastVerifiedAt, ReviewIntervalMonths, ReviewDueAt,
                RevisionCount, ViewCount, SourceQuestionId, PublishedAt, CreatedAt, UpdatedAt, Version, ReviewTaskFor)
            {Count(s.Articles)}
            SELECT i, 'How to ' || {Text("i", 2, 40)} || ' (ref' || printf('%05d', {H("i", 20, 40_000)}) || ')', {Text("i", 3, 600)}, '<p>' || {Text("i", 3, 600)} || '</p>', 1 + {H("i", 4, areas)}, 1 + {H("i", 5, writers)},
                CASE WHEN i % 50 = 0 THEN 'Draft' WHEN i % 50 = 1 THEN 'Archived' ELSE 'Published' END,
                {Ago(H("i", 6, 525_600))}, 6, {Ago($"{H("i", 6, 525_600)} - 262800")},
                1 + i % 3, {H("i", 7, 500)}, NULL, CASE WHEN i % 50 = 0 THEN NULL ELSE {Ago(H("i", 8, 1_576_800))} END,
                {Ago(H("i", 8, 1_576_800))}, {Ago(H("i", 9, 525_600))}, {Version("i", 2)}, NULL
            FROM n;
            """);
        await Step("ArticleRevisions", $"""
            INSERT INTO ArticleRevisions (ArticleId, Number, Title, BodyMarkdown, Tags, Summary, AuthorId, CreatedAt)
            SELECT a.Id, r.Number, a.Title, substr(a.BodyMarkdown, 1, 200), '', CASE r.Number WHEN 1 THEN 'Created' ELSE 'Updated' END,
                1 + (a.OwnerId + r.Number * 37) % {writers}, CASE r.Number WHEN 1 THEN a.CreatedAt ELSE {Ago($"{H("a.Id", 10, 525_600)} / r.Number")} END
            FROM Articles a JOIN (SELECT 1 AS Number UNION ALL SELECT 2 UNION ALL SELECT 3) r ON r.Number <= a.RevisionCount;
            """);
        await Step("Questions", $"""
            INSERT INTO Questions (Id, Title, BodyMarkdown, BodyHtml, ServiceAreaId, AskerId, AnswerCount, AcceptedAnswerId, ArticleId, CreatedAt, UpdatedAt, Version)
            {Count(s.Questions)}
            SELECT i, 'Can a resident ' || {Text("i", 11, 50)} || '?', {Text("i", 12, 200)}, {Text("i", 12, 200)}, 1 + {H("i", 13, areas)}, 1 + {H("i", 14, writers)},
                0, NULL, NULL, {Ago(H("i", 15, 525_600))}, @anchor, {Version("i", 3)}
            FROM n;
            """);
        // Answers: three per question on average, from colleagues (never the asker), minutes to days after the question.
        await Step("Answers", $"""
            INSERT INTO Answers (Id, QuestionId, AuthorId, BodyMarkdown, BodyHtml, Score, CreatedAt, UpdatedAt)
            SELECT x.i, q.Id, CASE WHEN x.a = q.AskerId THEN x.a % {writers} + 1 ELSE x.a END, {Text("x.i", 16, 300)}, {Text("x.i", 16, 300)}, {H("x.i", 17, 6)},
                strftime('%Y-%m-%d %H:%M:%S', q.CreatedAt, printf('+%d minutes', 30 + (x.i * 7) % 4000)), @anchor
            FROM (SELECT i, 1 + (i - 1) % {s.Questions} AS qid, 1 + ((1 + (i - 1) % {s.Questions}) * 31 + i) % {writers} AS a
                  FROM ({Count(s.Answers)} SELECT i FROM n)) x
            JOIN Questions q ON q.Id = x.qid;
            UPDATE Questions SET AnswerCount = (SELECT COUNT(*) FROM Answers a WHERE a.QuestionId = Questions.Id),
                AcceptedAnswerId = CASE WHEN Id % 3 = 0 THEN (SELECT MIN(a.Id) FROM Answers a WHERE a.QuestionId = Questions.Id) END;
            """);
        await Step("SearchIndex", $"""
            INSERT INTO SearchIndex (rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags, Facets)
            SELECT Id * 4 + 1, 1, Id, 0, ServiceAreaId, Title, BodyMarkdown, '', 'k1 a' || ServiceAreaId FROM Articles WHERE Status = 'Published'
            UNION ALL SELECT Id * 4 + 2, 2, Id, 0, ServiceAreaId, Title, BodyMarkdown, '', 'k2 a' || ServiceAreaId FROM Questions;
            """);
        await Step("Courses", $"""
            INSERT INTO Courses (Id, Title, Summary, EstimatedMinutes, Status, OwnerId, CurrentVersion, RequiredVersion, LastChangeNote, IsSocialMediaPolicy,
                ValidityMonths, RecertifyLeadDays, CreatedAt, UpdatedAt, Version, RevealAnswersBeforePass)
            {Count(s.Courses)}
            SELECT i, 'Course ' || i || ': ' || {Text("i", 18, 30)}, {Text("i", 19, 120)}, 10 + i % 50, CASE WHEN i % 20 = 0 THEN 'Archived' ELSE 'Published' END,
                7 + 100 * (i % {Math.Max(1, s.People / 100)}), 1, 1, NULL, CASE WHEN i = 1 THEN 1 ELSE 0 END, CASE WHEN i % 4 = 0 THEN 12 END, 30,
                @anchor, @anchor, {Version("i", 4)}, 0
            FROM n;
            """);
        // Assignments: each person a different course per round; a third completed, one in eight overdue, some cancelled.
        await Step("Assignments", $"""
            INSERT INTO Assignments (Id, CourseId, PersonId, Kind, Status, AssignedAt, DueAt, RuleId, AssignedById, OpenKey, StartedAt, CompletedAt,
                CompletedVersion, FirstReminderAt, LastReminderAt, OverdueNotifiedAt, ManagerEscalatedAt, ClaimToken)
            SELECT i, c, p, CASE WHEN i % 5 = 0 THEN 'Recommended' ELSE 'Required' END, st,
                {Ago("d + 43200")}, {Ago($"CASE WHEN st = 'Open' AND i % 8 <> 0 THEN -({H("i", 20, 40_000)}) ELSE d END")}, NULL, 7,
                CASE WHEN st = 'Open' THEN c || ':' || p END, NULL, CASE WHEN st = 'Completed' THEN {Ago("d + 1440")} END,
                CASE WHEN st = 'Completed' THEN 1 END, NULL, NULL, NULL, NULL, NULL
            FROM (SELECT i, 1 + ((i - 1) / {s.People}) % {s.Courses} AS c, 1 + (i - 1) % {s.People} AS p,
                    CASE WHEN i % 3 = 0 THEN 'Completed' WHEN i % 17 = 0 THEN 'Cancelled' ELSE 'Open' END AS st, {H("i", 21, 400_000)} AS d
                  FROM ({Count(s.Assignments)} SELECT i FROM n));
            """);
        await Step("ComplianceSnapshots", $"""
            INSERT INTO ComplianceSnapshots (Date, DepartmentId, CourseId, Due, CompletedOnTime)
            SELECT date(@anchor, '-' || (w.i * 7) || ' days'), d.Id, c.Id, 40 + (d.Id * 7 + c.Id) % 60, 0
            FROM ({Count(26)} SELECT i FROM n) w CROSS JOIN Departments d CROSS JOIN (SELECT Id FROM Courses WHERE Id <= 5) c;
            UPDATE ComplianceSnapshots SET CompletedOnTime = Due * (50 + (DepartmentId * 3 + CourseId) % 30 + (26 - (julianday(@anchor) - julianday(Date)) / 7)) / 100;
            UPDATE ComplianceSnapshots SET CompletedOnTime = Due WHERE CompletedOnTime > Due;
            """);
        var channels = "CASE i % 6 WHEN 0 THEN 'X' WHEN 1 THEN 'Facebook' WHEN 2 THEN 'Bluesky' WHEN 3 THEN 'Instagram' WHEN 4 THEN 'LinkedIn' ELSE 'Mastodon' END";
        await Step("Conversations", $"""
            INSERT INTO Conversations (Id, AnsweredAt, AssigneeId, AuthorHandle, Channel, ClosedAt, ClosedReason, CreatedAt, DueAt, FirstDraftAt, ImportKey, Link,
                LoggedById, Priority, ReceivedAt, Sentiment, ServiceAreaId, Status, Text, UpdatedAt, Version)
            SELECT i, CASE WHEN st = 'Answered' THEN {Ago("d - 300 - i % 3000")} END, CASE WHEN i % 4 = 0 THEN 11 + 200 * (i % {Math.Max(1, s.People / 200)}) END,
                '@resident' || i, {channels}, CASE WHEN st = 'NoReplyNeeded' THEN {Ago("d - 60")} END, CASE WHEN st = 'NoReplyNeeded' THEN 'Thanks only' END,
                {Ago("d")}, {Ago("d - 480")}, CASE WHEN st <> 'New' THEN {Ago("d - 90")} END, 'gen-' || i, NULL, 11,
                CASE i % 4 WHEN 0 THEN 'Low' WHEN 1 THEN 'Normal' WHEN 2 THEN 'High' ELSE 'Urgent' END, {Ago("d")},
                CASE i % 3 WHEN 0 THEN 'Negative' WHEN 1 THEN 'Neutral' ELSE 'Positive' END, 1 + {H("i", 22, areas)}, st, 'When will ' || {Text("i", 23, 120)} || '?',
                @anchor, {Version("i", 5)}
            FROM (SELECT i, {H("i", 24, 525_600)} AS d,
                    CASE WHEN i % 10 < 6 THEN 'Answered' WHEN i % 10 = 6 THEN 'NoReplyNeeded' WHEN i % 10 < 9 THEN 'Drafting' ELSE 'New' END AS st
                  FROM ({Count(s.Conversations)} SELECT i FROM n));
            """);
        await Step("Drafts", $"""
            INSERT INTO Drafts (Id, ConversationId, AuthorId, ServiceAreaId, Text, State, RequiredEndorsements, RevisionCount, SubmittedForReviewAt,
                AwaitingApprovalSince, ApprovedById, ApprovedAt, PublishedAt, CreatedAt, UpdatedAt, Version, ApproverChangedText)
            SELECT i, CASE WHEN i <= {s.Conversations} THEN i END, 1 + {H("i", 25, writers)}, 1 + {H("i", 22, areas)}, 'Thanks for getting in touch: ' || {Text("i", 26, 150)},
                st, 1, 1, CASE WHEN st <> 'Draft' THEN {Ago("d - 60")} END, CASE WHEN st NOT IN ('Draft', 'InPeerReview', 'ChangesRequested') THEN {Ago("d - 120")} END,
                CASE WHEN st IN ('Approved', 'Scheduled', 'Published') THEN 11 END, CASE WHEN st IN ('Approved', 'Scheduled', 'Published') THEN {Ago("d - 120 - i % 600")} END,
                CASE WHEN st = 'Published' THEN {Ago("d - 800")} END, {Ago("d")}, @anchor, {Version("i", 6)}, 0
            FROM (SELECT i, {H("i", 24, 525_600)} AS d,
                    CASE i % 20 WHEN 0 THEN 'Draft' WHEN 1 THEN 'InPeerReview' WHEN 2 THEN 'ChangesRequested' WHEN 3 THEN 'AwaitingApproval' WHEN 4 THEN 'Approved'
                         WHEN 5 THEN 'Scheduled' WHEN 6 THEN 'Rejected' WHEN 7 THEN 'Withdrawn' ELSE 'Published' END AS st
                  FROM ({Count(s.Drafts)} SELECT i FROM n));
            """);
        await Step("Notifications", $"""
            INSERT INTO Notifications (RecipientId, Kind, Title, Text, Link, CreatedAt, ReadAt, DedupKey)
            SELECT 1 + {H("i", 27, s.People)}, CASE i % 4 WHEN 0 THEN 'review-requested' WHEN 1 THEN 'question-answered' WHEN 2 THEN 'training-assigned' ELSE 'idea-status' END,
                'Something for you ' || i, NULL, '/', {Ago(H("i", 28, 525_600))}, CASE WHEN i % 3 = 0 THEN NULL ELSE @anchor END, NULL
            FROM ({Count(s.Notifications)} SELECT i FROM n);
            """);
        await Step("Insights", $"""
            INSERT INTO Insights (Id, Text, Channel, ServiceAreaId, Sentiment, ConversationId, CreatedById, CreatedAt)
            {Count(s.Insights)}
            SELECT i, 'Residents say ' || {Text("i", 29, 120)}, CASE i % 5 WHEN 0 THEN 'Phone' WHEN 1 THEN 'Email' WHEN 2 THEN 'X' WHEN 3 THEN 'InPerson' ELSE 'WebForm' END,
                1 + {H("i", 30, areas)}, CASE i % 3 WHEN 0 THEN 'Negative' WHEN 1 THEN 'Neutral' ELSE 'Positive' END, CASE WHEN i % 4 = 0 AND i <= {s.Conversations} THEN i END,
                1 + {H("i", 31, writers)}, {Ago(H("i", 32, 525_600))}
            FROM n;
            INSERT INTO InsightThemes (InsightId, Name)
            SELECT Id, 'theme ' || (Id % 40) FROM Insights UNION ALL SELECT Id, 'theme ' || (40 + Id % 13) FROM Insights WHERE Id % 2 = 0;
            """);
        await Step("Ideas", $"""
            INSERT INTO Ideas (Id, Title, Problem, Proposal, ServiceAreaId, Status, StatusNote, StatusChangedAt, DoneAt, CreatedById, CreatedAt, UpdatedAt, Version)
            SELECT i, 'Idea ' || i || ': ' || {Text("i", 33, 50)}, {Text("i", 34, 300)}, {Text("i", 35, 300)}, 1 + {H("i", 36, areas)}, st,
                CASE WHEN st IN ('Done', 'NotDoing') THEN {Text("i", 37, 120)} END, {Ago("d - 20000 - i % 50000")},
                CASE WHEN st = 'Done' THEN {Ago("d - 20000 - i % 50000")} END, 1 + {H("i", 38, writers)}, {Ago("d")}, @anchor, {Version("i", 7)}
            FROM (SELECT i, 60000 + {H("i", 39, 465_000)} AS d,
                    CASE i % 6 WHEN 0 THEN 'Proposed' WHEN 1 THEN 'UnderReview' WHEN 2 THEN 'Planned' WHEN 3 THEN 'InProgress' WHEN 4 THEN 'Done' ELSE 'NotDoing' END AS st
                  FROM ({Count(s.Ideas)} SELECT i FROM n));
            INSERT INTO IdeaSupports (IdeaId, PersonId, SupportedAt)
            SELECT DISTINCT i.Id, 1 + (i.Id * 13 + k.i * 101) % {s.People}, i.CreatedAt FROM Ideas i CROSS JOIN ({Count(10)} SELECT i FROM n) k;
            INSERT INTO IdeaEvidence (IdeaId, InsightId, LinkedById, LinkedAt)
            SELECT 1 + (Id - 1) % {s.Ideas}, Id, CreatedById, CreatedAt FROM Insights WHERE Id % 3 = 0;
            """);

        await transaction.CommitAsync();
        await ExecAsync(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        log?.WriteLine($"  generated {scale.Name} in {total.Elapsed.TotalSeconds:0.0} s: {new FileInfo(path).Length / 1048576.0:N0} MiB");
        return await CountsAsync(connection);
    }

    /// <summary>Row counts and a checksum per table: equal for two runs of the same scale, which is what determinism means here.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountsAsync(SqliteConnection connection)
    {
        var result = new SortedDictionary<string, long>();
        foreach (var (table, sum) in new[]
        {
            ("People", "ManagerId"), ("Articles", "length(Title) + OwnerId"), ("ArticleRevisions", "AuthorId"), ("Questions", "AnswerCount"),
            ("Answers", "AuthorId"), ("Assignments", "PersonId + CourseId"), ("Conversations", "ServiceAreaId"), ("Drafts", "AuthorId"),
            ("Notifications", "RecipientId"), ("Insights", "CreatedById"), ("Ideas", "length(Status)"), ("IdeaSupports", "PersonId"),
            ("ComplianceSnapshots", "CompletedOnTime"),
        })
        {
            var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*), COALESCE(SUM({sum}), 0) FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            result[table] = reader.GetInt64(0);
            result[table + ".checksum"] = reader.GetInt64(1);
        }
        return result;
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
