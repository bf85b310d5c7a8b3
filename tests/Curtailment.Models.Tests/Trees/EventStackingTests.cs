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
    private static readonly int Recent6 = FeatureSchema.IndexOf("hist_recent_6h_mean");
    private static readonly int LastDayTotal = FeatureSchema.IndexOf("hist_last_day_total");
    private static readonly int Weekend = FeatureSchema.IndexOf("is_weekend");
    private static readonly int Holiday = FeatureSchema.IndexOf("is_holiday");

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

        var weights = EventStacking.FitWeights(inputs, outcomes)!;

        Assert.Equal(truth.Length, weights.Length);
        for (var j = 0; j < truth.Length; j++)
        {
            Assert.InRange(weights[j], truth[j] - 0.12, truth[j] + 0.12);
        }
    }

    [Fact]
    public void Fit_WeightsFavourTheRowsThatCountMore()
    {
        // Two regimes with opposite dependence on the first input: the fit follows the one weighted a hundred times more.
        var (early, earlyOutcomes) = Synthetic([0, -1.5, 0, 0, 0, 0, 0], 5000, 2);
        var (recent, recentOutcomes) = Synthetic([0, 1.5, 0, 0, 0, 0, 0], 5000, 3);
        var weights = Enumerable.Repeat(0.01, 5000).Concat(Enumerable.Repeat(1.0, 5000)).ToList();

        var fitted = EventStacking.FitWeights([.. early, .. recent], [.. earlyOutcomes, .. recentOutcomes], weights)!;

        Assert.True(fitted[1] > 1.0, $"weight on the first input {fitted[1]:F2}");
    }

    [Fact]
    public void Fit_OneOutcomeClass_GivesNull()
    {
        var (inputs, _) = Synthetic([0, 1, 0, 0, 0, 0, 0], 100, 4);
        Assert.Null(EventStacking.FitWeights(inputs, [.. inputs.Select(_ => true)]));
    }

    [Fact]
    public void Fit_MismatchedLengths_NameTheParameter()
    {
        var (inputs, outcomes) = Synthetic([0, 1, 0, 0, 0, 0, 0], 10, 5);
        Assert.Equal("outcomes", Assert.Throws<ArgumentException>(() => EventStacking.FitWeights(inputs, outcomes.Take(9).ToList())).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => EventStacking.FitWeights(inputs, outcomes, [1.0])).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => EventStacking.HistoryInputs(new float[3], 0.5)).ParamName);
        var row = new float[FeatureSchema.Names.Count];
        Assert.Equal("classifierProbabilities", Assert.Throws<ArgumentException>(() => EventStacking.Fit([row], [true], [0.5, 0.5], [row], [true], null, 0.5)).ParamName);
    }

    [Fact]
    public void Fit_SeparableRows_StayFiniteAndApplyStaysWithinBounds()
    {
        // Perfectly separated by the first input: an unpenalised fit would run its weight to infinity.
        var inputs = Enumerable.Range(0, 200).Select(i => (double[])[i < 100 ? -2 : 2, 0, 0, 0, 0, 0]).ToList();
        var outcomes = Enumerable.Range(0, 200).Select(i => i >= 100).ToList();

        var weights = EventStacking.FitWeights(inputs, outcomes)!;

        Assert.All(weights, w => Assert.True(double.IsFinite(w)));
        // Applied to extreme rows and classifier probabilities, the probability stays within its bounds.
        var stacking = new EventStacking([0, weights[1], weights[1], 5, 5, 5, 5, 5, 5], [0, weights[1], weights[1]]);
        foreach (var (frequency, p) in new[] { (0f, 0.0), (1f, 1.0), (0.5f, double.NaN), (1f, 0.0) })
        {
            var row = new float[FeatureSchema.Names.Count];
            (row[Known], row[Freq28], row[Freq7], row[LastDay], row[Recent24], row[WeekWide], row[Recent6], row[LastDayTotal], row[Weekend]) = (28, frequency, frequency, 1e6f, 1e6f, 1e6f, 1e6f, 1e6f, 1);
            Assert.InRange(stacking.Apply(p, row, 0.5), 1e-4, 1 - 1e-4);
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
        row[Recent6] = 0.8f;
        row[LastDayTotal] = 6;

        var x = EventStacking.HistoryInputs(row, threshold: 0.5);

        Assert.Equal(EventStacking.HistoryInputNames.Count, x.Length);
        // 7 of 28 days smoothed by half an event: (7 + 0.5) / 29.
        Assert.Equal(Math.Log(7.5 / 21.5), x[0], 6);
        Assert.Equal(Math.Log(7.5 / 0.5), x[1], 6);
        Assert.Equal(1, x[2]);
        Assert.Equal(0.3, x[3], 6);
        Assert.Equal(1, x[4]);
        Assert.Equal(0.8, x[5], 6);
        // 6 event-hours of a 24-hour day: a quarter of the day.
        Assert.Equal(0.25, x[6], 6);
        Assert.Equal(0, x[7]);

        // No day known: the frequencies say nothing (logit 0), the last day has no event.
        var empty = EventStacking.HistoryInputs(new float[FeatureSchema.Names.Count], threshold: 0.5);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0], empty);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public void Inputs_WeekendOrHoliday_OneFlagForEither(float weekend, float holiday)
    {
        var row = new float[FeatureSchema.Names.Count];
        row[Weekend] = weekend;
        row[Holiday] = holiday;

        var x = EventStacking.HistoryInputs(row, threshold: 0.5);

        Assert.Equal("weekend_or_holiday", EventStacking.HistoryInputNames[7]);
        Assert.Equal(1, x[7]);
    }

    [Fact]
    public void Fit_UninformativeClassifier_LeansOnTheHistory_InformativeOne_OnTheClassifier()
    {
        // The 28-day frequency is the event rate of the history rows; on the held-out rows either the classifier knows
        // nothing (a coin) or it knows the outcome better than the history does.
        var random = new Random(6);
        (float[] Row, bool Event, double Rate) Draw()
        {
            var row = new float[FeatureSchema.Names.Count];
            row[Known] = 28;
            var rate = random.Next(29) / 28f;
            row[Freq28] = rate;
            return (row, random.NextDouble() < rate, rate);
        }

        var history = Enumerable.Range(0, 6000).Select(_ => Draw()).ToList();
        var held = Enumerable.Range(0, 3000).Select(_ => Draw()).ToList();
        var coin = held.Select(_ => random.NextDouble()).ToList();
        var sharp = held.Select(h => h.Event ? 0.9 : 0.1).ToList();

        var leansOnHistory = EventStacking.Fit([.. history.Select(h => h.Row)], [.. history.Select(h => h.Event)], coin, [.. held.Select(h => h.Row)], [.. held.Select(h => h.Event)], null, 0.5)!;
        var leansOnClassifier = EventStacking.Fit([.. history.Select(h => h.Row)], [.. history.Select(h => h.Event)], sharp, [.. held.Select(h => h.Row)], [.. held.Select(h => h.Event)], null, 0.5)!;

        // The history stage alone reproduces the frequency.
        var high = (float[])held[0].Row.Clone();
        high[Freq28] = 0.9f;
        var low = (float[])held[0].Row.Clone();
        low[Freq28] = 0.1f;
        Assert.InRange(leansOnHistory.HistoryProbability(high, 0.5), 0.8, 0.97);
        Assert.InRange(leansOnHistory.HistoryProbability(low, 0.5), 0.03, 0.2);
        Assert.InRange(leansOnHistory.Weights[2], -0.2, 0.2);
        Assert.InRange(leansOnHistory.Weights[1], 0.7, 1.3);
        Assert.True(leansOnClassifier.Weights[2] > 1, $"classifier weight {leansOnClassifier.Weights[2]:F2}");
        Assert.True(leansOnClassifier.Apply(0.9, low, 0.5) > leansOnHistory.Apply(0.9, low, 0.5) + 0.3);

        // Without the classifier the probability is the history stage's, whatever the classifier says.
        var historyOnly = EventStacking.Fit([.. history.Select(h => h.Row)], [.. history.Select(h => h.Event)], sharp, [.. held.Select(h => h.Row)], [.. held.Select(h => h.Event)], null, 0.5, useClassifier: false)!;
        Assert.Equal(historyOnly.HistoryProbability(low, 0.5), historyOnly.Apply(0.9, low, 0.5), 9);
        Assert.Equal(historyOnly.Apply(0.1, low, 0.5), historyOnly.Apply(0.9, low, 0.5), 9);
    }

    [Fact]
    public void EventCalibration_Stacked_NeedsTheTrainingDays_WithoutThemPlattAndTheFixedShare()
    {
        var raw = new[] { 0.2, 0.8, 0.3, 0.7 };
        var outcomes = new[] { false, true, false, true };
        var options = new CurtailmentModelOptions { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked };
        var row = new float[FeatureSchema.Names.Count];
        row[Known] = 28;
        row[Freq28] = 0.9f;

        var platt = EventCalibration.Fit(options, raw, outcomes, [1.0, 1, 1, 1]);

        Assert.Null(platt.Stacking);
        Assert.Equal((0.5 * platt.Apply(0.5)) + (0.5 * 0.9), platt.Apply(0.5, row, 0.5, 0.5), 6);
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
        Assert.Equal((ProbabilitySource.Classifier, CalibrationMethod.Stacked, false), (proxyOptions.Probability, proxyOptions.Calibration, proxyOptions.StackClassifier));
        Assert.Equal(new CurtailmentModelOptions(), CurtailmentModelOptions.For(caiso));
    }
}
