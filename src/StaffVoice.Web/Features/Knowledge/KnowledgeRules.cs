using System.Text.RegularExpressions;

namespace StaffVoice.Web.Features.Knowledge;

/// <summary>The validation rules for knowledge content, enforced by the services and mirrored by the forms.</summary>
public static partial class KnowledgeRules
{
    public const int TitleMin = 10;
    public const int TitleMax = 150;
    public const int BodyMax = 50_000;
    public const int TagMax = 30;
    public const int TagsMax = 5;
    public const int CommentMax = 2_000;
    public const int SummaryMax = 300;

    public static string? TitleError(string? title)
    {
        var length = title?.Trim().Length ?? 0;
        return length switch
        {
            0 => "Enter a title.",
            < TitleMin => $"The title must be at least {TitleMin} characters (it is {length}).",
            > TitleMax => $"The title must be at most {TitleMax} characters (it is {length}).",
            _ => null,
        };
    }

    public static string? BodyError(string? body, bool required = true) => (body?.Length ?? 0) switch
    {
        0 when required => "Enter the text.",
        > BodyMax => $"The text must be at most {BodyMax:N0} characters (it is {body!.Length:N0}).",
        _ => null,
    };

    /// <summary>Lower-cases and trims the tags, dropping blanks and repeats.</summary>
    public static IReadOnlyList<string> NormaliseTags(IEnumerable<string>? tags) =>
        (tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();

    public static string? TagsError(IReadOnlyList<string> tags)
    {
        if (tags.Count > TagsMax) return $"Use at most {TagsMax} tags (there are {tags.Count}).";
        var bad = tags.FirstOrDefault(t => t.Length > TagMax || !TagPattern().IsMatch(t));
        return bad is null
            ? null
            : $"The tag \"{bad}\" is not allowed: use lowercase letters, digits and hyphens, up to {TagMax} characters.";
    }

    /// <summary>Splits "a, b c" as typed in a tag field.</summary>
    public static IReadOnlyList<string> ParseTags(string? text) =>
        NormaliseTags((text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex TagPattern();
}
