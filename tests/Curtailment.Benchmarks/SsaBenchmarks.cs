using BenchmarkDotNet.Attributes;
using Curtailment.Models.Ssa;

namespace Curtailment.Benchmarks;

/// <summary>SSA on 28 days of 5-minute points with a one-day-plus-one window (targets: train &lt; 1 s, forecast &lt; 1 ms).</summary>
[MemoryDiagnoser]
public class SsaBenchmarks
{
    private double[] _series = [];
    private SsaModel _model = null!;
    private readonly SsaOptions _options = new() { WindowSize = 289 };

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _series = [.. Enumerable.Range(0, 28 * 288).Select(t =>
            50 + (30 * Math.Cos(2 * Math.PI * t / 288)) + (10 * Math.Cos((4 * Math.PI * t / 288) + 0.3)) + (3 * (random.NextDouble() - 0.5)))];
        _model = SsaForecaster.Train(_series, _options);
    }

    [Benchmark]
    public SsaModel Train_8064Points_Window289() => SsaForecaster.Train(_series, _options);

    [Benchmark]
    public SsaForecast Forecast_288Steps() => _model.Forecast(288);
}
