using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Extensions;

public static class FeatureExtensions
{
    /// <summary>One line per feature service. Services are singletons: each operation opens its own short-lived context.</summary>
    public static WebApplicationBuilder AddStaffVoiceFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SafeMarkdown>();

        // People
        services.AddSingleton<PeopleDirectory>();

        // Engagement
        services.AddSingleton<NotificationEvents>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<INotifier>(sp => sp.GetRequiredService<NotificationService>());

        // Knowledge
        services.AddSingleton<ArticleService>();
        services.AddSingleton<QuestionService>();
        services.AddSingleton<ExpertiseDirectory>();
        services.AddSingleton<StaleContentSweep>();
        services.AddSingleton<IKnowledgeSearch>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite
            ? ActivatorUtilities.CreateInstance<SqliteKnowledgeSearch>(sp)
            : ActivatorUtilities.CreateInstance<SqlServerKnowledgeSearch>(sp));
        return builder;
    }
}
