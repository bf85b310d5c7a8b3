using Curtailment.Models.Ssa;

namespace Curtailment.Models.Tests.Ssa;

public class SsaForecasterTests
{
    private static double[] Series(int length, Func<int, double> f) => [.. Enumerable.Range(0, length).Select(f)];

    private static double TwoCosines(int k) => (30 * Math.Cos(2 * Math.PI * k / 12)) + (20 * Math.Cos((2 * Math.PI * k / 12) + (Math.PI / 4)));

    private static double MixedPeriods(int k) => (30 * Math.Cos(2 * Math.PI * k / 12)) + (20 * Math.Cos((2 * Math.PI * k / 8) + (Math.PI / 4)));

    private static double Daily(int t) => 50 + (30 * Math.Cos(2 * Math.PI * t / 288)) + (10 * Math.Cos((4 * Math.PI * t / 288) + 0.3));

    private static SsaOptions Fixed(int windowSize, int rank) => new()
    {
        WindowSize = windowSize,
        RankSelection = SsaRankSelection.Fixed,
        Rank = rank,
    };

    [Theory]
    [InlineData(12, 2)]
    [InlineData(24, 2)]
    [InlineData(36, 2)]
    [InlineData(48, 2)]
    [InlineData(60, 2)]
    [InlineData(12, 4)]
    [InlineData(24, 4)]
    [InlineData(36, 4)]
    [InlineData(48, 4)]
    [InlineData(60, 4)]
    public void Forecast_SumOfCosinesAtTwoRanksPerCosine_ContinuesExactly(int windowSize, int rank)
    {
        Func<int, double> f = rank == 2 ? TwoCosines : MixedPeriods;
        var model = SsaForecaster.Train(Series(71, f), Fixed(windowSize, rank));

        var point = model.Forecast(400).Point;

        double mse = point.Select((v, h) => Math.Pow(v - f(71 + h), 2)).Average();
        Assert.True(mse < 1.5e-8, $"MSE {mse:G3}");
    }

    [Fact]
    public void Forecast_Period5PatternWithWindow6_ContinuesExactly()
    {
        var model = SsaForecaster.Train(Series(30, k => k % 5), new SsaOptions { WindowSize = 6 });

        var point = model.Forecast(20).Point;

        SsaReferenceVectorsTests.AssertClose(Series(20, h => (30 + h) % 5), point, 1e-6);
    }

    [Theory]
    [InlineData(48, true)]
    [InlineData(289, true)]
    [InlineData(289, false)]
    public void Forecast_DailyProfileAtRank5_ContinuesExactly(int windowSize, bool stabilize)
    {
        var model = SsaForecaster.Train(Series(864, Daily), Fixed(windowSize, 5) with { ShouldStabilize = stabilize });

        var point = model.Forecast(2 * 288).Point;

        double maxError = point.Select((v, h) => Math.Abs(v - Daily(864 + h))).Max();
        Assert.True(maxError < 1e-5, $"max abs error {maxError:G3}");
    }

    [Fact]
    public void Forecast_NoisyDailyProfileWithLongWindow_StaysBounded()
    {
        var random = new Random(7);
        double[] y = Series(8 * 288, t => Daily(t) + (5 * (random.NextDouble() - 0.5)));
        var model = SsaForecaster.Train(y, Fixed(289, 12));

        var point = model.Forecast(7 * 288).Point;

        Assert.All(point, v => Assert.InRange(v, 0, 100));
        double lastDayError = point.Skip(6 * 288).Select((v, h) => Math.Abs(v - Daily((14 * 288) + h))).Max();
        Assert.True(lastDayError < 5, $"last-day max error {lastDayError:G3}");
    }

    [Fact]
    public void Stabilize_GrowingOscillation_ClipsRootsToUnitCircle()
    {
        double[] y = Series(120, k => Math.Pow(1.02, k) * Math.Cos(2 * Math.PI * k / 10));

        var stable = SsaForecaster.Train(y, Fixed(20, 2)).Forecast(500).Point;
        var free = SsaForecaster.Train(y, Fixed(20, 2) with { ShouldStabilize = false }).Forecast(500).Point;

        Assert.True(stable.Max(Math.Abs) < 1.02 * Math.Pow(1.02, 119), "stabilized forecast grew");
        Assert.True(free.Max(Math.Abs) > 100 * Math.Pow(1.02, 119), "the unstabilized control should grow");
    }

    [Fact]
    public void Stabilize_TrendWithMaxGrowth_LimitsGrowthPerStep()
    {
        double[] y = Series(60, k => Math.Pow(1.05, k));

        var free = SsaForecaster.Train(y, Fixed(10, 1)).Forecast(10).Point;
        var limited = SsaForecaster.Train(y, Fixed(10, 1) with { MaxGrowth = new SsaGrowthRatio(1, 1.01) }).Forecast(10).Point;

        Assert.Equal(Math.Pow(1.05, 69), free[^1], 1e-6 * free[^1]);
        Assert.True(limited[^1] / limited[^2] < 1.0101, $"ratio {limited[^1] / limited[^2]}");
    }

    [Fact]
    public void Train_ExactOnNoiseFreeCosines_PicksTheTrueRank()
    {
        var model = SsaForecaster.Train(Series(71, MixedPeriods), new SsaOptions { WindowSize = 24 });

        Assert.Equal(4, model.Rank);
    }

    [Fact]
    public void Train_FixedRankAboveDefaultMaxRank_UsesThatRank()
    {
        var random = new Random(5);
        double[] y = Series(300, k => TwoCosines(k) + random.NextDouble() - 0.5);

        var model = SsaForecaster.Train(y, Fixed(60, 40));

        Assert.Equal(40, model.Rank);
        Assert.All(model.Forecast(10).Point, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Train_FastOnNoisyCosine_PicksSignalRankOnly()
    {
        var random = new Random(3);
        double[] y = Series(400, k => (10 * Math.Cos(2 * Math.PI * k / 24)) + random.NextDouble() - 0.5);

        var model = SsaForecaster.Train(y, new SsaOptions { WindowSize = 48, RankSelection = SsaRankSelection.Fast });

        Assert.Equal(2, model.Rank);
    }

    [Fact]
    public void Train_SeriesWithNaNGap_KeepsTimeAlignment()
    {
        double[] y = Series(71, TwoCosines);
        for (int k = 30; k < 33; k++)
        {
            y[k] = double.NaN;
        }

        var model = SsaForecaster.Train(y, Fixed(24, 2));

        // A compacted series would shift the phase by three steps; interpolation keeps it.
        var point = model.Forecast(12).Point;
        Assert.All(point.Select((v, h) => Math.Abs(v - TwoCosines(71 + h))), e => Assert.True(e < 2.5, $"error {e}"));
    }

    [Fact]
    public void Update_NaNPoint_AdvancesTimeWithPrediction()
    {
        var model = SsaForecaster.Train(Series(71, TwoCosines), Fixed(24, 2));

        model.Update([double.NaN, TwoCosines(72)]);

        Assert.Equal(73, model.ObservedCount);
        SsaReferenceVectorsTests.AssertClose(Series(5, h => TwoCosines(73 + h)), model.Forecast(5).Point, 1e-6);
    }

    [Fact]
    public void Train_LongerThanTrainSize_FeedsTheRestThroughUpdate()
    {
        double[] y = Series(100, TwoCosines);

        var model = SsaForecaster.Train(y, Fixed(24, 2) with { TrainSize = 71 });

        Assert.Equal(100, model.ObservedCount);
        SsaReferenceVectorsTests.AssertClose(Series(5, h => TwoCosines(100 + h)), model.Forecast(5).Point, 1e-6);
    }

    [Theory]
    [InlineData(1, 50, "WindowSize")]
    [InlineData(60, 50, "TrainSize")]
    [InlineData(50, 50, "TrainSize")]
    public void Train_BadWindow_ThrowsNamingParameter(int windowSize, int length, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => SsaForecaster.Train(Series(length, TwoCosines), new SsaOptions { WindowSize = windowSize }));

        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Train_SeriesShorterThanTrainSize_ThrowsNamingSeries()
    {
        var e = Assert.Throws<ArgumentException>(() => SsaForecaster.Train(Series(20, TwoCosines), new SsaOptions { WindowSize = 5, TrainSize = 30 }));

        Assert.Equal("series", e.ParamName);
    }

    [Fact]
    public void Train_ConstantSeries_ThrowsNamingSeries()
    {
        var e = Assert.Throws<ArgumentException>(() => SsaForecaster.Train(Series(50, _ => 3.0), new SsaOptions { WindowSize = 5 }));

        Assert.Equal("series", e.ParamName);
        Assert.Contains("constant", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_AllNaNSeries_ThrowsNamingSeries()
    {
        var e = Assert.Throws<ArgumentException>(() => SsaForecaster.Train(Series(50, _ => double.NaN), new SsaOptions { WindowSize = 5 }));

        Assert.Equal("series", e.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Train_BadConfidenceLevel_ThrowsNamingParameter(double level)
    {
        var e = Assert.Throws<ArgumentException>(() => SsaForecaster.Train(Series(50, TwoCosines), new SsaOptions { WindowSize = 5, ConfidenceLevel = level }));

        Assert.Equal("ConfidenceLevel", e.ParamName);
    }

    [Fact]
    public void Forecast_HorizonBelowOne_Throws()
    {
        var model = SsaForecaster.Train(Series(50, TwoCosines), Fixed(12, 2));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forecast(0));

        Assert.Equal("horizon", e.ParamName);
    }

    [Fact]
    public void Forecast_ExplodingUnstabilizedModel_ThrowsInsteadOfReturningInfinity()
    {
        double[] y = Series(120, k => Math.Pow(1.5, k % 40) * Math.Cos(2 * Math.PI * k / 10));
        var model = SsaForecaster.Train(y, Fixed(20, 6) with { ShouldStabilize = false });

        var e = Record.Exception(() => model.Forecast(20_000));

        if (e is null)
        {
            var f = model.Forecast(20_000);
            Assert.All(f.Upper.Concat(f.Lower).Concat(f.Point), v => Assert.True(double.IsFinite(v)));
        }
        else
        {
            Assert.IsType<InvalidOperationException>(e);
        }
    }
}
