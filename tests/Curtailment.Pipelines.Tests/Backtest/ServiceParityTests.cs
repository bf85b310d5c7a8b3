using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Backtest;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Scheduling;
using Curtailment.Pipelines.Training;

namespace Curtailment.Pipelines.Tests.Backtest;

/// <summary>
/// The backtest that follows the service's retrain cron is the service: retraining at each cron instant through the
/// promotion gate and issuing at 10:00 on D-1, on a fake clock, gives the forecasts the backtest reports.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServiceParityTests : IDisposable
{
    private static readonly DateOnly FirstDay = new(2021, 2, 1);

    // Twice a week at 03:30 local: before the day's curtailment label of D-2 is published (10:00), so each training
    // knows a day less than the forecast issued later that morning.
    private const string RetrainCron = "30 3 * * 1,4";

    private readonly TestServices _services = new(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, string?>
    {
        ["Curtailment:Model:Trees"] = "20",
        ["Curtailment:Model:MinRowsPerLeaf"] = "10",
        ["Curtailment:Training:EvaluationDays"] = "8",
    });

    private Region Caiso => _services.Get<IRegionCatalog>().Get("CAISO");

    [Fact]
    public async Task RunAsync_WithTheServiceRetrainCron_EqualsTheVintagesTheServiceIssued()
    {
        await _services.Get<IIngestStore>().SaveAsync(SyntheticHistory.Build(Caiso, FirstDay, 45), "synthetic", DateTimeOffset.UnixEpoch, default);
        var from = FirstDay.AddDays(22);
        var to = FirstDay.AddDays(38);

        var issued = await RunTheServiceAsync(from, to);
        var backtest = await _services.Get<BacktestPipeline>().RunAsync(new BacktestRequest("CAISO", from, to, RetrainCron: RetrainCron), null, default);

        var rows = backtest.Rows.ToLookup(r => r.Day);
        foreach (var (day, vintage) in issued)
        {
            var served = vintage.Points.Where(p => rows[day].Any(r => r.Forecast.IntervalStart == p.IntervalStart)).ToList();
            var expected = rows[day].ToList();
            Assert.Equal(expected.Count, served.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var (want, got) = (expected[i].Forecast, served[i]);
                Assert.Equal(want.IntervalStart, got.IntervalStart);
                Assert.Equal(want.PredictedMw, got.PredictedMw, 1e-6);
                Assert.Equal(want.LowerMw, got.LowerMw, 1e-6);
                Assert.Equal(want.UpperMw, got.UpperMw, 1e-6);
                Assert.Equal(want.EventProbability, got.EventProbability, 1e-6);
            }
        }

        // The check has teeth: the service changed models inside the range, and the backtest changed on the same days.
        var serviceChanges = ChangeDays(issued.Select(v => (v.Day, v.Vintage.ModelVersion)));
        var backtestChanges = ChangeDays(backtest.Rows.Select(r => (r.Day, r.Model)).Distinct());
        Assert.NotEmpty(serviceChanges);
        Assert.Equal(serviceChanges, backtestChanges);
    }

    /// <summary>The service on a fake clock: every retrain instant of the cron, then the 10:00 issue of each target day.</summary>
    private async Task<List<(DateOnly Day, ForecastVintage Vintage)>> RunTheServiceAsync(DateOnly from, DateOnly to)
    {
        var schedule = CronSchedule.Parse(RetrainCron, Caiso.TimeZone);
        var firstIssue = DayAheadSchedule.IssueTime(Caiso, from);
        var firstRetrain = schedule.LatestAtOrBefore(firstIssue, TimeSpan.FromDays(14))!.Value;
        var events = schedule.Between(firstRetrain.AddTicks(-1), DayAheadSchedule.IssueTime(Caiso, to)).Select(t => (At: t, Day: (DateOnly?)null))
            .Concat(Days(from, to).Select(d => (At: DayAheadSchedule.IssueTime(Caiso, d), Day: (DateOnly?)d)))
            .OrderBy(e => e.At).ThenBy(e => e.Day is null ? 0 : 1)
            .ToList();

        var issued = new List<(DateOnly, ForecastVintage)>();
        foreach (var (at, day) in events)
        {
            _services.Time.SetUtcNow(at);
            if (day is { } target)
            {
                issued.Add((target, await _services.Get<ForecastPipeline>().ForecastAsync("CAISO", null, default)));
                continue;
            }

            try
            {
                await _services.Get<TrainPipeline>().TrainAsync("CAISO", null, null, default);
            }
            catch (InsufficientHistoryException)
            {
                // As the retrain job: the region stays on what serves it.
            }
        }

        return issued;
    }

    private static List<DateOnly> ChangeDays(IEnumerable<(DateOnly Day, string Model)> models)
    {
        var ordered = models.OrderBy(m => m.Day).ToList();
        return ordered.Skip(1).Where((m, i) => m.Model != ordered[i].Model).Select(m => m.Day).ToList();
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    public void Dispose() => _services.Dispose();
}
