extern alias bench;

using System.Text.Json;
using bench::StaffVoice.Benchmarks.Circuits;

namespace StaffVoice.Tests.Benchmarks;

/// <summary>
/// The circuits benchmark's render-batch reader, on batches captured from the running apps
/// (<c>circuits --steps 1 --clickers 0 --capture dir</c>): the stock template's <c>/counter</c> before and after one
/// click, and StaffVoice's home page coming to life, then one click on the notification bell.
/// </summary>
public class RenderBatchReaderTests
{
    private static byte[] Captured(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Benchmarks", "RenderBatches", $"{name}.bin"));

    private static IReadOnlyList<RenderBatch> Home() =>
        Enumerable.Range(1, 9).Select(i => RenderBatch.Read(Captured($"home-{i:00}"))).ToList();

    private static bool IsBell(HandledElement e) =>
        e.Attributes.TryGetValue("aria-label", out var label) && label?.StartsWith("Notifications", StringComparison.Ordinal) == true;

    [Fact]
    public void The_counter_page_has_its_button_and_a_click_updates_the_count_text()
    {
        var page = RenderBatch.Read(Captured("counter-01"));
        var button = Assert.Single(page.ElementsHandling());
        Assert.Equal("button", button.ElementName);
        Assert.Equal("Click me", button.Text);
        Assert.Equal("btn btn-primary", button.Attributes["class"]);
        Assert.NotEqual(0UL, button.EventHandlerId);
        Assert.Contains(page.ReferenceFrames, f => f.Type == RenderFrameType.Text && f.Value == "Current count: ");

        var click = RenderBatch.Read(Captured("counter-02"));
        var edit = Assert.Single(click.UpdatedComponents.SelectMany(d => d.Edits), e => e.Type == RenderEditType.UpdateText);
        Assert.Equal("1", click.ReferenceFrames[edit.ReferenceFrameIndex].Value);
        Assert.Empty(click.DisposedComponentIds);
    }

    [Fact]
    public void The_home_page_comes_to_life_with_its_components_greeting_and_bell()
    {
        var page = new RenderedPage();
        var home = Home();
        foreach (var batch in home.Take(5)) page.Apply(batch);

        Assert.InRange(page.Components, 60, 400);
        var bell = page.Find(IsBell);
        Assert.NotNull(bell);
        Assert.Equal("button", bell.ElementName);
        Assert.Contains(home.Take(5).SelectMany(b => b.ReferenceFrames), f => f.Type == RenderFrameType.Text && f.Value == "Welcome, ");
        // The menu is closed: its "Mark all as read" item is not on the page yet.
        Assert.DoesNotContain(home.Take(5).SelectMany(b => b.ReferenceFrames), f => f.Value == "Mark all as read");
    }

    [Fact]
    public void After_the_bell_is_clicked_the_notification_list_renders_and_the_bell_keeps_a_live_handler()
    {
        var page = new RenderedPage();
        var home = Home();
        foreach (var batch in home.Take(5)) page.Apply(batch);
        var before = page.Find(IsBell)!.EventHandlerId;
        foreach (var batch in home.Skip(5)) page.Apply(batch);

        Assert.Contains(home.Skip(5).SelectMany(b => b.ReferenceFrames), f => f.Type == RenderFrameType.Text && f.Value == "Mark all as read");
        // The menu re-renders its button with a new handler: the old id is disposed and the page follows the new one.
        Assert.Contains(before, home.Skip(5).SelectMany(b => b.DisposedEventHandlerIds));
        var after = page.Find(IsBell);
        Assert.NotNull(after);
        Assert.NotEqual(before, after.EventHandlerId);
        var given = home.Select((b, i) => (b, i)).Last(x => x.b.HandlersReplaced().Any(r => r.EventHandlerId == after.EventHandlerId)).i;
        Assert.DoesNotContain(after.EventHandlerId, home.Skip(given + 1).SelectMany(b => b.DisposedEventHandlerIds));
    }

    [Fact]
    public void Every_captured_batch_reads_and_every_edit_points_at_a_frame_it_has()
    {
        foreach (var name in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Benchmarks", "RenderBatches"), "*.bin"))
        {
            var batch = RenderBatch.Read(File.ReadAllBytes(name));
            foreach (var edit in batch.UpdatedComponents.SelectMany(d => d.Edits))
            {
                Assert.True(Enum.IsDefined(edit.Type), $"{Path.GetFileName(name)}: edit type {(int)edit.Type}");
                if (edit.Type is RenderEditType.PrependFrame or RenderEditType.SetAttribute or RenderEditType.UpdateText or RenderEditType.UpdateMarkup)
                {
                    Assert.InRange(edit.ReferenceFrameIndex, 0, batch.ReferenceFrames.Count - 1);
                }
            }
            Assert.All(batch.ReferenceFrames, f => Assert.True(Enum.IsDefined(f.Type) && f.Type != RenderFrameType.None, Path.GetFileName(name)));
        }
    }

    [Fact]
    public void A_damaged_batch_is_refused_with_a_reason_not_misread()
    {
        var good = Captured("counter-01");
        Assert.Throws<InvalidDataException>(() => RenderBatch.Read(good.AsSpan(0, 12)));
        Assert.Throws<InvalidDataException>(() => RenderBatch.Read(good.AsSpan(0, good.Length - 4)));
        var pointsOutside = (byte[])good.Clone();
        BitConverter.TryWriteBytes(pointsOutside.AsSpan(pointsOutside.Length - 16), good.Length + 100); // reference frames offset
        Assert.Throws<InvalidDataException>(() => RenderBatch.Read(pointsOutside));
        var tooMany = (byte[])good.Clone();
        var framesAt = BitConverter.ToInt32(good, good.Length - 16);
        BitConverter.TryWriteBytes(tooMany.AsSpan(framesAt), 1_000_000); // more frames than the batch holds
        Assert.Throws<InvalidDataException>(() => RenderBatch.Read(tooMany));
    }

    [Fact]
    public void The_prerendered_page_gives_the_server_components_in_sequence_and_the_state()
    {
        const string html = """
            <html><body><!--Blazor:{"type":"server","prerenderId":"b","key":{"locationHash":"x","formattedComponentKey":""},"sequence":1,"descriptor":"D2"}-->
            <p>body</p><!--Blazor:{"prerenderId":"b"}-->
            <!--Blazor:{"type":"server","prerenderId":"a","key":{"locationHash":"y","formattedComponentKey":""},"sequence":0,"descriptor":"D1"}--><!--Blazor:{"prerenderId":"a"}-->
            <!--Blazor:{"type":"webassembly","prerenderId":"c","sequence":2}--><!--Blazor:{"prerenderId":"c"}-->
            <!--Blazor-Server-Component-State:QUJD+/==-->
            </body></html>
            """;
        var page = PrerenderedPage.Parse(html);
        Assert.Equal(["D1", "D2"], page.ServerComponents.Select(m => m.GetProperty("descriptor").GetString()));
        Assert.Equal("QUJD+/==", page.ApplicationState);

        using var operations = JsonDocument.Parse(page.AddOperations());
        Assert.Equal(1, operations.RootElement.GetProperty("batchId").GetInt32());
        var added = operations.RootElement.GetProperty("operations").EnumerateArray().ToList();
        Assert.Equal(["add", "add"], added.Select(o => o.GetProperty("type").GetString()));
        Assert.Equal([1, 2], added.Select(o => o.GetProperty("ssrComponentId").GetInt32()));
        Assert.Equal("D1", added[0].GetProperty("marker").GetProperty("descriptor").GetString());
        Assert.Equal("a", added[0].GetProperty("marker").GetProperty("prerenderId").GetString());
    }
}
