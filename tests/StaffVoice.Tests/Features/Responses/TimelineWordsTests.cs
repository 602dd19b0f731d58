using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

public class TimelineWordsTests
{
    [Theory]
    [InlineData("created", "Drafted")]
    [InlineData("review-requested", "Sent for review")]
    [InlineData("state-published", "Published on every channel")]
    [InlineData("published", "Posted")]
    [InlineData("approval-revoked", "Approval revoked")]
    [InlineData("ready-to-post", "Ready to post by hand")]
    [InlineData("some-new-action", "Some new action")]
    public void Record_actions_read_as_plain_words(string action, string words) => Assert.Equal(words, TimelineWords.For(action));
}
