using System.Text.Json.Nodes;
using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.DemoData;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Training;

namespace Curtailment.Pipelines.Tests.Training;

/// <summary>Demo data, training with the promotion gate, and forecast vintages, on a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class TrainAndForecastPipelineTests : IDisposable
{
    // 11:00 UTC is 03:00 in California: a day-ahead issue for 26 November happens at 10:00 local.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 18, 30, 0, TimeSpan.Zero);
    private static readonly CurtailmentModelOptions Small = new() { Trees = 25, MinRowsPerLeaf = 20, CalibrationDays = 5 };
    private readonly TestServices _services = new(Now);

    private async Task LoadDemoAsync() =>
        await _services.Get<DemoDataPipeline>().LoadIfEmptyAsync(Path.Combine(_services.Folder, "demo"), 45, default);

    [Fact]
    public async Task LoadIfEmptyAsync_SecondCall_ImportsNothing()
    {
        var first = await _services.Get<DemoDataPipeline>().LoadIfEmptyAsync(Path.Combine(_services.Folder, "demo"), 20, default);
        var second = await _services.Get<DemoDataPipeline>().LoadIfEmptyAsync(Path.Combine(_services.Folder, "demo"), 20, default);

        Assert.NotEmpty(first);
        Assert.All(first, r => Assert.False(r.Failed));
        Assert.Empty(second);
    }

    [Fact]
    public async Task TrainAsync_FirstModel_IsActivatedAndForecastUsesIt()
    {
        await LoadDemoAsync();

        var trained = await _services.Get<TrainPipeline>().TrainAsync("CAISO", null, Small, default);
        var vintage = await _services.Get<ForecastPipeline>().ForecastAsync("CAISO", null, default);

        Assert.True(trained.Activated);
        Assert.Equal("v1", trained.Candidate.Version);
        Assert.Equal(ModelStatus.Active, trained.Candidate.Status);
        Assert.True(JsonNode.Parse(trained.Candidate.ManifestJson)!["metrics"]![TrainPipeline.TrainingSecondsMetric]!.GetValue<double>() > 0);
        Assert.Equal("fasttree@v1", vintage.ModelVersion);
        Assert.Equal(Now, vintage.IssuedAt);
        var caiso = _services.Get<IRegionCatalog>().Get("CAISO");
        var (_, endOfTomorrow) = LocalClock.DayBounds(LocalClock.LocalDate(Now, caiso.TimeZone).AddDays(1), caiso.TimeZone);
        Assert.Equal(endOfTomorrow, vintage.Points[^1].IntervalEnd);
        Assert.True(vintage.Points[0].IntervalStart <= Now && Now < vintage.Points[0].IntervalEnd);
        Assert.True(vintage.DataAsOf <= Now);
        var stored = await _services.Get<IForecastStore>().LatestForecastAsync("CAISO", Now, endOfTomorrow, default);
        Assert.Equal(vintage.Points.Count, stored!.Points.Count);
    }

    [Fact]
    public async Task TrainAsync_WorseCandidate_StaysCandidateAndActiveIsKept()
    {
        await LoadDemoAsync();
        var first = await _services.Get<TrainPipeline>().TrainAsync("CAISO", null, Small, default);
        // An active model whose held-out record (MAE a tenth of the week profile's) no candidate can match:
        // the same artifact registered with that record, so the gate's comparison is known in advance.
        var store = _services.Get<IModelStore>();
        var manifest = JsonNode.Parse(first.Candidate.ManifestJson)!;
        manifest["metrics"]!["mae_recent_mw"] = 10.0;
        manifest["metrics"]!["mae_recent_week_profile_mw"] = 100.0;
        var artifact = await store.ReadArtifactAsync(first.Candidate.Id, default);
        var excellent = await store.AddCandidateAsync("CAISO", "fasttree", _ => (manifest.ToJsonString(), artifact), default);
        await store.ActivateAsync(excellent.Id, default);

        var worse = await _services.Get<TrainPipeline>().TrainAsync("CAISO", null, Small, default);

        Assert.False(worse.Activated, worse.Reason);
        Assert.Equal(ModelStatus.Candidate, worse.Candidate.Status);
        Assert.Contains("vs active v2 0.100", worse.Reason, StringComparison.Ordinal);
        Assert.Equal(excellent.Id, (await store.ActiveModelAsync("CAISO", default))!.Id);
    }

    [Fact]
    public async Task TrainAsync_CandidateAsGoodAsTheActiveModel_IsActivated()
    {
        await LoadDemoAsync();
        var first = await _services.Get<TrainPipeline>().TrainAsync("CAISO", null, Small, default);

        // Same data, same seed, same options: the same honest score, which the gate accepts.
        var second = await _services.Get<TrainPipeline>().TrainAsync("CAISO", null, Small, default);

        Assert.True(second.Activated, second.Reason);
        Assert.Equal(ModelStatus.Retired, (await _services.Get<IModelStore>().FindModelAsync(first.Candidate.Id, default))!.Status);
    }

    [Fact]
    public async Task ForecastAsync_NoModel_ServesTheBaselineLabelledAsSuch()
    {
        await LoadDemoAsync();

        var vintage = await _services.Get<ForecastPipeline>().ForecastAsync("SPP", null, default);

        Assert.Equal("week_profile", vintage.ModelVersion);
        Assert.NotEmpty(vintage.Points);
    }

    [Fact]
    public async Task TrainAsync_NoHistory_ThrowsInsufficientHistory()
    {
        var error = await Assert.ThrowsAsync<InsufficientHistoryException>(() => _services.Get<TrainPipeline>().TrainAsync("ERCOT", null, Small, default));

        Assert.Equal(0, error.Days);
    }

    [Fact]
    public async Task ForecastAsync_TrainedModel_StoresUpToThreeDriversPerLocalDay()
    {
        await LoadDemoAsync();
        await _services.Get<TrainPipeline>().TrainAsync("CAISO", null, Small, default);

        var vintage = await _services.Get<ForecastPipeline>().ForecastAsync("CAISO", null, default);

        var caiso = _services.Get<IRegionCatalog>().Get("CAISO");
        var today = LocalClock.LocalDate(Now, caiso.TimeZone);
        Assert.Equal([today, today.AddDays(1)], vintage.Explanations!.Select(d => d.Date));
        Assert.All(vintage.Explanations!, d =>
        {
            Assert.InRange(d.Drivers.Count, 1, 3);
            Assert.All(d.Drivers, driver =>
            {
                Assert.Contains(driver.Feature, FeatureSchema.Names);
                Assert.EndsWith(driver.Effect == DriverEffect.Raises ? "raises the forecast" : "lowers the forecast", driver.Text, StringComparison.Ordinal);
            });
        });
        var stored = await _services.Get<IForecastStore>().LatestForecastAsync("CAISO", Now, Now.AddDays(2), default);
        Assert.Equal(vintage.Explanations!.SelectMany(d => d.Drivers), stored!.Explanations!.SelectMany(d => d.Drivers));
    }

    [Fact]
    public async Task ForecastAsync_WeekProfileBaseline_StoresNoExplanations()
    {
        await LoadDemoAsync();

        var vintage = await _services.Get<ForecastPipeline>().ForecastAsync("CAISO", null, default);

        Assert.Equal("week_profile", vintage.ModelVersion);
        Assert.Empty(vintage.Explanations!);
    }

    public void Dispose() => _services.Dispose();
}
