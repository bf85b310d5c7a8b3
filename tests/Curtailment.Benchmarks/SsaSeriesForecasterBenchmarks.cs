using BenchmarkDotNet.Attributes;
using Curtailment.Models.Ssa;

namespace Curtailment.Benchmarks;

/// <summary>
/// The feature builder's SSA call: 30 days of hourly points (the last 34 unpublished), forecast 38 hours
/// (the unpublished hours are crossed too); daily (49) and weekly (169, with and without stabilization)
/// windows, Fast rank, MaxRank 12.
/// Target: well under 10 ms, since an issue day's features must build in well under 20 ms.
/// </summary>
[MemoryDiagnoser]
public class SsaSeriesForecasterBenchmarks
{
    private readonly SsaSeriesForecaster _daily = new(SsaSeriesForecaster.DailyWindowSize);
    private readonly SsaSeriesForecaster _weekly = new();
    private readonly SsaSeriesForecaster _weeklyUnstabilized = new(SsaSeriesForecaster.WeeklyWindowSize, stabilize: false);
    private double[] _history = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _history = [.. Enumerable.Range(0, 30 * 24).Select(h => h >= (30 * 24) - 34
            ? double.NaN
            : Math.Max(0, 800 * Math.Sin(2 * Math.PI * ((h % 24) - 7) / 20)) + (100 * random.NextDouble()))];
    }

    [Benchmark]
    public double[]? SeriesForecast_720Hours_Window49() => _daily.Forecast(_history, 38);

    [Benchmark]
    public double[]? SeriesForecast_720Hours_Window169() => _weekly.Forecast(_history, 38);

    [Benchmark]
    public double[]? SeriesForecast_720Hours_Window169_Unstabilized() => _weeklyUnstabilized.Forecast(_history, 38);
}
