using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

/// <summary>
/// The one database of StaffVoice. This type owns the SQL Server migrations; <see cref="SqliteStaffVoiceDb"/> owns the
/// SQLite ones. Application code only ever asks for <c>IDbContextFactory&lt;StaffVoiceDb&gt;</c>.
/// </summary>
/// <remarks>
/// Every model change adds a migration for both providers, with the same name, in the same commit (from the repository root):
/// <code>
/// dotnet ef migrations add Name --project src/StaffVoice.Web --context StaffVoiceDb --output-dir Data/Migrations/SqlServer
/// dotnet ef migrations add Name --project src/StaffVoice.Web --context SqliteStaffVoiceDb --output-dir Data/Migrations/Sqlite
/// </code>
/// </remarks>
public class StaffVoiceDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The key ring that signs sign-in and antiforgery cookies, shared by every instance (see <see cref="KeyRing"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonRole> PersonRoles => Set<PersonRole>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DirectorySyncState> DirectorySyncStates => Set<DirectorySyncState>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<Expertise> Expertise => Set<Expertise>();
    public DbSet<ContentImage> ContentImages => Set<ContentImage>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleVote> ArticleVotes => Set<ArticleVote>();
    public DbSet<ArticleComment> ArticleComments => Set<ArticleComment>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionTag> QuestionTags => Set<QuestionTag>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<AnswerVote> AnswerVotes => Set<AnswerVote>();

    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<PolicyUpdate> PolicyUpdates => Set<PolicyUpdate>();
    public DbSet<PolicyRecipient> PolicyRecipients => Set<PolicyRecipient>();

    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationTag> ConversationTags => Set<ConversationTag>();
    public DbSet<InboxTag> InboxTags => Set<InboxTag>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<DraftChannelPost> DraftChannelPosts => Set<DraftChannelPost>();
    public DbSet<DraftRevision> DraftRevisions => Set<DraftRevision>();
    public DbSet<DraftReviewer> DraftReviewers => Set<DraftReviewer>();
    public DbSet<DraftComment> DraftComments => Set<DraftComment>();
    public DbSet<DraftSource> DraftSources => Set<DraftSource>();
    public DbSet<ResponseTemplate> ResponseTemplates => Set<ResponseTemplate>();
    public DbSet<BannedPhrase> BannedPhrases => Set<BannedPhrase>();
    public DbSet<QuietPeriod> QuietPeriods => Set<QuietPeriod>();
    public DbSet<Features.Organisation.ClosureDay> ClosureDays => Set<Features.Organisation.ClosureDay>();

    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseModule> CourseModules => Set<CourseModule>();
    public DbSet<QuizQuestion> QuizQuestions => Set<QuizQuestion>();
    public DbSet<QuizOption> QuizOptions => Set<QuizOption>();
    public DbSet<CourseArticle> CourseArticles => Set<CourseArticle>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<AssignmentRule> AssignmentRules => Set<AssignmentRule>();
    public DbSet<ModuleProgress> ModuleProgress => Set<ModuleProgress>();
    public DbSet<Completion> Completions => Set<Completion>();
    public DbSet<ComplianceSnapshot> ComplianceSnapshots => Set<ComplianceSnapshot>();

    /// <summary>Append-only: entries are added, never changed or removed (see <see cref="SaveChangesAsync(bool, CancellationToken)"/>).</summary>
    public DbSet<Features.Listening.Insight> Insights => Set<Features.Listening.Insight>();
    public DbSet<Features.Listening.InsightTheme> InsightThemes => Set<Features.Listening.InsightTheme>();
    public DbSet<Features.Listening.Idea> Ideas => Set<Features.Listening.Idea>();
    public DbSet<Features.Listening.IdeaEvidence> IdeaEvidence => Set<Features.Listening.IdeaEvidence>();
    public DbSet<Features.Listening.IdeaSupport> IdeaSupports => Set<Features.Listening.IdeaSupport>();
    public DbSet<Features.Listening.IdeaComment> IdeaComments => Set<Features.Listening.IdeaComment>();
    public DbSet<Features.Listening.IdeaStatusChange> IdeaStatusChanges => Set<Features.Listening.IdeaStatusChange>();
    public DbSet<Features.Listening.AreaOwner> AreaOwners => Set<Features.Listening.AreaOwner>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: entries cannot be changed or deleted.");
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StaffVoiceDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All times are UTC. SQLite hands DateTime back as Unspecified; say what it is on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>Owns the SQLite migration set (Data/Migrations/Sqlite); the model is the same.</summary>
public sealed class SqliteStaffVoiceDb(DbContextOptions options) : StaffVoiceDb(options);
