using System.Text.Json.Nodes;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Backtest;
using Curtailment.Pipelines.DemoData;
using Curtailment.Pipelines.Training;

namespace Curtailment.Pipelines.Tests.Training;

/// <summary>One definition of a model's inputs: the configured options reach every training, and the target step follows the data.</summary>
[Trait("Category", "Integration")]
public sealed class ModelInputsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 18, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task TrainAsync_WithoutOptions_TrainsWithTheConfiguredModelSection()
    {
        using var services = new TestServices(Now, new Dictionary<string, string?>
        {
            ["Curtailment:Model:Trees"] = "17",
            ["Curtailment:Model:MinRowsPerLeaf"] = "30",
        });
        await services.Get<DemoDataPipeline>().LoadIfEmptyAsync(Path.Combine(services.Folder, "demo"), 40, default);
        var caiso = services.Get<IRegionCatalog>().Get("CAISO");

        var trained = await services.Get<TrainPipeline>().TrainAsync("CAISO", null, null, default);

        var options = JsonNode.Parse(trained.Candidate.ManifestJson)!["options"]!;
        Assert.Equal(17, options["trees"]!.GetValue<int>());
        Assert.Equal(30, options["minRowsPerLeaf"]!.GetValue<int>());
        Assert.Equal(17, services.Get<ModelInputs>().OptionsFor(caiso).Trees);
    }

    [Fact]
    public void OptionsFor_ProxyRegion_KeepsTheRegionDefaultsUnderConfiguredTrees()
    {
        using var services = new TestServices(Now, new Dictionary<string, string?> { ["Curtailment:Model:Trees"] = "9" });
        var sa1 = services.Get<IRegionCatalog>().Get("SA1");

        var options = services.Get<ModelInputs>().OptionsFor(sa1);

        Assert.Equal(9, options.Trees);
        Assert.Equal(Models.Trees.CurtailmentModelOptions.For(sa1).Probability, options.Probability);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void OptionsFor_TimingFeaturesSetting_MasksTheTimingGroupUnlessOn(string? setting, bool reads)
    {
        using var services = new TestServices(Now, new Dictionary<string, string?> { ["Curtailment:Model:TimingFeatures"] = setting });
        var caiso = services.Get<IRegionCatalog>().Get("CAISO");

        var options = services.Get<ModelInputs>().OptionsFor(caiso);

        Assert.Equal(reads, !options.ExcludedFeatureGroups.Contains("timing"));
        Assert.DoesNotContain("history", options.ExcludedFeatureGroups);
    }

    [Fact]
    public void OptionsFor_ConfiguredLearnersCalibrationAndIntervals_ReachTheModelAndUnsetOnesKeepTheRegionDefaults()
    {
        using var services = new TestServices(Now, new Dictionary<string, string?>
        {
            ["Curtailment:Model:Calibration"] = "Isotonic",
            ["Curtailment:Model:PointLearner"] = "LightGbm",
            ["Curtailment:Model:ClassifierLearner"] = "lightgbm",
            ["Curtailment:Model:Intervals"] = "QuantileForest",
        });
        var catalog = services.Get<IRegionCatalog>();

        var caiso = services.Get<ModelInputs>().OptionsFor(catalog.Get("CAISO"));
        var sa1 = services.Get<ModelInputs>().OptionsFor(catalog.Get("SA1"));

        Assert.Equal(Models.Trees.CalibrationMethod.Isotonic, caiso.Calibration);
        Assert.Equal(Models.Trees.TreeLearner.LightGbm, caiso.PointLearner);
        Assert.Equal(Models.Trees.TreeLearner.LightGbm, caiso.ClassifierLearner);
        Assert.Equal(Models.Trees.IntervalMethod.QuantileForest, caiso.Intervals);
        Assert.Equal(Models.Trees.CurtailmentModelOptions.For(catalog.Get("CAISO")).Probability, caiso.Probability);
        Assert.Equal(Models.Trees.ProbabilitySource.Classifier, sa1.Probability);
        Assert.Equal(Models.Trees.CurtailmentModelOptions.For(catalog.Get("SA1")).ClimatologyShare, sa1.ClimatologyShare);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public void OptionsFor_StackClassifierSetting_ReachesTheModel_UnsetKeepsTheHistoryStageAlone(string? setting, bool stacks)
    {
        using var services = new TestServices(Now, new Dictionary<string, string?> { ["Curtailment:Model:StackClassifier"] = setting });

        var sa1 = services.Get<ModelInputs>().OptionsFor(services.Get<IRegionCatalog>().Get("SA1"));

        Assert.Equal(Models.Trees.CalibrationMethod.Stacked, sa1.Calibration);
        Assert.Equal(stacks, sa1.StackClassifier);
    }

    [Fact]
    public void OptionsFor_ConfiguredProbabilityAndClimatology_OverrideTheRegionDefaults()
    {
        using var services = new TestServices(Now, new Dictionary<string, string?>
        {
            ["Curtailment:Model:Probability"] = "Residuals",
            ["Curtailment:Model:ClimatologyShare"] = "0",
        });

        var sa1 = services.Get<ModelInputs>().OptionsFor(services.Get<IRegionCatalog>().Get("SA1"));

        Assert.Equal(Models.Trees.ProbabilitySource.Residuals, sa1.Probability);
        Assert.Equal(0, sa1.ClimatologyShare);
    }

    [Fact]
    public void Options_ClimatologyShareAboveOne_IsRefusedNamingTheSetting()
    {
        using var services = new TestServices(Now, new Dictionary<string, string?> { ["Curtailment:Model:ClimatologyShare"] = "2" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.Get<Microsoft.Extensions.Options.IOptions<ModelTrainingOptions>>().Value);

        Assert.Contains("Curtailment:Model:ClimatologyShare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_UnknownCalibration_IsRefusedNamingTheSetting()
    {
        using var services = new TestServices(Now, new Dictionary<string, string?> { ["Curtailment:Model:Calibration"] = "Sigmoid" });

        var error = Assert.Throws<InvalidOperationException>(() => services.Get<Microsoft.Extensions.Options.IOptions<ModelTrainingOptions>>().Value);

        Assert.Contains("Curtailment:Model:Calibration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownTargetStepAsync_HourlyHistoryThenFiveMinuteData_FollowsWhatIsKnown()
    {
        using var services = new TestServices(Now);
        var caiso = services.Get<IRegionCatalog>().Get("CAISO");
        var switchAt = new DateTimeOffset(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var batch = new ImportBatch("synthetic", "steps.csv");
        // A year of hourly history, then ten days of 5-minute data; each value known as soon as it ends.
        for (var t = switchAt.AddDays(-365); t < switchAt; t = t.AddHours(1))
        {
            batch.Observations.Add(new Observation(caiso.Id, caiso.Target.Series, t, TimeSpan.FromHours(1), 1, "synthetic", t.AddHours(1)));
        }

        for (var t = switchAt; t < switchAt.AddDays(10); t = t.AddMinutes(5))
        {
            batch.Observations.Add(new Observation(caiso.Id, caiso.Target.Series, t, TimeSpan.FromMinutes(5), 1, "synthetic", t.AddMinutes(5)));
        }

        await services.Get<IIngestStore>().SaveAsync(batch, "steps", DateTimeOffset.UnixEpoch, default);
        var reader = services.Get<IObservationReader>();

        Assert.Null(await ModelInputs.KnownTargetStepAsync(reader, caiso, switchAt.AddDays(-366), default));
        Assert.Equal(caiso.NativeResolution, await ModelInputs.TargetStepAsync(reader, caiso, switchAt.AddDays(-366), default));
        Assert.Equal(TimeSpan.FromHours(1), await ModelInputs.KnownTargetStepAsync(reader, caiso, switchAt, default));
        Assert.Equal(TimeSpan.FromMinutes(5), await ModelInputs.KnownTargetStepAsync(reader, caiso, switchAt.AddDays(10), default));
        // Long after the data end, the step is still read from what was last published.
        Assert.Equal(TimeSpan.FromMinutes(5), await ModelInputs.KnownTargetStepAsync(reader, caiso, switchAt.AddDays(400), default));
    }

    [Fact]
    public async Task BacktestRunAsync_NoTargetHistory_IsRefusedWithTheRegionAndSeries()
    {
        using var services = new TestServices(Now);

        var error = await Assert.ThrowsAsync<BacktestException>(() =>
            services.Get<BacktestPipeline>().RunAsync(new BacktestRequest("CAISO", new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 2), 7), null, default));

        Assert.Contains("CAISO", error.Message, StringComparison.Ordinal);
        Assert.Contains(SeriesIds.TotalCurtailment, error.Message, StringComparison.Ordinal);
    }
}
