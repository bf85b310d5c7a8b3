using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curtailment.Host.Tests.ScaleOut;

/// <summary>The built host started as its own process (<c>dotnet Curtailment.Host.dll --urls ... --role ...</c>), its output captured.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(string name, string url, Process process)
    {
        Name = name;
        Url = url;
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public string Url { get; }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static HostProcess Start(string name, string role, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Curtailment.Host.dll");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url, "--role", role])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var host = new HostProcess(name, url, process);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200 (bounded).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"{Name} exited: {Output}");
            try
            {
                var response = await Client.GetAsync("/health/ready");
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{Name} not ready within {timeout}: {last}\n{Output}");
    }

    /// <summary>Waits (bounded) for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} still running after {timeout}: {Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits (bounded) until the output contains <paramref name="text"/>; fails if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"{Name} exited before writing '{text}': {Output}");
            Assert.True(DateTime.UtcNow < deadline, $"{Name} did not write '{text}' within {timeout}: {Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process at once (no graceful shutdown), as a crashed machine would stop.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A loopback port nothing listens on (at the time of the call).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
