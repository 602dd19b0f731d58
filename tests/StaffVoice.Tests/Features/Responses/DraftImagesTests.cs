using System.Buffers.Binary;
using System.Diagnostics;
using SkiaSharp;
using StaffVoice.Web.Features;
using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Tests.Features.Responses;

public class DraftImagesTests
{
    [Fact]
    public void A_small_file_that_unpacks_to_900_megapixels_is_refused_from_its_header_fast_and_without_the_memory()
    {
        var bomb = Png(30_000, 30_000);
        Assert.True(bomb.Length < 1_000);
        GC.Collect();
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<ValidationFailedException>(() => DraftImages.Clean(bomb));

        clock.Stop();
        var growth = Process.GetCurrentProcess().WorkingSet64 - rssBefore;
        Assert.Contains("30,000 × 30,000 pixels", error.Errors["Image"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.True(growth < 100 * 1024 * 1024, $"RSS grew by {growth / 1024 / 1024} MB");
    }

    [Theory]
    [InlineData(8_001, 10)]
    [InlineData(10, 8_001)]
    [InlineData(7_000, 6_000)] // 42 megapixels
    public void Past_8000_pixels_a_side_or_40_megapixels_is_refused(int width, int height) =>
        Assert.Throws<ValidationFailedException>(() => DraftImages.Clean(Png(width, height)));

    [Fact]
    public void A_truncated_png_gets_a_clear_message()
    {
        using var bitmap = new SKBitmap(200, 200);
        bitmap.Erase(SKColors.Coral);
        using var noise = new SKCanvas(bitmap);
        for (var i = 0; i < 200; i += 3) noise.DrawLine(0, i, 200, 200 - i, new SKPaint { Color = new SKColor((byte)i, 40, 200) });
        var png = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100).ToArray();

        var error = Assert.Throws<ValidationFailedException>(() => DraftImages.Clean(png[..(png.Length / 2)]));

        Assert.Equal(DraftImages.Unreadable, error.Errors["Image"]);
    }

    [Fact]
    public void A_phone_photo_tagged_orientation_6_comes_out_upright_without_its_metadata()
    {
        // Stored 40 wide and 20 high, left half red and right half blue; the tag says "turn 90° clockwise to show".
        using var bitmap = new SKBitmap(40, 20);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            canvas.DrawRect(0, 0, 20, 20, new SKPaint { Color = SKColors.Red });
        }
        var jpeg = WithExifOrientation(SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 95).ToArray(), 6);

        var clean = DraftImages.Clean(jpeg);

        Assert.Equal((20, 40), (clean.Width, clean.Height));
        using var result = SKBitmap.Decode(clean.Bytes);
        Assert.True(result.GetPixel(10, 5).Red > 200, "the left (red) half should now be at the top");
        Assert.True(result.GetPixel(10, 35).Blue > 200, "the right (blue) half should now be at the bottom");
        Assert.Equal(-1, IndexOf(clean.Bytes, "Exif"u8.ToArray()));
        using var codec = SKCodec.Create(SKData.CreateCopy(clean.Bytes));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
    }

    [Theory]
    [InlineData(SKEncodedOrigin.TopRight, 40, 20)]
    [InlineData(SKEncodedOrigin.BottomRight, 40, 20)]
    [InlineData(SKEncodedOrigin.BottomLeft, 40, 20)]
    [InlineData(SKEncodedOrigin.LeftTop, 20, 40)]
    [InlineData(SKEncodedOrigin.RightBottom, 20, 40)]
    [InlineData(SKEncodedOrigin.LeftBottom, 20, 40)]
    public void Every_orientation_puts_the_stored_top_left_corner_where_the_tag_says(SKEncodedOrigin origin, int width, int height)
    {
        using var source = new SKBitmap(40, 20);
        source.Erase(SKColors.White);
        source.SetPixel(0, 0, SKColors.Black);
        using var turned = DraftImages.Orient(source, origin);
        Assert.Equal((width, height), (turned.Width, turned.Height));
        var (x, y) = origin switch
        {
            SKEncodedOrigin.TopRight => (width - 1, 0),
            SKEncodedOrigin.BottomRight => (width - 1, height - 1),
            SKEncodedOrigin.BottomLeft => (0, height - 1),
            SKEncodedOrigin.LeftTop => (0, 0),
            SKEncodedOrigin.RightBottom => (width - 1, height - 1),
            _ => (0, height - 1),
        };
        Assert.Equal(SKColors.Black, turned.GetPixel(x, y));
    }

    [Theory]
    [InlineData(8_000, 10, false)]
    [InlineData(8_001, 10, true)]
    [InlineData(10, 8_000, false)]
    [InlineData(10, 8_001, true)]
    [InlineData(8_000, 5_000, false)] // exactly 40 megapixels
    [InlineData(8_000, 5_001, true)]
    public void The_size_limits_hold_to_the_pixel(int width, int height, bool refusedForSize)
    {
        // The fake files pass the header check and then fail to decode: the message says which check stopped them.
        var message = Assert.Throws<ValidationFailedException>(() => DraftImages.Clean(Png(width, height))).Errors["Image"];
        if (refusedForSize)
        {
            Assert.Equal($"The image is {width:N0} × {height:N0} pixels; the largest allowed is 8,000 pixels a side and 40 megapixels. " +
                "Resize it and try again.", message);
        }
        else
        {
            Assert.Equal(DraftImages.Unreadable, message);
        }
    }

    [Fact]
    public void Five_megabytes_is_the_most_a_file_may_weigh()
    {
        var tooBig = new byte[ResponseRules.MaxImageBytes + 1];
        tooBig[0] = 0xFF; tooBig[1] = 0xD8; tooBig[2] = 0xFF;
        Assert.Equal("The image is larger than 5 MB.", Assert.Throws<ValidationFailedException>(() => DraftImages.Clean(tooBig)).Errors["Image"]);
        var justRight = tooBig[..ResponseRules.MaxImageBytes];
        Assert.Equal(DraftImages.Unreadable, Assert.Throws<ValidationFailedException>(() => DraftImages.Clean(justRight)).Errors["Image"]);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0x00, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0x00, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0x00, 0xD8, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })]
    public void Only_the_real_magic_bytes_of_PNG_and_JPEG_are_taken(byte[] bytes) =>
        Assert.Contains("Only PNG and JPEG", Assert.Throws<ValidationFailedException>(() => DraftImages.Clean(bytes)).Errors["Image"]);

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal("The file is empty.", Assert.Throws<ValidationFailedException>(() => DraftImages.Clean([])).Errors["Image"]);
    }

    [Fact]
    public void A_png_stays_a_png_with_its_transparency_and_a_jpeg_stays_a_jpeg()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4, 4, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        bitmap.SetPixel(0, 0, SKColors.Red);
        var png = DraftImages.Clean(SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100).ToArray());
        Assert.Equal("image/png", png.ContentType);
        Assert.True(png.Bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        using var decoded = SKBitmap.Decode(png.Bytes);
        Assert.Equal(0, decoded.GetPixel(3, 3).Alpha);
        Assert.Equal(255, decoded.GetPixel(0, 0).Alpha);

        var jpeg = DraftImages.Clean(SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 90).ToArray());
        Assert.Equal("image/jpeg", jpeg.ContentType);
        Assert.True(jpeg.Bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }));
        Assert.Equal((4, 4), (jpeg.Width, jpeg.Height));
    }

    /// <summary>A PNG whose header claims the size and whose image data is a few bytes: what a decompression bomb looks like.</summary>
    private static byte[] Png(int width, int height)
    {
        var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(stream, "IHDR", ihdr);
        Chunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>Inserts an APP1 Exif segment holding only the orientation tag right after the JPEG's start marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, first IFD at 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00, // Orientation, SHORT
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segmentLength = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
