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
        return isLocal ? returnUrl : "/";
    }
}
