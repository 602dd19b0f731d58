using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire.Server;
using Microsoft.Azure.SignalR;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace StaffVoice.Web.Extensions;

/// <summary>StaffVoice's own meter and activity source, beside ASP.NET Core's, HttpClient's, EF Core's and the runtime's.</summary>
public static class Telemetry
{
    public const string Name = "StaffVoice";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Drafts entering a state (tag <c>state</c>).</summary>
    public static readonly Counter<long> DraftStateChanges = Meter.CreateCounter<long>("staffvoice.drafts.state_changes", description: "Drafts entering a workflow state");

    /// <summary>Channel posts that went out (tag <c>channel</c>).</summary>
    public static readonly Counter<long> PostsPublished = Meter.CreateCounter<long>("staffvoice.posts.published", description: "Posts published on a channel");

    /// <summary>How long each background sweep ran (tags <c>job</c> and <c>outcome</c>).</summary>
    public static readonly Histogram<double> SweepDuration = Meter.CreateHistogram<double>("staffvoice.sweeps.duration", unit: "s",
        description: "Duration of background sweeps");
}

/// <summary>Times every Hangfire job for <see cref="Telemetry.SweepDuration"/>.</summary>
public sealed class SweepTelemetryFilter : IServerFilter
{
    private const string StartedKey = "staffvoice-started";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long ticks)
        {
            Telemetry.SweepDuration.Record(Stopwatch.GetElapsedTime(ticks).TotalSeconds,
                new KeyValuePair<string, object?>("job", context.BackgroundJob.Job.Type.Name),
                new KeyValuePair<string, object?>("outcome", context.Exception is null ? "done" : "failed"));
        }
    }
}

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics over OTLP when <c>OpenTelemetry:Endpoint</c> is set; JSON console logs when
    /// <c>Logging:Console:FormatterName=json</c> (read by the console logger itself); Azure SignalR Service when
    /// <c>Azure:SignalR:ConnectionString</c> is set (server sticky mode required: a circuit lives on one server).
    /// </summary>
    public static WebApplicationBuilder AddStaffVoiceOperations(this WebApplicationBuilder builder)
    {
        // Graceful shutdown: on SIGTERM in-flight requests (and so saves) get this long to finish, the Hangfire workers
        // stop, and open tabs get the reconnect UI.
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = builder.Configuration.GetValue("HostOptions:ShutdownTimeout", TimeSpan.FromSeconds(30)));
        if (builder.Configuration["OpenTelemetry:Endpoint"] is { Length: > 0 } endpoint)
        {
            var otlp = new Uri(endpoint);
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(builder.Configuration["OpenTelemetry:ServiceName"] ?? "staffvoice"))
                .WithTracing(tracing => tracing
                    .AddSource(Telemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = otlp))
                .WithMetrics(metrics => metrics
                    .AddMeter(Telemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = otlp));
        }
        if (builder.Configuration["Azure:SignalR:ConnectionString"] is { Length: > 0 } signalR)
        {
            builder.Services.AddSignalR().AddAzureSignalR(options =>
            {
                options.ConnectionString = signalR;
                options.ServerStickyMode = ServerStickyMode.Required;
            });
        }
        return builder;
    }
}
