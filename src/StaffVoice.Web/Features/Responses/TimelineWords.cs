namespace StaffVoice.Web.Features.Responses;

/// <summary>The record's action names ("state-published", "review-requested") in the words people use on the timeline.</summary>
public static class TimelineWords
{
    public static string For(string action) => action switch
    {
        "created" => "Drafted",
        "revised" => "Revised",
        "review-requested" => "Sent for review",
        "endorsed" => "Endorsed",
        "changes-requested" => "Asked for changes",
        "approved" => "Approved",
        "second-approved" => "Second approval given",
        "rejected" => "Rejected",
        "withdrawn" => "Withdrawn",
        "scheduled" => "Scheduled",
        "rescheduled" => "Moved to another time",
        "unscheduled" => "Taken off the schedule",
        "cancelled" => "Cancelled",
        "approval-revoked" => "Approval revoked",
        "ready-to-post" => "Ready to post by hand",
        "published" => "Posted",
        "state-published" => "Published on every channel",
        "publish-failed" => "Posting failed",
        "retry-requested" => "Sent to post again",
        "commented" => "Commented",
        "saved-to-library" => "Saved to the library",
        "image-attached" => "Image added",
        "image-removed" => "Image removed",
        "alt-text-changed" => "Image description changed",
        _ => char.ToUpperInvariant(action[0]) + action[1..].Replace('-', ' '),
    };
}
