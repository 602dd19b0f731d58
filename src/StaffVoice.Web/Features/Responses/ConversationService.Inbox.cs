using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>What the person handling a conversation may correct: priority, service area and sentiment.</summary>
public sealed record ConversationTriage(ConversationPriority Priority, int? ServiceAreaId, ConversationSentiment? Sentiment);

/// <summary>
/// Owning the inbox: assignment, triage, tags and closing without a reply. Each change is one operation, version-checked
/// (two people acting on one conversation at once are told, not overwritten), audited with before and after.
/// </summary>
public sealed partial class ConversationService
{
    /// <summary>
    /// Assigns a conversation (null: back to the service area's team). Anyone may take an unassigned conversation or
    /// hand back their own; assigning someone else, or taking one from a colleague, is for comms managers. The new
    /// assignee is told unless they assigned themselves.
    /// </summary>
    public async Task AssignAsync(Actor actor, int id, int? assigneeId, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "assign conversations");
        await ChangeAsync(actor, id, expectedVersion, "assigned", async (op, c) =>
        {
            if (c.AssigneeId == assigneeId) return null;
            var selfService = (assigneeId == actor.PersonId && c.AssigneeId is null) || (assigneeId is null && c.AssigneeId == actor.PersonId);
            if (!selfService && !actor.IsIn(Roles.CommsManager))
            {
                throw new PermissionDeniedException(c.AssigneeId is null
                    ? "Only a comms manager can assign a conversation to someone else; you can take it yourself."
                    : "This conversation belongs to someone else: ask a comms manager to reassign it.");
            }
            string? name = null;
            if (assigneeId is { } personId)
            {
                name = await op.Db.People.Where(p => p.Id == personId && p.IsActive).Select(p => p.DisplayName).SingleOrDefaultAsync(ct)
                    ?? throw new ValidationFailedException("AssigneeId", "Choose an active colleague.");
            }
            var before = new { c.AssigneeId };
            c.AssigneeId = assigneeId;
            if (assigneeId is { } to && to != actor.PersonId)
            {
                op.AfterCommit(() => notifier.NotifyAsync([new NotificationRequest(to, "conversation-assigned",
                    $"{actor.DisplayName} assigned you a conversation", $"/responses/conversations/{id}", Excerpt(c.Text),
                    $"conversation-assigned:{id}:{c.Version}")], CancellationToken.None));
            }
            return (before, new { c.AssigneeId }, name is null ? "unassigned" : $"assigned to {name}");
        }, ct);
    }

    /// <summary>Corrects priority and service area (the response target follows the priority) and records sentiment.</summary>
    public async Task TriageAsync(Actor actor, int id, ConversationTriage triage, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "change a conversation");
        var errors = new Dictionary<string, string>();
        if (!Enum.IsDefined(triage.Priority)) errors["Priority"] = "Choose a priority.";
        if (triage.Sentiment is { } sentiment && !Enum.IsDefined(sentiment)) errors["Sentiment"] = "Choose negative, neutral or positive.";
        ValidationFailedException.ThrowIfAny(errors);
        await ChangeAsync(actor, id, expectedVersion, "triaged", async (op, c) =>
        {
            if (triage.ServiceAreaId is { } area && area != c.ServiceAreaId && !await op.Db.ServiceAreas.AnyAsync(a => a.Id == area, ct))
            {
                throw new ValidationFailedException("ServiceAreaId", "Choose a service area.");
            }
            if (c.Priority == triage.Priority && c.ServiceAreaId == triage.ServiceAreaId && c.Sentiment == triage.Sentiment) return null;
            var before = new { Priority = c.Priority.ToString(), c.ServiceAreaId, Sentiment = c.Sentiment?.ToString() };
            if (c.Priority != triage.Priority) c.DueAt = DueAt(c.ReceivedAt, triage.Priority, await calendar.ClosureDaysAsync(ct));
            c.Priority = triage.Priority;
            c.ServiceAreaId = triage.ServiceAreaId;
            c.Sentiment = triage.Sentiment;
            return (before, new { Priority = c.Priority.ToString(), c.ServiceAreaId, Sentiment = c.Sentiment?.ToString() }, null);
        }, ct);
    }

    /// <summary>Replaces the tags: at most ten, each normalised (lower case, letters, digits, spaces, '-' and '_').</summary>
    public async Task SetTagsAsync(Actor actor, int id, IReadOnlyCollection<string> tags, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "tag conversations");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var name = ResponseRules.NormaliseTag(tag)
                ?? throw new ValidationFailedException("Tags", $"\"{PlainText.Clean(tag)}\" is not a tag: use up to {ResponseRules.TagMax} letters, digits, spaces, '-' or '_'.");
            names.Add(name);
        }
        if (names.Count > ResponseRules.MaxTagsPerConversation)
        {
            throw new ValidationFailedException("Tags", $"At most {ResponseRules.MaxTagsPerConversation} tags on one conversation.");
        }
        await ChangeAsync(actor, id, expectedVersion, "tagged", async (op, c) =>
        {
            var current = await op.Db.ConversationTags.Where(t => t.ConversationId == id).ToListAsync(ct);
            var before = current.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            if (before.SequenceEqual(names)) return null;
            op.Db.ConversationTags.RemoveRange(current.Where(t => !names.Contains(t.Name)));
            op.Db.ConversationTags.AddRange(names.Except(before).Select(n => new ConversationTag { ConversationId = id, Name = n }));
            return (new { Tags = before }, new { Tags = names.ToList() }, null);
        }, ct);
    }

    /// <summary>Closes an open conversation without a reply; the reason is kept on the record.</summary>
    public async Task CloseAsync(Actor actor, int id, string? reason, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "close conversations");
        var why = ResponseRules.RequireReason(reason);
        await ChangeAsync(actor, id, expectedVersion, "closed", (_, c) =>
        {
            if (c.Status is not (ConversationStatus.New or ConversationStatus.Drafting))
            {
                throw new InvalidStateException($"This conversation is already {StatusWords(c.Status)}.");
            }
            var before = new { Status = c.Status.ToString() };
            c.Status = ConversationStatus.NoReplyNeeded;
            c.ClosedReason = why;
            c.ClosedAt = time.GetUtcNow().UtcDateTime;
            return Task.FromResult<(object, object, string?)?>((before, new { Status = c.Status.ToString() }, why));
        }, ct);
    }

    /// <summary>Reopens a conversation closed without a reply (a citizen wrote again, or it was closed by mistake).</summary>
    public async Task ReopenAsync(Actor actor, int id, Guid expectedVersion, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "reopen conversations");
        await ChangeAsync(actor, id, expectedVersion, "reopened", (_, c) =>
        {
            if (c.Status != ConversationStatus.NoReplyNeeded) throw new InvalidStateException("Only a conversation closed without a reply can be reopened.");
            var before = new { Status = c.Status.ToString(), c.ClosedReason };
            c.Status = c.FirstDraftAt is null ? ConversationStatus.New : ConversationStatus.Drafting;
            c.ClosedReason = null;
            c.ClosedAt = null;
            return Task.FromResult<(object, object, string?)?>((before, new { Status = c.Status.ToString() }, null));
        }, ct);
    }

    public static string StatusWords(ConversationStatus status) => status switch
    {
        ConversationStatus.New => "new",
        ConversationStatus.Drafting => "being drafted",
        ConversationStatus.Answered => "answered",
        _ => "closed without a reply",
    };

    /// <summary>
    /// One version-checked change: loads the conversation, applies <paramref name="change"/> (null: nothing changed, no
    /// audit), renews the version and audits before/after in the same transaction.
    /// </summary>
    private Task ChangeAsync(Actor actor, int id, Guid expectedVersion, string action,
        Func<Operation, Conversation, Task<(object Before, object After, string? Details)?>> change, CancellationToken ct) =>
        operations.RunAsync(async op =>
        {
            var conversation = await op.Db.Conversations.SingleOrDefaultAsync(c => c.Id == id, ct)
                ?? throw new NotFoundException("That conversation no longer exists.");
            if (conversation.Version != expectedVersion) throw Conflict();
            op.Db.Entry(conversation).Property(c => c.Version).OriginalValue = expectedVersion;
            var result = await change(op, conversation);
            // Not a pattern variable: mutation testing removes statements, and a removed return must still compile.
            if (result is null) return;
            var audit = result.Value;
            conversation.Version = Guid.NewGuid();
            try
            {
                await op.Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Conflict();
            }
            op.Audit(actor, action, "Conversation", id, audit.Before, audit.After, audit.Details);
        }, ct);

    private static ConcurrencyConflictException Conflict() =>
        new("Someone else changed this conversation a moment ago. Reload it to see their change, then try again.");

    private static string Excerpt(string text) => PlainText.Shorten(text, 140);
}
