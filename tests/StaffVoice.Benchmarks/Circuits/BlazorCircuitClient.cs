using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StaffVoice.Benchmarks.Circuits;

/// <summary>
/// A headless Blazor Server client: what <c>blazor.web.js</c> does to bring a prerendered page to life, without a
/// browser, so that one process can hold thousands of circuits. It reads the server component markers and the
/// persisted state from the prerendered HTML, connects to <c>/_blazor</c> over WebSockets with the <c>blazorpack</c>
/// protocol (MessagePack), calls <c>StartCircuit</c> and <c>UpdateRootComponents</c>, acknowledges every render batch
/// with <c>OnRenderCompleted</c>, answers the server's JavaScript calls with an empty result, and dispatches clicks
/// through <c>BeginInvokeDotNetFromJS</c> → <c>DispatchEventAsync</c> with handler ids read from the render batches.
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private const string MouseClick = """{"detail":1,"screenX":0,"screenY":0,"clientX":0,"clientY":0,"offsetX":0,"offsetY":0,"pageX":0,"pageY":0,"movementX":0,"movementY":0,"button":0,"buttons":0,"ctrlKey":false,"shiftKey":false,"altKey":false,"metaKey":false,"type":"click"}""";

    private readonly HubConnection _connection;
    private readonly object _gate = new();
    private readonly RenderedPage _page = new();
    private readonly ConcurrentDictionary<string, PendingClick> _clicks = new();
    private readonly TaskCompletionSource _interactive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<long, byte[]>? _capture;
    private long _rendererInterop = -1;
    private int _callIds;
    private int _batches;
    private long _bytes;

    private BlazorCircuitClient(HubConnection connection, Action<long, byte[]>? capture)
    {
        _connection = connection;
        _capture = capture;
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        connection.On<string>("JS.Error", error => Fail($"The server reported: {error}"));
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.Closed += error =>
        {
            Fail(error is null ? "The connection closed." : $"The connection closed: {error.Message}");
            return Task.CompletedTask;
        };
    }

    /// <summary>Set when the server reported an error or the connection closed.</summary>
    public string? Error { get; private set; }
    public int RenderBatches => Volatile.Read(ref _batches);
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Components the circuit holds: added in render batches and not yet disposed.</summary>
    public int Components
    {
        get { lock (_gate) return _page.Components; }
    }

    /// <summary>
    /// Requests <paramref name="path"/> (prerendered), then starts its circuit and waits for the first render batch and
    /// the renderer's event interop, so that the page is interactive when this returns.
    /// </summary>
    public static async Task<BlazorCircuitClient> StartAsync(HttpClient http, string path, string? cookie, TimeSpan timeout,
        Action<long, byte[]>? capture = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        var html = await response.Content.ReadAsStringAsync();
        var page = PrerenderedPage.Parse(html);
        if (page.ServerComponents.Count == 0) throw new InvalidOperationException($"GET {path} has no interactive server components.");

        var baseUri = http.BaseAddress!;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (cookie is not null) options.Headers["Cookie"] = cookie;
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackHubProtocol());
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        var client = new BlazorCircuitClient(connection, capture);
        try
        {
            await connection.StartAsync();
            var circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), new Uri(baseUri, path).ToString(), "[]",
                page.ApplicationState ?? "");
            if (string.IsNullOrEmpty(circuitId)) throw new InvalidOperationException($"StartCircuit for {path} was refused. {client.Error}");
            client._http = http;
            client._cookie = cookie;
            client._circuitId = circuitId;
            await connection.SendAsync("UpdateRootComponents", page.AddOperations(), page.ApplicationState ?? "");
            await client._interactive.Task.WaitAsync(timeout);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The handler of the first element seen whose attributes and text satisfy <paramref name="match"/>.</summary>
    public HandledElement? Find(Func<HandledElement, bool> match)
    {
        lock (_gate) return _page.Find(match);
    }

    /// <summary>
    /// Clicks the element whose handler is <paramref name="handlerId"/> and waits until the server has finished handling
    /// the click and its render batches have arrived: the time a person waits for the page to change.
    /// </summary>
    public async Task<TimeSpan> ClickAsync(ulong handlerId, TimeSpan timeout)
    {
        var callId = Interlocked.Increment(ref _callIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var click = new PendingClick(Stopwatch.GetTimestamp());
        _clicks[callId] = click;
        try
        {
            var descriptor = $$"""{"eventHandlerId":{{handlerId}},"eventName":"click","eventFieldInfo":null}""";
            await _connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", Interlocked.Read(ref _rendererInterop),
                $"[{descriptor},{MouseClick}]");
            return await click.Done.Task.WaitAsync(timeout);
        }
        finally
        {
            _clicks.TryRemove(callId, out _);
        }
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _bytes, data.Length);
        _capture?.Invoke(batchId, data);
        string? error = null;
        try
        {
            var batch = RenderBatch.Read(data);
            lock (_gate) _page.Apply(batch);
        }
        catch (InvalidDataException e)
        {
            error = e.Message;
            Fail($"Render batch {batchId} could not be read: {e.Message}");
        }
        Interlocked.Increment(ref _batches);
        foreach (var click in _clicks.Values) click.BatchArrived(now);
        await _connection.SendAsync("OnRenderCompleted", batchId, error);
        if (Interlocked.Read(ref _rendererInterop) >= 0) _interactive.TrySetResult();
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var asyncHandle = Convert.ToInt64(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var identifier = args[1] as string;
        if (identifier == "Blazor._internal.attachWebRendererInterop" && args[2] is string json &&
            DotNetObject().Match(json) is { Success: true } match)
        {
            Interlocked.Exchange(ref _rendererInterop, long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (RenderBatches > 0) _interactive.TrySetResult();
        }
        // A browser would run the function; the benchmark answers every call with an empty result, as a quiet page does.
        if (asyncHandle != 0) await _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,null]");
    }

    private void OnEndInvokeDotNet(string callId, bool succeeded, string result)
    {
        if (!_clicks.TryGetValue(callId, out var click)) return;
        if (!succeeded) click.Done.TrySetException(new InvalidOperationException($"The click failed on the server: {result}"));
        else click.HandlerFinished(Stopwatch.GetTimestamp());
    }

    private void Fail(string error)
    {
        Error ??= error;
        _interactive.TrySetException(new InvalidOperationException(error));
        foreach (var click in _clicks.Values) click.Done.TrySetException(new InvalidOperationException(error));
    }

    /// <summary>
    /// Closes the tab as a browser does: ends the circuit (the beacon blazor.web.js sends to <c>_blazor/disconnect</c> on
    /// unload), then the connection, so the server does not keep it as a disconnected circuit for minutes and one
    /// measurement does not weigh on the next.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_http is not null && _circuitId is not null)
        {
            try
            {
                // With the person's cookie: the app lets no anonymous request reach its hub endpoints.
                using var request = new HttpRequestMessage(HttpMethod.Post, "_blazor/disconnect")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = _circuitId }),
                };
                if (_cookie is not null) request.Headers.Add("Cookie", _cookie);
                using var response = await _http.SendAsync(request);
                if (!response.IsSuccessStatusCode) DisconnectRefused = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
            }
        }
        try
        {
            await _connection.DisposeAsync();
        }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionAbortedException)
        {
        }
    }

    private HttpClient? _http;
    private string? _cookie;
    private string? _circuitId;

    /// <summary>The status with which the server refused to end the circuit on <see cref="DisposeAsync"/>, if it did.</summary>
    public int? DisconnectRefused { get; private set; }

    [GeneratedRegex("\"__dotNetObject\"\\s*:\\s*(\\d+)")]
    private static partial Regex DotNetObject();

    /// <summary>
    /// A click is done when the server has finished its handler and at least one render batch has arrived after it
    /// was sent: the batches of a handler's renders are sent before its completion, so the time is that of the last
    /// batch before the completion (or of the first batch after it, when the handler rendered nothing earlier).
    /// </summary>
    private sealed class PendingClick(long started)
    {
        private readonly object _gate = new();
        private long _lastBatch;
        private bool _handlerFinished;

        public TaskCompletionSource<TimeSpan> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void BatchArrived(long at)
        {
            lock (_gate)
            {
                _lastBatch = at;
                if (_handlerFinished) Done.TrySetResult(Stopwatch.GetElapsedTime(started, at));
            }
        }

        public void HandlerFinished(long at)
        {
            lock (_gate)
            {
                _handlerFinished = true;
                if (_lastBatch != 0) Done.TrySetResult(Stopwatch.GetElapsedTime(started, _lastBatch));
            }
        }
    }
}

/// <summary>The server's name for MessagePack: the same wire format, offered as <c>blazorpack</c> in the handshake.</summary>
internal sealed class BlazorPackHubProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => TransferFormat.Binary;
    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref System.Buffers.ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, System.Buffers.IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}

/// <summary>The server component markers and the persisted component state in a prerendered page.</summary>
public sealed partial record PrerenderedPage(IReadOnlyList<JsonElement> ServerComponents, string? ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<JsonElement>();
        foreach (Match match in Marker().Matches(html))
        {
            using var json = JsonDocument.Parse(match.Groups[1].Value);
            if (json.RootElement.TryGetProperty("type", out var type) && type.GetString() == "server") markers.Add(json.RootElement.Clone());
        }
        markers.Sort((a, b) => Sequence(a).CompareTo(Sequence(b)));
        var state = State().Match(html);
        return new PrerenderedPage(markers, state.Success ? state.Groups[1].Value : null);
    }

    private static int Sequence(JsonElement marker) => marker.TryGetProperty("sequence", out var s) ? s.GetInt32() : 0;

    /// <summary>The <c>UpdateRootComponents</c> batch that adds every server component, as <c>blazor.web.js</c> sends it first.</summary>
    public string AddOperations() => JsonSerializer.Serialize(new
    {
        batchId = 1,
        operations = ServerComponents.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker }).ToArray(),
    });

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex State();
}
