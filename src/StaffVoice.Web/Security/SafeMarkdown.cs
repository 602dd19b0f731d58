using Ganss.Xss;
using Markdig;

namespace StaffVoice.Web.Security;

/// <summary>
/// Turns user Markdown into HTML that is safe to show: Markdig renders it with raw HTML disabled, then HtmlSanitizer
/// keeps only harmless tags, attributes and URL schemes. Run once when text is saved; the stored HTML is what pages show.
/// </summary>
public sealed class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .Build();

    private static readonly MarkdownPipeline PlainTextPipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    private readonly HtmlSanitizer _sanitizer;

    // An instance field, not a static: built with the sanitiser it serves (one per app), and so judged by mutation testing.
    private readonly System.Text.RegularExpressions.Regex _ownImage = new(@"^/images/[0-9]{1,9}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public SafeMarkdown()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) _sanitizer.AllowedSchemes.Add(scheme);
        // No inline styles (style injection), no classes or ids (spoofing the app's own UI, DOM clobbering).
        foreach (var attribute in new[] { "style", "class", "id", "name" }) _sanitizer.AllowedAttributes.Remove(attribute);
        _sanitizer.AllowedCssProperties.Clear();
        _sanitizer.AllowedAtRules.Clear();
        foreach (var tag in new[] { "form", "input", "button", "select", "textarea", "option", "iframe", "svg", "math", "style", "img" })
        {
            _sanitizer.AllowedTags.Remove(tag);
        }
        _sanitizer.AllowedTags.Add("input"); // task-list checkboxes only; see below
        _sanitizer.AllowedTags.Add("img");   // the app's own uploaded images only; see below
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element) return;
            if (element.LocalName == "a" && element.GetAttribute("href") is { } href
                && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                element.SetAttribute("rel", "noopener noreferrer");
            }
            if (element.LocalName == "img")
            {
                // Only an image uploaded to StaffVoice (/images/{id}) with alt text: never a tracking pixel or an outside file.
                var src = element.GetAttribute("src") ?? "";
                var alt = element.GetAttribute("alt") ?? "";
                if (!_ownImage.IsMatch(src) || string.IsNullOrWhiteSpace(alt)) element.Remove();
                else element.SetAttribute("loading", "lazy");
                return;
            }
            if (element.LocalName == "input"
                && !string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
            {
                element.Remove();
            }
            else if (element.LocalName == "input")
            {
                element.SetAttribute("disabled", "disabled");
                element.SetAttribute("aria-label", "task");
            }
        };
    }

    public string ToHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", Pipeline);
        return Sanitize(html);
    }

    /// <summary>
    /// The second line of defence on its own: what is kept of any HTML. Markdig's raw-HTML switch is the first; this one
    /// must hold by itself if that ever changes.
    /// </summary>
    internal string Sanitize(string html) => _sanitizer.Sanitize(html);

    /// <summary>The words of the text without markup, for the search index and snippets.</summary>
    public static string ToPlainText(string markdown) =>
        Markdown.ToPlainText(markdown ?? "", PlainTextPipeline).Trim();
}
