using SkiaSharp;

namespace StaffVoice.Web.Features.Responses;

public sealed record CleanImage(byte[] Bytes, string ContentType, int Width, int Height);

/// <summary>
/// Accepts PNG or JPEG only, judged by the file's bytes (not its name), at most 5 MB, at most 8,000 px a side and 40
/// megapixels (read from the header before anything is decoded, so a small file that unpacks to gigabytes is refused),
/// and re-encodes it: the new file carries the pixels, turned the way the camera meant (EXIF orientation), and nothing
/// else, so EXIF data (camera, location) never reaches the public. One image is decoded at a time per process.
/// </summary>
public static class DraftImages
{
    public const int MaxSide = 8_000;
    public const long MaxPixels = 40_000_000;
    public const string Unreadable = "The image could not be read; it may be damaged. Nothing was attached.";

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static CleanImage Clean(byte[] bytes)
    {
        if (bytes.Length == 0) throw Invalid("The file is empty.");
        if (bytes.Length > ResponseRules.MaxImageBytes) throw Invalid("The image is larger than 5 MB.");
        var isPng = bytes.Length > 8 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var isJpeg = bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
        if (!isPng && !isJpeg) throw Invalid("Only PNG and JPEG images can be attached (this file is neither, whatever its name says).");

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw Invalid(Unreadable);
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) throw Invalid(Unreadable);
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
        {
            throw Invalid($"The image is {width:N0} × {height:N0} pixels; the largest allowed is {MaxSide:N0} pixels a side and " +
                $"{MaxPixels / 1_000_000} megapixels. Resize it and try again.");
        }

        OneAtATime.Wait();
        try
        {
            var info = new SKImageInfo(width, height, SKColorType.Rgba8888, isPng ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
            using var decoded = new SKBitmap(info);
            var result = codec.GetPixels(info, decoded.GetPixels());
            // A truncated file "succeeds" with the missing rows blank: that is damage too.
            if (result != SKCodecResult.Success) throw Invalid(Unreadable);
            using var oriented = Orient(decoded, codec.EncodedOrigin);
            using var image = SKImage.FromBitmap(oriented);
            using var encoded = image.Encode(isPng ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 90)
                ?? throw Invalid(Unreadable);
            return new CleanImage(encoded.ToArray(), isPng ? "image/png" : "image/jpeg", oriented.Width, oriented.Height);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Draws the pixels the way EXIF orientation says to show them; the copy then needs no orientation tag.</summary>
    internal static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var (w, h) = (source.Width, source.Height);
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var target = new SKBitmap(new SKImageInfo(swap ? h : w, swap ? w : h, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(target);
        // Canvas calls compose right to left: the last call is applied to the source point first.
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.LeftTop: canvas.Scale(-1, 1); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(h, w); canvas.Scale(1, -1); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, w); canvas.RotateDegrees(-90); break;
        }
        using var pixels = SKImage.FromBitmap(source);
        canvas.DrawImage(pixels, 0, 0, SKSamplingOptions.Default, null);
        return target;
    }

    private static ValidationFailedException Invalid(string message) => new("Image", message);
}
