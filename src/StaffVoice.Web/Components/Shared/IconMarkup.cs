using Microsoft.AspNetCore.Components;

namespace StaffVoice.Web.Components.Shared;

/// <summary>
/// MudBlazor's icon markup for always-visible parts of the shell and the home page, without a component per icon:
/// every component stays in the server's memory for as long as the tab is open (about 5 KiB each, measured by the
/// <c>circuits</c> benchmark), and these icons never change on their own. <paramref name="icon"/> is one of MudBlazor's
/// <c>Icons</c> constants (trusted, static SVG content), never user text.
/// </summary>
public static class IconMarkup
{
    public static MarkupString Svg(string icon, string? extraClass = null) => new(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium{(extraClass is null ? "" : " " + extraClass)}\" focusable=\"false\" " +
        $"viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
