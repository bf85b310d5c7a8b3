using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

public sealed class EventProbabilityModelTests
{
    private static (List<double[]> Scores, List<bool> Outcomes) Sample(int n, int seed, Func<double, double, bool> outcome)
    {
        var random = new Random(seed);
        var scores = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            var predicted = random.NextDouble() * 1500;
            var freq = random.NextDouble();
            scores.Add(EventProbabilityModel.Scores(predicted, 0.5, freq, freq, 500));
            outcomes.Add(outcome(predicted, freq));
        }

        return (scores, outcomes);
    }

    [Fact]
    public void Fit_EventsFollowTheForecast_ProbabilityRisesWithTheForecast()
    {
        var random = new Random(9);
        var (scores, outcomes) = Sample(3000, 4, (p, _) => p * (0.7 + (random.NextDouble() * 0.6)) >= 500);

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        var low = model.Apply(EventProbabilityModel.Scores(100, 0.5, 0.5, 0.5, 500));
        var high = model.Apply(EventProbabilityModel.Scores(1400, 0.5, 0.5, 0.5, 500));
        Assert.True(low < 0.1, $"low {low:F3}");
        Assert.True(high > 0.9, $"high {high:F3}");
    }

    [Fact]
    public void Fit_EventsFollowTheRecentFrequency_UsesTheFrequency()
    {
        var random = new Random(3);
        var (scores, outcomes) = Sample(4000, 5, (_, f) => random.NextDouble() < f);

        var model = EventProbabilityModel.Fit(scores, outcomes)!;

        var rare = model.Apply(EventProbabilityModel.Scores(700, 0.5, 0.1, 0.1, 500));
        var frequent = model.Apply(EventProbabilityModel.Scores(700, 0.5, 0.9, 0.9, 500));
        Assert.InRange(rare, 0.02, 0.25);
        Assert.InRange(frequent, 0.75, 0.98);
    }

    [Fact]
    public void Fit_OneClassOnly_ReturnsNull()
    {
        var (scores, outcomes) = Sample(100, 1, (_, _) => false);

        Assert.Null(EventProbabilityModel.Fit(scores, outcomes));
    }
}
