using System.Globalization;
using System.Text.RegularExpressions;

namespace StaffVoice.Web.Features.Responses;

/// <summary>Each network's length limit, counted the way the network counts.</summary>
public static partial class ChannelRules
{
    /// <summary>X and Mastodon count every link as 23 characters, whatever its length.</summary>
    public const int ShortenedLinkLength = 23;

    public static int Limit(SocialChannel channel) => channel switch
    {
        SocialChannel.X => 280,
        SocialChannel.Bluesky => 300,
        SocialChannel.Mastodon => 500,
        SocialChannel.Instagram => 2_200,
        SocialChannel.LinkedIn => 3_000,
        _ => 63_206,
    };

    public static int Count(SocialChannel channel, string? text)
    {
        text ??= "";
        return channel switch
        {
            SocialChannel.X => CountWithShortenedLinks(text, emojiWeight: 2),
            SocialChannel.Mastodon => CountWithShortenedLinks(text, emojiWeight: 1),
            // Bluesky counts graphemes (what a reader sees as one character), links in full.
            SocialChannel.Bluesky => new StringInfo(text).LengthInTextElements,
            _ => text.Length,
        };
    }

    public static bool Fits(SocialChannel channel, string? text) => Count(channel, text) <= Limit(channel);

    private static int CountWithShortenedLinks(string text, int emojiWeight)
    {
        var links = LinkPattern().Matches(text);
        var withoutLinks = LinkPattern().Replace(text, "");
        var count = links.Count * ShortenedLinkLength;
        var elements = StringInfo.GetTextElementEnumerator(withoutLinks);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            count += char.IsSurrogate(element[0]) || element.Length > 2 ? emojiWeight : 1;
        }
        return count;
    }

    [GeneratedRegex(@"https?://[^\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}
