using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

public sealed class EventProbabilityModelTests
{
    private static (List<double[]> Scores, List<bool> Outcomes) Sample(int n, int seed, Func<double, bool> outcome)
    {
        var random = new Random(seed);
        var scores = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            var predicted = random.NextDouble() * 1500;
            scores.Add(EventProbabilityModel.Scores(predicted, 500));
            outcomes.Add(outcome(predicted));
        }

        return (scores, outcomes);
    }

    [Fact]
    public void Fit_EventsAgainstTheForecast_KeepsTheBaseRateAndTheForecastsOrder()
    {
        // A held-out stretch where events came when little was forecast: the fit must not learn that inversion.
        var (scores, outcomes) = Sample(2000, 5, p => p < 300);
        var rate = outcomes.Count(o => o) / (double)outcomes.Count;

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        var low = model.Apply(EventProbabilityModel.Scores(100, 500));
        var high = model.Apply(EventProbabilityModel.Scores(1400, 500));
        Assert.True(high > low, $"low {low:F5}, high {high:F5}");
        Assert.Equal(rate, low, 2);
        Assert.Equal(rate, high, 2);
    }

    [Fact]
    public void Fit_EventsFollowTheForecast_ProbabilityRisesWithTheForecast()
    {
        var random = new Random(9);
        var (scores, outcomes) = Sample(3000, 4, p => p * (0.7 + (random.NextDouble() * 0.6)) >= 500);

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        var low = model.Apply(EventProbabilityModel.Scores(100, 500));
        var high = model.Apply(EventProbabilityModel.Scores(1400, 500));
        Assert.True(low < 0.1, $"low {low:F3}");
        Assert.True(high > 0.9, $"high {high:F3}");
    }

    [Fact]
    public void Fit_ForecastsThatOverreach_ProbabilityAtTheThresholdFalls()
    {
        // Events come true only from 1,000 MW forecasts on: a 600 MW forecast is then an unlikely event.
        var (scores, outcomes) = Sample(3000, 5, p => p >= 1000);

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        Assert.True(model.Apply(EventProbabilityModel.Scores(600, 500)) < 0.2);
        Assert.True(model.Apply(EventProbabilityModel.Scores(1400, 500)) > 0.8);
    }

    [Fact]
    public void Fit_OneClassOnly_ReturnsNull()
    {
        var (scores, outcomes) = Sample(100, 1, _ => false);

        Assert.Null(EventProbabilityModel.Fit(scores, outcomes));
    }

    [Fact]
    public void Fit_WeightOfThree_ActsLikeTheRowThreeTimes()
    {
        // Rows 0, 3, 6, ... turn into events from 300 MW, the others from 700 MW: weighting the first kind
        // moves the fitted probability at 500 MW up, as repeating those rows does.
        var random = new Random(11);
        var scores = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 900; i++)
        {
            var predicted = random.NextDouble() * 1200;
            scores.Add(EventProbabilityModel.Scores(predicted, 500));
            outcomes.Add(predicted >= (i % 3 == 0 ? 300 : 700));
        }

        var weights = scores.Select((_, i) => i % 3 == 0 ? 3.0 : 1.0).ToList();
        var repeated = scores.SelectMany((s, i) => i % 3 == 0 ? new[] { s, s, s } : [s]).ToList();
        var repeatedOutcomes = outcomes.SelectMany((o, i) => i % 3 == 0 ? new[] { o, o, o } : [o]).ToList();

        var unweighted = EventProbabilityModel.Fit(scores, outcomes)!;
        var weighted = EventProbabilityModel.Fit(scores, outcomes, weights)!;
        var duplicated = EventProbabilityModel.Fit(repeated, repeatedOutcomes)!;

        var at500 = EventProbabilityModel.Scores(500, 500);
        Assert.True(weighted.Apply(at500) > unweighted.Apply(at500) + 0.05, $"weighted {weighted.Apply(at500):F3}, unweighted {unweighted.Apply(at500):F3}");
        // Weights are rescaled to a mean of 1, so the ridge weighs a little more than with repeated rows: close, not equal.
        foreach (var predicted in new[] { 100.0, 450, 520, 900 })
        {
            var x = EventProbabilityModel.Scores(predicted, 500);
            Assert.InRange(weighted.Apply(x) - duplicated.Apply(x), -0.03, 0.03);
        }
    }

    [Fact]
    public void Fit_ConstantWeights_GiveTheUnweightedModel()
    {
        var (scores, outcomes) = Sample(400, 12, p => p * (0.5 + (p % 7 / 7)) >= 500);

        var unweighted = EventProbabilityModel.Fit(scores, outcomes)!;
        var weighted = EventProbabilityModel.Fit(scores, outcomes, scores.Select(_ => 5.0).ToList())!;

        Assert.Equal(unweighted.Weights, weighted.Weights, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Fit_SeparableOutcomes_StaysFiniteAndOrdered()
    {
        // Every forecast above the threshold is an event and none below: plain Newton steps run off to
        // certainty; the damped steps and the ridge keep the weights finite.
        var (scores, outcomes) = Sample(500, 7, p => p >= 500);

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        Assert.All(model.Weights, w => Assert.True(double.IsFinite(w)));
        Assert.True(model.Apply(EventProbabilityModel.Scores(200, 500)) < 0.2);
        Assert.True(model.Apply(EventProbabilityModel.Scores(900, 500)) > 0.8);
    }

    [Fact]
    public void Fit_WeightsOfTheWrongLength_NameTheParameter()
    {
        var (scores, outcomes) = Sample(50, 8, p => p >= 500);

        var error = Assert.Throws<ArgumentException>(() => EventProbabilityModel.Fit(scores, outcomes, [1.0, 2.0]));

        Assert.Equal("weights", error.ParamName);
    }

    [Fact]
    public void Fit_FlatForecastButBoundaryFlowCarriesTheEvents_RanksByTheFlow()
    {
        // Thin history: the point forecast is flat near zero, while events follow the main boundary's flow.
        var random = new Random(11);
        var scores = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 3000; i++)
        {
            var flow = random.NextDouble() * 6000;
            scores.Add(EventProbabilityModel.Scores(random.NextDouble() * 5, 2000, flow));
            outcomes.Add(flow * (0.6 + (random.NextDouble() * 0.8)) > 4000);
        }

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        var quiet = model.Apply(EventProbabilityModel.Scores(2, 2000, 500));
        var pressed = model.Apply(EventProbabilityModel.Scores(2, 2000, 5500));
        Assert.True(quiet < 0.1, $"quiet boundary {quiet:F3}");
        Assert.True(pressed > 0.7, $"boundary near its limit {pressed:F3}");
    }

    [Fact]
    public void Fit_EventsAgainstTheBoundaryFlow_HoldsItsWeightAtZero()
    {
        // A held-out stretch where events came with little flow: a flow never makes an event less likely.
        var random = new Random(12);
        var scores = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 2000; i++)
        {
            var (predicted, flow) = (random.NextDouble() * 1500, random.NextDouble() * 6000);
            scores.Add(EventProbabilityModel.Scores(predicted, 500, flow));
            outcomes.Add(flow < 1500 || predicted * (0.7 + (random.NextDouble() * 0.6)) >= 500);
        }

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        Assert.Equal(0, model.Weights[2]);
        Assert.True(model.Weights[1] > EventProbabilityModel.MinimumSlope, "the forecast still orders the intervals");
        Assert.Equal(model.Apply(EventProbabilityModel.Scores(800, 500, 0)), model.Apply(EventProbabilityModel.Scores(800, 500, 5000)), 12);
    }
}
