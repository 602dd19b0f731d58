using Bunit;
using MudBlazor;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Responses.Pages;

namespace StaffVoice.Tests.Components.Responses;

public class DraftComponentsTests : ComponentTestContext
{
    [Fact]
    public void Counters_show_each_channel_as_the_network_counts_and_flag_the_one_over_its_limit()
    {
        var text = "Book now: https://www.northbridge.example/a/very/long/address/for/bulky/waste " + new string('x', 260);
        var cut = Render<ChannelCounters>(p => p.Add(x => x.Text, text).Add(x => x.Channels, [SocialChannel.X, SocialChannel.Mastodon]));

        var x = cut.Find("[data-channel=X]");
        Assert.Contains($"{ChannelRules.Count(SocialChannel.X, text)} / 280", x.TextContent);
        Assert.Contains("sv-counter-over", x.ClassName);
        Assert.Contains("too many", x.TextContent);
        var mastodon = cut.Find("[data-channel=Mastodon]");
        Assert.DoesNotContain("sv-counter-over", mastodon.ClassName);

        cut.Render(p => p.Add(x => x.Text, "Short reply."));
        Assert.Contains("12 / 280", cut.Find("[data-channel=X]").TextContent);
        Assert.DoesNotContain("sv-counter-over", cut.Find("[data-channel=X]").ClassName);
    }

    [Fact]
    public void Check_messages_say_what_was_found_and_whether_it_must_be_fixed()
    {
        var checks = DraftChecks.Run("Email jo@example.com. #binday", false, null, [], new DraftCheckOptions());
        var cut = Render<CheckList>(p => p.Add(x => x.Checks, checks));

        var personal = cut.Find("[data-code=personal-data]");
        Assert.StartsWith("Must fix:", personal.TextContent.Trim());
        Assert.Contains("jo@example.com", personal.TextContent);
        Assert.StartsWith("Advice:", cut.Find("[data-code=hashtag-case]").TextContent.Trim());

        cut.Render(p => p.Add(x => x.ReasonGiven, true));
        Assert.StartsWith("Kept with a reason:", cut.Find("[data-code=personal-data]").TextContent.Trim());
    }

    private static DraftView View(DraftPermissions can) => new(
        7, null, null, null, 1, "Alex Morgan", null, null, "Hello", DraftState.AwaitingApproval,
        [new ChannelCount(SocialChannel.X, 5, 280, PostStatus.Pending, null, null)], false, null, null, 1, 1, [], [], [], [], [],
        null, null, null, null, null, null, false, Guid.NewGuid(), can);

    private static readonly DraftPermissions Nothing = new(false, false, false, false, false, false, false, false, false, false, false, false);

    [Fact]
    public void Approve_and_reject_are_absent_for_people_who_may_not_decide()
    {
        Render<MudPopoverProvider>();
        var cut = Render<DraftActions>(p => p.Add(x => x.Draft, View(Nothing with { Review = true })));
        Assert.Empty(cut.FindAll("[data-testid=approval-panel]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Approve" or "Reject");
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Endorse");
    }

    [Fact]
    public void A_comms_manager_who_may_decide_gets_approve_and_clicking_it_asks_for_approval()
    {
        Render<MudPopoverProvider>();
        var commands = new List<DraftCommand>();
        var cut = Render<DraftActions>(p => p.Add(x => x.Draft, View(Nothing with { Decide = true })).Add(x => x.OnCommand, c => commands.Add(c)));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Approve").Click();
        cut.WaitForAssertion(() => Assert.Equal(DraftCommandKind.Approve, Assert.Single(commands).Kind));
        Assert.Equal("Hello", commands[0].Text);
    }
}
