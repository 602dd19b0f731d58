using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Responses.Publishers;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Features.Training.Sweeps;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Extensions;

public static class FeatureExtensions
{
    /// <summary>One line per feature service. Services are singletons: each operation opens its own short-lived context.</summary>
    public static WebApplicationBuilder AddStaffVoiceFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SafeMarkdown>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Operations>();

        // Organisation: its clock, culture and working-hours calendar
        services.AddOptions<Features.Organisation.OrganisationOptions>().BindConfiguration("Organisation")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Organisation:TimeZone is not a known time zone id (e.g. Europe/London).")
            .ValidateOnStart();
        services.AddSingleton<Features.Organisation.OrganisationCalendar>();
        services.AddSingleton<Features.Organisation.OrganisationService>();

        // People
        services.AddSingleton<PeopleDirectory>();
        services.AddOptions<DirectorySyncOptions>().BindConfiguration("DirectorySync")
            .Validate(o => Uri.TryCreate(o.GraphBaseUrl, UriKind.Absolute, out _), "DirectorySync:GraphBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton<DirectoryGraph>();
        services.AddSingleton<DirectorySync>();

        // Engagement
        services.AddSingleton<NotificationEvents>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<WhatNeedsMe>();
        services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "Mail:PublicUrl must be the absolute address people reach StaffVoice at.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Mail:From is not an e-mail address.")
            .ValidateOnStart();
        services.AddSingleton<IMailTransport, MailKitTransport>();
        services.AddSingleton<MailOutboxSweep>();
        services.AddSingleton<MailDigestSweep>();
        services.AddSingleton<NotificationPreferencesService>();
        services.AddSingleton<PolicyService>();
        services.AddSingleton<Features.Listening.ListeningService>();
        services.AddSingleton<EngagementDashboard>();
        services.AddSingleton<INotifier>(sp => sp.GetRequiredService<NotificationService>());
        NotificationFeed.Register(services, builder.Configuration,
            DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath).Provider);

        // Knowledge
        services.AddSingleton<ArticleService>();
        services.AddSingleton<QuestionService>();
        services.AddSingleton<ExpertiseDirectory>();
        services.AddSingleton<ContentImages>();
        services.AddSingleton<StaleContentSweep>();
        services.AddSingleton<IKnowledgeSearch>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite
            ? ActivatorUtilities.CreateInstance<SqliteKnowledgeSearch>(sp)
            : ActivatorUtilities.CreateInstance<SqlServerKnowledgeSearch>(sp));

        // Responses
        services.AddOptions<ResponseOptions>().BindConfiguration("Responses")
            .Validate(o => o.WebhookTimeout > TimeSpan.Zero && o.PublishLease > o.WebhookTimeout * 3,
                "Responses:PublishLease must be longer than three Responses:WebhookTimeout (a delivery and its retries).")
            .Validate(o => o.MaxPublishAttempts >= 1, "Responses:MaxPublishAttempts must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<ResponseService>();
        services.AddSingleton<ResponseSettingsService>();
        services.AddSingleton<ManualPublisher>();
        WebhookPublisher.Register(services);
        services.AddTransient<PublishSweep>();
        services.AddSingleton<ApprovalEscalationSweep>();
        services.AddSingleton<ConversationEscalationSweep>();

        // Training
        services.Configure<TrainingOptions>(builder.Configuration.GetSection("Training"));
        services.AddSingleton<TrainingService>();
        services.AddSingleton<TrainingReports>();
        services.AddSingleton<IDraftGate, TrainingDraftGate>();
        services.AddSingleton<TrainingRuleSweep>();
        services.AddSingleton<TrainingReminderSweep>();
        services.AddSingleton<TrainingEscalationSweep>();
        services.AddSingleton<RecertificationSweep>();
        services.AddSingleton<ComplianceSnapshotSweep>();
        services.AddSingleton<CourseArticleSweep>();
        return builder;
    }
}
