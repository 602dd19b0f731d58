using SkiaSharp;

namespace StaffVoice.Web.Features.Responses;

public sealed record CleanImage(byte[] Bytes, string ContentType, int Width, int Height);

/// <summary>
/// Accepts PNG or JPEG only, judged by the file's bytes (not its name), at most 5 MB, and re-encodes it: the new file
/// carries the pixels and nothing else, so EXIF data (camera, location) never reaches the public.
/// </summary>
public static class DraftImages
{
    public static CleanImage Clean(byte[] bytes)
    {
        if (bytes.Length == 0) throw Invalid("The file is empty.");
        if (bytes.Length > ResponseRules.MaxImageBytes) throw Invalid("The image is larger than 5 MB.");
        var isPng = bytes.Length > 8 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var isJpeg = bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
        if (!isPng && !isJpeg) throw Invalid("Only PNG and JPEG images can be attached (this file is neither, whatever its name says).");

        using var bitmap = SKBitmap.Decode(bytes) ?? throw Invalid("The image could not be read; it may be damaged.");
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(isPng ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 90);
        return new CleanImage(data.ToArray(), isPng ? "image/png" : "image/jpeg", bitmap.Width, bitmap.Height);
    }

    private static ValidationFailedException Invalid(string message) => new(new Dictionary<string, string> { ["Image"] = message });
}
