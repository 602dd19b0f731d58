using System.Text.RegularExpressions;

namespace StaffVoice.Web.Features.Responses;

public enum CheckSeverity
{
    /// <summary>Stops submission until fixed (or, for personal data, a reason is recorded).</summary>
    Blocking,
    Advice,
}

public sealed record CheckResult(string Code, CheckSeverity Severity, string Title, string Explanation, IReadOnlyList<string> Found);

/// <summary>Settings for the checks, from configuration section <c>Responses:Checks</c>.</summary>
public sealed class DraftCheckOptions
{
    public Dictionary<string, string> PersonalDataPatterns { get; set; } = new()
    {
        ["an email address"] = @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        ["a phone number"] = @"(?<!\w)(?:\+44\s?7\d{3}|\(?0\d{3,4}\)?)[\s-]?\d{3}[\s-]?\d{3,4}(?!\w)",
        ["a National Insurance number"] = @"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
        ["a case reference"] = @"\b(?:CASE|REF|HB|CT|HSG)[-/]?\d{5,}\b",
    };

    /// <summary>Flesch reading ease target: 60 and above reads easily for most adults.</summary>
    public double ReadingEaseTarget { get; set; } = 60;
}

/// <summary>The checks a draft goes through before submission, each with a plain explanation. Pure: no database.</summary>
public static partial class DraftChecks
{
    /// <summary>The blocking checks still failing, as field → message; personal data passes only with a recorded reason.</summary>
    public static Dictionary<string, string> BlockingProblems(IEnumerable<CheckResult> checks, bool personalDataReasonRecorded) =>
        checks.Where(c => c.Severity == CheckSeverity.Blocking && !(c.Code == "personal-data" && personalDataReasonRecorded))
            .ToDictionary(c => c.Code, c => $"{c.Title}: {c.Explanation}");

    public static IReadOnlyList<CheckResult> Run(string? text, bool hasImage, string? altText, IEnumerable<string> bannedPhrases, DraftCheckOptions options)
    {
        text ??= "";
        var results = new List<CheckResult>();

        var personal = options.PersonalDataPatterns
            .SelectMany(p => Regex.Matches(text, p.Value, RegexOptions.None, TimeSpan.FromMilliseconds(200)).Select(m => $"{m.Value} ({p.Key})"))
            .Distinct().ToList();
        if (personal.Count > 0)
        {
            results.Add(new CheckResult("personal-data", CheckSeverity.Blocking, "Looks like personal data",
                "Public replies must not contain anyone's contact details or reference numbers. Remove them, or record why they must stay "
                + "(for example, the organisation's own public phone number).", personal));
        }

        var banned = bannedPhrases.Where(p => !string.IsNullOrWhiteSpace(p)
                && Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(p.Trim())}(?!\w)", RegexOptions.IgnoreCase))
            .ToList();
        if (banned.Count > 0)
        {
            results.Add(new CheckResult("banned-words", CheckSeverity.Blocking, "Words the comms team has ruled out",
                "These words or phrases are on the comms managers' list of things we never say in public. Reword them.", banned));
        }

        if (hasImage && string.IsNullOrWhiteSpace(altText))
        {
            results.Add(new CheckResult("alt-text", CheckSeverity.Blocking, "The image has no description",
                "People using screen readers hear the alt text instead of seeing the image. Describe what the image shows.", []));
        }

        var hashtags = HashtagPattern().Matches(text).Select(m => m.Value)
            .Where(tag => tag.Length > 5 && tag[1..].All(c => !char.IsUpper(c)) && tag[1..].Any(char.IsLetter)).Distinct().ToList();
        if (hashtags.Count > 0)
        {
            results.Add(new CheckResult("hashtag-case", CheckSeverity.Advice, "Hashtags in CamelCase",
                "Screen readers read #binday as one long word; #BinDay is read as two. Capitalise each word in a hashtag.", hashtags));
        }

        var clickHere = ClickHerePattern().Matches(text).Select(m => m.Value).Distinct().ToList();
        if (clickHere.Count > 0)
        {
            results.Add(new CheckResult("link-text", CheckSeverity.Advice, "Link text that says nothing",
                "\"Click here\" tells nobody where the link goes. Say what is there: \"book a collection on our website\".", clickHere));
        }

        var caps = CapsPattern().Matches(text).Select(m => m.Value.Trim()).Distinct().ToList();
        if (caps.Count > 0)
        {
            results.Add(new CheckResult("all-caps", CheckSeverity.Advice, "Words in capitals",
                "Capitals read as shouting and are harder to read; screen readers may spell them out letter by letter.", caps));
        }

        var ease = ReadingEase(text);
        if (ease is { } score && score < options.ReadingEaseTarget)
        {
            results.Add(new CheckResult("reading-ease", CheckSeverity.Advice, $"Reading ease {score:0} (target {options.ReadingEaseTarget:0})",
                "Shorter sentences and everyday words make the reply easier to read for more people.", []));
        }
        return results;
    }

    public static bool Blocks(IEnumerable<CheckResult> results, bool personalDataReasonGiven) =>
        results.Any(r => r.Severity == CheckSeverity.Blocking && !(r.Code == "personal-data" && personalDataReasonGiven));

    /// <summary>Flesch reading ease; null for text too short to judge.</summary>
    public static double? ReadingEase(string text)
    {
        var words = WordPattern().Matches(LinkPattern().Replace(text, " ")).Select(m => m.Value).ToList();
        if (words.Count < 12) return null;
        var sentences = Math.Max(1, SentencePattern().Matches(text).Count);
        var syllables = words.Sum(Syllables);
        return 206.835 - 1.015 * words.Count / sentences - 84.6 * syllables / (double)words.Count;
    }

    private static int Syllables(string word)
    {
        var w = word.ToLowerInvariant();
        var count = VowelGroupPattern().Matches(w).Count;
        if (w.EndsWith('e') && !w.EndsWith("le") && count > 1) count--;
        return Math.Max(1, count);
    }

    [GeneratedRegex(@"#\w+")] private static partial Regex HashtagPattern();
    [GeneratedRegex(@"\b(click here|click this link|here)\b(?=\s*[:\-–]?\s*https?://)|\bclick here\b", RegexOptions.IgnoreCase)] private static partial Regex ClickHerePattern();
    [GeneratedRegex(@"\b[A-Z]{4,}(?:\s+[A-Z]{2,})*\b")] private static partial Regex CapsPattern();
    [GeneratedRegex(@"[A-Za-z]+(?:'[a-z]+)?")] private static partial Regex WordPattern();
    [GeneratedRegex(@"[.!?]+(\s|$)")] private static partial Regex SentencePattern();
    [GeneratedRegex(@"[aeiouy]+")] private static partial Regex VowelGroupPattern();
    [GeneratedRegex(@"https?://\S+")] private static partial Regex LinkPattern();
}
