using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Backtest;

namespace Curtailment.Pipelines.Tests.Backtest;

[Trait("Category", "Integration")]
public sealed class BacktestPipelineTests : IDisposable
{
    private static readonly DateOnly FirstDay = new(2021, 2, 1);
    private static readonly CurtailmentModelOptions FastOptions = new() { Trees = 20, MinRowsPerLeaf = 10, CalibrationDays = 5 };
    private readonly TestServices _original = new(DateTimeOffset.UnixEpoch);
    private readonly TestServices _perturbed = new(DateTimeOffset.UnixEpoch);

    private Region Caiso => _original.Get<IRegionCatalog>().Get("CAISO");

    private async Task<BacktestResult> RunAsync(TestServices services, DateOnly? perturbAfter, DateOnly from, DateOnly to, CurtailmentModelOptions? options = null)
    {
        await services.Get<IIngestStore>().SaveAsync(SyntheticHistory.Build(Caiso, FirstDay, 40, perturbAfter), "synthetic", DateTimeOffset.UnixEpoch, default);
        return await services.Get<BacktestPipeline>().RunAsync(new BacktestRequest("CAISO", from, to, RetrainEveryDays: 2, Options: options ?? FastOptions), null, default);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_ActualsChangedAfterDayX_ForecastsUpToXPlusOneUnchanged(bool stackedClassifier)
    {
        // The protocol's self-check: change every actual after day X; forecasts for target days up to
        // X+1 (issued at 10:00 on X at the latest) must not change at all. The stacked classifier reads the
        // history features and the held-out rows besides the trees, so it gets the same check.
        var from = FirstDay.AddDays(20);
        var to = FirstDay.AddDays(30);
        var dayX = FirstDay.AddDays(25);
        var options = stackedClassifier ? FastOptions with { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked } : FastOptions;

        var original = await RunAsync(_original, null, from, to, options);
        var perturbed = await RunAsync(_perturbed, dayX, from, to, options);

        var before = original.Rows.Where(r => r.Day <= dayX.AddDays(1)).ToList();
        var beforePerturbed = perturbed.Rows.Where(r => r.Day <= dayX.AddDays(1)).ToList();
        Assert.Equal(7 * 24, before.Count);
        Assert.Equal(before.Select(r => r.Forecast), beforePerturbed.Select(r => r.Forecast));
        Assert.Equal(before.Select(r => r.Model), beforePerturbed.Select(r => r.Model));
        // The check has teeth: later forecasts do see the changed history.
        var after = original.Rows.Where(r => r.Day > dayX.AddDays(1)).Select(r => r.Forecast.PredictedMw);
        var afterPerturbed = perturbed.Rows.Where(r => r.Day > dayX.AddDays(1)).Select(r => r.Forecast.PredictedMw);
        Assert.NotEqual(after, afterPerturbed);
        Assert.NotEqual(
            original.Rows.Where(r => r.Day > dayX.AddDays(1)).Select(r => r.Forecast.EventProbability),
            perturbed.Rows.Where(r => r.Day > dayX.AddDays(1)).Select(r => r.Forecast.EventProbability));
    }

    [Fact]
    public async Task RunAsync_SameInputsTwice_GivesIdenticalForecasts()
    {
        var from = FirstDay.AddDays(20);
        var first = await RunAsync(_original, null, from, from.AddDays(3));
        var second = await _original.Get<BacktestPipeline>().RunAsync(new BacktestRequest("CAISO", from, from.AddDays(3), RetrainEveryDays: 2, Options: FastOptions), null, default);

        Assert.Equal(first.Rows.Select(r => r.Forecast), second.Rows.Select(r => r.Forecast));
        Assert.StartsWith("fasttree@bt-", first.Rows[0].Model, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WritesEveryIntervalOfEveryDayAndScoresBaselines()
    {
        var from = FirstDay.AddDays(20);
        var result = await RunAsync(_original, null, from, from.AddDays(2));

        Assert.Equal(3 * 24, result.Rows.Count);
        Assert.Equal(TimeSpan.FromHours(1), result.Step);
        Assert.All(result.Rows, r => Assert.Equal(r.Day.AddDays(-1), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.IssuedAt, Caiso.TimeZone).DateTime)));
        Assert.All(result.Rows, r => Assert.True(r.Forecast.LowerMw <= r.Forecast.PredictedMw && r.Forecast.PredictedMw <= r.Forecast.UpperMw));
        Assert.All(result.Rows, r => Assert.InRange(r.Forecast.EventProbability, 0, 1));
        Assert.Equal(["model", "persistence_d2", "week_profile", "zero"], result.Metrics.Keys.Order(StringComparer.Ordinal));
        // Skill is measured against the best baseline, whose own skill is therefore exactly zero.
        Assert.Equal(0, new[] { "persistence_d2", "week_profile", "zero" }.Max(b => result.Metrics[b].MaeSkill), 9);
        var zero = result.Metrics["zero"];
        Assert.Equal(result.Rows.Average(r => r.Actual), zero.MaeMw, 6);
    }

    [Fact]
    public async Task RunAsync_TooLittleHistory_FallsBackToWeekProfileAndSaysSo()
    {
        var result = await RunAsync(_original, null, FirstDay.AddDays(5), FirstDay.AddDays(6));

        Assert.All(result.Rows, r => Assert.Equal("week_profile", r.Model));
        Assert.Contains(result.Notes, n => n.Contains("training needs at least 14", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoTargetData_ThrowsWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<BacktestException>(() =>
            _original.Get<BacktestPipeline>().RunAsync(new BacktestRequest("CAISO", FirstDay, FirstDay.AddDays(1)), null, default));

        Assert.Contains("has no total_curtailment_mw published before", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WritesProtocolCsvMetricsAndPlot()
    {
        var result = await RunAsync(_original, null, FirstDay.AddDays(20), FirstDay.AddDays(21));
        var folder = Path.Combine(_original.Folder, "out");

        var files = await BacktestWriter.WriteAsync(result, folder, default);

        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "forecasts.csv"));
        Assert.Equal(BacktestWriter.Header, lines[0]);
        Assert.Equal(48, lines.Length - 1);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00,CAISO,[\d.]+,[\d.]+,[\d.]+,[\d.]+,", lines[1]);
        Assert.Contains("\"maeMw\"", await File.ReadAllTextAsync(Path.Combine(folder, "metrics.json")), StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(Path.Combine(folder, "backtest.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Equal(3, files.Count);
    }

    public void Dispose()
    {
        _original.Dispose();
        _perturbed.Dispose();
    }
}
