using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StaffVoice.Tests.Infrastructure;

namespace StaffVoice.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a free loopback port with its own fresh database, and one headless Chromium (Debian's, or the one
/// named by STAFFVOICE_CHROMIUM). Each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    public const string ChromiumVariable = "STAFFVOICE_CHROMIUM";

    private KestrelAppFactory _factory = null!;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _factory.Services;

    /// <summary>Settings for the app beyond the defaults (a subclass starts what they point at first).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public async ValueTask InitializeAsync()
    {
        _factory = new KestrelAppFactory(await SettingsAsync());
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // Root in CI needs --no-sandbox; the others keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A page in a fresh browser context. axe-core is injected as an inline script, so the app's
    /// Content-Security-Policy is bypassed unless <paramref name="enforceCsp"/> asks for the real thing.</summary>
    public async Task<IPage> NewPageAsync(bool enforceCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BypassCSP = !enforceCsp,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class KestrelAppFactory(IReadOnlyDictionary<string, string> settings) : StaffVoiceAppFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseUrls("http://127.0.0.1:0");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
