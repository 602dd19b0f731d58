using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Features.Responses.Publishers;
using StaffVoice.Web.Features.Training;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Responses;

/// <summary>The responses services on one test database, as the app wires them; the webhook's far end is a fake.</summary>
public sealed class ResponseServices
{
    public ResponseServices(TestDatabase database, TimeProvider? time = null, ResponseOptions? options = null, HttpClient? webhookClient = null,
        StaffVoiceDbFactory? factory = null)
    {
        var f = factory ?? database.Factory;
        Database = database;
        Time = time ?? TimeProvider.System;
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new ResponseOptions());
        Audit = new AuditTrail(f, Time);
        Notifications = new NotificationService(f, Time, new NotificationEvents());
        Operations = new Operations(f, new AuditTrail(f, Time), NullLogger<Operations>.Instance);
        Responses = new ResponseService(f, Operations, Options, Time, Notifications,
            new TrainingDraftGate(new TrainingService(f, Operations, new SafeMarkdown(), Time, Notifications, TestHost.Calendar(database, Time))));
        Conversations = new ConversationService(f, Operations, Options, Time, TestHost.Calendar(database, Time), Notifications);
        Settings = new ResponseSettingsService(f, Operations, Time);
        Webhook = new RecordingHandler();
        Sweep = new PublishSweep(f, Operations, new ManualPublisher(), new WebhookPublisher(webhookClient ?? new HttpClient(Webhook), Options), Options,
            Responses, Time, NullLogger<PublishSweep>.Instance);
        Escalation = new ApprovalEscalationSweep(f, Operations, Notifications, Options, Time, NullLogger<ApprovalEscalationSweep>.Instance);
    }

    public TestDatabase Database { get; }
    public TimeProvider Time { get; }
    public IOptions<ResponseOptions> Options { get; }
    public AuditTrail Audit { get; }
    public Operations Operations { get; }
    public NotificationService Notifications { get; }
    public ResponseService Responses { get; }
    public ConversationService Conversations { get; }
    public ResponseSettingsService Settings { get; }
    public RecordingHandler Webhook { get; }
    public PublishSweep Sweep { get; }
    public ApprovalEscalationSweep Escalation { get; }

    public async Task<Guid> VersionAsync(int id) => (await Responses.GetAsync(await Database.ActorAsync(Demo.Admin), id))!.Version;

    public Task<int> DraftAsync(Actor author, string text = "Thanks for telling us. The crew will come back within two working days.",
        params SocialChannel[] channels) =>
        Responses.CreateAsync(author, new DraftInput(text, channels.Length == 0 ? [SocialChannel.X] : channels, null, []), null);

    /// <summary>Takes a new draft by <paramref name="author"/> to AwaitingApproval, endorsed by <paramref name="reviewer"/>.</summary>
    public async Task<int> AwaitingApprovalAsync(Actor author, Actor reviewer, params SocialChannel[] channels)
    {
        var id = await DraftAsync(author, channels: channels);
        await Responses.SubmitForReviewAsync(author, id, [reviewer.PersonId], false, null, await VersionAsync(id));
        await Responses.EndorseAsync(reviewer, id, await VersionAsync(id));
        return id;
    }

    public async Task<int> ScheduledNowAsync(Actor author, Actor reviewer, Actor manager, params SocialChannel[] channels)
    {
        var id = await AwaitingApprovalAsync(author, reviewer, channels);
        await Responses.ApproveAsync(manager, id, null, await VersionAsync(id));
        await Responses.ScheduleAsync(manager, id, null, await VersionAsync(id));
        return id;
    }

    public async Task<int> AuditCountAsync(int draftId, string action)
    {
        await using var db = Database.NewContext();
        return await db.AuditEntries.CountAsync(a => a.EntityType == "Draft" && a.EntityId == draftId && a.Action == action);
    }

    /// <summary>The details of a draft's one audit entry with <paramref name="action"/>.</summary>
    public async Task<string?> AuditDetailsAsync(int draftId, string action)
    {
        await using var db = Database.NewContext();
        return await db.AuditEntries.Where(a => a.EntityType == "Draft" && a.EntityId == draftId && a.Action == action)
            .Select(a => a.Details).SingleAsync();
    }

    public sealed class RecordingHandler : HttpMessageHandler
    {
        private int _calls;
        public int Calls => _calls;
        public List<string> IdempotencyKeys { get; } = [];
        public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            lock (IdempotencyKeys) IdempotencyKeys.Add(request.Headers.GetValues("Idempotency-Key").Single());
            await Task.Delay(50, cancellationToken);
            return new HttpResponseMessage(Answer);
        }
    }
}
