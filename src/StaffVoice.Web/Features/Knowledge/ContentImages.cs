using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Features.Knowledge;

/// <summary>An image in an article or a course lesson: re-encoded without metadata, stored in the database, served at /images/{id}.</summary>
public sealed class ContentImage
{
    public int Id { get; set; }
    public required byte[] Bytes { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string AltText { get; set; }
    public int UploadedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ContentImageConfiguration : IEntityTypeConfiguration<ContentImage>
{
    public void Configure(EntityTypeBuilder<ContentImage> builder)
    {
        builder.Property(i => i.ContentType).HasMaxLength(40);
        builder.Property(i => i.AltText).HasMaxLength(ResponseRules.AltTextMax);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.UploadedById).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The Markdown an uploaded image is inserted as.</summary>
public sealed record UploadedImage(int Id, string Markdown);

/// <summary>
/// Images for articles and lessons, with the limits of draft images (PNG/JPEG by their bytes, 5 MB, 8,000 px a side,
/// 40 megapixels, re-encoded so EXIF data never leaves) and required alt text. The Markdown sanitiser lets an image
/// through only when it points at <see cref="UrlPrefix"/> and has alt text, so no page can load an outside image.
/// </summary>
public sealed class ContentImages(IDbContextFactory<StaffVoiceDb> dbFactory, Operations operations, TimeProvider time)
{
    public const string UrlPrefix = "/images/";

    /// <summary>Anyone who writes articles (every employee) or lessons (trainers) may upload.</summary>
    public async Task<UploadedImage> UploadAsync(Actor actor, byte[] bytes, string? altText, CancellationToken ct = default)
    {
        actor.Require(Roles.Employee, "add images");
        var alt = PlainText.Clean(altText ?? "").Trim();
        if (alt.Length == 0) throw new ValidationFailedException("AltText", "Describe the image for people who cannot see it (alt text).");
        if (alt.Length > ResponseRules.AltTextMax) throw new ValidationFailedException("AltText", $"Keep the alt text to {ResponseRules.AltTextMax:N0} characters.");
        var clean = DraftImages.Clean(bytes);
        return await operations.RunAsync(async op =>
        {
            var image = new ContentImage
            {
                Bytes = clean.Bytes, ContentType = clean.ContentType, Width = clean.Width, Height = clean.Height, AltText = alt,
                UploadedById = actor.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            op.Db.ContentImages.Add(image);
            await op.Db.SaveChangesAsync(ct);
            op.Audit(actor, "image-uploaded", "ContentImage", image.Id, details: $"{clean.Width}×{clean.Height} {clean.ContentType}");
            return new UploadedImage(image.Id, $"![{EscapeAlt(alt)}]({UrlPrefix}{image.Id})");
        }, ct);
    }

    public async Task<(byte[] Bytes, string ContentType)?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var image = await db.ContentImages.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Bytes, i.ContentType }).SingleOrDefaultAsync(ct);
        return image is null ? null : (image.Bytes, image.ContentType);
    }

    /// <summary>Alt text inside Markdown's square brackets: brackets and backslashes escaped, one line.</summary>
    internal static string EscapeAlt(string alt) =>
        alt.Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]").ReplaceLineEndings(" ");
}
