using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StaffVoice.BrowserTests.Infrastructure;

/// <summary>
/// One StaffVoice instance as its own process (the web project's build output, started as `dotnet run` would), on a
/// free loopback port: what an operator runs several of. Killing it is a real crash, not a disposal.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts an instance and waits until it answers /health/ready.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "StaffVoice.Web");
        // The same configuration the tests were built in (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "StaffVoice.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first: the web project's output is missing.", dll);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var app = new AppProcess(Process.Start(start)!, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited) throw new InvalidOperationException($"The instance on port {port} exited:\n{app.Output}");
            try
            {
                if ((await client.GetAsync($"{app.BaseUrl}/health/ready", ct)).IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(250, ct);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The instance on port {port} did not become ready:\n{app.Output}");
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash or a killed pod would.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StaffVoice.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("StaffVoice.sln not found above the test binaries.");
    }
}

/// <summary>nginx from Debian's packages with the shipped deploy/nginx.conf, pointed at local instances.</summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>
    /// Starts nginx in the foreground with the shipped configuration, changed only where this machine differs: the
    /// upstream addresses, the listening port and the temporary paths; and one extra response header naming the instance
    /// that answered (so the test knows which one to kill).
    /// </summary>
    public static async Task<NginxProcess> StartAsync(int firstPort, int secondPort, CancellationToken ct)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("nginx is not installed (./test.sh installs it from Debian's packages).");
        var folder = Directory.CreateTempSubdirectory("staffvoice-nginx-").FullName;
        var port = AppProcess.FreePort();
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppProcess.RepositoryRoot(), "deploy", "nginx.conf"), ct);
        var config = shipped
            .Replace("server web1:8080", $"server 127.0.0.1:{firstPort}")
            .Replace("server web2:8080", $"server 127.0.0.1:{secondPort}")
            .Replace("listen 8080;", $"listen 127.0.0.1:{port};")
            .Replace("/tmp/nginx", Path.Combine(folder, "nginx"))
            .Replace("add_header Set-Cookie $staffvoice_affinity_cookie always;",
                "add_header Set-Cookie $staffvoice_affinity_cookie always;\n            add_header X-StaffVoice-Upstream $upstream_addr always;");
        Assert.NotEqual(shipped, config);
        var path = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(path, config, ct);
        var start = new ProcessStartInfo(nginx, ["-e", "stderr", "-c", path, "-g", "daemon off;"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        var proxy = new NginxProcess(process, folder, port);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx exited: {errors}");
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port, ct);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(100, ct);
            }
        }
        await proxy.DisposeAsync();
        throw new TimeoutException($"nginx did not listen on {port}: {errors}");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
