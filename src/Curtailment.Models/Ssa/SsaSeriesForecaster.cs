using Curtailment.Features.Drivers;

namespace Curtailment.Models.Ssa;

/// <summary>
/// SSA as a driver forecaster on hourly data. The default window of a week plus an hour (169) sees both
/// the daily and the weekly cycle; the feature builder's composition uses <see cref="DailyWindowSize"/>
/// instead, since stabilizing the order-168 recurrence costs a non-symmetric eigen-decomposition of a
/// 168×168 companion matrix per call (see docs/benchmarks.md, "SSA at work"). The rank is chosen by the
/// fast rule and capped, since load and curtailment are a few smooth harmonics plus noise. Gaps are
/// imputed by the trainer, so time stays aligned.
/// </summary>
/// <param name="windowSize">Window length L in hours (at least 2).</param>
/// <param name="stabilize">Whether to stabilize the recurrence (<see cref="SsaOptions.ShouldStabilize"/>).</param>
public sealed class SsaSeriesForecaster(int windowSize = SsaSeriesForecaster.WeeklyWindowSize, bool stabilize = true) : ISeriesForecaster
{
    /// <summary>A week plus an hour: daily and weekly cycles.</summary>
    public const int WeeklyWindowSize = 169;

    /// <summary>Two days plus an hour: the daily cycle and its harmonics, at a small fraction of the weekly window's cost.</summary>
    public const int DailyWindowSize = 49;

    /// <summary>The fewest points accepted with the default window (two windows).</summary>
    public const int MinimumHistory = 2 * WeeklyWindowSize;

    private readonly int _windowSize = windowSize >= 2 ? windowSize : throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, "The window needs at least 2 points.");

    /// <summary>The window length L in use.</summary>
    public int WindowSize => _windowSize;

    /// <summary>Whether the recurrence is stabilized (for a window of L, a non-symmetric eigen-decomposition of (L−1)×(L−1) per call).</summary>
    public bool Stabilize => stabilize;

    /// <inheritdoc />
    public string Name => "ssa";

    /// <inheritdoc />
    public double[]? Forecast(ReadOnlySpan<double> history, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var known = 0;
        foreach (var v in history)
        {
            known += double.IsNaN(v) ? 0 : 1;
        }

        if (history.Length < 2 * _windowSize || known < history.Length * 0.8)
        {
            return null;
        }

        // The last values may be unknown (publication lag): forecast across them too.
        var lastKnown = history.Length - 1;
        while (lastKnown >= 0 && double.IsNaN(history[lastKnown]))
        {
            lastKnown--;
        }

        var trailingGap = history.Length - 1 - lastKnown;
        var series = history[..(lastKnown + 1)];
        try
        {
            var model = SsaForecaster.Train(series, new SsaOptions
            {
                WindowSize = _windowSize,
                RankSelection = SsaRankSelection.Fast,
                MaxRank = Math.Min(12, _windowSize - 1),
                ShouldStabilize = stabilize,
            });
            var forecast = model.Forecast(trailingGap + horizon).Point;
            return forecast[trailingGap..];
        }
        catch (ArgumentException)
        {
            // Constant or degenerate history: nothing SSA can add.
            return null;
        }
    }
}
