using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>A service provider over a test database, for code that takes one (the service-driven demo seeding).</summary>
public static class TestHost
{
    public static IServiceProvider Services(TestDatabase database, TimeProvider? time = null) => new ServiceCollection()
        .AddSingleton<IDbContextFactory<StaffVoiceDb>>(database.Factory)
        .AddSingleton(time ?? TimeProvider.System)
        .AddSingleton<SafeMarkdown>()
        .AddSingleton<AuditTrail>()
        .AddSingleton<Operations>()
        .AddSingleton<SignInSessions>()
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddSingleton<NotificationEvents>()
        .AddSingleton<NotificationService>()
        .AddSingleton<INotifier>(sp => sp.GetRequiredService<NotificationService>())
        .AddSingleton<TrainingService>()
        .AddSingleton(sp => Calendar(database, sp.GetRequiredService<TimeProvider>()))
        .BuildServiceProvider();

    /// <summary>The one write path over a test database.</summary>
    public static Operations Operations(TestDatabase database, TimeProvider? time = null) =>
        new(database.Factory, new AuditTrail(database.Factory, time ?? TimeProvider.System), NullLogger<Operations>.Instance);

    /// <summary>The organisation's calendar with the default settings (Europe/London, en-GB, England's bank holidays).</summary>
    public static StaffVoice.Web.Features.Organisation.OrganisationCalendar Calendar(TestDatabase? database = null, TimeProvider? time = null,
        StaffVoice.Web.Features.Organisation.OrganisationOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? new StaffVoice.Web.Features.Organisation.OrganisationOptions()),
            time ?? TimeProvider.System, database?.Factory);

    public static SignInSessions Sessions(TestDatabase database, TimeProvider? time = null) =>
        new(database.Factory, Operations(database, time), time ?? TimeProvider.System);
}
