using Microsoft.AspNetCore.Components;

namespace StaffVoice.Web.Components.Shared;

/// <summary>
/// MudBlazor's markup for parts of busy pages that never change on their own (links, icons, icon buttons), written as
/// plain HTML in MudBlazor's classes instead of a component each: every component stays in the server's memory for as
/// long as the tab is open (about 5 KiB each, measured by the <c>circuits</c> benchmark in docs/performance.md).
/// </summary>
public static class MudMarkup
{
    /// <summary>The classes of a <c>MudLink</c> in the primary colour, underlined on hover.</summary>
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover";

    /// <summary>The classes of a <c>MudIconButton</c> in the inherited colour (the app bar's).</summary>
    public const string IconButton = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    /// <summary>A MudBlazor icon's SVG. <paramref name="icon"/> is one of MudBlazor's <c>Icons</c> constants (trusted, static SVG content), never user text.</summary>
    public static MarkupString Svg(string icon, string? extraClass = null) => new(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium{(extraClass is null ? "" : " " + extraClass)}\" focusable=\"false\" " +
        $"viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
