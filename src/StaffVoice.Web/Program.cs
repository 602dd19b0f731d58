using StaffVoice.Web.Extensions;

// A container HEALTHCHECK without curl: `dotnet StaffVoice.Web.dll --probe http://localhost:8080/health/live`.
if (args is ["--probe", var probeUrl]) return await DataExtensions.ProbeAsync(probeUrl);
if (args.Contains("--migrate-only")) return await DataExtensions.MigrateOnlyAsync(args.Where(a => a != "--migrate-only").ToArray());

var builder = WebApplication.CreateBuilder(args);

builder.UseStaffVoiceDefaultUrl();
builder.AddStaffVoiceData();
builder.AddStaffVoiceAuth();
builder.AddStaffVoiceJobs();
builder.AddStaffVoiceUi();
builder.AddStaffVoiceFeatures();
builder.AddStaffVoiceOperations();
builder.AddStaffVoiceBenchmarking();

var app = builder.Build();

await app.MigrateAndSeedAsync();
app.UseStaffVoicePipeline();
app.MapStaffVoiceEndpoints();
app.MapStaffVoiceBenchmarking();
app.LogStartupBanner();

await app.RunAsync();
return 0;

/// <summary>The entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
