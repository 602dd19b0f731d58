using StaffVoice.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.UseStaffVoiceDefaultUrl();
builder.AddStaffVoiceData();
builder.AddStaffVoiceAuth();
builder.AddStaffVoiceJobs();
builder.AddStaffVoiceUi();
builder.AddStaffVoiceFeatures();

var app = builder.Build();

await app.MigrateAndSeedAsync();
app.UseStaffVoicePipeline();
app.MapStaffVoiceEndpoints();
app.LogStartupBanner();

await app.RunAsync();

/// <summary>The entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
