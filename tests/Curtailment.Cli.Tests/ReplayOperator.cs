using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Curtailment.Cli.Tests;

/// <summary>
/// The operator replay server (tools/Curtailment.ReplayServer) run as a process of its own, so ASP.NET Core never
/// enters this project's output folder (the curtail processes other tests start from it must find the
/// Microsoft.Extensions packages there). It serves a small data folder written here in the layout of shared/data/real:
/// CAISO's Today's Outlook demand for 5 and 6 January 2021 (Pacific days), three 5-minute rows each, and nothing else;
/// its virtual clock stands at 9 January, so every later day, and the 7th and 8th, are not published.
/// </summary>
public sealed class ReplayOperator : IAsyncLifetime
{
    /// <summary>The Outlook rows served per published day.</summary>
    public const int RowsPerDay = 3;

    /// <summary>The current demand of the first row of 5 January (00:05 Pacific).</summary>
    public const int FirstDemand = 21000;

    private static readonly TimeSpan Pacific = TimeSpan.FromHours(-8);

    private readonly string _data = Directory.CreateTempSubdirectory("curtail-replay-").FullName;
    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <summary>The base URL every feed is served below.</summary>
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        WriteData();
        var start = new ProcessStartInfo("dotnet",
            ["exec", BuildOutput.Of("tools/Curtailment.ReplayServer", "Curtailment.ReplayServer.dll"),
             "--data", _data, "--start", "2021-01-09T00:00Z", "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data,
        };
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Received(e.Data, started);
        _process.ErrorDataReceived += (_, e) => Received(e.Data, started);
        _process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"the replay server exited: {Log()}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseUrl = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>What the server printed, for failure messages.</summary>
    public string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private void Received(string? line, TaskCompletionSource<string> started)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        // "Replay server at http://127.0.0.1:PORT/ serving ...", its first line.
        const string Prefix = "Replay server at ";
        if (line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            started.TrySetResult(line[Prefix.Length..].Split(' ')[0]);
        }
    }

    /// <summary>The cleaned files the server reads: the Outlook rows, and every other dataset with its header only.</summary>
    private void WriteData()
    {
        var outlook = new StringBuilder(
            "interval_start_utc,interval_end_utc,interval_end_local,solar_mw,wind_mw,geothermal_mw,biomass_mw,biogas_mw,small_hydro_mw,"
            + "coal_mw,nuclear_mw,natural_gas_mw,large_hydro_mw,batteries_mw,imports_mw,other_mw,demand_mw,"
            + "demand_forecast_dayahead_mw,demand_forecast_hourahead_mw,net_load_mw,dst_flag,qa_flags\n");
        var demand = FirstDemand;
        foreach (var day in new[] { 5, 6 })
        {
            for (var i = 1; i <= RowsPerDay; i++)
            {
                var end = new DateTimeOffset(2021, 1, day, 0, 5 * i, 0, Pacific);
                var utc = end.ToUniversalTime();
                outlook.Append(CultureInfo.InvariantCulture,
                    $"{utc.AddMinutes(-5):yyyy-MM-dd'T'HH:mm:ss}+00:00,{utc:yyyy-MM-dd'T'HH:mm:ss}+00:00,{end:yyyy-MM-dd'T'HH:mm:ss}-08:00,"
                    + $"0,900,900,300,200,200,10,2200,8000,1500,0,8000,0,{demand},{demand + 100},{demand + 50},{demand - 900},,\n");
                demand += 10;
            }
        }

        Write("caiso_outlook_5min", "caiso_outlook_fuelmix_demand_5min_2021.csv", outlook.ToString());
        Write("caiso_dayahead_forecast_hourly", "caiso_dam_solar_wind_forecast_hourly_2021.csv", "interval_start_utc\n");
        Write("caiso_production_curtailment_5min", "caiso_curtailment_5min_2021.csv", "interval_start_utc\n");
        Write("eia930_demand", "eia930_demand_CISO_hourly.csv", "interval_end_utc\n");
        Write("aemo_sa1_price_demand_5min", "aemo_sa1_price_demand_2021.csv", "interval_end_nem_time\n");
    }

    private void Write(string folder, string file, string text)
    {
        Directory.CreateDirectory(Path.Combine(_data, folder));
        File.WriteAllText(Path.Combine(_data, folder, file), text);
    }
}
