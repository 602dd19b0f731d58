using Bunit;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.Knowledge.Pages;

namespace StaffVoice.Tests.Components.Knowledge;

public class AnswerListTests : ComponentTestContext
{
    private static QuestionView Question(bool canAccept, int? acceptedId = null) => new(
        1, "Where do I report a pothole?", "<p>Asked at the counter.</p>", 3, "Roads and potholes", 10, "Asker", [],
        DateTime.UtcNow, acceptedId, null,
        [
            new AnswerView(100, "Ravi Patel", 20, "<p>Online, with a photo.</p>", 2, acceptedId == 100, false, DateTime.UtcNow),
            new AnswerView(101, "Kwame Mensah", 21, "<p>By phone.</p>", 0, acceptedId == 101, false, DateTime.UtcNow),
        ],
        canAccept);

    [Fact]
    public void People_who_may_accept_see_an_accept_button_on_each_answer_not_yet_accepted()
    {
        var accepted = new List<int>();
        var cut = Render<AnswerList>(p => p
            .Add(x => x.Question, Question(canAccept: true, acceptedId: 101))
            .Add(x => x.ActorId, 10)
            .Add(x => x.OnAccept, id => accepted.Add(id)));

        var buttons = cut.FindAll("[data-testid=accept-answer]");
        Assert.Single(buttons);
        Assert.Contains("Ravi Patel", buttons[0].GetAttribute("aria-label"));
        buttons[0].Click();
        cut.WaitForAssertion(() => Assert.Equal([100], accepted));
    }

    [Fact]
    public void People_who_may_not_accept_see_no_accept_button()
    {
        var cut = Render<AnswerList>(p => p.Add(x => x.Question, Question(canAccept: false)).Add(x => x.ActorId, 99));
        Assert.Empty(cut.FindAll("[data-testid=accept-answer]"));
        Assert.Equal(2, cut.FindAll("[data-testid=answer]").Count);
    }

    [Fact]
    public void An_author_cannot_vote_for_their_own_answer()
    {
        var cut = Render<AnswerList>(p => p.Add(x => x.Question, Question(canAccept: false)).Add(x => x.ActorId, 20));
        var own = cut.Find("button[aria-label='Vote for the answer by Ravi Patel']");
        var other = cut.Find("button[aria-label='Vote for the answer by Kwame Mensah']");
        Assert.True(own.HasAttribute("disabled"));
        Assert.False(other.HasAttribute("disabled"));
    }
}
