using System.Buffers.Binary;
using System.Text;

namespace StaffVoice.Benchmarks.Circuits;

/// <summary>
/// One render batch as a Blazor Server circuit sends it to the browser (<c>JS.RenderBatch</c>), read from the binary
/// layout that the framework's <c>RenderBatchWriter</c> writes and <c>blazor.web.js</c> reads: the updated components
/// (each a component id and its edits, 16 bytes per edit), the reference frames the edits point at (20 bytes per
/// frame), the disposed component and event-handler ids, a string table, and at the end five 32-bit offsets to those
/// regions. The headless client of the <c>circuits</c> benchmark uses it to find the handlers it clicks; it does not
/// build a DOM.
/// </summary>
public sealed record RenderBatch(
    IReadOnlyList<ComponentDiff> UpdatedComponents,
    IReadOnlyList<RenderFrame> ReferenceFrames,
    IReadOnlyList<int> DisposedComponentIds,
    IReadOnlyList<ulong> DisposedEventHandlerIds)
{
    private const int FrameSize = 20;
    private const int EditSize = 16;
    private const int TrailerSize = 20;

    public static RenderBatch Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < TrailerSize) throw new InvalidDataException($"A render batch has at least {TrailerSize} bytes; this one has {data.Length}.");
        var trailer = data.Length - TrailerSize;
        var updatedAt = Offset(data, trailer);
        var framesAt = Offset(data, trailer + 4);
        var disposedComponentsAt = Offset(data, trailer + 8);
        var disposedHandlersAt = Offset(data, trailer + 12);
        var stringsAt = Offset(data, trailer + 16);
        var strings = new StringTable(data, stringsAt, trailer);

        var diffCount = Count(data, updatedAt, 4);
        var diffs = new List<ComponentDiff>(diffCount);
        for (var i = 0; i < diffCount; i++)
        {
            var at = Offset(data, updatedAt + 4 + 4 * i);
            var componentId = Int(data, at);
            var editCount = Count(data, at + 4, EditSize);
            var edits = new RenderEdit[editCount];
            for (var e = 0; e < editCount; e++)
            {
                var editAt = at + 8 + EditSize * e;
                edits[e] = new RenderEdit((RenderEditType)Int(data, editAt), Int(data, editAt + 4), Int(data, editAt + 8),
                    strings.Get(Int(data, editAt + 12)));
            }
            diffs.Add(new ComponentDiff(componentId, edits));
        }

        var frameCount = Count(data, framesAt, FrameSize);
        var frames = new RenderFrame[frameCount];
        for (var i = 0; i < frameCount; i++) frames[i] = ReadFrame(data, framesAt + 4 + FrameSize * i, strings);

        var disposedComponentCount = Count(data, disposedComponentsAt, 4);
        var disposedComponents = new int[disposedComponentCount];
        for (var i = 0; i < disposedComponentCount; i++) disposedComponents[i] = Int(data, disposedComponentsAt + 4 + 4 * i);

        var disposedHandlerCount = Count(data, disposedHandlersAt, 8);
        var disposedHandlers = new ulong[disposedHandlerCount];
        for (var i = 0; i < disposedHandlerCount; i++)
        {
            disposedHandlers[i] = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(disposedHandlersAt + 4 + 8 * i, 8));
        }
        return new RenderBatch(diffs, frames, disposedComponents, disposedHandlers);
    }

    private static RenderFrame ReadFrame(ReadOnlySpan<byte> data, int at, StringTable strings)
    {
        var type = (RenderFrameType)Int(data, at);
        return type switch
        {
            RenderFrameType.Element => new RenderFrame(type, Int(data, at + 4), 0, strings.Get(Int(data, at + 8)), null, 0),
            RenderFrameType.Component => new RenderFrame(type, Int(data, at + 4), Int(data, at + 8), null, null, 0),
            RenderFrameType.Region => new RenderFrame(type, Int(data, at + 4), 0, null, null, 0),
            RenderFrameType.Attribute => new RenderFrame(type, 0, 0, strings.Get(Int(data, at + 4)), strings.Get(Int(data, at + 8)),
                BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at + 12, 8))),
            RenderFrameType.Text or RenderFrameType.Markup or RenderFrameType.ElementReferenceCapture =>
                new RenderFrame(type, 0, 0, null, strings.Get(Int(data, at + 4)), 0),
            _ => new RenderFrame(type, 0, 0, null, null, 0),
        };
    }

    /// <summary>
    /// The elements this batch adds that carry a handler for <paramref name="eventName"/> (<c>onclick</c>), each with
    /// the component that rendered it, its attributes and the text inside it — what a person would read on the button.
    /// </summary>
    public IEnumerable<HandledElement> ElementsHandling(string eventName = "onclick")
    {
        foreach (var diff in UpdatedComponents)
        {
            foreach (var edit in diff.Edits)
            {
                if (edit.Type != RenderEditType.PrependFrame || edit.ReferenceFrameIndex < 0 || edit.ReferenceFrameIndex >= ReferenceFrames.Count) continue;
                var end = Math.Min(ReferenceFrames.Count, edit.ReferenceFrameIndex + Math.Max(ReferenceFrames[edit.ReferenceFrameIndex].SubtreeLength, 1));
                for (var i = edit.ReferenceFrameIndex; i < end; i++)
                {
                    if (ReferenceFrames[i].Type == RenderFrameType.Element && Handled(diff.ComponentId, i, eventName) is { } element) yield return element;
                }
            }
        }
    }

    /// <summary>
    /// Handlers that this batch gives to elements already on the page (a set-attribute edit with a new handler id),
    /// with the component they belong to: a component that re-renders with a new delegate gets a new id this way.
    /// </summary>
    public IEnumerable<(int ComponentId, ulong EventHandlerId)> HandlersReplaced(string eventName = "onclick")
    {
        foreach (var diff in UpdatedComponents)
        {
            foreach (var edit in diff.Edits)
            {
                if (edit.Type != RenderEditType.SetAttribute || edit.ReferenceFrameIndex < 0 || edit.ReferenceFrameIndex >= ReferenceFrames.Count) continue;
                var attribute = ReferenceFrames[edit.ReferenceFrameIndex];
                if (attribute.EventHandlerId != 0 && string.Equals(attribute.Name, eventName, StringComparison.OrdinalIgnoreCase))
                {
                    yield return (diff.ComponentId, attribute.EventHandlerId);
                }
            }
        }
    }

    private HandledElement? Handled(int componentId, int at, string eventName)
    {
        var frame = ReferenceFrames[at];
        var end = Math.Min(ReferenceFrames.Count, at + Math.Max(frame.SubtreeLength, 1));
        var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        ulong handler = 0;
        var j = at + 1;
        for (; j < end && ReferenceFrames[j].Type == RenderFrameType.Attribute; j++)
        {
            var attribute = ReferenceFrames[j];
            if (attribute.Name is null) continue;
            if (attribute.EventHandlerId != 0)
            {
                if (string.Equals(attribute.Name, eventName, StringComparison.OrdinalIgnoreCase)) handler = attribute.EventHandlerId;
            }
            else
            {
                attributes[attribute.Name] = attribute.Value;
            }
        }
        if (handler == 0) return null;
        var text = new StringBuilder();
        for (; j < end; j++)
        {
            if (ReferenceFrames[j].Type == RenderFrameType.Text) text.Append(ReferenceFrames[j].Value);
        }
        return new HandledElement(componentId, frame.Name ?? "", handler, attributes, text.ToString().Trim());
    }

    private static int Offset(ReadOnlySpan<byte> data, int at)
    {
        var value = Int(data, at);
        return value >= 0 && value <= data.Length - TrailerSize
            ? value
            : throw new InvalidDataException($"A render batch offset at byte {at} points outside the batch ({value} of {data.Length}).");
    }

    private static int Count(ReadOnlySpan<byte> data, int at, int entrySize)
    {
        var count = Int(data, at);
        return count >= 0 && (long)at + 4 + (long)count * entrySize <= data.Length
            ? count
            : throw new InvalidDataException($"A render batch region at byte {at} claims {count} entries, more than the batch holds.");
    }

    private static int Int(ReadOnlySpan<byte> data, int at) =>
        at >= 0 && at + 4 <= data.Length
            ? BinaryPrimitives.ReadInt32LittleEndian(data.Slice(at, 4))
            : throw new InvalidDataException($"A render batch read at byte {at} is outside its {data.Length} bytes.");

    /// <summary>Strings are stored once each (length as a 7-bit encoded integer, then UTF-8), found through a table of positions.</summary>
    private readonly ref struct StringTable(ReadOnlySpan<byte> data, int tableAt, int tableEnd)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public string? Get(int index)
        {
            if (index == -1) return null;
            if (index < 0 || tableAt + 4 * index + 4 > tableEnd) throw new InvalidDataException($"A render batch names string {index}, which its table does not hold.");
            var at = Int(_data, tableAt + 4 * index);
            var length = 0;
            var shift = 0;
            while (true)
            {
                if (at >= _data.Length || shift > 28) throw new InvalidDataException("A render batch string length runs past the batch.");
                var b = _data[at++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80) break;
                shift += 7;
            }
            if (length < 0 || at + length > _data.Length) throw new InvalidDataException("A render batch string runs past the batch.");
            return Encoding.UTF8.GetString(_data.Slice(at, length));
        }
    }
}

public sealed record ComponentDiff(int ComponentId, IReadOnlyList<RenderEdit> Edits);

/// <param name="ReferenceFrameIndex">For a prepend or set-attribute edit the reference frame it adds; for a permutation the sibling it moves to.</param>
public readonly record struct RenderEdit(RenderEditType Type, int SiblingIndex, int ReferenceFrameIndex, string? RemovedAttributeName);

/// <param name="SubtreeLength">Frames in an element's, component's or region's subtree, itself included.</param>
/// <param name="Name">An element's tag or an attribute's name.</param>
/// <param name="Value">An attribute's value, a text, markup or an element reference id.</param>
/// <param name="EventHandlerId">An event attribute's handler, the id a click is dispatched to.</param>
public readonly record struct RenderFrame(RenderFrameType Type, int SubtreeLength, int ComponentId, string? Name, string? Value, ulong EventHandlerId);

public sealed record HandledElement(int ComponentId, string ElementName, ulong EventHandlerId, IReadOnlyDictionary<string, string?> Attributes, string Text);

/// <summary>The framework's <c>RenderTreeFrameType</c> values, as written on the wire.</summary>
public enum RenderFrameType
{
    None = 0, Element = 1, Text = 2, Attribute = 3, Component = 4, Region = 5, ElementReferenceCapture = 6,
    ComponentReferenceCapture = 7, Markup = 8, ComponentRenderMode = 9, NamedEvent = 10,
}

/// <summary>The framework's <c>RenderTreeEditType</c> values, as written on the wire.</summary>
public enum RenderEditType
{
    PrependFrame = 1, RemoveFrame = 2, SetAttribute = 3, RemoveAttribute = 4, UpdateText = 5, StepIn = 6, StepOut = 7,
    UpdateMarkup = 8, PermutationListEntry = 9, PermutationListEnd = 10,
}
