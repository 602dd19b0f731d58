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
        [(DraftState.Scheduled, DraftAction.Unschedule, "manager")] = DraftState.Approved,
        [(DraftState.Scheduled, DraftAction.Unschedule, "author-manager")] = DraftState.Approved,
        [(DraftState.Approved, DraftAction.SaveToLibrary, "manager")] = DraftState.Approved,
        [(DraftState.Approved, DraftAction.SaveToLibrary, "author-manager")] = DraftState.Approved,
        [(DraftState.Scheduled, DraftAction.SaveToLibrary, "manager")] = DraftState.Scheduled,
        [(DraftState.Scheduled, DraftAction.SaveToLibrary, "author-manager")] = DraftState.Scheduled,
        [(DraftState.Published, DraftAction.SaveToLibrary, "manager")] = DraftState.Published,
        [(DraftState.Published, DraftAction.SaveToLibrary, "author-manager")] = DraftState.Published,
        [(DraftState.Scheduled, DraftAction.Reschedule, "manager")] = DraftState.Scheduled,
        [(DraftState.Scheduled, DraftAction.Reschedule, "author-manager")] = DraftState.Scheduled,
        [(DraftState.Approved, DraftAction.Cancel, "manager")] = DraftState.Withdrawn,
        [(DraftState.Approved, DraftAction.Cancel, "author-manager")] = DraftState.Withdrawn,
        [(DraftState.Scheduled, DraftAction.Cancel, "manager")] = DraftState.Withdrawn,
        [(DraftState.Scheduled, DraftAction.Cancel, "author-manager")] = DraftState.Withdrawn,
        [(DraftState.Approved, DraftAction.RevokeApproval, "manager")] = DraftState.AwaitingApproval,
        [(DraftState.Approved, DraftAction.RevokeApproval, "author-manager")] = DraftState.AwaitingApproval,
        [(DraftState.Scheduled, DraftAction.RevokeApproval, "manager")] = DraftState.AwaitingApproval,
        [(DraftState.Scheduled, DraftAction.RevokeApproval, "author-manager")] = DraftState.AwaitingApproval,
        [(DraftState.Withdrawn, DraftAction.CopyToNew, "author")] = DraftState.Withdrawn,
        [(DraftState.Withdrawn, DraftAction.CopyToNew, "author-manager")] = DraftState.Withdrawn,
        [(DraftState.Withdrawn, DraftAction.CopyToNew, "manager")] = DraftState.Withdrawn,
        [(DraftState.Rejected, DraftAction.CopyToNew, "author")] = DraftState.Rejected,
        [(DraftState.Rejected, DraftAction.CopyToNew, "author-manager")] = DraftState.Rejected,
        [(DraftState.Rejected, DraftAction.CopyToNew, "manager")] = DraftState.Rejected,
    };

    static DraftWorkflowTests()
    {
        // Anyone may comment on a draft that is still open (people only); closed drafts keep their thread as it was.
        foreach (var state in Enum.GetValues<DraftState>().Where(s => !DraftWorkflow.IsFinished(s)))
        foreach (var actor in Actors.Keys.Where(a => a != "system"))
        {
            Legal[(state, DraftAction.Comment, actor)] = state;
        }
    }

    /// <summary>Which refusals are about who acts (a permission problem) rather than when.</summary>
    public static TheoryData<DraftState, DraftAction, string, bool> Refusals() => new()
    {
        { DraftState.Draft, DraftAction.Revise, "reviewer", true },
        { DraftState.Draft, DraftAction.SubmitForReview, "manager", true },
        { DraftState.InPeerReview, DraftAction.Revise, "author", false },
        { DraftState.InPeerReview, DraftAction.Endorse, "author", true },
        { DraftState.InPeerReview, DraftAction.Endorse, "bystander", true },
        { DraftState.InPeerReview, DraftAction.RequestChanges, "author", true },
        { DraftState.InPeerReview, DraftAction.RequestChanges, "manager", true },
        { DraftState.AwaitingApproval, DraftAction.Approve, "reviewer", true },
        { DraftState.AwaitingApproval, DraftAction.Approve, "author-manager", true },
        { DraftState.AwaitingApproval, DraftAction.RequestChanges, "reviewer", true },
        { DraftState.AwaitingApproval, DraftAction.Withdraw, "manager", true },
        { DraftState.Approved, DraftAction.Withdraw, "author", false },
        { DraftState.Approved, DraftAction.Schedule, "author", true },
        { DraftState.Approved, DraftAction.Approve, "manager", false },
        { DraftState.Scheduled, DraftAction.Publish, "author", true },
        { DraftState.Scheduled, DraftAction.Unschedule, "author", true },
        { DraftState.Approved, DraftAction.Unschedule, "manager", false },
        { DraftState.Published, DraftAction.Comment, "author", false },
        { DraftState.Draft, DraftAction.Comment, "system", true },
        { DraftState.Approved, DraftAction.SaveToLibrary, "reviewer", true },
        { DraftState.Draft, DraftAction.SaveToLibrary, "manager", false },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refusal_says_whether_it_is_about_who_acts(DraftState state, DraftAction action, string actor, bool aboutWho)
    {
        var refusal = DraftWorkflow.Refusal(new DraftSituation(state), action, Actors[actor]);
        Assert.NotNull(refusal);
        Assert.Equal(aboutWho, refusal.IsAboutWho);
        Assert.Equal(action, refusal.Action);
        Assert.False(DraftWorkflow.Can(state, action, Actors[actor]));
    }

    private static readonly WorkflowActor FirstApprover = Manager with { IsFirstApprover = true };

    /// <summary>The actions that depend on more than the state: (situation, action, actor) → allowed.</summary>
    public static TheoryData<string, DraftAction, string, bool> Situations() => new()
    {
        { "approved, needs second", DraftAction.SecondApprove, "manager", true },
        { "scheduled, needs second", DraftAction.SecondApprove, "manager", true },
        { "approved, needs second", DraftAction.SecondApprove, "first-approver", false },
        { "approved, needs second", DraftAction.SecondApprove, "author-manager", false },
        { "approved, needs second", DraftAction.SecondApprove, "reviewer", false },
        { "approved", DraftAction.SecondApprove, "manager", false },
        { "approved, second given", DraftAction.SecondApprove, "manager", false },
        { "awaiting, needs second", DraftAction.SecondApprove, "manager", false },
        { "scheduled, ready by hand", DraftAction.MarkPosted, "manager", true },
        { "scheduled, ready by hand", DraftAction.MarkPosted, "author", false },
        { "scheduled", DraftAction.MarkPosted, "manager", false },
        { "scheduled, failed", DraftAction.MarkPosted, "manager", true },
        { "scheduled, failed", DraftAction.Retry, "manager", true },
        { "scheduled, failed", DraftAction.Retry, "reviewer", false },
        { "scheduled, ready by hand", DraftAction.Retry, "manager", false },
        { "approved, failed", DraftAction.Retry, "manager", false },
        { "scheduled", DraftAction.Unschedule, "manager", true },
        { "scheduled, failed", DraftAction.Unschedule, "manager", true },
        { "scheduled, underway", DraftAction.Unschedule, "manager", false },
        { "scheduled, underway", DraftAction.Reschedule, "manager", false },
        { "scheduled, underway", DraftAction.Cancel, "manager", false },
        { "scheduled, underway", DraftAction.RevokeApproval, "manager", false },
        { "scheduled, failed", DraftAction.Cancel, "manager", true },
    };

    private static readonly Dictionary<string, DraftSituation> Situation = new()
    {
        ["approved"] = new(DraftState.Approved),
        ["approved, needs second"] = new(DraftState.Approved, NeedsSecondApproval: true),
        ["scheduled, needs second"] = new(DraftState.Scheduled, NeedsSecondApproval: true),
        ["approved, second given"] = new(DraftState.Approved, NeedsSecondApproval: true, HasSecondApproval: true),
        ["awaiting, needs second"] = new(DraftState.AwaitingApproval, NeedsSecondApproval: true),
        ["scheduled"] = new(DraftState.Scheduled),
        ["scheduled, ready by hand"] = new(DraftState.Scheduled, HasPostsToPostByHand: true),
        ["scheduled, failed"] = new(DraftState.Scheduled, HasPostsToPostByHand: true, HasFailedPosts: true),
        ["approved, failed"] = new(DraftState.Approved, HasPostsToPostByHand: true, HasFailedPosts: true),
        ["scheduled, underway"] = new(DraftState.Scheduled, HasPostsUnderway: true),
    };

    [Theory]
    [MemberData(nameof(Situations))]
    public void Actions_that_depend_on_the_situation(string situation, DraftAction action, string actor, bool allowed)
    {
        var who = actor == "first-approver" ? FirstApprover : Actors[actor];
        Assert.Equal(allowed, DraftWorkflow.Can(Situation[situation], action, who));
        if (allowed)
        {
            var expected = action switch
            {
                DraftAction.Unschedule => DraftState.Approved,
                DraftAction.Cancel => DraftState.Withdrawn,
                _ => Situation[situation].State,
            };
            Assert.Equal(expected, DraftWorkflow.Next(Situation[situation], action, who));
        }
        else
        {
            Assert.Throws<IllegalTransitionException>(() => DraftWorkflow.Next(Situation[situation], action, who));
        }
    }

    [Fact]
    public void A_reviewer_who_has_reviewed_this_version_cannot_review_it_again()
    {
        var reviewed = Reviewer with { HasReviewed = true };
        foreach (var action in new[] { DraftAction.Endorse, DraftAction.RequestChanges })
        {
            var refusal = DraftWorkflow.Refusal(new DraftSituation(DraftState.InPeerReview), action, reviewed);
            Assert.NotNull(refusal);
            Assert.False(refusal.IsAboutWho);
            Assert.Contains("already reviewed", refusal.Message);
        }
    }

    [Fact]
    public void Endorsements_reaching_the_required_number_move_the_draft_to_approval()
    {
        Assert.Equal(DraftState.AwaitingApproval, DraftWorkflow.Next(DraftState.InPeerReview, DraftAction.Endorse, Reviewer, endorsementsAfter: 2, requiredEndorsements: 2));
        Assert.Equal(DraftState.InPeerReview, DraftWorkflow.Next(DraftState.InPeerReview, DraftAction.Endorse, Reviewer, endorsementsAfter: 0, requiredEndorsements: 0));
        Assert.Equal(DraftState.AwaitingApproval, DraftWorkflow.Next(DraftState.InPeerReview, DraftAction.Endorse, Reviewer, endorsementsAfter: 1, requiredEndorsements: 0));
    }

    [Theory]
    [InlineData(DraftState.Published, "already published")]
    [InlineData(DraftState.Rejected, "rejected")]
    [InlineData(DraftState.Withdrawn, "withdrawn")]
    public void Closed_drafts_say_why_nothing_more_can_happen(DraftState state, string expected)
    {
        var refusal = DraftWorkflow.Refusal(new DraftSituation(state), DraftAction.Revise, Author);
        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal.Message);
    }

    [Fact]
    public void An_approved_draft_cannot_be_withdrawn_by_its_author_and_says_whom_to_ask()
    {
        var refusal = DraftWorkflow.Refusal(new DraftSituation(DraftState.Approved), DraftAction.Withdraw, Author);
        Assert.Contains("ask a comms manager", refusal!.Message);
    }

    private static readonly DraftSituation Scheduled = new(DraftState.Scheduled, HasPostsToPostByHand: true, HasFailedPosts: true);
    private static readonly DraftSituation NeedsSecond = new(DraftState.Approved, NeedsSecondApproval: true);

    /// <summary>The words a person reads when the workflow refuses them, each pinned: they say what to do next.</summary>
    public static TheoryData<DraftSituation, DraftAction, string, string> RefusalMessages() => new()
    {
        { new(DraftState.Draft), DraftAction.Revise, "manager", "Only the author can revise a draft." },
        { new(DraftState.Draft), DraftAction.SubmitForReview, "reviewer", "Only the author can send a draft for review." },
        { new(DraftState.InPeerReview), DraftAction.Endorse, "author", "Authors cannot endorse their own draft." },
        { new(DraftState.InPeerReview), DraftAction.Endorse, "manager", "Only the colleagues asked to review this draft can endorse it." },
        { new(DraftState.InPeerReview), DraftAction.RequestChanges, "author", "Authors cannot review their own draft." },
        { new(DraftState.InPeerReview), DraftAction.RequestChanges, "manager", "Only the colleagues asked to review this draft can ask for changes." },
        { new(DraftState.AwaitingApproval), DraftAction.Approve, "reviewer", "Only a comms manager can approve, reject or send back a draft." },
        { new(DraftState.AwaitingApproval), DraftAction.Reject, "author-manager", "Four-eyes rule: the author of a draft can never approve or reject it, even as a comms manager." },
        { new(DraftState.Draft), DraftAction.Withdraw, "manager", "Only the author can withdraw a draft." },
        { new(DraftState.Approved), DraftAction.Schedule, "author", "Only a comms manager can schedule a post." },
        { new(DraftState.Scheduled), DraftAction.Publish, "reviewer", "Only a comms manager can publish a post." },
        { new(DraftState.AwaitingApproval), DraftAction.SecondApprove, "manager", "Only an approved draft takes a second approval." },
        { new(DraftState.Approved), DraftAction.SecondApprove, "manager", "This draft does not need a second approval." },
        { NeedsSecond with { HasSecondApproval = true }, DraftAction.SecondApprove, "manager", "This draft already has its second approval." },
        { NeedsSecond, DraftAction.SecondApprove, "reviewer", "Only a comms manager can give the second approval." },
        { NeedsSecond, DraftAction.SecondApprove, "author-manager", "Four-eyes rule: the author cannot approve their own draft." },
        { new(DraftState.Scheduled), DraftAction.MarkPosted, "manager", "That post is not waiting to be posted." },
        { Scheduled, DraftAction.MarkPosted, "author", "Only a comms manager can mark a post as published." },
        { new(DraftState.Scheduled), DraftAction.Retry, "manager", "That post has not failed." },
        { Scheduled, DraftAction.Retry, "author", "Only a comms manager can retry a post." },
        { new(DraftState.Approved), DraftAction.Unschedule, "manager", "Only a scheduled post can be taken off the schedule." },
        { Scheduled with { HasPostsUnderway = true }, DraftAction.Unschedule, "manager", "This post is already going out on at least one channel; it can no longer be taken off the schedule." },
        { Scheduled, DraftAction.Unschedule, "author", "Only a comms manager can take a post off the schedule." },
        { new(DraftState.Approved), DraftAction.Reschedule, "manager", "Only a scheduled post can be moved to another time." },
        { Scheduled with { HasPostsUnderway = true }, DraftAction.Reschedule, "manager", "This post is already going out on at least one channel; it can no longer be moved." },
        { Scheduled, DraftAction.Reschedule, "author", "Only a comms manager can move a post to another time." },
        { new(DraftState.Draft), DraftAction.Cancel, "manager", "Only an approved or scheduled post can be cancelled." },
        { new(DraftState.Draft), DraftAction.RevokeApproval, "manager", "Only an approval not yet published can be revoked." },
        { Scheduled with { HasPostsUnderway = true }, DraftAction.Cancel, "manager", "This post is already going out on at least one channel; it can no longer be stopped." },
        { new(DraftState.Approved), DraftAction.Cancel, "author", "Only a comms manager can cancel a post." },
        { new(DraftState.Approved), DraftAction.RevokeApproval, "author", "Only a comms manager can revoke an approval." },
        { new(DraftState.Draft), DraftAction.CopyToNew, "author", "Only a withdrawn or rejected draft is copied into a new one; edit this one instead." },
        { new(DraftState.Rejected), DraftAction.CopyToNew, "reviewer", "Only the author or a comms manager can start a new draft from this one." },
        { new(DraftState.Published), DraftAction.Comment, "author", "This draft is closed (published): it takes no more comments." },
        { new(DraftState.Draft), DraftAction.Comment, "system", "Only people comment on drafts." },
        { new(DraftState.AwaitingApproval), DraftAction.SaveToLibrary, "manager", "Only approved replies go into the library." },
        { new(DraftState.Approved), DraftAction.SaveToLibrary, "author", "Only a comms manager can add replies to the library." },
        { new(DraftState.Published), DraftAction.Revise, "author", "This post is already published; its record cannot change." },
        { new(DraftState.Rejected), DraftAction.Revise, "author", "This draft was rejected. Start a new draft instead." },
        { new(DraftState.Withdrawn), DraftAction.Revise, "author", "This draft was withdrawn. Start a new draft instead." },
        { new(DraftState.Approved), DraftAction.Withdraw, "author", "An approved draft can no longer be withdrawn; ask a comms manager." },
        { new(DraftState.InPeerReview), DraftAction.Revise, "author", "A draft that is in peer review cannot be revised." },
        { new(DraftState.AwaitingApproval), DraftAction.SubmitForReview, "author", "A draft that is awaiting approval cannot be sent for review." },
        { new(DraftState.ChangesRequested), DraftAction.Endorse, "reviewer", "A draft that is waiting for the author's changes cannot be endorsed." },
        { new(DraftState.Draft), DraftAction.Approve, "manager", "A draft that is a draft cannot be approved." },
        { new(DraftState.Scheduled), DraftAction.Reject, "manager", "A draft that is scheduled cannot be rejected." },
        { new(DraftState.Scheduled), DraftAction.Schedule, "manager", "A draft that is scheduled cannot be scheduled." },
        { new(DraftState.Approved), DraftAction.Publish, "manager", "A draft that is approved cannot be published." },
        { new(DraftState.Draft), DraftAction.RequestChanges, "manager", "A draft that is a draft cannot be sent back for changes." },
        { new(DraftState.Scheduled), DraftAction.Withdraw, "author", "An approved draft can no longer be withdrawn; ask a comms manager." },
        { new(DraftState.Approved), DraftAction.Endorse, "reviewer", "A draft that is approved cannot be endorsed." },
        { new(DraftState.Published), DraftAction.Unschedule, "manager", "Only a scheduled post can be taken off the schedule." },
    };

    [Theory]
    [MemberData(nameof(RefusalMessages))]
    public void Each_refusal_says_in_words_why(DraftSituation situation, DraftAction action, string actor, string message)
    {
        var refusal = DraftWorkflow.Refusal(situation, action, Actors[actor]);

        Assert.NotNull(refusal);
        Assert.Equal(message, refusal.Message);
        Assert.Equal((situation.State, action), (refusal.From, refusal.Action));
    }

    [Fact]
    public void The_system_is_nobody_in_particular()
    {
        Assert.Equal(new WorkflowActor(IsAuthor: false, IsRequestedReviewer: false, IsCommsManager: false, IsSystem: true), WorkflowActor.System);
    }

    [Fact]
    public void Open_for_editing_and_finished_are_exactly_the_expected_states()
    {
        Assert.Equal([DraftState.Draft, DraftState.ChangesRequested], Enum.GetValues<DraftState>().Where(DraftWorkflow.IsOpenForEditing));
        Assert.Equal([DraftState.Published, DraftState.Rejected, DraftState.Withdrawn], Enum.GetValues<DraftState>().Where(DraftWorkflow.IsFinished));
    }

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
