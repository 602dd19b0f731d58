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
