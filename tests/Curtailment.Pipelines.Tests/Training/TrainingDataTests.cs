using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Backtest;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Tests.Backtest;
using Curtailment.Pipelines.Training;

namespace Curtailment.Pipelines.Tests.Training;

/// <summary>A region whose history changed from hourly to 5-minute data is trained on each day at the step it was published in.</summary>
[Trait("Category", "Integration")]
public sealed class TrainingDataTests
{
    private static readonly DateTimeOffset Now = new(2021, 2, 1, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly FirstHourlyDay = new(2020, 12, 1);
    private static readonly DateOnly FirstFiveMinuteDay = new(2021, 1, 1);

    /// <summary>Ten days of hourly values (1 MW) from 1 December 2020, five days of 5-minute values (2 MW) from 1 January 2021, each known once it ends.</summary>
    private static async Task<(IObservationReader Reader, Region Region)> StoreAsync(TestServices services)
    {
        var caiso = services.Get<IRegionCatalog>().Get("CAISO");
        var batch = new ImportBatch("synthetic", "steps.csv");
        var (hourlyStart, _) = DayAheadSchedule.DayBounds(caiso, FirstHourlyDay);
        for (var t = hourlyStart; t < hourlyStart.AddDays(10); t = t.AddHours(1))
        {
            batch.Observations.Add(new Observation(caiso.Id, caiso.Target.Series, t, TimeSpan.FromHours(1), 1, "synthetic", t.AddHours(1)));
        }

        var (fiveMinuteStart, _) = DayAheadSchedule.DayBounds(caiso, FirstFiveMinuteDay);
        for (var t = fiveMinuteStart; t < fiveMinuteStart.AddDays(5); t = t.AddMinutes(5))
        {
            batch.Observations.Add(new Observation(caiso.Id, caiso.Target.Series, t, TimeSpan.FromMinutes(5), 2, "synthetic", t.AddMinutes(5)));
        }

        await services.Get<IIngestStore>().SaveAsync(batch, "steps", DateTimeOffset.UnixEpoch, default);
        return (services.Get<IObservationReader>(), caiso);
    }

    [Fact]
    public async Task DayStepsAsync_DaysWithoutValues_TakeTheStepOfTheLastDayBeforeThemOrTheFirstAfter()
    {
        using var services = new TestServices(Now);
        var (reader, caiso) = await StoreAsync(services);
        var from = FirstHourlyDay.AddDays(-3);

        var steps = await TrainingData.DayStepsAsync(reader, caiso, from, new DateOnly(2021, 1, 10), Now, TimeSpan.FromMinutes(15), default);

        var hour = TimeSpan.FromHours(1);
        var fiveMinutes = TimeSpan.FromMinutes(5);
        Assert.Equal(44, steps.Length);
        // Before the first value, through the December gap after the hourly days, then 5 minutes to the end.
        Assert.All(steps.Take(FirstFiveMinuteDay.DayNumber - from.DayNumber), s => Assert.Equal(hour, s));
        Assert.All(steps.Skip(FirstFiveMinuteDay.DayNumber - from.DayNumber), s => Assert.Equal(fiveMinutes, s));
        // Nothing known: the fallback.
        var none = await TrainingData.DayStepsAsync(reader, caiso, new DateOnly(2019, 1, 1), new DateOnly(2019, 1, 2), Now, TimeSpan.FromMinutes(15), default);
        Assert.All(none, s => Assert.Equal(TimeSpan.FromMinutes(15), s));
    }

    [Fact]
    public async Task BuildAsync_HourlyThenFiveMinuteDays_EachDayAtItsOwnStepWithLabelsAsOfTheTrainingTime()
    {
        using var services = new TestServices(Now);
        var (reader, caiso) = await StoreAsync(services);
        var cache = new DayFeatureCache(new FeatureBuilder(reader), caiso, TimeSpan.FromMinutes(5));

        var data = await TrainingData.BuildAsync(reader, caiso, cache, new DateOnly(2020, 11, 1), new DateOnly(2021, 1, 31), Now, default);

        Assert.Equal(15, data.Days.Count);
        Assert.Equal(TimeSpan.FromMinutes(5), data.Step);
        var hourly = Enumerable.Range(0, data.Count).Where(i => data.RowDays[i] < FirstFiveMinuteDay).ToList();
        Assert.Equal(10 * 24, hourly.Count);
        Assert.All(hourly, i => Assert.Equal(TimeSpan.FromHours(1), data.RowSteps[i]));
        Assert.All(hourly, i => Assert.Equal(1, data.Labels[i]));
        Assert.Equal(5 * 288, data.Count - hourly.Count);
        Assert.All(Enumerable.Range(0, data.Count).Except(hourly), i => Assert.Equal(2, data.Labels[i]));

        // Trained on 3 January at noon UTC: the 5-minute values after it are not known yet.
        var (thirdStart, _) = DayAheadSchedule.DayBounds(caiso, new DateOnly(2021, 1, 3));
        var early = await TrainingData.BuildAsync(reader, caiso, cache, new DateOnly(2020, 11, 1), new DateOnly(2021, 1, 31), thirdStart.AddHours(4), default);
        Assert.Equal(12, early.Days.Count);
        Assert.Equal(2, early.Days.Count(d => d >= FirstFiveMinuteDay));
    }

    [Fact]
    public void WindowDays_AllHistory_ReachesBackYearsOtherwiseTheCallersWindow()
    {
        Assert.Equal(365, ModelInputs.WindowDays(new CurtailmentModelOptions(), 365));
        Assert.Equal(ModelInputs.AllHistoryDays, ModelInputs.WindowDays(new CurtailmentModelOptions { AllHistory = true }, 365));
        Assert.True(ModelInputs.AllHistoryDays >= 10 * 365);
    }

    [Fact]
    public async Task Backtest_AllHistoryWithSameSeason_UsesEarlierYearsAndKeepsTheInformationCut()
    {
        // The protocol's self-check with two years older history in training: change every actual after day X;
        // forecasts for target days up to X+1 must not change.
        var firstDay = new DateOnly(2021, 2, 1);
        var (from, to, dayX) = (firstDay.AddDays(20), firstDay.AddDays(30), firstDay.AddDays(25));
        var options = new CurtailmentModelOptions { Trees = 20, MinRowsPerLeaf = 10, CalibrationDays = 5, AllHistory = true, SameSeasonShare = 1 };
        async Task<BacktestResult> RunAsync(TestServices services, DateOnly? perturbAfter, CurtailmentModelOptions chosen)
        {
            var caiso = services.Get<IRegionCatalog>().Get("CAISO");
            var store = services.Get<IIngestStore>();
            await store.SaveAsync(SyntheticHistory.Build(caiso, new DateOnly(2019, 2, 1), 40, seed: 3), "older", DateTimeOffset.UnixEpoch, default);
            await store.SaveAsync(SyntheticHistory.Build(caiso, firstDay, 40, perturbAfter), "recent", DateTimeOffset.UnixEpoch, default);
            return await services.Get<BacktestPipeline>().RunAsync(new BacktestRequest("CAISO", from, to, RetrainEveryDays: 2, Options: chosen), null, default);
        }

        using var original = new TestServices(DateTimeOffset.UnixEpoch);
        using var perturbed = new TestServices(DateTimeOffset.UnixEpoch);
        var result = await RunAsync(original, null, options);
        var changed = await RunAsync(perturbed, dayX, options);
        var windowOnly = await original.Get<BacktestPipeline>().RunAsync(
            new BacktestRequest("CAISO", from, to, RetrainEveryDays: 2, Options: options with { AllHistory = false, SameSeasonShare = 0 }), null, default);

        var before = result.Rows.Where(r => r.Day <= dayX.AddDays(1)).Select(r => r.Forecast).ToList();
        Assert.Equal(7 * 24, before.Count);
        Assert.Equal(before, changed.Rows.Where(r => r.Day <= dayX.AddDays(1)).Select(r => r.Forecast));
        Assert.NotEqual(
            result.Rows.Where(r => r.Day > dayX.AddDays(1)).Select(r => r.Forecast.PredictedMw),
            changed.Rows.Where(r => r.Day > dayX.AddDays(1)).Select(r => r.Forecast.PredictedMw));
        // The 2019 days two years back reach the model only through the whole history.
        Assert.NotEqual(result.Rows.Select(r => r.Forecast.PredictedMw), windowOnly.Rows.Select(r => r.Forecast.PredictedMw));
    }
}
