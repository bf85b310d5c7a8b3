using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Curtailment.Host.Tests;

/// <summary>
/// The built host started as its own process (<c>dotnet Curtailment.Host.dll --urls ...</c>) on an empty store:
/// the start-up task loads a few days of SYNTHETIC demo data, finds too little history to train (regions stay
/// on the baseline) and issues forecasts; readiness turns healthy when it is done.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-process-").FullName;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task BuiltHost_EmptyStore_StartsLoadsDemoDataAndServesBaselineForecasts()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Curtailment.Host.dll");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Curtailment__Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, "store.db")}";
        start.Environment["Curtailment__Startup__DemoFolder"] = Path.Combine(_folder, "demo");
        start.Environment["Curtailment__Startup__DemoDays"] = "6";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
            var ready = await PollReadyAsync(client, process, output, TimeSpan.FromSeconds(90));
            Assert.Equal("ready", ready["checks"]!["startup"]!["description"]!.GetValue<string>());

            var regions = JsonNode.Parse(await client.GetStringAsync("/api/v1/regions"))!.AsArray();
            Assert.All(regions, r => Assert.Equal("synthetic-demo", r!["dataKind"]!.GetValue<string>()));
            var forecast = JsonNode.Parse(await client.GetStringAsync("/api/v1/regions/CAISO/forecast"))!;
            Assert.Equal("week_profile", forecast["modelVersion"]!.GetValue<string>());
            Assert.NotEmpty(forecast["intervals"]!.AsArray());
            Assert.True(File.Exists(Path.Combine(_folder, "demo", "README.md")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<JsonNode> PollReadyAsync(HttpClient client, Process process, System.Text.StringBuilder output, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"host exited: {output}");
            try
            {
                var response = await client.GetAsync("/health/ready");
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonNode.Parse(last)!;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"not ready within {timeout}: {last}\n{output}");
        return null!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
