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
    }

    protected BunitAuthorizationContext Authorization { get; }

    protected void SignInAs(string name, params string[] roles)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(roles);
    }
}
