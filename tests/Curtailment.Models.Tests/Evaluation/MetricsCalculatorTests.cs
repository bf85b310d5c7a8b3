using Curtailment.Models.Evaluation;

namespace Curtailment.Models.Tests.Evaluation;

public sealed class MetricsCalculatorTests
{
    private static readonly DateOnly Day = new(2021, 3, 1);
    private static readonly DateTimeOffset Start = new(2021, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RocAuc_TiesShareTheirRank()
    {
        // Scores 0.1 (neg), 0.4 (pos), 0.4 (neg), 0.8 (pos): one tied pair counts half.
        var auc = MetricsCalculator.RocAuc([0.1, 0.4, 0.4, 0.8], [false, true, false, true]);

        Assert.Equal(0.875, auc, 12);
    }

    [Fact]
    public void AveragePrecision_PerfectRanking_IsOneAndOneMisrankIsLess()
    {
        Assert.Equal(1, MetricsCalculator.AveragePrecision([0.9, 0.8, 0.1], [true, true, false]), 12);
        // Ranked pos, neg, pos: AP = 1/2 * 1 + 1/2 * 2/3.
        Assert.Equal((0.5 * 1) + (0.5 * 2 / 3.0), MetricsCalculator.AveragePrecision([0.9, 0.5, 0.1], [true, false, true]), 12);
        Assert.True(double.IsNaN(MetricsCalculator.AveragePrecision([0.2], [false])));
    }

    [Fact]
    public void BestWindow_FirstLargestSum()
    {
        Assert.Equal((1, 9.0), MetricsCalculator.BestWindow([1, 4, 5, 0, 4, 5], 2));
    }

    [Fact]
    public void Compute_HandWorkedExample()
    {
        // Hourly, 6 intervals; a 3-hour window; threshold 500.
        double[] actual = [0, 100, 600, 900, 300, 0];
        double[] predicted = [0, 200, 500, 700, 500, 100];
        double[] probability = [0, 0.2, 0.6, 0.9, 0.4, 0.1];
        var rows = Enumerable.Range(0, 6).Select(i => new ScoredInterval(
            Day, Start.AddHours(i), actual[i], predicted[i], probability[i], predicted[i] - 100, predicted[i] + 100, 0.5)).ToList();

        var m = MetricsCalculator.Compute(rows, v => v >= 500, TimeSpan.FromHours(1));

        Assert.Equal((0 + 100 + 100 + 200 + 200 + 100) / 6.0, m.MaeMw, 9);
        Assert.Equal(Math.Sqrt((0 + 10000 + 10000 + 40000 + 40000 + 10000) / 6.0), m.RmseMw, 9);
        Assert.Equal(2 / 6.0, m.EventRate, 9);
        Assert.Equal(1, m.RocAuc, 9);
        var brier = (0 + 0.04 + 0.16 + 0.01 + 0.16 + 0.01) / 6;
        Assert.Equal(brier, m.Brier, 9);
        Assert.Equal(1 - (brier / 0.25), m.BrierSkill, 9);
        Assert.Equal(4 / 6.0, m.IntervalCoverage, 9); // 900 and 300 fall outside their intervals
        Assert.Equal(200, m.IntervalMeanWidthMw, 9);
        // Best actual window is hours 2-4 (1,800 MWh); the forecast's best is hours 2-4 too.
        Assert.Equal(1, m.SchedulerCapture, 9);
        Assert.Equal(1, m.CaptureDays);
    }

    [Fact]
    public void Compute_DayBelow100MWh_IsNotCountedInCapture()
    {
        var rows = Enumerable.Range(0, 6).Select(i => new ScoredInterval(Day, Start.AddHours(i), 10, 5, 0, 0, 10, 0)).ToList();

        var m = MetricsCalculator.Compute(rows, v => v >= 500, TimeSpan.FromHours(1));

        Assert.Equal(0, m.CaptureDays);
        Assert.True(double.IsNaN(m.SchedulerCapture));
    }
}
