using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

/// <summary>The classifier's calibration maps: fitted on one sample, judged on another drawn the same way.</summary>
public sealed class EventCalibrationTests
{
    /// <summary>Scores that overstate the event rate: a row scored s is an event with probability s².</summary>
    private static (List<double> Scores, List<bool> Outcomes) Overconfident(int count, int seed)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToList();
        return (scores, scores.Select(s => random.NextDouble() < s * s).ToList());
    }

    [Theory]
    [InlineData(CalibrationMethod.Platt)]
    [InlineData(CalibrationMethod.Isotonic)]
    public void Fit_OverconfidentScores_CalibratedMeanMatchesTheEventRateOfAnotherSample(CalibrationMethod method)
    {
        var (scores, outcomes) = Overconfident(4000, 1);
        var (later, laterOutcomes) = Overconfident(4000, 2);

        var calibration = EventCalibration.Fit(new CurtailmentModelOptions { Calibration = method }, scores, outcomes, [.. scores.Select(_ => 1.0)]);

        var rate = laterOutcomes.Count(o => o) / 4000.0;
        Assert.InRange(later.Average(calibration.Apply), rate - 0.02, rate + 0.02);
        // Uncalibrated, the scores' mean (1/2) is far above the rate (1/3).
        Assert.True(later.Average() - rate > 0.1);
        Assert.Equal(method, calibration.Method);
    }

    [Fact]
    public void Isotonic_FollowsTheTrueCurveWherePlattsLogisticShapeCannot()
    {
        var (scores, outcomes) = Overconfident(20000, 3);
        var isotonic = IsotonicCalibration.Fit(scores, outcomes)!;

        foreach (var s in new[] { 0.2, 0.5, 0.8 })
        {
            Assert.InRange(isotonic.Apply(s), (s * s) - 0.05, (s * s) + 0.05);
        }
    }

    [Fact]
    public void Isotonic_IsMonotoneOverEveryScore()
    {
        var random = new Random(4);
        var scores = Enumerable.Range(0, 3000).Select(_ => Math.Round(random.NextDouble(), 2)).ToList();
        // Noisy and locally inverted: events likelier in the middle than just above it.
        var outcomes = scores.Select(s => random.NextDouble() < (s is > 0.4 and < 0.5 ? 0.8 : s * 0.6)).ToList();

        var isotonic = IsotonicCalibration.Fit(scores, outcomes)!;

        var grid = Enumerable.Range(-10, 121).Select(i => i / 100.0).Select(isotonic.Apply).ToList();
        for (var i = 1; i < grid.Count; i++)
        {
            Assert.True(grid[i] >= grid[i - 1], $"calibrated {grid[i]} at {(i - 10) / 100.0} below {grid[i - 1]} just before");
        }

        Assert.All(grid, p => Assert.InRange(p, 1e-4, 1 - 1e-4));
        Assert.True(isotonic.Probabilities.Zip(isotonic.Probabilities.Skip(1)).All(pair => pair.First <= pair.Second));
        Assert.True(isotonic.Scores.Zip(isotonic.Scores.Skip(1)).All(pair => pair.First < pair.Second));
    }

    [Fact]
    public void Isotonic_WeightsCountAsRepeatedRows()
    {
        var scores = new[] { 0.1, 0.1, 0.9, 0.9 };
        var outcomes = new[] { false, true, false, true };

        // At 0.9 the event row weighs three times the other: a rate of 3/4 there; at 0.1 a rate of 1/4.
        var isotonic = IsotonicCalibration.Fit(scores, outcomes, [3, 1, 1, 3])!;

        Assert.Equal(0.25, isotonic.Apply(0.1), 9);
        Assert.Equal(0.75, isotonic.Apply(0.9), 9);
        Assert.Equal(0.5, isotonic.Apply(0.5), 9);
    }

    [Fact]
    public void Isotonic_OneClassOnly_IsNullAndTheCalibrationKeepsTheScores()
    {
        Assert.Null(IsotonicCalibration.Fit([0.2, 0.3], [false, false]));
        var calibration = EventCalibration.Fit(new CurtailmentModelOptions { Calibration = CalibrationMethod.Isotonic }, [0.2, 0.3], [false, false], [1.0, 1.0]);
        Assert.Equal(0.3, calibration.Apply(0.3), 9);
    }

    [Fact]
    public void Isotonic_MismatchedLengths_AreRefusedNamingTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([0.2, 0.3], [true]));
        Assert.Equal("outcomes", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([0.2, 0.3], [true, false], [1.0]));
        Assert.Equal("weights", error.ParamName);
    }
}
