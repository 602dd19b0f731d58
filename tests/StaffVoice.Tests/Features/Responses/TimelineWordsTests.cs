using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>Every action the record writes for a draft, in the words of the timeline; an unknown one reads as its name.</summary>
public class TimelineWordsTests
{
    [Theory]
    [InlineData("created", "Drafted")]
    [InlineData("revised", "Revised")]
    [InlineData("review-requested", "Sent for review")]
    [InlineData("endorsed", "Endorsed")]
    [InlineData("changes-requested", "Asked for changes")]
    [InlineData("approved", "Approved")]
    [InlineData("second-approved", "Second approval given")]
    [InlineData("rejected", "Rejected")]
    [InlineData("withdrawn", "Withdrawn")]
    [InlineData("scheduled", "Scheduled")]
    [InlineData("rescheduled", "Moved to another time")]
    [InlineData("unscheduled", "Taken off the schedule")]
    [InlineData("cancelled", "Cancelled")]
    [InlineData("approval-revoked", "Approval revoked")]
    [InlineData("ready-to-post", "Ready to post by hand")]
    [InlineData("published", "Posted")]
    [InlineData("state-published", "Published on every channel")]
    [InlineData("publish-failed", "Posting failed")]
    [InlineData("retry-requested", "Sent to post again")]
    [InlineData("commented", "Commented")]
    [InlineData("saved-to-library", "Saved to the library")]
    [InlineData("image-attached", "Image added")]
    [InlineData("image-removed", "Image removed")]
    [InlineData("alt-text-changed", "Image description changed")]
    [InlineData("some-new-action", "Some new action")]
    [InlineData("x", "X")]
    public void Record_actions_read_as_plain_words(string action, string words) => Assert.Equal(words, TimelineWords.For(action));
}
