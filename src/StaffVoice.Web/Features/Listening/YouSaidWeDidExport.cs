using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Organisation;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Listening;

/// <summary>
/// "You said, we did" for the organisation's public website: Markdown, CSV and one self-contained HTML page (inline
/// style, no script, no external resource). Every text from a person is escaped for the format it lands in.
/// </summary>
public static partial class YouSaidWeDidExport
{
    public static string Markdown(IReadOnlyList<YouSaidWeDidItem> items, string organisation, OrganisationCalendar calendar)
    {
        var md = new StringBuilder();
        md.Append("# You said, we did — ").Append(EscapeMarkdown(organisation)).Append("\n\n");
        if (items.Count == 0) md.Append("Nothing is marked done yet.\n");
        foreach (var item in items)
        {
            md.Append("## ").Append(EscapeMarkdown(item.Title)).Append("\n\n");
            md.Append('*').Append(EscapeMarkdown($"{item.ServiceArea} ({item.Department}) · done {calendar.Format(item.DoneAt, "d MMMM yyyy")} · "
                + $"{Count(item.Evidence, "thing residents told us", "things residents told us")}")).Append("*\n\n");
            md.Append("**You said:** ").Append(EscapeMarkdown(item.Problem)).Append("\n\n");
            md.Append("**We did:** ").Append(EscapeMarkdown(item.WhatWeDid)).Append("\n\n");
        }
        return md.ToString();
    }

    public static byte[] Csv(IReadOnlyList<YouSaidWeDidItem> items) =>
        CsvFiles.Write(["title", "service_area", "department", "you_said", "we_did", "evidence", "supporters", "proposed_utc", "done_utc"],
            items.Select(i => new string?[]
            {
                i.Title, i.ServiceArea, i.Department, i.Problem, i.WhatWeDid, i.Evidence.ToString(CultureInfo.InvariantCulture),
                i.Supporters.ToString(CultureInfo.InvariantCulture), i.CreatedAt.ToString("O"), i.DoneAt.ToString("O"),
            }));

    public static string Html(IReadOnlyList<YouSaidWeDidItem> items, string organisation, OrganisationCalendar calendar)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(calendar.Culture.Name)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>You said, we did — ").Append(E(organisation)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}\n")
            .Append("article{border-top:1px solid #b1b4b6;padding:1rem 0}h1{font-size:2rem}h2{font-size:1.35rem;margin:0 0 .25rem}")
            .Append(".meta{color:#505a5f;margin:0 0 .5rem}dt{font-weight:700}dd{margin:0 0 .5rem}\n</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>You said, we did</h1>\n<p>What residents told ").Append(E(organisation))
            .Append(", and what changed because of it.</p>\n");
        if (items.Count == 0) html.Append("<p>Nothing is marked done yet.</p>\n");
        foreach (var item in items)
        {
            html.Append("<article>\n<h2>").Append(E(item.Title)).Append("</h2>\n<p class=\"meta\">")
                .Append(E($"{item.ServiceArea} ({item.Department}) · done ")).Append("<time datetime=\"")
                .Append(calendar.ToLocal(item.DoneAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">").Append(E(calendar.Format(item.DoneAt, "d MMMM yyyy")))
                .Append("</time> · ").Append(E(Count(item.Evidence, "thing residents told us", "things residents told us"))).Append("</p>\n<dl>\n")
                .Append("<dt>You said</dt><dd>").Append(E(item.Problem)).Append("</dd>\n")
                .Append("<dt>We did</dt><dd>").Append(E(item.WhatWeDid)).Append("</dd>\n</dl>\n</article>\n");
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Count(int n, string one, string many) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";

    /// <summary>Backslash-escapes every character Markdown could read as markup, and flattens line breaks.</summary>
    public static string EscapeMarkdown(string text) => MarkdownSpecial().Replace(text.ReplaceLineEndings(" "), @"\$0");

    [GeneratedRegex(@"[\\`*_{}\[\]()#+\-.!|<>~]")]
    private static partial Regex MarkdownSpecial();
}

/// <summary>Downloads of "You said, we did"; any signed-in employee may take them (the content is meant to be public).</summary>
public static class ListeningEndpoints
{
    public static void MapListeningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/you-said-we-did/export.{format}", async (string format, int? area, HttpContext context, ListeningService listening,
            OrganisationCalendar calendar, IOptions<OrganisationOptions> organisation, CancellationToken ct) =>
        {
            if (Actor.FromPrincipal(context.User) is null) return Results.Challenge();
            var items = await listening.YouSaidWeDidAsync(area, ct);
            var name = organisation.Value.Name;
            return format switch
            {
                "md" => Results.File(Encoding.UTF8.GetBytes(YouSaidWeDidExport.Markdown(items, name, calendar)), "text/markdown; charset=utf-8", "you-said-we-did.md"),
                "csv" => Results.File(YouSaidWeDidExport.Csv(items), "text/csv", "you-said-we-did.csv"),
                "html" => Results.File(Encoding.UTF8.GetBytes(YouSaidWeDidExport.Html(items, name, calendar)), "text/html; charset=utf-8", "you-said-we-did.html"),
                _ => Results.NotFound(),
            };
        });
    }
}
