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
        Services.AddScoped<StaffVoice.Web.Security.CurrentUser>();
        Services.AddScoped<StaffVoice.Web.Components.Shared.UserActions>();
    }

    protected BunitAuthorizationContext Authorization { get; }

    protected void SignInAs(string name, params string[] roles)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(roles);
    }
}
