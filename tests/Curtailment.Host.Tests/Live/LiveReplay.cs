using System.Net;
using System.Net.Http.Json;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Backtest;
using Curtailment.Pipelines.Forecasting;
using Curtailment.ReplayServer;
using Curtailment.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests.Live;

/// <summary>
/// The host in its live profile for CAISO, on a virtual clock, against the operator replay server serving the real
/// files from <c>../shared</c> (the server reads the host's clock), advanced a day at a time.
/// </summary>
internal sealed class LiveReplay : IAsyncDisposable
{
    /// <summary>Weekly on Mondays at 03:30, before that morning's curtailment label is published.</summary>
    public const string RetrainCron = "30 3 * * 1";

    private LiveReplay(ReplayServer.ReplayServer operators, HostFactory host, HttpClient client)
    {
        Operators = operators;
        Host = host;
        Client = client;
    }

    public ReplayServer.ReplayServer Operators { get; }

    public HostFactory Host { get; }

    public HttpClient Client { get; }

    public Region Caiso => Host.Services.GetRequiredService<IRegionCatalog>().Get("CAISO");

    public static async Task<LiveReplay> StartAsync(DateTimeOffset start, IEnumerable<ReplayFault>? faults = null)
    {
        var clock = new FollowingClock();
        var operators = await ReplayServer.ReplayServer.StartAsync(new ReplayServerOptions { DataFolder = Requires.RealData() }, clock);
        operators.Preload();
        foreach (var fault in faults ?? [])
        {
            operators.AddFault(fault);
        }

        var settings = new Dictionary<string, string?>
        {
            ["Curtailment:Live:Enabled"] = "true",
            ["Curtailment:Live:Regions:0"] = "CAISO",
            ["Curtailment:Clock:Mode"] = "Virtual",
            ["Curtailment:Clock:Start"] = start.ToString("O"),
            ["Curtailment:Jobs:RetrainCron"] = RetrainCron,
            ["Curtailment:Fetch:RetryDelay"] = "00:00:00.010",
            ["Curtailment:Fetch:MaxRetryAttempts"] = "1",
        };
        foreach (var (key, value) in operators.HostSettings)
        {
            settings[key] = value;
        }

        var host = HostFactory.Empty(settings);
        var client = host.Client(withKey: true);
        client.Timeout = Timeout.InfiniteTimeSpan;
        clock.Source = host.Services.GetRequiredService<TimeProvider>();
        return new LiveReplay(operators, host, client);
    }

    /// <summary>Advances the virtual clock a day at a time up to <paramref name="until"/>, calling <paramref name="each"/> after each day.</summary>
    public async Task AdvanceDailyAsync(DateTimeOffset from, DateTimeOffset until, Func<DateTimeOffset, Task>? each = null)
    {
        for (var day = from.AddDays(1); day <= until; day = day.AddDays(1))
        {
            var response = await Client.PostAsJsonAsync("/api/v1/admin/clock/advance", new { to = day });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (each is not null)
            {
                await each(day);
            }
        }
    }

    /// <summary>Every vintage the service issued.</summary>
    public async Task<IReadOnlyList<ForecastVintage>> VintagesAsync() =>
        await Host.Services.GetRequiredService<IForecastStore>().ListForecastsAsync("CAISO", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default);

    /// <summary>
    /// The 10:00 vintages of <c>[first, last]</c> against the backtest that retrains as the service does, over the store
    /// the service built, from <paramref name="backtestFrom"/> (whose first retrain instant must be the service's, or
    /// one before it had enough history). Returns the intervals compared and those that differ by more than 1e-6.
    /// </summary>
    public async Task<(int Compared, List<string> Mismatches)> CompareWithBacktestAsync(DateOnly backtestFrom, DateOnly first, DateOnly last)
    {
        var vintages = await VintagesAsync();
        var backtest = await Host.Services.GetRequiredService<BacktestPipeline>().RunAsync(
            new BacktestRequest("CAISO", backtestFrom, last, RetrainCron: RetrainCron), null, default);
        var rows = backtest.Rows.Where(r => r.Day >= first).ToLookup(r => r.Day);
        var compared = 0;
        var mismatches = new List<string>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var issuedAt = DayAheadSchedule.IssueTime(Caiso, day);
            var vintage = Assert.Single(vintages, v => v.IssuedAt == issuedAt);
            var served = vintage.Points.ToDictionary(p => p.IntervalStart);
            foreach (var row in rows[day])
            {
                var point = served[row.Forecast.IntervalStart];
                compared++;
                if (Math.Abs(point.PredictedMw - row.Forecast.PredictedMw) > 1e-6 || Math.Abs(point.LowerMw - row.Forecast.LowerMw) > 1e-6
                    || Math.Abs(point.UpperMw - row.Forecast.UpperMw) > 1e-6 || Math.Abs(point.EventProbability - row.Forecast.EventProbability) > 1e-6)
                {
                    mismatches.Add($"{day:yyyy-MM-dd} {row.Forecast.IntervalStart:HH:mm}Z served {point.PredictedMw:F6} [{vintage.ModelVersion}] backtest {row.Forecast.PredictedMw:F6} [{row.Model}]");
                }
            }
        }

        return (compared, mismatches);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Operators.DisposeAsync();
    }
}
