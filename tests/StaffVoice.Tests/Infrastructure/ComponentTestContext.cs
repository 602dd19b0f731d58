using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>The shared bUnit context: MudBlazor services, loose JS interop, test authorization.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Authorization = AddAuthorization();
        // Pages run their service calls through the app's one helper, as in the app.
        Services.AddLogging();
        Services.AddSingleton(TestHost.Calendar());
        // The person picker's directory: an empty in-memory database unless a test brings its own (UseDirectory).
        Services.AddSingleton(_ => Directory(_directoryDatabase));
        // Image uploads in editors: the same database as the directory.
        Services.AddSingleton(_ => new StaffVoice.Web.Features.Knowledge.ContentImages(Factory(_directoryDatabase),
            new StaffVoice.Web.Data.Operations(Factory(_directoryDatabase), new StaffVoice.Web.Data.AuditTrail(Factory(_directoryDatabase), TimeProvider.System),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<StaffVoice.Web.Data.Operations>.Instance), TimeProvider.System));
        Services.AddScoped<StaffVoice.Web.Security.CurrentUser>();
        Services.AddScoped<StaffVoice.Web.Components.Shared.UserActions>();
    }

    protected BunitAuthorizationContext Authorization { get; }

    private TestDatabase? _directoryDatabase;

    /// <summary>Searches in person pickers go to this database.</summary>
    protected void UseDirectory(TestDatabase database) => _directoryDatabase = database;

    private static Microsoft.EntityFrameworkCore.IDbContextFactory<StaffVoice.Web.Data.StaffVoiceDb> Factory(TestDatabase? database)
    {
        var options = new StaffVoice.Web.Data.DatabaseOptions(StaffVoice.Web.Data.DatabaseProvider.Sqlite, "Data Source=:memory:");
        return database?.Factory
            ?? new StaffVoice.Web.Data.StaffVoiceDbFactory(options, StaffVoice.Web.Data.StaffVoiceDbFactory.BuildOptions(options, TimeProvider.System));
    }

    private static StaffVoice.Web.Features.People.PeopleDirectory Directory(TestDatabase? database)
    {
        var options = new StaffVoice.Web.Data.DatabaseOptions(StaffVoice.Web.Data.DatabaseProvider.Sqlite, "Data Source=:memory:");
        Microsoft.EntityFrameworkCore.IDbContextFactory<StaffVoice.Web.Data.StaffVoiceDb> factory = database?.Factory
            ?? new StaffVoice.Web.Data.StaffVoiceDbFactory(options, StaffVoice.Web.Data.StaffVoiceDbFactory.BuildOptions(options, TimeProvider.System));
        var operations = new StaffVoice.Web.Data.Operations(factory, new StaffVoice.Web.Data.AuditTrail(factory, TimeProvider.System),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StaffVoice.Web.Data.Operations>.Instance);
        return new StaffVoice.Web.Features.People.PeopleDirectory(factory, new StaffVoice.Web.Security.AuthenticationSettings(StaffVoice.Web.Security.AuthenticationMode.Local),
            operations, new StaffVoice.Web.Security.SignInSessions(factory, operations, TimeProvider.System));
    }

    protected void SignInAs(string name, params string[] roles)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(roles);
    }
}
