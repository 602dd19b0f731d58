using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Training;

/// <summary>Only people whose completion of the social-media policy course is current may send drafts for review.</summary>
public sealed class TrainingDraftGate(TrainingService training) : IDraftGate
{
    public async Task EnsureMaySpeakPubliclyAsync(Actor actor, CancellationToken ct)
    {
        var status = await training.PolicyStatusAsync(actor.PersonId, ct);
        if (status is { Current: false } s)
        {
            throw new TrainingRequiredException(
                $"Before you can send replies for review, complete the “{s.Title}” course (or renew it if it has expired).", s.CourseId);
        }
    }
}
