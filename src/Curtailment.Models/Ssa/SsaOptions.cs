namespace Curtailment.Models.Ssa;

/// <summary>
/// Parameters of the singular spectrum analysis forecaster, with the meaning ML.NET's
/// <c>ForecastBySsa</c> gives them.
/// </summary>
public sealed record SsaOptions
{
    /// <summary>Window length L of the trajectory matrix (at least 2, at most the training length).</summary>
    public required int WindowSize { get; init; }

    /// <summary>
    /// ML.NET's series length N (points kept for modelling). Kept for parameter compatibility and
    /// validated (at least <see cref="WindowSize"/>); without online retraining the update only needs the
    /// last L − 1 inputs, which the model keeps as its lag buffer.
    /// </summary>
    public int? SeriesLength { get; init; }

    /// <summary>Number of leading points used for training; <c>null</c> uses the whole series given to Train.</summary>
    public int? TrainSize { get; init; }

    /// <summary>Confidence level of the bounds, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>How the rank is chosen. Default <see cref="SsaRankSelection.Exact"/>.</summary>
    public SsaRankSelection RankSelection { get; init; } = SsaRankSelection.Exact;

    /// <summary>The rank for <see cref="SsaRankSelection.Fixed"/>; if set, it also fixes the rank for the other methods (as in ML.NET).</summary>
    public int? Rank { get; init; }

    /// <summary>Largest rank the automatic selection considers. Default <c>min(WindowSize - 1, 32)</c>.</summary>
    public int? MaxRank { get; init; }

    /// <summary>Whether to stabilize the recurrence (clip oscillating roots to the unit circle). Default true.</summary>
    public bool ShouldStabilize { get; init; } = true;

    /// <summary>Largest allowed trend growth; <c>null</c> leaves real positive (trend) roots untouched, as ML.NET does.</summary>
    public SsaGrowthRatio? MaxGrowth { get; init; }

    /// <summary>Default cap on <see cref="MaxRank"/> (bounds the candidate eigenvectors kept for rank selection).</summary>
    public const int DefaultMaxRankCap = 32;

    internal int EffectiveMaxRank => MaxRank ?? Math.Min(WindowSize - 1, DefaultMaxRankCap);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    /// <param name="trainLength">Number of points available for training.</param>
    public void Validate(int trainLength)
    {
        if (WindowSize < 2)
        {
            throw new ArgumentException($"WindowSize must be at least 2 (got {WindowSize}).", nameof(WindowSize));
        }

        if (trainLength < WindowSize + 1)
        {
            throw new ArgumentException(
                $"TrainSize ({trainLength}) must exceed WindowSize ({WindowSize}): the trajectory matrix needs at least two columns.",
                nameof(TrainSize));
        }

        if (SeriesLength is { } n && n < WindowSize)
        {
            throw new ArgumentException($"SeriesLength ({n}) must be at least WindowSize ({WindowSize}).", nameof(SeriesLength));
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel must be in (0, 1) (got {ConfidenceLevel}).", nameof(ConfidenceLevel));
        }

        if (RankSelection == SsaRankSelection.Fixed && Rank is null)
        {
            throw new ArgumentException("Rank is required when RankSelection is Fixed.", nameof(Rank));
        }

        if (Rank is { } r && (r < 1 || r > WindowSize - 1))
        {
            throw new ArgumentException($"Rank must be in [1, WindowSize - 1] = [1, {WindowSize - 1}] (got {r}).", nameof(Rank));
        }

        if (MaxRank is { } m && (m < 1 || m > WindowSize - 1))
        {
            throw new ArgumentException($"MaxRank must be in [1, WindowSize - 1] = [1, {WindowSize - 1}] (got {m}).", nameof(MaxRank));
        }

        if (MaxGrowth is { } g && (g.TimeSpan < 1 || !(g.Growth > 0) || double.IsInfinity(g.Growth)))
        {
            throw new ArgumentException("MaxGrowth needs TimeSpan >= 1 and a finite positive Growth.", nameof(MaxGrowth));
        }
    }
}
