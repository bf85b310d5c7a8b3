using Curtailment.Features.Drivers;

namespace Curtailment.Models.Ssa;

/// <summary>
/// SSA as a driver forecaster on hourly data: a window of a week plus an hour (169) sees both the
/// daily and the weekly cycle; the rank is chosen by the fast rule and capped, since load is a few
/// smooth harmonics plus noise. Gaps are imputed by the trainer, so time stays aligned.
/// </summary>
public sealed class SsaSeriesForecaster : ISeriesForecaster
{
    /// <summary>The fewest known points accepted (two windows).</summary>
    public const int MinimumHistory = 2 * WindowSize;

    private const int WindowSize = 169;

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

        if (history.Length < MinimumHistory || known < history.Length * 0.8)
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
                WindowSize = WindowSize,
                RankSelection = SsaRankSelection.Fast,
                MaxRank = 12,
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
