using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features;
using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

/// <summary>The stacking of the classifier with the event's recent history: recovered weights, bounds, bad input.</summary>
public sealed class EventStackingTests
{
    private static readonly int Freq28 = FeatureSchema.IndexOf("hist_28d_event_freq");
    private static readonly int Freq7 = FeatureSchema.IndexOf("hist_7d_event_freq");
    private static readonly int Known = FeatureSchema.IndexOf("hist_days_known");
    private static readonly int LastDay = FeatureSchema.IndexOf("hist_last_day");
    private static readonly int Recent24 = FeatureSchema.IndexOf("hist_recent_24h_mean");
    private static readonly int WeekWide = FeatureSchema.IndexOf("hist_7d_mean_pm1h");

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Rows whose inputs are drawn at random and whose outcomes follow a known logistic of them.</summary>
    private static (List<double[]> Inputs, List<bool> Outcomes) Synthetic(double[] weights, int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new List<double[]>(count);
        var outcomes = new List<bool>(count);
        for (var i = 0; i < count; i++)
        {
            double[] x = [(random.NextDouble() * 8) - 4, (random.NextDouble() * 6) - 3, (random.NextDouble() * 6) - 3, random.Next(2), random.NextDouble(), random.NextDouble()];
            var z = weights[0] + x.Select((v, j) => v * weights[j + 1]).Sum();
            inputs.Add(x);
            outcomes.Add(random.NextDouble() < Sigmoid(z));
        }

        return (inputs, outcomes);
    }

    [Fact]
    public void Fit_RecoversKnownWeightsOfSyntheticRows()
    {
        double[] truth = [-1.0, 0.8, 0.5, 0.2, 0.7, -0.6, 1.2];
        var (inputs, outcomes) = Synthetic(truth, 40000, 1);

        var stacking = EventStacking.Fit(inputs, outcomes)!;

        Assert.Equal(truth.Length, stacking.Weights.Length);
        for (var j = 0; j < truth.Length; j++)
        {
            Assert.InRange(stacking.Weights[j], truth[j] - 0.12, truth[j] + 0.12);
        }
    }

    [Fact]
    public void Fit_WeightsFavourTheRowsThatCountMore()
    {
        // Two regimes with opposite dependence on the first input: the fit follows the one weighted a hundred times more.
        var (early, earlyOutcomes) = Synthetic([0, -1.5, 0, 0, 0, 0, 0], 5000, 2);
        var (recent, recentOutcomes) = Synthetic([0, 1.5, 0, 0, 0, 0, 0], 5000, 3);
        var weights = Enumerable.Repeat(0.01, 5000).Concat(Enumerable.Repeat(1.0, 5000)).ToList();

        var stacking = EventStacking.Fit([.. early, .. recent], [.. earlyOutcomes, .. recentOutcomes], weights)!;

        Assert.True(stacking.Weights[1] > 1.0, $"weight on the first input {stacking.Weights[1]:F2}");
    }

    [Fact]
    public void Fit_OneOutcomeClass_GivesNull()
    {
        var (inputs, _) = Synthetic([0, 1, 0, 0, 0, 0, 0], 100, 4);
        Assert.Null(EventStacking.Fit(inputs, [.. inputs.Select(_ => true)]));
    }

    [Fact]
    public void Fit_MismatchedLengths_NameTheParameter()
    {
        var (inputs, outcomes) = Synthetic([0, 1, 0, 0, 0, 0, 0], 10, 5);
        Assert.Equal("outcomes", Assert.Throws<ArgumentException>(() => EventStacking.Fit(inputs, outcomes.Take(9).ToList())).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => EventStacking.Fit(inputs, outcomes, [1.0])).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => EventStacking.Inputs(0.5, new float[3], 0.5)).ParamName);
    }

    [Fact]
    public void Fit_SeparableRows_StayFiniteAndApplyStaysWithinBounds()
    {
        // Perfectly separated by the first input: an unpenalised fit would run its weight to infinity.
        var inputs = Enumerable.Range(0, 200).Select(i => (double[])[i < 100 ? -2 : 2, 0, 0, 0, 0, 0]).ToList();
        var outcomes = Enumerable.Range(0, 200).Select(i => i >= 100).ToList();

        var stacking = EventStacking.Fit(inputs, outcomes)!;

        Assert.All(stacking.Weights, w => Assert.True(double.IsFinite(w)));
        foreach (var x in new[] { -1e6, -50, 0, 50, 1e6 })
        {
            Assert.InRange(stacking.Apply([x, x, x, 1, 1, 1]), 1e-4, 1 - 1e-4);
        }
    }

    [Fact]
    public void Inputs_ReadTheHistoryFeaturesOfTheRow()
    {
        var row = new float[FeatureSchema.Names.Count];
        row[Known] = 28;
        row[Freq28] = 0.25f;
        row[Freq7] = 1;
        row[LastDay] = 0.6f;
        row[Recent24] = 0.3f;
        row[WeekWide] = 2;

        var x = EventStacking.Inputs(0.5, row, threshold: 0.5);

        Assert.Equal(EventStacking.InputNames.Count, x.Length);
        Assert.Equal(0, x[0], 9);
        // 7 of 28 days smoothed by half an event: (7 + 0.5) / 29.
        Assert.Equal(Math.Log(7.5 / 21.5), x[1], 6);
        Assert.Equal(Math.Log(7.5 / 0.5), x[2], 6);
        Assert.Equal(1, x[3]);
        Assert.Equal(0.3, x[4], 6);
        Assert.Equal(1, x[5]);

        // No day known: the frequencies say nothing (logit 0), the last day has no event.
        var empty = EventStacking.Inputs(0.5, new float[FeatureSchema.Names.Count], threshold: 0.5);
        Assert.Equal([0, 0, 0, 0, 0, 0], empty);
    }

    [Fact]
    public void EventCalibration_Stacked_FitsOnTheRowsAndAppliesPerRow()
    {
        // The classifier knows nothing; the 28-day frequency is the event rate: the stacking must lean on the frequency.
        var random = new Random(6);
        var rows = new List<float[]>();
        var raw = new List<double>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 6000; i++)
        {
            var row = new float[FeatureSchema.Names.Count];
            row[Known] = 28;
            var rate = random.Next(29) / 28f;
            row[Freq28] = rate;
            rows.Add(row);
            raw.Add(random.NextDouble());
            outcomes.Add(random.NextDouble() < rate);
        }

        var options = new CurtailmentModelOptions { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked };
        var calibration = EventCalibration.Fit(options, raw, outcomes, [.. raw.Select(_ => 1.0)], rows, 0.5);

        Assert.NotNull(calibration.Stacking);
        var high = (float[])rows[0].Clone();
        high[Freq28] = 0.9f;
        var low = (float[])rows[0].Clone();
        low[Freq28] = 0.1f;
        Assert.InRange(calibration.Apply(0.5, high, 0.5, options.ClimatologyShare), 0.8, 0.97);
        Assert.InRange(calibration.Apply(0.5, low, 0.5, options.ClimatologyShare), 0.03, 0.2);
        // Without rows the stacking cannot be fitted: Platt with the fixed climatology share instead.
        var platt = EventCalibration.Fit(options, raw, outcomes, [.. raw.Select(_ => 1.0)]);
        Assert.Null(platt.Stacking);
        Assert.Equal((0.5 * platt.Apply(0.5)) + (0.5 * 0.9), platt.Apply(0.5, high, 0.5, 0.5), 6);
    }

    [Fact]
    public void For_ProxyRegionsStackTheClassifier_OthersKeepTheLogisticLayer()
    {
        var proxy = new Region(
            "SA1", "South Australia", "AEMO", "Australia/Brisbane", -34.9, 138.6, TimeSpan.FromMinutes(5),
            new RegionTarget("negative_price_share", 0.5) { Proxy = new ProxyRule("rrp_aud_per_mwh", 0, true) }, PublicationRule.RealTime);
        var caiso = new Region(
            "CAISO", "California ISO", "CAISO", "America/Los_Angeles", 36.78, -119.42, TimeSpan.FromMinutes(5),
            new RegionTarget("total_curtailment_mw", 500), PublicationRule.NextDayTen);

        var proxyOptions = CurtailmentModelOptions.For(proxy);
        Assert.Equal((ProbabilitySource.Classifier, CalibrationMethod.Stacked), (proxyOptions.Probability, proxyOptions.Calibration));
        Assert.Equal(new CurtailmentModelOptions(), CurtailmentModelOptions.For(caiso));
    }
}
