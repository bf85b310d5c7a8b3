using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curtailment.Pipelines.Research;

/// <summary>
/// The built service (<c>dotnet Curtailment.Host.dll</c>) as a child process on a free loopback port over a given store,
/// for notebooks: the notebook kernel carries its own ASP.NET Core and Polly versions, so the host does not run in-process.
/// </summary>
public sealed class LocalService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private LocalService(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The service's address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client of the service.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// Starts the host over the SQLite store at <paramref name="databasePath"/> (no demo loading, training or forecasts at
    /// start-up: forecasts are computed on request) and waits until <c>/health/ready</c> answers 200, at most
    /// <paramref name="readyTimeout"/> (default one minute).
    /// </summary>
    public static async Task<LocalService> StartAsync(string hostDll, string databasePath, TimeSpan? readyTimeout = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"No built host at {hostDll}: publish src/Curtailment.Host (notebooks/run-all.sh does).", hostDll);
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(hostDll), "--urls", address.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(hostDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Curtailment__Storage__ConnectionString"] = $"Data Source={Path.GetFullPath(databasePath)}";
        start.Environment["Curtailment__Startup__LoadDemoData"] = "false";
        start.Environment["Curtailment__Startup__TrainMissingModels"] = "false";
        start.Environment["Curtailment__Startup__IssueForecasts"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new LocalService(process, output, address);
        try
        {
            await service.WaitReadyAsync(readyTimeout ?? TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            return service;
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the child process.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Kestrel not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The host was not ready within {timeout.TotalSeconds:F0} s:\n{Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
