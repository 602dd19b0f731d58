using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

public class ResponseServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_whole_path_from_draft_to_published_leaves_an_audit_entry_for_every_step()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);

        var id = await r.ScheduledNowAsync(alex, sam, jordan);
        Assert.Equal(0, await r.Sweep.RunAsync(Ct));
        var ready = await r.Responses.GetAsync(jordan, id, Ct);
        Assert.Equal(PostStatus.ReadyToPost, ready!.Channels.Single().Status);
        await r.Responses.MarkPostedAsync(jordan, id, SocialChannel.X, "https://x.example/northbridge/status/1", Ct);

        var done = await r.Responses.GetAsync(alex, id, Ct);
        Assert.Equal(DraftState.Published, done!.State);
        var actions = (await r.Audit.ForAsync("Draft", id, Ct)).Select(a => a.Action).ToList();
        Assert.Equal(["created", "review-requested", "endorsed", "approved", "scheduled", "ready-to-post", "published", "state-published"], actions);
    }

    [Fact]
    public async Task An_employee_cannot_approve_and_an_author_cannot_approve_their_own_draft_even_as_comms_manager()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var jordan = await database.ActorAsync(Demo.Comms);
        var sam = await database.ActorAsync(Demo.Trainer);

        var byAlex = await r.AwaitingApprovalAsync(alex, sam);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.ApproveAsync(sam with { }, byAlex, null, r.VersionAsync(byAlex).Result, Ct));
        var byJordan = await r.AwaitingApprovalAsync(jordan, alex);
        var fourEyes = await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.ApproveAsync(jordan, byJordan, null, r.VersionAsync(byJordan).Result, Ct));
        Assert.Contains("Four-eyes", fourEyes.Message);

        Assert.Equal(DraftState.AwaitingApproval, (await r.Responses.GetAsync(alex, byAlex, Ct))!.State);
        Assert.Equal(DraftState.AwaitingApproval, (await r.Responses.GetAsync(alex, byJordan, Ct))!.State);
    }

    [Fact]
    public async Task Two_managers_acting_at_once_one_wins_and_the_other_is_told_who_acted_first()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var hannah = await database.ActorAsync("hannah.brooks@example.org");
        var id = await r.AwaitingApprovalAsync(alex, sam);
        var version = await r.VersionAsync(id);

        var results = await Task.WhenAll(
            Capture(() => r.Responses.ApproveAsync(jordan, id, null, version, Ct)),
            Capture(() => r.Responses.RejectAsync(hannah, id, "Not our tone.", version, Ct)));

        Assert.Single(results, e => e is null);
        var loser = Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, e => e is not null));
        Assert.Contains("acted first", loser.Message);
        var state = (await r.Responses.GetAsync(alex, id, Ct))!.State;
        Assert.Contains(state, new[] { DraftState.Approved, DraftState.Rejected });
        Assert.Equal(1, await r.AuditCountAsync(id, "approved") + await r.AuditCountAsync(id, "rejected"));
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception ex) { return ex; }
    }

    [Fact]
    public async Task A_stale_copy_is_refused_with_who_acted_first()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.AwaitingApprovalAsync(alex, sam);
        var stale = await r.VersionAsync(id);
        await r.Responses.ApproveAsync(jordan, id, null, stale, Ct);
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => r.Responses.RejectAsync(jordan, id, "late", stale, Ct));
        Assert.Contains("Jordan Reyes acted first (approved", error.Message);
    }

    [Fact]
    public async Task A_save_landing_between_the_version_check_and_the_write_is_refused_by_the_database_not_overwritten()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var setup = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await setup.AwaitingApprovalAsync(alex, sam);
        var version = await setup.VersionAsync(id);
        var r = new ResponseServices(database, factory: database.FactoryWith(new AuditStampInterceptor(TimeProvider.System), SavedInBetween.NewVersion("Drafts", id)));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => r.Responses.ApproveAsync(jordan, id, null, version, Ct));

        Assert.Equal(DraftState.AwaitingApproval, (await setup.Responses.GetAsync(alex, id, Ct))!.State);
        Assert.Equal(0, await setup.AuditCountAsync(id, "approved"));
    }

    [Fact]
    public async Task Submission_is_refused_while_a_channel_is_over_its_limit_or_a_check_blocks()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        await r.Settings.AddBannedAsync(jordan, "as per", Ct);

        var tooLong = await r.DraftAsync(alex, new string('a', 281), SocialChannel.X, SocialChannel.Facebook);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Responses.SubmitForReviewAsync(alex, tooLong, [sam.PersonId], false, null, r.VersionAsync(tooLong).Result, Ct));
        Assert.Contains("Too long for X", error.Errors["Text"]);

        var banned = await r.DraftAsync(alex, "As per our policy, we collect on Mondays.");
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Responses.SubmitForReviewAsync(alex, banned, [sam.PersonId], false, null, r.VersionAsync(banned).Result, Ct));
        Assert.True(error.Errors.ContainsKey("banned-words"));

        var personal = await r.DraftAsync(alex, "Call us on 01632 960 001 and we will sort it.");
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Responses.SubmitForReviewAsync(alex, personal, [sam.PersonId], false, null, r.VersionAsync(personal).Result, Ct));
        await r.Responses.SubmitForReviewAsync(alex, personal, [sam.PersonId], false, "That is the council's public contact centre number.",
            await r.VersionAsync(personal), Ct);
        var submitted = await r.Responses.GetAsync(sam, personal, Ct);
        Assert.Equal(DraftState.InPeerReview, submitted!.State);
        Assert.Equal("That is the council's public contact centre number.", submitted.PersonalDataReason);

        var noReviewer = await r.DraftAsync(alex);
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Responses.SubmitForReviewAsync(alex, noReviewer, [alex.PersonId], false, null, r.VersionAsync(noReviewer).Result, Ct));
        Assert.True(error.Errors.ContainsKey("Reviewers"));
        Assert.Equal(DraftState.Draft, (await r.Responses.GetAsync(alex, noReviewer, Ct))!.State);
    }

    [Fact]
    public async Task Only_requested_reviewers_endorse_and_endorsement_notifies_the_comms_managers()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.DraftAsync(alex);
        await r.Responses.SubmitForReviewAsync(alex, id, [sam.PersonId], false, null, await r.VersionAsync(id), Ct);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.EndorseAsync(jordan, id, r.VersionAsync(id).Result, Ct));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.EndorseAsync(alex, id, r.VersionAsync(id).Result, Ct));
        Assert.Contains(await r.Notifications.ListAsync(sam, ct: Ct), n => n.Kind == "review-requested");
        await r.Responses.EndorseAsync(sam, id, await r.VersionAsync(id), Ct);

        Assert.Equal(DraftState.AwaitingApproval, (await r.Responses.GetAsync(alex, id, Ct))!.State);
        Assert.Contains(await r.Notifications.ListAsync(jordan, ct: Ct), n => n.Kind == "approval-needed");
    }

    [Fact]
    public async Task An_approver_editing_the_text_records_a_revision_and_a_source_changed_later_is_flagged()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var k = new Knowledge.KnowledgeServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var article = await k.CreateArticleAsync(alex, "Missed collection returns", "We return within two working days.");
        var id = await r.Responses.CreateAsync(alex, new DraftInput("We will be back for it in two days.", [SocialChannel.X], null, [article]), null, Ct);
        await r.Responses.SubmitForReviewAsync(alex, id, [sam.PersonId], false, null, await r.VersionAsync(id), Ct);
        await r.Responses.EndorseAsync(sam, id, await r.VersionAsync(id), Ct);

        await r.Responses.ApproveAsync(jordan, id, "We will be back for it within two working days.", await r.VersionAsync(id), Ct);
        var approved = await r.Responses.GetAsync(alex, id, Ct);
        Assert.Equal("We will be back for it within two working days.", approved!.Text);
        Assert.Equal("Edited by the approver", approved.Revisions[0].Note);
        Assert.False(approved.Sources.Single().ChangedSinceApproval);

        var edit = await k.Articles.GetForEditAsync(alex, article, Ct);
        await k.Articles.UpdateAsync(sam, article, new StaffVoice.Web.Features.Knowledge.ArticleInput(edit!.Title, "We now return within three working days.",
            edit.ServiceAreaId, []), null, edit.Version, Ct);
        Assert.True((await r.Responses.GetAsync(alex, id, Ct))!.Sources.Single().ChangedSinceApproval);
    }

    [Fact]
    public async Task Two_publish_sweeps_at_once_publish_each_channel_once()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database, options: new ResponseOptions { WebhookUrl = "https://hooks.example/publish", WebhookChannels = [SocialChannel.Mastodon] });
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.Mastodon, SocialChannel.X);

        await Task.WhenAll(r.Sweep.RunAsync(Ct), r.Sweep.RunAsync(Ct), r.Sweep.RunAsync(Ct));
        await r.Sweep.RunAsync(Ct);

        Assert.Equal(1, r.Webhook.Calls);
        Assert.Equal([$"staffvoice-draft-{id}-mastodon"], r.Webhook.IdempotencyKeys);
        Assert.Equal(1, await r.AuditCountAsync(id, "published"));
        Assert.Equal(1, await r.AuditCountAsync(id, "ready-to-post"));
        var draft = await r.Responses.GetAsync(jordan, id, Ct);
        Assert.Equal(PostStatus.Published, draft!.Channels.Single(c => c.Channel == SocialChannel.Mastodon).Status);
        Assert.Equal(PostStatus.ReadyToPost, draft.Channels.Single(c => c.Channel == SocialChannel.X).Status);
        Assert.Equal(DraftState.Scheduled, draft.State);
    }

    [Fact]
    public async Task A_failed_webhook_shows_on_the_draft_and_a_retry_publishes_it()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database, options: new ResponseOptions { WebhookUrl = "https://hooks.example/publish", WebhookChannels = [SocialChannel.X] });
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);
        r.Webhook.Answer = System.Net.HttpStatusCode.BadGateway;

        await r.Sweep.RunAsync(Ct);
        var failed = await r.Responses.GetAsync(jordan, id, Ct);
        Assert.Equal(PostStatus.Failed, failed!.Channels.Single().Status);
        Assert.Contains("502", failed.Channels.Single().LastError);
        Assert.True(failed.Can.MarkPosted);

        r.Webhook.Answer = System.Net.HttpStatusCode.OK;
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.RetryAsync(alex, id, SocialChannel.X, Ct));
        await r.Responses.RetryAsync(jordan, id, SocialChannel.X, Ct);
        await r.Sweep.RunAsync(Ct);
        Assert.Equal(DraftState.Published, (await r.Responses.GetAsync(jordan, id, Ct))!.State);
    }

    [Fact]
    public async Task A_comms_manager_takes_a_scheduled_post_off_the_schedule_and_the_sweep_leaves_it_alone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.AwaitingApprovalAsync(alex, sam);
        await r.Responses.ApproveAsync(jordan, id, null, await r.VersionAsync(id), Ct);
        await r.Responses.ScheduleAsync(jordan, id, clock.GetUtcNow().UtcDateTime.AddHours(2), await r.VersionAsync(id), Ct);

        var scheduled = await r.Responses.GetAsync(jordan, id, Ct);
        Assert.True(scheduled!.Can.Unschedule);
        Assert.False((await r.Responses.GetAsync(alex, id, Ct))!.Can.Unschedule);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.UnscheduleAsync(alex, id, "Not mine to stop", scheduled.Version, Ct));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => r.Responses.UnscheduleAsync(jordan, id, "  ", scheduled.Version, Ct));
        Assert.True(noReason.Errors.ContainsKey("Reason"));
        await r.Responses.UnscheduleAsync(jordan, id, "The road reopens later than planned", scheduled.Version, Ct);

        var back = await r.Responses.GetAsync(jordan, id, Ct);
        Assert.Equal(DraftState.Approved, back!.State);
        Assert.Null(back.ScheduledFor);
        Assert.True(back.Can.Schedule);
        Assert.False(back.Can.Unschedule);
        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await r.Sweep.RunAsync(Ct));
        Assert.Equal(PostStatus.Pending, (await r.Responses.GetAsync(jordan, id, Ct))!.Channels.Single().Status);
        Assert.Equal(1, await r.AuditCountAsync(id, "unscheduled"));
        // Taken off twice (a stale page): the second is told, nothing changes.
        await Assert.ThrowsAnyAsync<UserFacingException>(() => r.Responses.UnscheduleAsync(jordan, id, "Again", back.Version, Ct));
        Assert.Contains(back.Comments, c => c.Text == "Taken off the schedule: The road reopens later than planned");
    }

    [Fact]
    public async Task A_post_that_has_gone_out_on_a_channel_cannot_be_taken_off_the_schedule()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X, SocialChannel.Facebook);
        await r.Sweep.RunAsync(Ct);
        await r.Responses.MarkPostedAsync(jordan, id, SocialChannel.X, "https://x.example/northbridge/status/9", Ct);

        var partly = await r.Responses.GetAsync(jordan, id, Ct);
        Assert.Equal(DraftState.Scheduled, partly!.State);
        Assert.False(partly.Can.Unschedule);
        Assert.True(partly.Can.MarkPosted);
        Assert.False(partly.Can.Retry);
        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => r.Responses.UnscheduleAsync(jordan, id, "Too late", partly.Version, Ct));
        Assert.Contains("already going out", refused.Message);
        Assert.Equal(DraftState.Scheduled, (await r.Responses.GetAsync(jordan, id, Ct))!.State);
    }

    [Fact]
    public async Task A_comms_manager_reschedules_revokes_and_cancels_with_reasons_and_a_stopped_draft_starts_a_new_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.AwaitingApprovalAsync(alex, sam, SocialChannel.X, SocialChannel.Facebook);
        await r.Responses.ApproveAsync(jordan, id, null, await r.VersionAsync(id), Ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await r.Responses.ScheduleAsync(jordan, id, now.AddHours(2), await r.VersionAsync(id), Ct);

        // Reschedule: a new time, still scheduled, nothing goes out at the old time.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.RescheduleAsync(alex, id, now.AddHours(5), "Mine", r.VersionAsync(id).Result, Ct));
        await Assert.ThrowsAsync<ValidationFailedException>(() => r.Responses.RescheduleAsync(jordan, id, now.AddHours(-5), "Earlier", r.VersionAsync(id).Result, Ct));
        await r.Responses.RescheduleAsync(jordan, id, now.AddHours(5), "After the council meeting", await r.VersionAsync(id), Ct);
        var moved = (await r.Responses.GetAsync(jordan, id, Ct))!;
        Assert.Equal(DraftState.Scheduled, moved.State);
        Assert.Equal(now.AddHours(5), moved.ScheduledFor);
        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await r.Sweep.RunAsync(Ct));
        Assert.All((await r.Responses.GetAsync(jordan, id, Ct))!.Channels, c => Assert.Equal(PostStatus.Pending, c.Status));

        // Revoke: back to awaiting approval, approver cleared, the author told, managers asked again.
        await r.Responses.RevokeApprovalAsync(jordan, id, "The facts changed", await r.VersionAsync(id), Ct);
        var revoked = (await r.Responses.GetAsync(jordan, id, Ct))!;
        Assert.Equal(DraftState.AwaitingApproval, revoked.State);
        Assert.Null(revoked.ApprovedBy);
        Assert.Null(revoked.ScheduledFor);
        Assert.True(revoked.Can.Decide);
        Assert.Contains((await r.Notifications.ListAsync(alex, 0, 50, Ct)), n => n.Kind == "approval-revoked" && n.Text == "The facts changed");

        // Approve again and cancel: withdrawn for good, with the reason in the thread.
        await r.Responses.ApproveAsync(jordan, id, null, await r.VersionAsync(id), Ct);
        await r.Responses.CancelAsync(jordan, id, "Superseded by the press release", await r.VersionAsync(id), Ct);
        var cancelled = (await r.Responses.GetAsync(alex, id, Ct))!;
        Assert.Equal(DraftState.Withdrawn, cancelled.State);
        Assert.Contains(cancelled.Comments, c => c.Text == "Cancelled: Superseded by the press release");
        Assert.True(cancelled.Can.CopyToNew);
        Assert.False((await r.Responses.GetAsync(sam, id, Ct))!.Can.CopyToNew);
        Assert.Equal(1, await r.AuditCountAsync(id, "rescheduled"));
        Assert.Equal(1, await r.AuditCountAsync(id, "approval-revoked"));
        Assert.Equal(1, await r.AuditCountAsync(id, "cancelled"));

        // A new draft from the stopped one: the same text and channels, open for editing by the person who asked.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.CopyToNewAsync(sam, id, Ct));
        var copy = await r.Responses.CopyToNewAsync(alex, id, Ct);
        var fresh = (await r.Responses.GetAsync(alex, copy, Ct))!;
        Assert.Equal(DraftState.Draft, fresh.State);
        Assert.Equal(cancelled.Text, fresh.Text);
        Assert.Equal([SocialChannel.X, SocialChannel.Facebook], fresh.Channels.Select(c => c.Channel).Order());
        Assert.True(fresh.Can.Edit);
    }

    [Fact]
    public async Task The_page_flags_are_what_the_workflow_allows_for_each_person()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var id = await r.AwaitingApprovalAsync(alex, sam);

        var author = (await r.Responses.GetAsync(alex, id, Ct))!.Can;
        Assert.Equal(new DraftPermissions(Edit: false, Submit: false, Review: false, Decide: false, SecondApprove: false, Withdraw: true,
            Schedule: false, MarkPosted: false, SaveToLibrary: false, Retry: false, Unschedule: false, Comment: true), author);
        var manager = (await r.Responses.GetAsync(jordan, id, Ct))!.Can;
        Assert.Equal(new DraftPermissions(Edit: false, Submit: false, Review: false, Decide: true, SecondApprove: false, Withdraw: false,
            Schedule: false, MarkPosted: false, SaveToLibrary: false, Retry: false, Unschedule: false, Comment: true), manager);
        var reviewed = (await r.Responses.GetAsync(sam, id, Ct))!.Can;
        Assert.False(reviewed.Review); // already endorsed this version

        await r.Responses.ApproveAsync(jordan, id, null, await r.VersionAsync(id), Ct);
        var approved = (await r.Responses.GetAsync(jordan, id, Ct))!.Can;
        Assert.Equal(new DraftPermissions(Edit: false, Submit: false, Review: false, Decide: false, SecondApprove: false, Withdraw: false,
            Schedule: true, MarkPosted: false, SaveToLibrary: true, Retry: false, Unschedule: false, Comment: true,
            Cancel: true, RevokeApproval: true), approved);
    }

    [Fact]
    public async Task Waiting_approvals_escalate_to_comms_managers_then_administrators_once_each_and_never_expire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var admin = await database.ActorAsync(Demo.Admin);
        var id = await r.AwaitingApprovalAsync(alex, sam);
        async Task<int> Count(StaffVoice.Web.Security.Actor who, string kind) => (await r.Notifications.ListAsync(who, 0, 100, Ct)).Count(n => n.Kind == kind);

        clock.Advance(TimeSpan.FromHours(3));
        await r.Escalation.RunAsync(Ct);
        Assert.Equal(0, await Count(jordan, "approval-overdue"));

        clock.Advance(TimeSpan.FromHours(2));
        await Task.WhenAll(r.Escalation.RunAsync(Ct), r.Escalation.RunAsync(Ct));
        Assert.Equal(1, await Count(jordan, "approval-overdue"));
        Assert.Equal(0, await Count(admin, "approval-overdue-admin"));

        clock.Advance(TimeSpan.FromHours(4));
        await r.Escalation.RunAsync(Ct);
        await r.Escalation.RunAsync(Ct);
        Assert.Equal(1, await Count(jordan, "approval-overdue"));
        Assert.Equal(1, await Count(admin, "approval-overdue-admin"));

        clock.Advance(TimeSpan.FromDays(30));
        await r.Escalation.RunAsync(Ct);
        Assert.Equal(DraftState.AwaitingApproval, (await r.Responses.GetAsync(alex, id, Ct))!.State);
    }

    [Fact]
    public async Task Many_waiting_approvals_make_one_running_summary_a_day_per_comms_manager_without_their_own_drafts()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var admin = await database.ActorAsync(Demo.Admin);
        for (var i = 0; i < 3; i++) await r.AwaitingApprovalAsync(alex, sam);
        await r.AwaitingApprovalAsync(jordan, sam); // a comms manager's own draft is not theirs to approve
        async Task<List<Web.Features.Engagement.NotificationItem>> Of(StaffVoice.Web.Security.Actor who, string kind) =>
            (await r.Notifications.ListAsync(who, 0, 100, Ct)).Where(n => n.Kind == kind).ToList();

        clock.Advance(TimeSpan.FromHours(5));
        await r.Escalation.RunAsync(Ct);
        var summary = Assert.Single(await Of(jordan, "approval-overdue"));
        Assert.Equal("3 replies have waited over 4 hours for approval", summary.Title);
        Assert.Equal("/responses/approvals", summary.Link);
        Assert.Empty(await Of(admin, "approval-overdue-admin"));

        // Later the same day: the same summary, rewritten and unread again; the administrators now get theirs.
        await r.Notifications.MarkReadAsync(jordan, summary.Id, Ct);
        await r.AwaitingApprovalAsync(alex, sam); // one more, overdue by the next run
        clock.Advance(TimeSpan.FromHours(4));
        await r.Escalation.RunAsync(Ct);
        await r.Escalation.RunAsync(Ct);
        summary = Assert.Single(await Of(jordan, "approval-overdue"));
        Assert.False(summary.IsRead);
        Assert.Equal("4 replies have waited over 4 hours for approval", summary.Title);
        Assert.Equal("Approvals lists them oldest first: approve, send back or reject each.", summary.Text);
        Assert.Equal("4 replies have waited over 8 hours with no comms manager acting", Assert.Single(await Of(admin, "approval-overdue-admin")).Title);

        // The next day a new summary: a reminder, never an expiry.
        clock.Advance(TimeSpan.FromDays(1));
        await r.Escalation.RunAsync(Ct);
        Assert.Equal(2, (await Of(jordan, "approval-overdue")).Count);
        Assert.Equal(2, (await Of(admin, "approval-overdue-admin")).Count);

        // An approved reply waits no longer, though the time it started waiting is kept: the day's summary says so.
        var oldest = (await r.Responses.ListAsync(jordan, DraftListKind.AwaitingApproval, 0, 1, Ct)).Items[0].Id;
        await r.Responses.ApproveAsync(jordan, oldest, null, await r.VersionAsync(oldest), Ct);
        await r.Escalation.RunAsync(Ct);
        Assert.Equal(["3 replies have waited over 4 hours for approval", "4 replies have waited over 4 hours for approval"],
            (await Of(jordan, "approval-overdue")).Select(n => n.Title).Order());
    }

    [Fact]
    public async Task A_comms_manager_whose_only_overdue_reply_is_their_own_gets_no_summary_and_the_hours_are_shown_to_one_decimal()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock, new ResponseOptions { EscalateToCommsManagersAfter = TimeSpan.FromMinutes(100) });
        var jordan = await database.ActorAsync(Demo.Comms);
        var hannah = await database.ActorAsync("hannah.brooks@example.org");
        await r.AwaitingApprovalAsync(jordan, await database.ActorAsync(Demo.Trainer));

        clock.Advance(TimeSpan.FromHours(2));
        await r.Escalation.RunAsync(Ct);
        Assert.DoesNotContain((await r.Notifications.ListAsync(jordan, 0, 100, Ct)), n => n.Kind == "approval-overdue");
        Assert.Equal("1 reply has waited over 1.7 hours for approval",
            Assert.Single(await r.Notifications.ListAsync(hannah, 0, 100, Ct), n => n.Kind == "approval-overdue").Title);
    }

    [Fact]
    public async Task One_waiting_approval_escalates_at_exactly_its_deadline_in_the_singular_and_not_to_inactive_people()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock, seed: true);
        var r = new ResponseServices(database, clock);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var admin = await database.ActorAsync(Demo.Admin);
        var hannah = await database.ActorAsync("hannah.brooks@example.org");
        await using (var db = database.NewContext())
        {
            await db.People.Where(p => p.Id == hannah.PersonId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false), Ct);
        }
        await r.AwaitingApprovalAsync(alex, sam);
        async Task<List<(int Recipient, string Title, string? Text, string Link)>> Sent(string kind)
        {
            await using var db = database.NewContext();
            return (await db.Notifications.Where(n => n.Kind == kind).OrderBy(n => n.Id).Select(n => new { n.RecipientId, n.Title, n.Text, n.Link }).ToListAsync(Ct))
                .Select(n => (n.RecipientId, n.Title, n.Text, n.Link)).ToList();
        }

        clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await r.Escalation.RunAsync(Ct));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await r.Escalation.RunAsync(Ct));
        Assert.Equal([(jordan.PersonId, "1 reply has waited over 4 hours for approval",
            "Approvals lists them oldest first: approve, send back or reject each.", "/responses/approvals")], await Sent("approval-overdue"));
        Assert.Empty(await Sent("approval-overdue-admin"));

        clock.Advance(TimeSpan.FromHours(4));
        await r.Escalation.RunAsync(Ct);
        Assert.Equal([(admin.PersonId, "1 reply has waited over 8 hours with no comms manager acting", "The comms managers have been told.",
            "/responses/approvals")], await Sent("approval-overdue-admin"));
    }

    [Fact]
    public async Task In_a_quiet_period_nothing_is_published_until_a_second_comms_manager_approves()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var sam = await database.ActorAsync(Demo.Trainer);
        var jordan = await database.ActorAsync(Demo.Comms);
        var hannah = await database.ActorAsync("hannah.brooks@example.org");
        var admin = await database.ActorAsync(Demo.Admin);
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            r.Settings.DeclareQuietPeriodAsync(jordan, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), "Election", Ct));
        await r.Settings.DeclareQuietPeriodAsync(admin, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), "Election", Ct);
        var id = await r.ScheduledNowAsync(alex, sam, jordan, SocialChannel.X);

        await r.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.Pending, (await r.Responses.GetAsync(jordan, id, Ct))!.Channels.Single().Status);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => r.Responses.SecondApproveAsync(jordan, id, r.VersionAsync(id).Result, Ct));

        await r.Responses.SecondApproveAsync(hannah, id, await r.VersionAsync(id), Ct);
        await r.Sweep.RunAsync(Ct);
        Assert.Equal(PostStatus.ReadyToPost, (await r.Responses.GetAsync(jordan, id, Ct))!.Channels.Single().Status);
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_changed_or_deleted_by_the_app_or_by_sql()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var id = await r.DraftAsync(alex);

        await using (var db = database.NewContext())
        {
            var entry = await db.AuditEntries.FirstAsync(a => a.EntityId == id, Ct);
            entry.ActorName = "Someone else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }
        await using (var db = database.NewContext())
        {
            var entry = await db.AuditEntries.FirstAsync(a => a.EntityId == id, Ct);
            db.AuditEntries.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }
        await using (var db = database.NewContext())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET ActorName = 'x'", Ct));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries", Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == id && a.ActorName == "Alex Morgan", Ct));
        }
    }

    [Fact]
    public async Task An_insert_over_an_existing_audit_entry_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var id = await r.DraftAsync(await database.ActorAsync(Demo.Employee));
        await using var db = database.NewContext();
        var entry = await db.AuditEntries.AsNoTracking().FirstAsync(a => a.EntityId == id && a.EntityType == "Draft", Ct);
        var sql = database.Options.Provider == StaffVoice.Web.Data.DatabaseProvider.Sqlite
            ? "INSERT OR REPLACE INTO AuditEntries (Id, At, ActorName, Action, EntityType, EntityId) VALUES ({0}, {1}, 'Forger', 'created', 'Draft', {2})"
            : "SET IDENTITY_INSERT AuditEntries ON; INSERT INTO AuditEntries (Id, At, ActorName, Action, EntityType, EntityId) VALUES ({0}, {1}, 'Forger', 'created', 'Draft', {2})";

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql, [entry.Id, entry.At, id], Ct));

        Assert.Equal("Alex Morgan", (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entry.Id, Ct)).ActorName);
    }

    [Fact]
    public async Task Only_comms_managers_and_administrators_export_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var id = await r.DraftAsync(alex, "Hello =cmd|' /C calc'!A0");
        await r.Responses.CommentAsync(alex, id, "=HYPERLINK(\"https://evil.example\")", Ct);
        var from = DateTime.UtcNow.AddDays(-1);
        var to = DateTime.UtcNow.AddDays(1);

        Assert.Throws<PermissionDeniedException>(() => r.Audit.Export(alex, from, to));
        var items = await r.Audit.Export(await database.ActorAsync(Demo.Comms), from, to).ToListAsync(Ct);
        Assert.Contains(items, i => i.Action == "created");
        using var stream = new MemoryStream();
        await StaffVoice.Web.Data.CsvFiles.WriteAsync(stream, StaffVoice.Web.Data.AuditTrail.ExportColumns,
            items.Select(StaffVoice.Web.Data.AuditTrail.ToCells).ToAsyncEnumerable(), Ct);
        var csv = System.Text.Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF');
        Assert.StartsWith("id,at_utc,actor,action", csv);
        Assert.Contains("Alex Morgan", csv);
        Assert.Contains("'=HYPERLINK", csv); // the comment is the details cell of its audit entry
        Assert.DoesNotContain(",=", csv);
        Assert.DoesNotContain("\"=", csv);
        // Times are written as ISO 8601 round-trip UTC, the same in every culture.
        var cells = StaffVoice.Web.Data.AuditTrail.ToCells(items[0]);
        Assert.Equal(items[0].At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cells[1]);
        Assert.Equal(items[0].At, DateTime.Parse(cells[1]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind));
    }

    [Fact]
    public async Task Comments_are_taken_on_open_drafts_only()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var id = await r.DraftAsync(alex);
        await r.Responses.CommentAsync(alex, id, "First thought", Ct);

        await r.Responses.WithdrawAsync(alex, id, await r.VersionAsync(id), Ct);
        var error = await Assert.ThrowsAsync<IllegalTransitionException>(() => r.Responses.CommentAsync(alex, id, "Too late", Ct));

        Assert.Contains("closed (withdrawn)", error.Message);
        var draft = await r.Responses.GetAsync(alex, id, Ct);
        Assert.False(draft!.Can.Comment);
        Assert.Equal(["First thought"], draft!.Comments.Select(c => c.Text));
    }

    [Fact]
    public async Task An_image_is_accepted_by_its_bytes_and_re_encoded_without_metadata()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var r = new ResponseServices(database);
        var alex = await database.ActorAsync(Demo.Employee);
        var id = await r.DraftAsync(alex);
        using var bitmap = new SkiaSharp.SKBitmap(4, 3);
        using var png = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        // A PNG with a text chunk appended as metadata (tEXt "Location").
        var withMetadata = png.ToArray();

        var notAnImage = System.Text.Encoding.UTF8.GetBytes("<svg onload=alert(1)></svg>");
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => r.Responses.SetImageAsync(alex, id, notAnImage, "x", r.VersionAsync(id).Result, Ct));
        Assert.Contains("Only PNG and JPEG", error.Errors["Image"]);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            r.Responses.SetImageAsync(alex, id, new byte[ResponseRules.MaxImageBytes + 1], "x", r.VersionAsync(id).Result, Ct));

        await r.Responses.SetImageAsync(alex, id, withMetadata, "A blank test image", await r.VersionAsync(id), Ct);
        var stored = await r.Responses.GetImageAsync(id, Ct);
        Assert.Equal("image/png", stored!.Value.ContentType);
        Assert.NotNull(SkiaSharp.SKBitmap.Decode(stored.Value.Bytes));
    }
}
