namespace StaffVoice.Web.Features.Responses;

public enum DraftState
{
    Draft,
    InPeerReview,
    ChangesRequested,
    AwaitingApproval,
    Approved,
    Scheduled,
    Published,
    Rejected,
    Withdrawn,
}

public enum DraftAction
{
    Revise,
    SubmitForReview,
    Endorse,
    RequestChanges,
    Approve,
    Reject,
    Withdraw,
    Schedule,
    Publish,

    /// <summary>A second comms manager approves (quiet period, or the approver changed the reviewed text).</summary>
    SecondApprove,

    /// <summary>A comms manager records the live link of a post made by hand.</summary>
    MarkPosted,

    /// <summary>A comms manager sends a failed post round the publisher again.</summary>
    Retry,

    /// <summary>A comms manager takes a scheduled post off the schedule (back to Approved) before any channel went out.</summary>
    Unschedule,

    Comment,
    SaveToLibrary,

    /// <summary>A comms manager moves a scheduled post to another time, before any channel went out.</summary>
    Reschedule,

    /// <summary>A comms manager stops an approved or scheduled post for good (the draft becomes Withdrawn), with a reason.</summary>
    Cancel,

    /// <summary>A comms manager takes back an approval before publication: the draft waits for approval again.</summary>
    RevokeApproval,

    /// <summary>The author or a comms manager starts a new draft from a withdrawn or rejected one.</summary>
    CopyToNew,
}

/// <summary>What the workflow needs to know about the person acting (or the system) on one draft.</summary>
/// <param name="HasReviewed">A requested reviewer who has already endorsed or asked for changes on this version.</param>
/// <param name="IsFirstApprover">The comms manager who gave the (first) approval.</param>
public sealed record WorkflowActor(bool IsAuthor, bool IsRequestedReviewer, bool IsCommsManager, bool IsSystem = false,
    bool HasReviewed = false, bool IsFirstApprover = false)
{
    public static readonly WorkflowActor System = new(false, false, false, IsSystem: true);
}

/// <summary>The facts about one draft, beyond its state, that some actions depend on.</summary>
/// <param name="NeedsSecondApproval">In a quiet period, or the approver changed the reviewed text.</param>
/// <param name="HasSecondApproval">A second comms manager has approved.</param>
/// <param name="HasPostsToPostByHand">A channel post is ready to post by hand or has failed.</param>
/// <param name="HasFailedPosts">A channel post has failed.</param>
/// <param name="HasPostsUnderway">A channel post is being sent or is already out.</param>
public sealed record DraftSituation(DraftState State, bool NeedsSecondApproval = false, bool HasSecondApproval = false,
    bool HasPostsToPostByHand = false, bool HasFailedPosts = false, bool HasPostsUnderway = false);

/// <summary>A transition the workflow does not allow; the message is written for the person who tried it.</summary>
public sealed class IllegalTransitionException(DraftState from, DraftAction action, string message, bool isAboutWho = false) : StaffVoice.Web.Features.UserFacingException(message)
{
    public DraftState From { get; } = from;
    public DraftAction Action { get; } = action;

    /// <summary>True when the state allows the action but not by this person (a permission problem, not a timing one).</summary>
    public bool IsAboutWho { get; } = isAboutWho;
}

/// <summary>
/// The response workflow as a pure state machine, and the only place its rules live:
/// Draft → InPeerReview → AwaitingApproval → Approved → Scheduled → Published, with ChangesRequested (back to the
/// author), Rejected (with a reason) and Withdrawn (by the author before approval), plus the actions that keep the
/// state (second approval, posting by hand, retry, comments, library) and taking a post off the schedule. No EF, no
/// UI: the service loads the facts, asks <see cref="Next(DraftSituation, DraftAction, WorkflowActor, int, int)"/>
/// and saves the answer; the draft page shows exactly what <see cref="Can(DraftSituation, DraftAction, WorkflowActor)"/> allows.
/// </summary>
public static class DraftWorkflow
{
    public static bool IsOpenForEditing(DraftState state) => state is DraftState.Draft or DraftState.ChangesRequested;

    public static bool IsFinished(DraftState state) => state is DraftState.Published or DraftState.Rejected or DraftState.Withdrawn;

    /// <summary>Whether <paramref name="actor"/> may take <paramref name="action"/> on a draft in <paramref name="state"/>.</summary>
    public static bool Can(DraftState state, DraftAction action, WorkflowActor actor) => Can(new DraftSituation(state), action, actor);

    /// <summary>Whether <paramref name="actor"/> may take <paramref name="action"/> now.</summary>
    public static bool Can(DraftSituation situation, DraftAction action, WorkflowActor actor) => Refusal(situation, action, actor) is null;

    /// <summary>
    /// The state after <paramref name="action"/>, or an <see cref="IllegalTransitionException"/>. For
    /// <see cref="DraftAction.Endorse"/>, <paramref name="endorsementsAfter"/> and <paramref name="requiredEndorsements"/>
    /// decide whether the draft moves on to approval.
    /// </summary>
    public static DraftState Next(DraftState state, DraftAction action, WorkflowActor actor,
        int endorsementsAfter = 0, int requiredEndorsements = 1) =>
        Next(new DraftSituation(state), action, actor, endorsementsAfter, requiredEndorsements);

    public static DraftState Next(DraftSituation situation, DraftAction action, WorkflowActor actor,
        int endorsementsAfter = 0, int requiredEndorsements = 1)
    {
        if (Refusal(situation, action, actor) is { } refusal) throw refusal;
        return action switch
        {
            DraftAction.SubmitForReview => DraftState.InPeerReview,
            DraftAction.Endorse => endorsementsAfter >= Math.Max(1, requiredEndorsements) ? DraftState.AwaitingApproval : DraftState.InPeerReview,
            DraftAction.RequestChanges => DraftState.ChangesRequested,
            DraftAction.Approve => DraftState.Approved,
            DraftAction.Reject => DraftState.Rejected,
            DraftAction.Withdraw => DraftState.Withdrawn,
            DraftAction.Schedule => DraftState.Scheduled,
            DraftAction.Publish => DraftState.Published,
            DraftAction.Unschedule => DraftState.Approved,
            DraftAction.Cancel => DraftState.Withdrawn,
            DraftAction.RevokeApproval => DraftState.AwaitingApproval,
            _ => situation.State,
        };
    }

    /// <summary>Why the action is refused, or null when it is allowed.</summary>
    public static IllegalTransitionException? Refusal(DraftSituation situation, DraftAction action, WorkflowActor actor)
    {
        var state = situation.State;
        IllegalTransitionException Who(string message) => new(state, action, message, isAboutWho: true);
        IllegalTransitionException When(string? message = null) => new(state, action, message ?? Explain(state, action));

        switch (action)
        {
            case DraftAction.Revise or DraftAction.SubmitForReview:
                if (!IsOpenForEditing(state)) return When();
                return actor.IsAuthor ? null
                    : Who(action == DraftAction.Revise ? "Only the author can revise a draft." : "Only the author can send a draft for review.");

            case DraftAction.Endorse:
                if (state != DraftState.InPeerReview) return When();
                if (actor.IsAuthor) return Who("Authors cannot endorse their own draft.");
                if (!actor.IsRequestedReviewer) return Who("Only the colleagues asked to review this draft can endorse it.");
                return actor.HasReviewed ? When("You have already reviewed this version.") : null;

            case DraftAction.RequestChanges when state == DraftState.InPeerReview:
                if (actor.IsAuthor) return Who("Authors cannot review their own draft.");
                if (!actor.IsRequestedReviewer) return Who("Only the colleagues asked to review this draft can ask for changes.");
                return actor.HasReviewed ? When("You have already reviewed this version.") : null;

            case DraftAction.RequestChanges or DraftAction.Approve or DraftAction.Reject:
                if (state != DraftState.AwaitingApproval) return When();
                if (!actor.IsCommsManager) return Who("Only a comms manager can approve, reject or send back a draft.");
                return actor.IsAuthor ? Who("Four-eyes rule: the author of a draft can never approve or reject it, even as a comms manager.") : null;

            case DraftAction.Withdraw:
                if (state is not (DraftState.Draft or DraftState.InPeerReview or DraftState.ChangesRequested or DraftState.AwaitingApproval)) return When();
                return actor.IsAuthor ? null : Who("Only the author can withdraw a draft.");

            case DraftAction.Schedule:
                if (state != DraftState.Approved) return When();
                return actor.IsCommsManager ? null : Who("Only a comms manager can schedule a post.");

            case DraftAction.Publish:
                if (state != DraftState.Scheduled) return When();
                return actor.IsSystem || actor.IsCommsManager ? null : Who("Only a comms manager can publish a post.");

            case DraftAction.SecondApprove:
                if (state is not (DraftState.Approved or DraftState.Scheduled)) return When("Only an approved draft takes a second approval.");
                if (!situation.NeedsSecondApproval) return When("This draft does not need a second approval.");
                if (situation.HasSecondApproval) return When("This draft already has its second approval.");
                if (!actor.IsCommsManager) return Who("Only a comms manager can give the second approval.");
                if (actor.IsAuthor) return Who("Four-eyes rule: the author cannot approve their own draft.");
                return actor.IsFirstApprover ? Who("The second approval must come from a different comms manager.") : null;

            case DraftAction.MarkPosted:
                if (state != DraftState.Scheduled || !situation.HasPostsToPostByHand) return When("That post is not waiting to be posted.");
                return actor.IsCommsManager ? null : Who("Only a comms manager can mark a post as published.");

            case DraftAction.Retry:
                if (state != DraftState.Scheduled || !situation.HasFailedPosts) return When("That post has not failed.");
                return actor.IsCommsManager ? null : Who("Only a comms manager can retry a post.");

            case DraftAction.Unschedule:
                if (state != DraftState.Scheduled) return When("Only a scheduled post can be taken off the schedule.");
                if (situation.HasPostsUnderway) return When("This post is already going out on at least one channel; it can no longer be taken off the schedule.");
                return actor.IsCommsManager ? null : Who("Only a comms manager can take a post off the schedule.");

            case DraftAction.Reschedule:
                if (state != DraftState.Scheduled) return When("Only a scheduled post can be moved to another time.");
                if (situation.HasPostsUnderway) return When("This post is already going out on at least one channel; it can no longer be moved.");
                return actor.IsCommsManager ? null : Who("Only a comms manager can move a post to another time.");

            case DraftAction.Cancel or DraftAction.RevokeApproval:
                if (state is not (DraftState.Approved or DraftState.Scheduled))
                {
                    return When(action == DraftAction.Cancel ? "Only an approved or scheduled post can be cancelled." : "Only an approval not yet published can be revoked.");
                }
                if (situation.HasPostsUnderway) return When("This post is already going out on at least one channel; it can no longer be stopped.");
                return actor.IsCommsManager ? null
                    : Who(action == DraftAction.Cancel ? "Only a comms manager can cancel a post." : "Only a comms manager can revoke an approval.");

            case DraftAction.CopyToNew:
                if (state is not (DraftState.Withdrawn or DraftState.Rejected)) return When("Only a withdrawn or rejected draft is copied into a new one; edit this one instead.");
                return actor.IsAuthor || actor.IsCommsManager ? null : Who("Only the author or a comms manager can start a new draft from this one.");

            case DraftAction.Comment:
                if (IsFinished(state)) return When($"This draft is closed ({Describe(state)}): it takes no more comments.");
                return actor.IsSystem ? Who("Only people comment on drafts.") : null;

            case DraftAction.SaveToLibrary:
                if (state is not (DraftState.Approved or DraftState.Scheduled or DraftState.Published)) return When("Only approved replies go into the library.");
                return actor.IsCommsManager ? null : Who("Only a comms manager can add replies to the library.");

            default:
                return When();
        }
    }

    private static string Explain(DraftState state, DraftAction action) => state switch
    {
        DraftState.Published => "This post is already published; its record cannot change.",
        DraftState.Rejected => "This draft was rejected. Start a new draft instead.",
        DraftState.Withdrawn => "This draft was withdrawn. Start a new draft instead.",
        DraftState.Approved or DraftState.Scheduled when action == DraftAction.Withdraw
            => "An approved draft can no longer be withdrawn; ask a comms manager.",
        _ => $"A draft that is {Describe(state)} cannot be {Describe(action)}.",
    };

    /// <summary>The state as a label ("In peer review"), for chips and tables.</summary>
    public static string Name(DraftState state) => state switch
    {
        DraftState.InPeerReview => "In peer review",
        DraftState.ChangesRequested => "Changes requested",
        DraftState.AwaitingApproval => "Awaiting approval",
        _ => state.ToString(),
    };

    public static string Describe(DraftState state) => state switch
    {
        DraftState.Draft => "a draft",
        DraftState.InPeerReview => "in peer review",
        DraftState.ChangesRequested => "waiting for the author's changes",
        DraftState.AwaitingApproval => "awaiting approval",
        DraftState.Approved => "approved",
        DraftState.Scheduled => "scheduled",
        DraftState.Published => "published",
        DraftState.Rejected => "rejected",
        _ => "withdrawn",
    };

    private static string Describe(DraftAction action) => action switch
    {
        DraftAction.Revise => "revised",
        DraftAction.SubmitForReview => "sent for review",
        DraftAction.Endorse => "endorsed",
        DraftAction.RequestChanges => "sent back for changes",
        DraftAction.Approve => "approved",
        DraftAction.Reject => "rejected",
        DraftAction.Withdraw => "withdrawn",
        DraftAction.Schedule => "scheduled",
        DraftAction.Publish => "published",
        _ => "changed that way",
    };
}
