using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using StaffVoice.Web.Extensions;

namespace StaffVoice.Tests.Http;

/// <summary>The benchmark instruments answer without sign-in, so they exist only when switched on by configuration.</summary>
public class BenchmarkInstrumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Instrumented : StaffVoiceAppFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Benchmarking:Enabled", "true");
    }

    [Fact]
    public async Task Off_by_default_the_stats_and_slow_command_endpoints_do_not_exist()
    {
        await using var factory = new StaffVoiceAppFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/_bench/stats", "/_bench/slow" })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode); // not there: the sign-in redirect every unknown page gets
            Assert.NotEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Switched_on_the_stats_count_the_database_commands_a_page_runs()
    {
        await using var factory = new Instrumented();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var before = (await client.GetFromJsonAsync<BenchmarkStats>("/_bench/stats", Ct))!;
        var health = await client.GetAsync("/health/ready", Ct); // runs a database check
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await client.GetAsync("/account/signin", Ct); // lists the demo people: at least one command
        var after = (await client.GetFromJsonAsync<BenchmarkStats>("/_bench/stats?gc=true", Ct))!;

        Assert.True(after.Commands > before.Commands, $"{before.Commands} -> {after.Commands}");
        Assert.True(after.ManagedHeapBytes > 0 && after.WorkingSetBytes > 0);
        Assert.Equal(0, after.Circuits);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_bench/slow", Ct)).StatusCode);
    }
}
