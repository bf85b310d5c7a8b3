using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

public sealed class CalibrationTests
{
    [Fact]
    public void ResidualIntervals_CoverAboutEightyPercentOfTheResidualsTheyWereFitOn()
    {
        var random = new Random(3);
        var predicted = Enumerable.Range(0, 2000).Select(_ => 100 + (random.NextDouble() * 800)).ToList();
        var actual = predicted.Select(p => p * Math.Exp((random.NextDouble() - 0.5) * 0.8)).ToList();

        var intervals = ResidualIntervals.Fit(predicted, actual);
        var inside = predicted.Where((p, i) => intervals.Around(p) is var (low, high) && low <= actual[i] && actual[i] <= high).Count();

        Assert.InRange(inside / 2000.0, 0.76, 0.84);
    }

    [Fact]
    public void ResidualIntervals_ProbabilityAtLeast_RisesWithTheForecast()
    {
        var random = new Random(5);
        var predicted = Enumerable.Range(0, 3000).Select(_ => random.NextDouble() * 1500).ToList();
        var actual = predicted.Select(p => p * Math.Exp((random.NextDouble() - 0.5) * 0.6)).ToList();
        var intervals = ResidualIntervals.Fit(predicted, actual);

        var low = intervals.ProbabilityAtLeast(100, 500);
        var middle = intervals.ProbabilityAtLeast(480, 500);
        var high = intervals.ProbabilityAtLeast(1400, 500);

        Assert.True(low < 0.05, $"low {low}");
        Assert.InRange(middle, 0.3, 0.7);
        Assert.True(high > 0.95, $"high {high}");
    }

    [Fact]
    public void PlattCalibration_OverconfidentScores_AreShrunkTowardsTheTruth()
    {
        // Scores say 0.9 but only half of those rows are events; 0.1 rows are never events.
        var probabilities = Enumerable.Repeat(0.9, 200).Concat(Enumerable.Repeat(0.1, 200)).ToList();
        var outcomes = Enumerable.Range(0, 200).Select(i => i % 2 == 0).Concat(Enumerable.Repeat(false, 200)).ToList();

        var calibration = PlattCalibration.Fit(probabilities, outcomes);

        Assert.InRange(calibration.Apply(0.9), 0.45, 0.55);
        Assert.True(calibration.Apply(0.1) < 0.05);
    }

    [Fact]
    public void PlattCalibration_OneClassOnly_IsIdentity()
    {
        Assert.Equal(PlattCalibration.Identity, PlattCalibration.Fit([0.2, 0.3], [false, false]));
    }
}
