using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Curtailment.Cli.Serving;

namespace Curtailment.Cli.Tests;

/// <summary><c>curtail serve</c> starting the real built host as a process (the CLI does not reference the host).</summary>
[Trait("Category", "Integration")]
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-serve-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A store file the stopped host has just closed; the OS cleans temp folders.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serve_FromTheCliBuild_StartsTheHostWithTheArgumentsAndStopsItOnSigint()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("sends SIGINT with kill(1); Windows delivers Ctrl+C to the console group instead");
        }

        var db = Path.Combine(_folder, "serve.db");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", ["exec", BuildOutput.Of("src/Curtailment.Cli", "curtail.dll"), "serve", "--db", db, "--urls", url,
            "--Curtailment:Startup:LoadDemoData=false", $"--Curtailment:Startup:DemoFolder={Path.Combine(_folder, "demo")}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        // Found the way a developer's `curtail serve` finds it: the host project's build beside the CLI's.
        start.Environment.Remove(HostLocator.HostVariable);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var curtail = Process.Start(start)!;
        var output = new StringBuilder();
        curtail.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        curtail.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        curtail.BeginOutputReadLine();
        curtail.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
            await PollAsync(client, "/health/ready", curtail, output, TimeSpan.FromSeconds(90));
            Assert.True(File.Exists(db), $"the store named by --db: {output}");
            Assert.False(Directory.Exists(Path.Combine(_folder, "demo")), "--Curtailment:Startup:LoadDemoData=false reached the host");

            // To curtail only: the host stops because curtail passes the signal on.
            using (var kill = Process.Start("kill", ["-INT", curtail.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await curtail.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                lock (output)
                {
                    Assert.Fail($"curtail serve did not stop within 60 s of SIGINT (a shell's background job inherits SIGINT ignored); its output:{Environment.NewLine}{output}");
                }
            }

            Assert.Equal(0, curtail.ExitCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health/live"));
            lock (output)
            {
                Assert.Contains("curtail serve: starting", output.ToString(), StringComparison.Ordinal);
                Assert.Contains("Application is shutting down", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!curtail.HasExited)
            {
                curtail.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Serve_HostRefusesABadSetting_ReturnsTheHostsExitCode()
    {
        var error = new StringWriter();

        var exit = await CurtailCli.RunAsync(
            ["serve", "--host", BuildOutput.Of("src/Curtailment.Host", HostLocator.HostFileName), "--db", Path.Combine(_folder, "bad.db"),
             "--urls", $"http://127.0.0.1:{FreePort()}", "--Curtailment:Api:RateLimitPermits=0"],
            TextWriter.Null, error);

        // The host's own refusal (Program.cs: 1 for a setting that fails validation), passed through.
        Assert.Equal(1, exit);
        Assert.Contains("curtail serve: starting", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_HostPathMissing_UsageErrorNamingTheOption()
    {
        var error = new StringWriter();

        var exit = await CurtailCli.RunAsync(["serve", "--host", Path.Combine(_folder, "none", HostLocator.HostFileName)], TextWriter.Null, error);

        Assert.Equal(CurtailCli.UsageError, exit);
        Assert.Contains("--host:", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task PollAsync(HttpClient client, string path, Process process, StringBuilder output, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"curtail serve exited: {output}");
            try
            {
                if ((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK)
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

        Assert.Fail($"{path} not 200 within {timeout.TotalSeconds} s: {output}");
    }
}
