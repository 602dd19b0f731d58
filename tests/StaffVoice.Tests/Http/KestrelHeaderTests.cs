using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace StaffVoice.Tests.Http;

/// <summary>The app on real Kestrel, on a free loopback port: the test server sends no <c>Server</c> header of its own,
/// Kestrel does unless told not to.</summary>
public sealed class KestrelAppFactory : StaffVoiceAppFactory
{
    public KestrelAppFactory() => UseKestrel(0);

    protected override bool SharesSeededDatabase => true;

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1"));
        }
    }

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseUrls("http://127.0.0.1:0");
}

public class KestrelHeaderTests(KestrelAppFactory factory) : IClassFixture<KestrelAppFactory>
{
    [Theory]
    [InlineData("/account/signin", HttpStatusCode.OK)]
    [InlineData("/responses", HttpStatusCode.Redirect)] // to sign in
    [InlineData("/health", HttpStatusCode.OK)]
    public async Task Real_Kestrel_names_no_server_and_sends_the_security_headers(string path, HttpStatusCode expected)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = factory.BaseAddress };
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.StartsWith("default-src 'self'; script-src 'self';", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
