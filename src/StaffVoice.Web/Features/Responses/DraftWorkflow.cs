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
}

/// <summary>What the workflow needs to know about the person acting (or the system) on one draft.</summary>
public sealed record WorkflowActor(bool IsAuthor, bool IsRequestedReviewer, bool IsCommsManager, bool IsSystem = false)
{
    public static readonly WorkflowActor System = new(false, false, false, IsSystem: true);
}

/// <summary>A transition the workflow does not allow; the message is written for the person who tried it.</summary>
public sealed class IllegalTransitionException(DraftState from, DraftAction action, string message, bool isAboutWho = false) : StaffVoice.Web.Features.UserFacingException(message)
{
    public DraftState From { get; } = from;
    public DraftAction Action { get; } = action;

    /// <summary>True when the state allows the action but not by this person (a permission problem, not a timing one).</summary>
    public bool IsAboutWho { get; } = isAboutWho;
}

/// <summary>
/// The response workflow as a pure state machine, and the only way a draft changes state:
/// Draft → InPeerReview → AwaitingApproval → Approved → Scheduled → Published, with ChangesRequested (back to the
/// author), Rejected (with a reason) and Withdrawn (by the author before approval). No EF, no UI: the service loads
/// the facts, asks here, and saves the answer.
/// </summary>
public static class DraftWorkflow
{
    public static bool IsOpenForEditing(DraftState state) => state is DraftState.Draft or DraftState.ChangesRequested;

    public static bool IsFinished(DraftState state) => state is DraftState.Published or DraftState.Rejected or DraftState.Withdrawn;

    /// <summary>
    /// The state after <paramref name="action"/>, or an <see cref="IllegalTransitionException"/>. For
    /// <see cref="DraftAction.Endorse"/>, <paramref name="endorsementsAfter"/> and <paramref name="requiredEndorsements"/>
    /// decide whether the draft moves on to approval.
    /// </summary>
    public static DraftState Next(DraftState state, DraftAction action, WorkflowActor actor,
        int endorsementsAfter = 0, int requiredEndorsements = 1)
    {
        return (state, action) switch
        {
            (DraftState.Draft or DraftState.ChangesRequested, DraftAction.Revise)
                => RequireAuthor(actor, state, action, "Only the author can revise a draft.", state),
            (DraftState.Draft or DraftState.ChangesRequested, DraftAction.SubmitForReview)
                => RequireAuthor(actor, state, action, "Only the author can send a draft for review.", DraftState.InPeerReview),

            (DraftState.InPeerReview, DraftAction.Endorse) when actor.IsAuthor
                => throw new IllegalTransitionException(state, action, "Authors cannot endorse their own draft.", isAboutWho: true),
            (DraftState.InPeerReview, DraftAction.Endorse) when !actor.IsRequestedReviewer
                => throw new IllegalTransitionException(state, action, "Only the colleagues asked to review this draft can endorse it.", isAboutWho: true),
            (DraftState.InPeerReview, DraftAction.Endorse)
                => endorsementsAfter >= Math.Max(1, requiredEndorsements) ? DraftState.AwaitingApproval : DraftState.InPeerReview,

            (DraftState.InPeerReview, DraftAction.RequestChanges) when actor.IsRequestedReviewer && !actor.IsAuthor
                => DraftState.ChangesRequested,
            (DraftState.AwaitingApproval, DraftAction.RequestChanges) when actor.IsCommsManager && !actor.IsAuthor
                => DraftState.ChangesRequested,

            (DraftState.AwaitingApproval, DraftAction.Approve or DraftAction.Reject) when !actor.IsCommsManager
                => throw new IllegalTransitionException(state, action, "Only a comms manager can approve or reject a draft.", isAboutWho: true),
            (DraftState.AwaitingApproval, DraftAction.Approve or DraftAction.Reject) when actor.IsAuthor
                => throw new IllegalTransitionException(state, action,
                    "Four-eyes rule: the author of a draft can never approve or reject it, even as a comms manager.", isAboutWho: true),
            (DraftState.AwaitingApproval, DraftAction.Approve) => DraftState.Approved,
            (DraftState.AwaitingApproval, DraftAction.Reject) => DraftState.Rejected,

            (DraftState.Draft or DraftState.InPeerReview or DraftState.ChangesRequested or DraftState.AwaitingApproval, DraftAction.Withdraw)
                => RequireAuthor(actor, state, action, "Only the author can withdraw a draft.", DraftState.Withdrawn),

            (DraftState.Approved, DraftAction.Schedule) when actor.IsCommsManager => DraftState.Scheduled,
            (DraftState.Approved, DraftAction.Schedule)
                => throw new IllegalTransitionException(state, action, "Only a comms manager can schedule a post.", isAboutWho: true),

            (DraftState.Scheduled, DraftAction.Publish) when actor.IsSystem || actor.IsCommsManager => DraftState.Published,

            _ => throw new IllegalTransitionException(state, action, Explain(state, action)),
        };
    }

    private static DraftState RequireAuthor(WorkflowActor actor, DraftState state, DraftAction action, string message, DraftState next) =>
        actor.IsAuthor ? next : throw new IllegalTransitionException(state, action, message, isAboutWho: true);

    private static string Explain(DraftState state, DraftAction action) => state switch
    {
        DraftState.Published => "This post is already published; its record cannot change.",
        DraftState.Rejected => "This draft was rejected. Start a new draft instead.",
        DraftState.Withdrawn => "This draft was withdrawn. Start a new draft instead.",
        DraftState.Approved or DraftState.Scheduled when action == DraftAction.Withdraw
            => "An approved draft can no longer be withdrawn; ask a comms manager.",
        _ => $"A draft that is {Describe(state)} cannot be {Describe(action)}.",
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
        _ => "published",
    };
}
