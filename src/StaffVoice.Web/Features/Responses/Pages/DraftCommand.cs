namespace StaffVoice.Web.Features.Responses.Pages;

public enum DraftCommandKind
{
    Submit,
    Endorse,
    RequestChanges,
    Approve,
    SecondApprove,
    Reject,
    Withdraw,
    Schedule,
    MarkPosted,
    Retry,
    Unschedule,
    Reschedule,
    Cancel,
    RevokeApproval,
    CopyToNew,
    SaveToLibrary,
    Comment,
}

/// <summary>What a person asked for on the draft page; the page hands it to <see cref="ResponseService"/>.</summary>
public sealed record DraftCommand(DraftCommandKind Kind, string? Text = null, IReadOnlyCollection<int>? ReviewerIds = null, bool WholeArea = false,
    DateTime? When = null, SocialChannel? Channel = null);
