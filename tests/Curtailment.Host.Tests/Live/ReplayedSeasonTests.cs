using System.Net;
using System.Net.Http.Json;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Backtest;
using Curtailment.ReplayServer;
using Curtailment.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests.Live;

/// <summary>
/// A replayed season: the host in its live profile, on a virtual clock, against the operator replay server serving the
/// real 2021 CAISO files at their publication times, day by day from January to April. The scheduled jobs fetch,
/// ingest, retrain on their cron and issue at 10:00; what it issued for March and April is what the backtest that
/// retrains as the service does reports over the store the service built.
/// </summary>
[Trait("Category", "RealData")]
[Trait("Category", "Integration")]
public sealed class ReplayedSeasonTests
{
    private static readonly DateTimeOffset Start = new(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly FirstCompared = new(2021, 3, 1);
    private static readonly DateOnly LastCompared = new(2021, 4, 30);

    // Weekly on Mondays at 03:30, before that morning's curtailment label is published.
    private const string RetrainCron = "30 3 * * 1";

    [Fact]
    public async Task Replay_FebruaryToApril_IssuesWhatTheBacktestReports()
    {
        var data = Requires.RealData();
        var clock = new FollowingClock();
        await using var operators = await ReplayServer.ReplayServer.StartAsync(new ReplayServerOptions { DataFolder = data }, clock);
        operators.Preload();
        var settings = new Dictionary<string, string?>
        {
            ["Curtailment:Live:Enabled"] = "true",
            ["Curtailment:Live:Regions:0"] = "CAISO",
            ["Curtailment:Clock:Mode"] = "Virtual",
            ["Curtailment:Clock:Start"] = Start.ToString("O"),
            ["Curtailment:Jobs:RetrainCron"] = RetrainCron,
            ["Curtailment:Fetch:RetryDelay"] = "00:00:00.010",
            ["Curtailment:Fetch:MaxRetryAttempts"] = "1",
        };
        foreach (var (key, value) in operators.HostSettings)
        {
            settings[key] = value;
        }

        await using var host = HostFactory.Empty(settings);
        var client = host.Client(withKey: true);
        client.Timeout = Timeout.InfiniteTimeSpan;
        clock.Source = host.Services.GetRequiredService<TimeProvider>();

        for (var day = Start.AddDays(1); day <= new DateTimeOffset(2021, 5, 1, 8, 0, 0, TimeSpan.Zero); day = day.AddDays(1))
        {
            var response = await client.PostAsJsonAsync("/api/v1/admin/clock/advance", new { to = day });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var caiso = host.Services.GetRequiredService<IRegionCatalog>().Get("CAISO");
        var vintages = await host.Services.GetRequiredService<IForecastStore>().ListForecastsAsync("CAISO", Start, Start.AddDays(200), default);
        // The backtest starts where the service's first model could: its first retrain instant is the service's.
        var backtest = await host.Services.GetRequiredService<BacktestPipeline>().RunAsync(
            new BacktestRequest("CAISO", new DateOnly(2021, 1, 12), LastCompared, RetrainCron: RetrainCron), null, default);

        var rows = backtest.Rows.Where(r => r.Day >= FirstCompared).ToLookup(r => r.Day);
        var compared = 0;
        var mismatches = new List<string>();
        for (var day = FirstCompared; day <= LastCompared; day = day.AddDays(1))
        {
            var issuedAt = Pipelines.Forecasting.DayAheadSchedule.IssueTime(caiso, day);
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

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} intervals differ:\n{string.Join('\n', mismatches.Take(20))}");
        Assert.Equal((LastCompared.DayNumber - FirstCompared.DayNumber + 1) * 288 - 12, compared);

        // The check has teeth: trained models served (not the baseline), the service changed model inside the range
        // (retrains through the gate), and a vintage was issued at 10:00 for every day from February on.
        var servedModels = vintages.Where(v => v.IssuedAt >= Pipelines.Forecasting.DayAheadSchedule.IssueTime(caiso, FirstCompared)).Select(v => v.ModelVersion).Distinct().ToList();
        Assert.True(servedModels.Count >= 2, string.Join(", ", servedModels));
        Assert.All(servedModels, m => Assert.StartsWith("fasttree@v", m, StringComparison.Ordinal));
        for (var day = new DateOnly(2021, 2, 1); day <= LastCompared; day = day.AddDays(1))
        {
            Assert.Contains(vintages, v => v.IssuedAt == Pipelines.Forecasting.DayAheadSchedule.IssueTime(caiso, day));
        }
    }
}
