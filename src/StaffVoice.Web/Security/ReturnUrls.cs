namespace StaffVoice.Web.Security;

public static class ReturnUrls
{
    /// <summary>
    /// Prevents open redirects: only an app-relative path ("/x", not "//host" or "/\host") is kept; anything else
    /// becomes the home page.
    /// </summary>
    public static string MakeLocal(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl)) return "/";
        var isLocal = returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Any(char.IsControl);
        return isLocal ? EncodeNonAscii(returnUrl) : "/";
    }

    // A Location header may carry ASCII only: "/é" becomes "/%C3%A9" instead of a server error.
    private static string EncodeNonAscii(string url)
    {
        if (url.All(char.IsAscii)) return url;
        var builder = new System.Text.StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                builder.Append((char)rune.Value);
                continue;
            }
            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count]) builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
