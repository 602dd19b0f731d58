using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Responses;

/// <summary>Decides whether a person may send public replies for review (the training capability's right to publish).</summary>
public interface IDraftGate
{
    /// <summary>Throws when the person may not speak for the organisation online yet.</summary>
    Task EnsureMaySpeakPubliclyAsync(Actor actor, CancellationToken ct);
}
