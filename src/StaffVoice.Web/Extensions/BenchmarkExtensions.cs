using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StaffVoice.Web.Extensions;

/// <summary>
/// Instruments for the benchmarks in <c>tests/StaffVoice.Benchmarks</c>, off unless <c>Benchmarking:Enabled</c> is
/// true: a count of the database commands the process has run (EF Core's diagnostic events, so every command of every
/// context), a count of open circuits, and <c>GET /_bench/stats</c> with those counts, the managed heap (after a forced
/// full collection with <c>?gc=true</c>), working set and processor time; <c>GET /_bench/slow</c> lists the commands that took
/// 10 ms or more since it was last asked. Never enable it on a server people use: the
/// endpoint answers without sign-in.
/// </summary>
public static class BenchmarkExtensions
{
    public const string Section = "Benchmarking";

    public static WebApplicationBuilder AddStaffVoiceBenchmarking(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue($"{Section}:Enabled", false)) return builder;
        builder.Services.AddSingleton<DatabaseCommandCounter>();
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        return builder;
    }

    public static WebApplication MapStaffVoiceBenchmarking(this WebApplication app)
    {
        if (app.Services.GetService<DatabaseCommandCounter>() is not { } commands) return app;
        commands.Start();
        var circuits = app.Services.GetRequiredService<CircuitCounter>();
        app.MapGet("/_bench/stats", (bool? gc) =>
        {
            var heap = GC.GetTotalMemory(forceFullCollection: gc == true);
            using var process = Process.GetCurrentProcess();
            return Results.Json(new BenchmarkStats(commands.Count, circuits.Open, heap, process.WorkingSet64, process.PeakWorkingSet64,
                process.TotalProcessorTime.TotalMilliseconds, GC.CollectionCount(2)));
        }).AllowAnonymous();
        app.MapGet("/_bench/slow", () => Results.Json(commands.TakeSlow())).AllowAnonymous();
        app.Logger.LogWarning("Benchmarking:Enabled is on: /_bench/stats answers without sign-in. Benchmarks only.");
        return app;
    }
}

public sealed record BenchmarkStats(long Commands, int Circuits, long ManagedHeapBytes, long WorkingSetBytes, long PeakWorkingSetBytes,
    double ProcessorMilliseconds, int Gen2Collections);

public sealed record SlowCommand(double Milliseconds, string Sql);

/// <summary>Counts EF Core's executed commands in this process through its diagnostic listener.</summary>
public sealed class DatabaseCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private readonly List<IDisposable> _subscriptions = [];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Start()
    {
        lock (_subscriptions) _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == Executed));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != Executed) return;
        Interlocked.Increment(ref _count);
        if (value.Value is CommandExecutedEventData data && data.Duration >= SlowThreshold)
        {
            lock (_slow)
            {
                if (_slow.Count < 500) _slow.Add(new SlowCommand(data.Duration.TotalMilliseconds, data.Command.CommandText));
            }
        }
    }

    /// <summary>Commands that took at least this long are kept (up to 500) for <c>/_bench/slow</c>.</summary>
    public static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(10);

    private readonly List<SlowCommand> _slow = [];

    /// <summary>The slow commands since the last call, slowest first; the list starts again.</summary>
    public IReadOnlyList<SlowCommand> TakeSlow()
    {
        lock (_slow)
        {
            var list = _slow.OrderByDescending(c => c.Milliseconds).ToList();
            _slow.Clear();
            return list;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var s in _subscriptions) s.Dispose();
            _subscriptions.Clear();
        }
    }
}

/// <summary>Open Blazor circuits in this process.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
