namespace Curtailment.Core.Observations;

/// <summary>
/// A series on a regular grid: <c>Values[i]</c> covers <c>[Start + i*Step, Start + (i+1)*Step)</c>.
/// NaN means unknown as of the read; sparse-zero series (curtailment) read as 0 where a published file
/// covered the interval without listing it.
/// </summary>
/// <param name="Start">Start of the first interval (UTC).</param>
/// <param name="Step">Grid step.</param>
/// <param name="Values">One value per step; NaN for unknown.</param>
public sealed record DenseSeries(DateTimeOffset Start, TimeSpan Step, double[] Values)
{
    /// <summary>End of the last interval (UTC, exclusive).</summary>
    public DateTimeOffset End => Start + (Step * Values.Length);

    /// <summary>Start of interval <paramref name="index"/>.</summary>
    public DateTimeOffset TimeAt(int index) => Start + (Step * index);

    /// <summary>Number of known (non-NaN) values.</summary>
    public int KnownCount => Values.Count(v => !double.IsNaN(v));
}
