using Bunit;
using StaffVoice.Web.Features.Engagement;

namespace StaffVoice.Tests.Components;

public class NeedBlockCardTests : ComponentTestContext
{
    [Fact]
    public void A_block_shows_its_count_its_top_items_as_links_marks_late_ones_and_links_to_all_when_there_are_more()
    {
        var block = new NeedBlock("training", "Your training", 5,
        [
            new NeedItem("Fire safety basics", "/training/courses/3", "overdue since 1 Mar 2026", true),
            new NeedItem("Records management", "/training/courses/4", "due 20 Mar 2026", false),
        ], "/training");
        var cut = Render<NeedBlockCard>(p => p.Add(x => x.Block, block));

        Assert.Equal("Your training (5)", cut.Find("h3").TextContent.Trim());
        var links = cut.FindAll("li a");
        Assert.Equal(["/training/courses/3", "/training/courses/4"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("overdue since 1 Mar 2026", cut.Find("[data-late=true]").TextContent);
        Assert.Single(cut.FindAll("[data-late=true]"));
        Assert.Equal("All 5", cut.Find("a[href='/training']").TextContent.Trim());

        cut.Render(p => p.Add(x => x.Block, block with { Count = 2 }));
        Assert.Empty(cut.FindAll("a[href='/training']"));
    }
}
