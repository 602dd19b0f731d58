using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using StaffVoice.Web.Extensions;

namespace StaffVoice.Benchmarks;

/// <summary>
/// StaffVoice as its own process (the web project's Release build, started as an operator would), on a copy of a
/// generated database, demo sign-in on, background jobs off and the benchmark instruments on
/// (<see cref="BenchmarkExtensions"/>). The benchmark is the client; the two processes share the machine's two cores.
/// </summary>
public sealed partial class AppUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _client;

    private AppUnderTest(Process process, int port, string database, TimeSpan startup)
    {
        _process = process;
        Port = port;
        Database = database;
        StartedIn = startup;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public int Port { get; }
    public string Database { get; }
    /// <summary>From starting the process to the first healthy answer of /health/ready.</summary>
    public TimeSpan StartedIn { get; }
    public HttpClient Client => _client;
    public int ProcessId => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Copies <paramref name="generated"/> (so runs never change it) and starts the app on the copy.</summary>
    public static async Task<AppUnderTest> StartOnCopyAsync(string generated, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(generated))
        {
            throw new FileNotFoundException($"No generated database at {generated}: run 'generate --scale large' (or small) first.", generated);
        }
        var copy = Path.Combine(Path.GetTempPath(), $"staffvoice-bench-{Guid.NewGuid():N}.db");
        File.Copy(generated, copy);
        return await StartAsync(copy, settings);
    }

    public static async Task<AppUnderTest> StartAsync(string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Authentication:Mode"] = "Local",
            ["Database:Provider"] = "Sqlite",
            ["Database:SeedDemoData"] = "false",
            ["ConnectionStrings:StaffVoice"] = $"Data Source={database}",
            ["Jobs:RunServer"] = "false",
            ["Benchmarking:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return await LaunchAsync(WebDll(), all, "/health/ready", database);
    }

    /// <summary>Another ASP.NET Core app (the stock template of the circuits benchmark), ready when <paramref name="readyPath"/> answers.</summary>
    public static Task<AppUnderTest> StartOtherAsync(string dll, string readyPath) =>
        LaunchAsync(dll, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" }, readyPath, database: "");

    private static async Task<AppUnderTest> LaunchAsync(string dll, Dictionary<string, string> settings, string readyPath, string database)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        TimeSpan? ready = null;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}{readyPath}")).IsSuccessStatusCode)
                {
                    ready = watch.Elapsed;
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(20);
        }
        var app = new AppUnderTest(process, port, database, ready ?? watch.Elapsed);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (ready is null)
        {
            await Task.Delay(500);
            var output = app.Output;
            await app.DisposeAsync();
            throw new InvalidOperationException($"{Path.GetFileName(dll)} did not become ready on port {port}:\n{output}");
        }
        return app;
    }

    /// <summary>The web project's build output in the configuration the benchmarks were built in.</summary>
    public static string WebDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "src", "StaffVoice.Web", "bin", configuration, "net10.0", "StaffVoice.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the web project first.", dll);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StaffVoice.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("StaffVoice.sln not found above the benchmark binaries.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<BenchmarkStats> StatsAsync(bool collect = false) =>
        (await _client.GetFromJsonAsync<BenchmarkStats>($"/_bench/stats?gc={(collect ? "true" : "false")}"))!;

    /// <summary>Signs <paramref name="email"/> in through the demo sign-in form (antiforgery included); returns the Cookie header.</summary>
    public async Task<string> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = _client.BaseAddress,
        };
        var form = await client.GetStringAsync("/account/signin");
        var token = TokenField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}.");
        return cookies.GetCookieHeader(_client.BaseAddress!);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Path.GetFileName(Database).StartsWith("staffvoice-bench-", StringComparison.Ordinal))
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(Database + suffix); } catch (IOException) { }
            }
        }
    }
}
