using Microsoft.AspNetCore.Diagnostics;
using MudBlazor.Services;
using StaffVoice.Web.Components;
using StaffVoice.Web.Components.Layout;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Listening;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Extensions;

public static class UiExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// The largest message a browser may send the circuit: the longest text a field allows (a Facebook post, 63,206
    /// characters) as JSON (up to 6 bytes a character when escaped), twice (an input event carries the value and the
    /// text), plus room for the envelope. Smaller, and a long paste silently drops the connection.
    /// </summary>
    public const long LongestFieldMessageBytes = Features.Responses.ResponseRules.DraftTextMax * 6L * 2 + 64 * 1024;

    /// <summary>Serve on http://localhost:5080 unless --urls, ASPNETCORE_URLS, ports or Kestrel endpoints say otherwise.</summary>
    public static WebApplicationBuilder UseStaffVoiceDefaultUrl(this WebApplicationBuilder builder)
    {
        var c = builder.Configuration;
        if (string.IsNullOrEmpty(c["urls"]) && string.IsNullOrEmpty(c["http_ports"]) && string.IsNullOrEmpty(c["https_ports"])
            && !c.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        return builder;
    }

    public static WebApplicationBuilder AddStaffVoiceUi(this WebApplicationBuilder builder)
    {
        // Package assets (MudBlazor's CSS and JS) are served from the build output in every environment when the app is
        // started with `dotnet run`; a published app carries them itself and this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);

        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // Deliberate circuit settings (see deploy/README.md): a closed tab's circuit is kept for the framework's
                // 3 minutes (long enough to ride out a dropped connection), at most 100 at once, so closed tabs do not
                // hold memory for long; both can be changed under Circuits:.
                var circuits = builder.Configuration.GetSection("Circuits");
                options.DisconnectedCircuitRetentionPeriod = circuits.GetValue("DisconnectedRetention", TimeSpan.FromMinutes(3));
                options.DisconnectedCircuitMaxRetained = circuits.GetValue("DisconnectedMaxRetained", 100);
                options.JSInteropDefaultCallTimeout = circuits.GetValue("JSInteropTimeout", TimeSpan.FromSeconds(30));
                options.DetailedErrors = builder.Environment.IsDevelopment();
            })
            .AddHubOptions(options => options.MaximumReceiveMessageSize = LongestFieldMessageBytes);
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<StaffVoice.Web.Components.Layout.ThemeStylesheet>();
        builder.Services.AddScoped<StaffVoice.Web.Components.Shared.UserActions>();
        return builder;
    }

    public static WebApplication UseStaffVoicePipeline(this WebApplication app)
    {
        // One organisation, one culture: dates, numbers and the page language follow Organisation:Culture for every
        // request and every circuit (a circuit takes the culture of the request that starts it).
        var culture = app.Services.GetRequiredService<Features.Organisation.OrganisationCalendar>().Culture;
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(culture),
            SupportedCultures = [culture],
            SupportedUICultures = [culture],
            RequestCultureProviders = [],
        });
        app.UseStaffVoiceForwardedHeaders();
        app.UseStaffVoiceSecurityHeaders(app.Services.GetRequiredService<AuthenticationSettings>());
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        if (app.Configuration.GetValue("Https:Redirect", false))
        {
            app.UseHttpsRedirection();
        }
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            // Friendly pages for page loads only: re-executing a POST would run its form and antiforgery checks again.
            if (!HttpMethods.IsGet(context.Request.Method) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapStaffVoiceEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapStaffVoiceHealth();
        app.MapThemeStylesheet();
        app.MapAccountEndpoints();
        app.MapResponseEndpoints();
        app.MapListeningEndpoints();
        app.MapDashboardEndpoints();
        app.MapTrainingEndpoints();
        app.MapStaffVoiceJobs();
        // The security-headers middleware sends the whole policy, frame-ancestors included.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    /// <summary>Says where the app listens and, in demo mode, who can sign in.</summary>
    public static void LogStartupBanner(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StaffVoice");
        var auth = app.Services.GetRequiredService<AuthenticationSettings>();
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        if (auth.IsLocal)
        {
            logger.LogWarning("Demo sign-in mode (Authentication:Mode=Local): anyone can sign in as any seeded person. "
                + "Configure the AzureAd section for production.");
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            logger.LogInformation("StaffVoice is listening on {Urls} ({Provider} database)", urls, database.Provider);
            if (auth.IsLocal)
            {
                logger.LogInformation("Demo accounts (sign in at /account/signin): {Accounts}",
                    string.Join(", ", DemoData.DemoAccounts.Select(a => $"{a.Email} ({Roles.DisplayName(a.Role)})")));
            }
        });
    }
}
