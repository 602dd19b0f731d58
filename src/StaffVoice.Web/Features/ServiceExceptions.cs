namespace StaffVoice.Web.Features;

/// <summary>
/// The one base type of failures meant for people: its message is written for the person who acted and is shown to
/// them as it is. Anything else that escapes a service is a defect: logged, and shown as a general error.
/// </summary>
public abstract class UserFacingException(string message) : Exception(message);

/// <summary>Input broke a rule. <see cref="Errors"/> maps a field name to the message shown next to that field.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string> errors)
    : UserFacingException(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    public ValidationFailedException(string field, string message) : this(new Dictionary<string, string> { [field] = message })
    {
    }

    public static void ThrowIfAny(Dictionary<string, string> errors)
    {
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}

/// <summary>A change was based on an older copy than the one now stored; the message says who changed it.</summary>
public class ConcurrencyConflictException(string message) : UserFacingException(message);

/// <summary>The thing asked for does not exist (any more).</summary>
public sealed class NotFoundException(string message) : UserFacingException(message);

/// <summary>The thing exists but its state does not allow this action now.</summary>
public sealed class InvalidStateException(string message) : UserFacingException(message);
