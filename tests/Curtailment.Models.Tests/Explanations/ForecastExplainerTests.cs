using System.Globalization;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features;
using Curtailment.Models.Baselines;
using Curtailment.Models.Explanations;
using Curtailment.Models.Trees;
using Microsoft.Data.Analysis;

namespace Curtailment.Models.Tests.Explanations;

public sealed class ForecastExplainerTests
{
    private static readonly Region Caiso = new(
        "CAISO", "California ISO", "CAISO", "America/Los_Angeles", 36.78, -119.42, TimeSpan.FromMinutes(5),
        new RegionTarget("total_curtailment_mw", 500), PublicationRule.NextDayTen);

    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private static readonly CurtailmentModelOptions Fast = new() { Trees = 30, MinRowsPerLeaf = 10, CalibrationDays = 5 };

    /// <summary>
    /// A day of hourly rows (from local midnight) where curtailment is whatever the net load
    /// forecast leaves below 12,000 MW; the day's net-load trough depth is <paramref name="trough"/>. Solar varies at
    /// random and does not drive the target.
    /// </summary>
    private static (FeatureFrame Frame, double[] Actual) Day(int index, double trough, Random random)
    {
        var start = LocalClock.DayBounds(new DateOnly(2021, 3, 1).AddDays(index), Pacific).Start;
        var columns = FeatureSchema.Names.ToDictionary(n => n, _ => new float[24]);
        var actual = new double[24];
        for (var h = 0; h < 24; h++)
        {
            var netLoad = 20000 - (Math.Max(0, Math.Sin((h - 6) / 12.0 * Math.PI)) * trough);
            columns["net_load_fc"][h] = (float)netLoad;
            columns["solar_fc"][h] = (float)(random.NextDouble() * 10000);
            actual[h] = Math.Max(0, 12000 - netLoad);
        }

        var frame = new DataFrame();
        frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("interval_start_utc", Enumerable.Range(0, 24).Select(h => start.AddHours(h).UtcDateTime)));
        foreach (var name in FeatureSchema.Names)
        {
            frame.Columns.Add(new SingleDataFrameColumn(name, columns[name]));
        }

        var starts = Enumerable.Range(0, 24).Select(h => start.AddHours(h)).ToList();
        var days = starts.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s, Pacific).DateTime)).ToList();
        return (new FeatureFrame(frame, starts, TimeSpan.FromHours(1), start.AddHours(-14), days), actual);
    }

    private static CurtailmentModel Train()
    {
        var random = new Random(5);
        var data = new TrainingSet();
        for (var d = 0; d < 30; d++)
        {
            var (frame, actual) = Day(d, 4000 + (d % 6 * 2500), random);
            data.AddDay(new DateOnly(2021, 3, 1).AddDays(d), frame, actual);
        }

        return CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1");
    }

    [Fact]
    public void Explain_DeepNetLoadTrough_NamesTheNetLoadFirstAsRaising()
    {
        var model = Train();
        var (test, _) = Day(31, 16000, new Random(9));

        var explanations = ForecastExplainer.Explain(model, test, model.Predict(test), Pacific);

        var day = Assert.Single(explanations);
        Assert.Equal(new DateOnly(2021, 4, 1), day.Date);
        Assert.InRange(day.Drivers.Count, 1, ForecastExplainer.DriversPerDay);
        var first = day.Drivers[0];
        Assert.Equal("net_load_fc", first.Feature);
        Assert.Equal(DriverEffect.Raises, first.Effect);
        Assert.StartsWith("low net load forecast (", first.Text, StringComparison.Ordinal);
        Assert.EndsWith(") raises the forecast", first.Text, StringComparison.Ordinal);
        // The quoted row lies in the midday trough, and the value is the net load forecast at that row.
        var hour = int.Parse(first.Text[(first.Text.IndexOf(" at ", StringComparison.Ordinal) + 4)..][..2], CultureInfo.InvariantCulture);
        Assert.InRange(hour, 9, 15);
        var quoted = string.Create(CultureInfo.InvariantCulture, $"({test.Column("net_load_fc")[hour]:N0} MW at {hour:00}:00)");
        Assert.Contains(quoted, first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ShallowTrough_NamesTheNetLoadFirstAsLowering()
    {
        var model = Train();
        var (test, _) = Day(31, 2000, new Random(9));

        var day = Assert.Single(ForecastExplainer.Explain(model, test, model.Predict(test), Pacific));

        Assert.Equal("net_load_fc", day.Drivers[0].Feature);
        Assert.Equal(DriverEffect.Lowers, day.Drivers[0].Effect);
        Assert.StartsWith("high net load forecast (", day.Drivers[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureContributions_ShiftTheScoreTheWayThePredictionMoves()
    {
        var model = Train();
        var (deep, _) = Day(31, 16000, new Random(9));
        var (shallow, _) = Day(31, 2000, new Random(9));
        var netLoad = FeatureSchema.IndexOf("net_load_fc");

        var deepNoon = model.FeatureContributions(deep)[12][netLoad];
        var shallowNoon = model.FeatureContributions(shallow)[12][netLoad];

        Assert.True(deepNoon > shallowNoon, $"net load contribution at noon: deep trough {deepNoon}, shallow {shallowNoon}");
        Assert.True(model.Predict(deep)[12].PredictedMw > model.Predict(shallow)[12].PredictedMw);
    }

    [Fact]
    public void Explain_Baseline_ExplainsNothing()
    {
        var (test, _) = Day(31, 16000, new Random(9));

        var explanations = ForecastExplainer.Explain(BaselineForecaster.WeekProfile, test, BaselineForecaster.WeekProfile.Predict(test), Pacific);

        Assert.Empty(explanations);
    }

    [Theory]
    [InlineData("net_load_fc", DriverEffect.Raises, 4210.4, "low net load forecast (4,210 MW at 13:00) raises the forecast")]
    [InlineData("net_load_fc", DriverEffect.Lowers, 18000, "high net load forecast (18,000 MW at 13:00) lowers the forecast")]
    [InlineData("hist_last_day_total", DriverEffect.Raises, 12345, "high curtailment on the last known day (12,345 MWh) raises the forecast")]
    [InlineData("tod_sin", DriverEffect.Lowers, 0.3, "time of day (13:00) lowers the forecast")]
    [InlineData("is_weekend", DriverEffect.Lowers, 0, "no weekend lowers the forecast")]
    [InlineData("not_a_feature", DriverEffect.Raises, 1.5, "not_a_feature (1.5 at 13:00) raises the forecast")]
    public void Phrase_WritesTheDriverInWords(string feature, DriverEffect effect, double value, string expected) =>
        Assert.Equal(expected, FeatureDescriptions.Phrase(feature, effect, value, new TimeOnly(13, 0)));
}
