using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

public class ChannelRulesTests
{
    [Fact]
    public void On_X_a_link_counts_as_23_characters_whatever_its_length()
    {
        var longLink = "https://www.northbridge.example/bins/collections/missed-collection-report-form?source=social";
        Assert.Equal(6 + 23, ChannelRules.Count(SocialChannel.X, "Book: " + longLink));
        Assert.Equal(6 + 23, ChannelRules.Count(SocialChannel.X, "Book: https://x.example"));
        Assert.Equal(6 + longLink.Length, ChannelRules.Count(SocialChannel.Facebook, "Book: " + longLink));
    }

    [Fact]
    public void X_counts_an_emoji_as_two_and_Bluesky_counts_what_a_reader_sees_as_one()
    {
        Assert.Equal(2 + 2, ChannelRules.Count(SocialChannel.X, "Hi👍"));
        Assert.Equal(3, ChannelRules.Count(SocialChannel.Bluesky, "Hi👍"));
        Assert.Equal(1, ChannelRules.Count(SocialChannel.Bluesky, "👩‍👩‍👧"));
    }

    [Fact]
    public void No_text_counts_as_nothing_on_every_network()
    {
        foreach (var channel in Enum.GetValues<SocialChannel>()) Assert.Equal(0, ChannelRules.Count(channel, null));
    }

    [Fact]
    public void A_letter_with_a_combining_accent_is_one_character_not_an_emoji()
    {
        // "é" typed as e + U+0301 is one text element of two UTF-16 units; a line break typed as CR LF is one too.
        Assert.Equal(4, ChannelRules.Count(SocialChannel.X, "Cafe\u0301"));
        Assert.Equal(4, ChannelRules.Count(SocialChannel.Mastodon, "Cafe\u0301"));
        Assert.Equal(3, ChannelRules.Count(SocialChannel.X, "a\r\nb"));
    }

    [Theory]
    [InlineData(SocialChannel.X, 280)]
    [InlineData(SocialChannel.Bluesky, 300)]
    [InlineData(SocialChannel.Mastodon, 500)]
    [InlineData(SocialChannel.Instagram, 2200)]
    [InlineData(SocialChannel.LinkedIn, 3000)]
    [InlineData(SocialChannel.Facebook, 63206)]
    public void Text_fits_up_to_the_limit_and_not_one_character_more(SocialChannel channel, int limit)
    {
        Assert.Equal(limit, ChannelRules.Limit(channel));
        Assert.True(ChannelRules.Fits(channel, new string('a', limit)));
        Assert.False(ChannelRules.Fits(channel, new string('a', limit + 1)));
    }
}

public class DraftChecksTests
{
    private static IReadOnlyList<CheckResult> Run(string text, bool hasImage = false, string? alt = null, params string[] banned) =>
        DraftChecks.Run(text, hasImage, alt, banned, new DraftCheckOptions());

    [Theory]
    [InlineData("Email me at jo.bloggs@example.com please", "jo.bloggs@example.com (an email address)")]
    [InlineData("Call 07700 900123 about it", "07700 900123 (a phone number)")]
    [InlineData("Call 01632 960 001 about it", "01632 960 001 (a phone number)")]
    [InlineData("My NI number is AB 12 34 56 C", "AB 12 34 56 C (a National Insurance number)")]
    [InlineData("Your case CASE-123456 is open", "CASE-123456 (a case reference)")]
    public void Personal_data_blocks_submission_unless_a_reason_is_given(string text, string found)
    {
        var results = Run(text);
        var check = Assert.Single(results, r => r.Code == "personal-data");
        Assert.Equal(CheckSeverity.Blocking, check.Severity);
        // What was found, and what kind of personal data it looks like, so the writer knows what to remove.
        Assert.Equal([found], check.Found);
        Assert.True(DraftChecks.Blocks(results, personalDataReasonGiven: false));
        Assert.False(DraftChecks.Blocks(results.Where(r => r.Code == "personal-data").ToList(), personalDataReasonGiven: true));
    }

    [Fact]
    public void Ordinary_text_passes()
    {
        var results = Run("Thanks for telling us. The crew will return within two working days to collect your bin.");
        Assert.DoesNotContain(results, r => r.Severity == CheckSeverity.Blocking);
    }

    [Fact]
    public void Banned_phrases_are_found_as_whole_words_in_any_case()
    {
        var results = Run("Unfortunately we cannot help. Going forward, ask us.", false, null, "unfortunately", "going forward", "fort");
        var check = Assert.Single(results, r => r.Code == "banned-words");
        Assert.Equal(["unfortunately", "going forward"], check.Found);
        Assert.True(DraftChecks.Blocks(results, true));
    }

    [Fact]
    public void An_image_without_alt_text_blocks_and_one_with_it_does_not()
    {
        Assert.Contains(Run("See the map.", hasImage: true), r => r.Code == "alt-text" && r.Severity == CheckSeverity.Blocking);
        Assert.DoesNotContain(Run("See the map.", hasImage: true, alt: "Map of the new collection rounds"), r => r.Code == "alt-text");
    }

    [Fact]
    public void Accessibility_and_plain_language_advice_is_given_with_what_was_found()
    {
        var results = Run("IMPORTANT NOTICE: #binday changes. Click here https://x.example for #BinDay details.");
        Assert.Equal(["#binday"], results.Single(r => r.Code == "hashtag-case").Found);
        Assert.Contains(results, r => r.Code == "link-text" && r.Severity == CheckSeverity.Advice);
        Assert.Contains("IMPORTANT NOTICE", results.Single(r => r.Code == "all-caps").Found);
    }

    [Fact]
    public void Hard_reading_gets_a_reading_ease_score_below_the_target()
    {
        var results = Run("Notwithstanding the aforementioned considerations, the municipality's administrative infrastructure necessitates comprehensive reconfiguration of organisational responsibilities regarding environmental sanitation.");
        Assert.Contains(results, r => r.Code == "reading-ease");
        Assert.DoesNotContain(Run("We will come back for your bin on Monday. Leave it out by seven in the morning. Thank you for your help."), r => r.Code == "reading-ease");
    }
}
