namespace StaffVoice.Benchmarks.Circuits;

/// <summary>
/// What the headless client knows of a live page after applying its render batches in order: the components the
/// circuit holds and the elements one can click, kept current as components re-render (a handler the batch disposes
/// and replaces in the same component moves to the new id). Not thread-safe: the client applies batches under a lock.
/// </summary>
public sealed class RenderedPage
{
    private readonly Dictionary<ulong, HandledElement> _handlers = [];
    private readonly HashSet<int> _components = [];

    public int Components => _components.Count;

    public IEnumerable<HandledElement> Clickable => _handlers.Values;

    public void Apply(RenderBatch batch)
    {
        foreach (var frame in batch.ReferenceFrames)
        {
            if (frame.Type == RenderFrameType.Component) _components.Add(frame.ComponentId);
        }
        foreach (var id in batch.DisposedComponentIds) _components.Remove(id);
        var disposed = batch.DisposedEventHandlerIds.ToHashSet();
        foreach (var (componentId, handlerId) in batch.HandlersReplaced())
        {
            var old = _handlers.Values.FirstOrDefault(e => e.ComponentId == componentId && disposed.Contains(e.EventHandlerId));
            if (old is not null) _handlers[handlerId] = old with { EventHandlerId = handlerId };
        }
        foreach (var id in disposed) _handlers.Remove(id);
        foreach (var element in batch.ElementsHandling()) _handlers[element.EventHandlerId] = element;
    }

    public HandledElement? Find(Func<HandledElement, bool> match) => _handlers.Values.FirstOrDefault(match);
}
