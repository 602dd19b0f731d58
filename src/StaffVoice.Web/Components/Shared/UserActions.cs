using MudBlazor;
using StaffVoice.Web.Features;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Components.Shared;

/// <summary>What became of one action a person started on a page.</summary>
public sealed record ActionOutcome(bool Succeeded, string? Error = null, IReadOnlyDictionary<string, string>? FieldErrors = null,
    UserFacingException? Failure = null)
{
    public static readonly ActionOutcome Success = new(true);

    /// <summary>The message for one field (shown next to it), if validation named it.</summary>
    public string? For(string field) => FieldErrors?.GetValueOrDefault(field);
}

/// <summary>
/// The one way a page runs a service call. A failure meant for people (<see cref="UserFacingException"/>) comes back as
/// its message for the page to show where the person is looking; anything else is logged with the person and the page
/// and comes back as a general message, so no action ever ends in a frozen page.
/// </summary>
public sealed class UserActions(ISnackbar snackbar, ILogger<UserActions> logger, Microsoft.AspNetCore.Components.NavigationManager navigation,
    CurrentUser currentUser)
{
    public const string UnexpectedMessage =
        "Something went wrong on our side and nothing was changed. Try again; if it keeps happening, tell the service desk.";

    /// <summary>Runs a call that returns a value; <paramref name="result"/> gets it when the call succeeds.</summary>
    public async Task<ActionOutcome> RunAsync<T>(Func<Task<T>> call, Action<T> result, string? successMessage = null) =>
        await RunAsync(async () => result(await call()), successMessage);

    /// <summary>Shows a success message worked out from the call's result.</summary>
    public void Notify(string message) => snackbar.Add(message, Severity.Success);

    public async Task<ActionOutcome> RunAsync(Func<Task> call, string? successMessage = null)
    {
        try
        {
            await call();
            if (successMessage is not null) snackbar.Add(successMessage, Severity.Success);
            return ActionOutcome.Success;
        }
        catch (ValidationFailedException ex)
        {
            return new ActionOutcome(false, ex.Message, ex.Errors, ex);
        }
        catch (UserFacingException ex)
        {
            return new ActionOutcome(false, ex.Message, Failure: ex);
        }
        catch (OperationCanceledException)
        {
            return new ActionOutcome(false, "The action was cancelled before it finished; nothing was changed.");
        }
        catch (Exception ex)
        {
            var who = await DescribeActorAsync();
            logger.LogError(ex, "Unexpected failure for {Person} on {Page}", who, navigation.Uri);
            return new ActionOutcome(false, UnexpectedMessage);
        }
    }

    private async Task<string> DescribeActorAsync()
    {
        try
        {
            var actor = await currentUser.GetAsync();
            return $"{actor.DisplayName} (#{actor.PersonId})";
        }
        catch (Exception)
        {
            return "an unknown person";
        }
    }
}
