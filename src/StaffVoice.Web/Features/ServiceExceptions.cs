namespace StaffVoice.Web.Features;

/// <summary>Input broke a rule. <see cref="Errors"/> maps a field name to the message shown next to that field.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    public static void ThrowIfAny(Dictionary<string, string> errors)
    {
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}

/// <summary>A change was based on an older copy than the one now stored; the message says who changed it.</summary>
public class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>The thing asked for does not exist (any more).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The thing exists but its state does not allow this action now.</summary>
public sealed class InvalidStateException(string message) : Exception(message);
