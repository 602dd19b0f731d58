using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

public class DraftWorkflowTests
{
    private static readonly WorkflowActor Author = new(IsAuthor: true, IsRequestedReviewer: false, IsCommsManager: false);
    private static readonly WorkflowActor AuthorWhoManages = new(IsAuthor: true, IsRequestedReviewer: false, IsCommsManager: true);
    private static readonly WorkflowActor Reviewer = new(IsAuthor: false, IsRequestedReviewer: true, IsCommsManager: false);
    private static readonly WorkflowActor Manager = new(IsAuthor: false, IsRequestedReviewer: false, IsCommsManager: true);
    private static readonly WorkflowActor Bystander = new(IsAuthor: false, IsRequestedReviewer: false, IsCommsManager: false);

    private static readonly Dictionary<string, WorkflowActor> Actors = new()
    {
        ["author"] = Author, ["author-manager"] = AuthorWhoManages, ["reviewer"] = Reviewer, ["manager"] = Manager,
        ["bystander"] = Bystander, ["system"] = WorkflowActor.System,
    };

    /// <summary>Every legal (state, action, actor) and where it leads; everything else must be refused.</summary>
    private static readonly Dictionary<(DraftState, DraftAction, string), DraftState> Legal = new()
    {
        [(DraftState.Draft, DraftAction.Revise, "author")] = DraftState.Draft,
        [(DraftState.Draft, DraftAction.Revise, "author-manager")] = DraftState.Draft,
        [(DraftState.ChangesRequested, DraftAction.Revise, "author")] = DraftState.ChangesRequested,
        [(DraftState.ChangesRequested, DraftAction.Revise, "author-manager")] = DraftState.ChangesRequested,
        [(DraftState.Draft, DraftAction.SubmitForReview, "author")] = DraftState.InPeerReview,
        [(DraftState.Draft, DraftAction.SubmitForReview, "author-manager")] = DraftState.InPeerReview,
        [(DraftState.ChangesRequested, DraftAction.SubmitForReview, "author")] = DraftState.InPeerReview,
        [(DraftState.ChangesRequested, DraftAction.SubmitForReview, "author-manager")] = DraftState.InPeerReview,
        [(DraftState.InPeerReview, DraftAction.Endorse, "reviewer")] = DraftState.AwaitingApproval,
        [(DraftState.InPeerReview, DraftAction.RequestChanges, "reviewer")] = DraftState.ChangesRequested,
        [(DraftState.AwaitingApproval, DraftAction.RequestChanges, "manager")] = DraftState.ChangesRequested,
        [(DraftState.AwaitingApproval, DraftAction.Approve, "manager")] = DraftState.Approved,
        [(DraftState.AwaitingApproval, DraftAction.Reject, "manager")] = DraftState.Rejected,
        [(DraftState.Draft, DraftAction.Withdraw, "author")] = DraftState.Withdrawn,
        [(DraftState.Draft, DraftAction.Withdraw, "author-manager")] = DraftState.Withdrawn,
        [(DraftState.InPeerReview, DraftAction.Withdraw, "author")] = DraftState.Withdrawn,
        [(DraftState.InPeerReview, DraftAction.Withdraw, "author-manager")] = DraftState.Withdrawn,
        [(DraftState.ChangesRequested, DraftAction.Withdraw, "author")] = DraftState.Withdrawn,
        [(DraftState.ChangesRequested, DraftAction.Withdraw, "author-manager")] = DraftState.Withdrawn,
        [(DraftState.AwaitingApproval, DraftAction.Withdraw, "author")] = DraftState.Withdrawn,
        [(DraftState.AwaitingApproval, DraftAction.Withdraw, "author-manager")] = DraftState.Withdrawn,
        [(DraftState.Approved, DraftAction.Schedule, "manager")] = DraftState.Scheduled,
        [(DraftState.Approved, DraftAction.Schedule, "author-manager")] = DraftState.Scheduled,
        [(DraftState.Scheduled, DraftAction.Publish, "system")] = DraftState.Published,
        [(DraftState.Scheduled, DraftAction.Publish, "manager")] = DraftState.Published,
        [(DraftState.Scheduled, DraftAction.Publish, "author-manager")] = DraftState.Published,
    };

    public static TheoryData<DraftState, DraftAction, string> EveryCombination()
    {
        var data = new TheoryData<DraftState, DraftAction, string>();
        foreach (var state in Enum.GetValues<DraftState>())
        foreach (var action in Enum.GetValues<DraftAction>())
        foreach (var actor in Actors.Keys)
        {
            data.Add(state, action, actor);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Each_transition_is_allowed_exactly_when_the_table_says(DraftState state, DraftAction action, string actor)
    {
        if (Legal.TryGetValue((state, action, actor), out var expected))
        {
            Assert.Equal(expected, DraftWorkflow.Next(state, action, Actors[actor], endorsementsAfter: 1, requiredEndorsements: 1));
        }
        else
        {
            var error = Assert.Throws<IllegalTransitionException>(() =>
                DraftWorkflow.Next(state, action, Actors[actor], endorsementsAfter: 1, requiredEndorsements: 1));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.Equal(state, error.From);
        }
    }

    [Fact]
    public void An_endorsement_short_of_the_required_number_keeps_the_draft_in_review() =>
        Assert.Equal(DraftState.InPeerReview, DraftWorkflow.Next(DraftState.InPeerReview, DraftAction.Endorse, Reviewer, endorsementsAfter: 1, requiredEndorsements: 2));

    [Fact]
    public void The_author_can_never_approve_even_as_a_comms_manager()
    {
        var error = Assert.Throws<IllegalTransitionException>(() => DraftWorkflow.Next(DraftState.AwaitingApproval, DraftAction.Approve, AuthorWhoManages));
        Assert.Contains("Four-eyes", error.Message);
    }

    [Fact]
    public void A_reviewer_who_wrote_the_draft_cannot_endorse_it()
    {
        var error = Assert.Throws<IllegalTransitionException>(() =>
            DraftWorkflow.Next(DraftState.InPeerReview, DraftAction.Endorse, new WorkflowActor(true, true, false)));
        Assert.Contains("own draft", error.Message);
    }
}
