using Curtailment.Features.Drivers;

namespace Curtailment.Features.Tests;

/// <summary>A series forecaster that records what the builder gives it and answers with a fixed rule.</summary>
internal sealed class RecordingSeriesForecaster(Func<double[], int, double[]?> answer) : ISeriesForecaster
{
    public List<(double[] History, int Horizon)> Calls { get; } = [];

    public string Name => "recording";

    public double[]? Forecast(ReadOnlySpan<double> history, int horizon)
    {
        var copy = history.ToArray();
        Calls.Add((copy, horizon));
        return answer(copy, horizon);
    }
}
