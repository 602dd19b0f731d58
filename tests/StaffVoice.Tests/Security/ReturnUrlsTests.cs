using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Security;

public class ReturnUrlsTests
{
    [Theory]
    [InlineData("/people", "/people")]
    [InlineData("/people/3?tab=roles", "/people/3?tab=roles")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/steal", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("people", "/")]
    [InlineData("/\r\nLocation: https://evil.example", "/")]
    [InlineData("/knowledge/caf\u00e9", "/knowledge/caf%C3%A9")]
    [InlineData("/\u00e9\ud83d\ude00", "/%C3%A9%F0%9F%98%80")]
    public void Only_app_relative_paths_are_kept(string? requested, string expected) =>
        Assert.Equal(expected, ReturnUrls.MakeLocal(requested));
}

public class PlainTextTests
{
    [Theory]
    [InlineData("\u202A", "")]
    [InlineData("\u202E", "")]
    [InlineData("\u2066", "")]
    [InlineData("\u2069", "")]
    [InlineData("a\u0000b\u001Bc\u007F", "abc")]
    [InlineData("keep\nnew\tlines", "keep\nnew\tlines")]
    [InlineData("\r\n", "\n")]
    [InlineData("\u2029\u2065\u206A\u2029", "\u2029\u2065\u206A\u2029")] // neighbours of the removed ranges stay
    [InlineData("\u2029\u202F", "\u2029\u202F")]
    [InlineData("plain", "plain")]
    public void Control_and_bidi_override_characters_go_and_nothing_else(string text, string expected) =>
        Assert.Equal(expected, StaffVoice.Web.Security.PlainText.Clean(text));

    [Fact]
    public void Nothing_becomes_an_empty_string() => Assert.Equal("", StaffVoice.Web.Security.PlainText.Clean(null));

    [Theory]
    [InlineData("Bins", 4, "Bins")]
    [InlineData("Bins!", 4, "Bin…")]
    [InlineData("", 4, "")]
    public void A_long_text_is_cut_to_its_limit_with_an_ellipsis_and_a_short_one_is_kept(string text, int max, string expected) =>
        Assert.Equal(expected, StaffVoice.Web.Security.PlainText.Shorten(text, max));
}
