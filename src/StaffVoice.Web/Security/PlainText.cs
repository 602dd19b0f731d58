using System.Text;

namespace StaffVoice.Web.Security;

/// <summary>
/// Text people type or import is cleaned before it is stored: control characters other than newline and tab are
/// removed (a carriage return before a newline too), and so are the bidirectional embedding, override and isolate
/// characters (U+202A–U+202E, U+2066–U+2069) that can make a published post read differently from what was approved.
/// </summary>
public static class PlainText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!text.Any(IsUnwanted)) return text;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsUnwanted(c)) builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters: the text as it is when it fits, else its start and "…".</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static bool IsUnwanted(char c) =>
        (char.IsControl(c) && c is not '\n' and not '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
