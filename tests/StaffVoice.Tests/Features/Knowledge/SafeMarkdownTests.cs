using AngleSharp.Html.Parser;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Knowledge;

public class SafeMarkdownTests
{
    // One per test, not a static: a static would be made once per test process, so mutation testing (one process for
    // many mutants) would test the sanitiser's settings of whichever mutant was active when it was made.
    private readonly SafeMarkdown Markdown = new();

    public static TheoryData<string> XssVectors => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<body onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](data:text/html,<script>alert(1)</script>)",
        "[click](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "![x](https://evil.example/track.png)",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"position:fixed;top:0\">overlay</p>",
        "<style>body{display:none}</style>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<embed src=\"https://evil.example/x.swf\">",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>script>alert(1)<</script>/script>",
        "<img \"\"\"><script>alert(1)</script>\">",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<base href=\"https://evil.example/\">",
        "<button formaction=javascript:alert(1)>x</button>",
        "<div id=\"mud-main-content\" class=\"mud-appbar\">spoof</div>",
        "<a name=\"top\" id=\"x\" class=\"mud-button\" style=\"color:red\" href=\"https://ok.example\">x</a>",
        "<select><option>1</option></select><textarea>t</textarea>",
        "<option>o</option><textarea>t</textarea><button>b</button>",
        "<input type=\"text\" value=\"x\"><input type=\"submit\"><input>",
        "<img src=\"/images/42\">",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    };

    [Theory]
    [MemberData(nameof(XssVectors))]
    public void Nothing_executable_survives(string vector)
    {
        AssertHarmless(Markdown.ToHtml(vector), ["video", "source", "details"]);
    }

    /// <summary>
    /// The same vectors given to the sanitiser as HTML, as if Markdown had let them through: the second line of defence
    /// holds on its own (no form controls, frames, styles, classes or ids; only the app's own images).
    /// </summary>
    [Theory]
    [MemberData(nameof(XssVectors))]
    public void Nothing_executable_survives_the_sanitiser_on_its_own(string vector)
    {
        AssertHarmless(Markdown.Sanitize(vector), []);
    }

    [Fact]
    public void A_checkbox_given_as_HTML_cannot_be_ticked_either()
    {
        var box = new HtmlParser().ParseDocument(Markdown.Sanitize("<input type=\"CHECKBOX\" checked>")).QuerySelector("input");
        Assert.NotNull(box);
        Assert.Equal(("disabled", "task"), (box.GetAttribute("disabled"), box.GetAttribute("aria-label")));
    }

    private static void AssertHarmless(string html, string[] alsoForbidden)
    {
        // Judge the DOM a browser would build from the stored HTML, not the text.
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        string[] forbidden = ["script", "iframe", "svg", "math", "style", "img", "form", "input", "button", "select", "textarea", "option",
            "object", "embed", "base", "meta", "link", .. alsoForbidden];
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, forbidden);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} survived");
                Assert.DoesNotContain(attribute.Name, new[] { "style", "class", "id", "name", "srcdoc", "formaction" });
                if (attribute.Name is "href" or "src")
                {
                    Assert.Matches("^(https?:|mailto:|/|#)", attribute.Value);
                }
            }
        }
    }

    [Fact]
    public void Only_the_apps_own_uploaded_images_with_alt_text_are_shown()
    {
        var own = new HtmlParser().ParseDocument(Markdown.ToHtml("Before\n\n![The bin calendar for December](/images/42)")).QuerySelector("img");
        Assert.NotNull(own);
        Assert.Equal("/images/42", own.GetAttribute("src"));
        Assert.Equal("The bin calendar for December", own.GetAttribute("alt"));
        Assert.Equal("lazy", own.GetAttribute("loading"));

        foreach (var refused in new[]
                 {
                     "![](/images/42)", "![ ](/images/42)", "![x](https://evil.example/images/42)", "![x](//evil.example/images/42)",
                     "![x](/images/42?track=1)", "![x](/images/42/../../account/signout)", "![x](/images/abc)", "![x](/responses/drafts/1/image)",
                     "![x](/images/1234567890)",
                 })
        {
            Assert.Null(new HtmlParser().ParseDocument(Markdown.ToHtml(refused)).QuerySelector("img"));
        }
    }

    [Fact]
    public void Ordinary_markdown_renders()
    {
        var html = Markdown.ToHtml("## Fees\n\n**Six** items, *maybe*:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.Contains("<h2>Fees</h2>", html);
        Assert.Contains("<strong>Six</strong>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<table>", html);
    }

    [Fact]
    public void Links_to_other_sites_get_noopener_noreferrer()
    {
        var html = Markdown.ToHtml("See [the guidance](https://www.example.gov/guidance) and [our page](/knowledge).");
        Assert.Contains("href=\"https://www.example.gov/guidance\" rel=\"noopener noreferrer\"", html);
        Assert.Contains("href=\"/knowledge\"", html);
        Assert.DoesNotContain("href=\"/knowledge\" rel=", html);
    }

    [Fact]
    public void Task_lists_strikethrough_bare_links_and_mail_links_render_and_checkboxes_cannot_be_ticked()
    {
        var document = new HtmlParser().ParseDocument(Markdown.ToHtml(
            "- [x] Renewed the notice\n- [ ] Told the front desk\n\n~~Old fee~~ see http://www.example.gov/fees or [write](mailto:fees@example.gov)"));

        var boxes = document.QuerySelectorAll("input");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, box =>
        {
            Assert.Equal("checkbox", box.GetAttribute("type"));
            Assert.Equal("disabled", box.GetAttribute("disabled"));
            Assert.Equal("task", box.GetAttribute("aria-label"));
        });
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.False(boxes[1].HasAttribute("checked"));
        Assert.Equal("Old fee", document.QuerySelector("del")?.TextContent);
        var links = document.QuerySelectorAll("a");
        Assert.Equal(["http://www.example.gov/fees", "mailto:fees@example.gov"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["noopener noreferrer", null], links.Select(a => a.GetAttribute("rel")));
    }

    [Fact]
    public void Classes_that_Markdown_itself_makes_are_removed_so_text_cannot_borrow_the_apps_styles()
    {
        var document = new HtmlParser().ParseDocument(Markdown.ToHtml("- [x] Done\n- [ ] Not yet\n\n```mud-appbar\nspoof\n```"));

        Assert.Equal(2, document.QuerySelectorAll("li").Length);
        Assert.Equal("spoof", document.QuerySelector("pre > code")?.TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("[class]"));
    }

    [Fact]
    public void A_missing_text_is_empty()
    {
        Assert.Equal("", Markdown.ToHtml(null!));
        Assert.Equal("", SafeMarkdown.ToPlainText(null!));
    }

    [Fact]
    public void Plain_text_drops_the_markup_for_the_search_index()
    {
        Assert.Equal("Fees apply: six items.", SafeMarkdown.ToPlainText("**Fees** apply: *six* items."));
        // A table's cells are words, not pipes.
        Assert.DoesNotContain("|", SafeMarkdown.ToPlainText("| Fee | Amount |\n|---|---|\n| Bin | 25 |"));
    }
}
