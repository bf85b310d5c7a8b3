using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Curtailment.ReplayServer;
using Curtailment.Testing;
using Microsoft.Data.Sqlite;

namespace Curtailment.Host.Tests.Live;

/// <summary>
/// The live host killed (SIGKILL) in the middle of a retrain and started again on the same store ends, once its
/// virtual clock has run the same days again, with the same data, models and forecasts as a host that was never
/// killed. Both hosts are the built <c>Curtailment.Host.dll</c> as their own processes, against one replay server.
/// </summary>
[Trait("Category", "RealData")]
[Trait("Category", "Integration")]
public sealed class KilledRetrainTests : IDisposable
{
    private const string ApiKey = "kill-test-key-0123456789";

    private static readonly DateTimeOffset Start = new(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // Monday 25 January, midnight in California; the first retrain with enough history runs at 03:30 (11:30 UTC).
    private static readonly DateTimeOffset BeforeRetrain = new(2021, 1, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RetrainAt = new(2021, 1, 25, 11, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2021, 1, 27, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-kill-").FullName;

    [Fact]
    public async Task Kill9_MidRetrain_RestartEndsWithTheSameStoreAndForecasts()
    {
        var clock = new HostClock();
        await using var operators = await ReplayServer.ReplayServer.StartAsync(new ReplayServerOptions { DataFolder = Requires.RealData() }, clock);
        operators.Preload();

        var reference = Path.Combine(_folder, "reference.db");
        await using (var host = HostProcess.Start(reference, Start, operators, clock))
        {
            await host.AdvanceDailyAsync(Start, End);
        }

        var killed = Path.Combine(_folder, "killed.db");
        await using (var host = HostProcess.Start(killed, Start, operators, clock))
        {
            await host.AdvanceDailyAsync(Start, BeforeRetrain);
            var advance = host.AdvanceAsync(BeforeRetrain.AddHours(4));
            await host.WaitForClockAsync(RetrainAt);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            host.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => advance);
        }

        // The kill came mid-retrain: no model was written.
        Assert.Empty(StoreRows.Read(killed, StoreRows.Models));

        await using (var host = HostProcess.Start(killed, BeforeRetrain, operators, clock))
        {
            await host.AdvanceDailyAsync(BeforeRetrain, End);
        }

        Assert.Equal(StoreRows.Read(reference, StoreRows.Observations), StoreRows.Read(killed, StoreRows.Observations));
        Assert.Equal(StoreRows.Read(reference, StoreRows.Models), StoreRows.Read(killed, StoreRows.Models));
        var forecasts = StoreRows.Read(reference, StoreRows.Forecasts);
        Assert.NotEmpty(forecasts);
        Assert.Equal(forecasts, StoreRows.Read(killed, StoreRows.Forecasts));
        Assert.Contains(StoreRows.Read(reference, StoreRows.Models), m => m.Contains(" Active ", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The replay server's clock: the virtual clock of whichever host process runs now, asked over HTTP.</summary>
    private sealed class HostClock : TimeProvider
    {
        private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

        public Uri? Host { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Host ?? throw new InvalidOperationException("No host runs."), "/api/v1/admin/clock"));
            request.Headers.Add("X-Api-Key", ApiKey);
            using var response = _client.Send(request);
            response.EnsureSuccessStatusCode();
            using var stream = response.Content.ReadAsStream();
            return JsonNode.Parse(stream)!["now"]!.GetValue<DateTimeOffset>();
        }
    }

    /// <summary>The built host as its own process, in its live profile on a virtual clock, against the replay server.</summary>
    private sealed class HostProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private HostProcess(Process process, Uri url)
        {
            _process = process;
            Client = new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
            Client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public HttpClient Client { get; }

        public static HostProcess Start(string db, DateTimeOffset clockStart, ReplayServer.ReplayServer operators, HostClock clock)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Curtailment.Host.dll"), "--live", "--urls", url.ToString()])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Curtailment__Storage__ConnectionString"] = $"Data Source={db}",
                ["Curtailment__Api__Keys__0"] = ApiKey,
                ["Curtailment__Api__RateLimitPermits"] = "100000",
                ["Curtailment__Live__Regions__0"] = "CAISO",
                ["Curtailment__Clock__Mode"] = "Virtual",
                ["Curtailment__Clock__Start"] = clockStart.ToString("O"),
                ["Curtailment__Jobs__RetrainCron"] = LiveReplay.RetrainCron,
                ["Curtailment__Fetch__RetryDelay"] = "00:00:00.010",
                ["Curtailment__Fetch__MaxRetryAttempts"] = "1",
                ["Curtailment__Training__EvaluationDays"] = "7",
                ["Curtailment__Training__WindowDays"] = "60",
                ["Curtailment__Model__Trees"] = "30",
                ["Curtailment__Model__Leaves"] = "8",
                ["Curtailment__Model__MinRowsPerLeaf"] = "20",
            };
            foreach (var (key, value) in operators.HostSettings)
            {
                settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            var host = new HostProcess(Process.Start(start)!, url);
            clock.Host = url;
            return host;
        }

        public async Task AdvanceDailyAsync(DateTimeOffset from, DateTimeOffset until)
        {
            await WaitUntilUpAsync();
            for (var day = from.AddDays(1); day <= until; day = day.AddDays(1))
            {
                var response = await AdvanceAsync(day);
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }

            if (until.Hour != from.Hour)
            {
                var response = await AdvanceAsync(until);
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }
        }

        public async Task<HttpResponseMessage> AdvanceAsync(DateTimeOffset to)
        {
            await WaitUntilUpAsync();
            return await Client.PostAsJsonAsync("/api/v1/admin/clock/advance", new { to });
        }

        /// <summary>Waits until the virtual clock has reached <paramref name="instant"/> (the runner sets it before each occurrence).</summary>
        public async Task WaitForClockAsync(DateTimeOffset instant)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            while (true)
            {
                Assert.False(_process.HasExited, Output);
                var now = JsonNode.Parse(await Client.GetStringAsync("/api/v1/admin/clock", timeout.Token))!["now"]!.GetValue<DateTimeOffset>();
                if (now >= instant)
                {
                    return;
                }

                await Task.Delay(20, timeout.Token);
            }
        }

        public void Kill()
        {
            // SIGKILL: no shutdown, no flush, as `kill -9`.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private async Task WaitUntilUpAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (true)
            {
                Assert.False(_process.HasExited, Output);
                try
                {
                    if ((await Client.GetAsync("/health/live", timeout.Token)).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(100, timeout.Token);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Client.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }
}
