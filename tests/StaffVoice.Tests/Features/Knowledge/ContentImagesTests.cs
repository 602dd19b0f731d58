using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Knowledge;

/// <summary>Images in articles and lessons: the draft-image limits, required alt text, served only as the app's own URL.</summary>
public class ContentImagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SeaGreen);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Fact]
    public async Task An_upload_needs_alt_text_keeps_the_draft_image_limits_and_becomes_markdown_the_sanitiser_shows()
    {
        await using var database = await TestDatabase.CreateAsync(seed: true);
        var images = new ContentImages(database.Factory, TestHost.Operations(database), TimeProvider.System);
        var alex = await database.ActorAsync(Demo.Employee);

        var noAlt = await Assert.ThrowsAsync<ValidationFailedException>(() => images.UploadAsync(alex, Png(20, 10), "  ", Ct));
        Assert.True(noAlt.Errors.ContainsKey("AltText"));
        var longAlt = await Assert.ThrowsAsync<ValidationFailedException>(() => images.UploadAsync(alex, Png(20, 10), new string('a', 1001), Ct));
        Assert.True(longAlt.Errors.ContainsKey("AltText"));
        var notImage = await Assert.ThrowsAsync<ValidationFailedException>(() => images.UploadAsync(alex, "GIF89a not really"u8.ToArray(), "x", Ct));
        Assert.Contains("Only PNG and JPEG", notImage.Errors["Image"]);

        var uploaded = await images.UploadAsync(alex, Png(20, 10), "Map of [the] depot", Ct);
        Assert.Equal($"![Map of \\[the\\] depot](/images/{uploaded.Id})", uploaded.Markdown);
        var stored = await images.GetAsync(uploaded.Id, Ct);
        Assert.Equal("image/png", stored!.Value.ContentType);
        using (var decoded = SKBitmap.Decode(stored.Value.Bytes)) Assert.Equal((20, 10), (decoded.Width, decoded.Height));
        Assert.Null(await images.GetAsync(uploaded.Id + 1, Ct));

        var html = new SafeMarkdown().ToHtml(uploaded.Markdown);
        Assert.Contains($"src=\"/images/{uploaded.Id}\"", html);
        Assert.Contains("alt=\"Map of [the] depot\"", html);

        await using var db = database.NewContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == "ContentImage" && a.Action == "image-uploaded" && a.EntityId == uploaded.Id, Ct));
        Assert.Equal(1, await db.ContentImages.CountAsync(Ct));
    }

    [Fact]
    public async Task The_image_is_served_to_signed_in_people_only_as_its_own_type()
    {
        await using var factory = new StaffVoiceAppFactory();
        var images = factory.Services.GetRequiredService<ContentImages>();
        var directory = factory.Services.GetRequiredService<StaffVoice.Web.Features.People.PeopleDirectory>();
        var person = (await directory.FindByEmailAsync(Demo.Employee, Ct))!;
        var uploaded = await images.UploadAsync(new Actor(person.PersonId, person.DisplayName, person.Roles.ToHashSet()), Png(8, 8), "A green square", Ct);

        var anonymous = factory.CreateAnonymousClient();
        var refused = await anonymous.GetAsync($"/images/{uploaded.Id}", Ct);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        var client = await factory.CreateSignedInClientAsync(Demo.Employee);
        var response = await client.GetAsync($"/images/{uploaded.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/images/{uploaded.Id + 1000}", Ct)).StatusCode);
    }
}
