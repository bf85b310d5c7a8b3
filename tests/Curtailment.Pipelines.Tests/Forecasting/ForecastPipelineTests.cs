using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.DemoData;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Training;

namespace Curtailment.Pipelines.Tests.Forecasting;

/// <summary>Explanations issued with each vintage, on demo data in a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class ForecastPipelineTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 18, 30, 0, TimeSpan.Zero);
    private static readonly CurtailmentModelOptions Small = new() { Trees = 25, MinRowsPerLeaf = 20, CalibrationDays = 5 };
    private readonly TestServices _services = new(Now);

    private async Task LoadDemoAsync() =>
        await _services.Get<DemoDataPipeline>().LoadIfEmptyAsync(Path.Combine(_services.Folder, "demo"), 45, default);

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
