namespace StaffVoice.Web.Security;

/// <summary>
/// Headers on every response, pages, the sign-in page, files and errors alike. The Content-Security-Policy fits Blazor
/// Server and MudBlazor: scripts from this origin only (no inline script, no eval), inline styles allowed because
/// MudBlazor sets style attributes, the circuit's WebSocket on this origin, and no framing by other sites.
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(AuthenticationSettings settings)
    {
        // Sign-out posts a form that redirects to Entra's end-session endpoint; form-action covers that redirect.
        var formAction = settings.Entra is { } entra ? $"'self' {entra.AuthorityOrigin}" : "'self'";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'self'");
    }

    public static IApplicationBuilder UseStaffVoiceSecurityHeaders(this IApplicationBuilder app, AuthenticationSettings settings)
    {
        var csp = ContentSecurityPolicy(settings);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = csp;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "SAMEORIGIN";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] =
                    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // No Server header: Kestrel is told not to send one (UiExtensions); nothing here sets X-Powered-By.
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
