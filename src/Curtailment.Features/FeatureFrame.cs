using Microsoft.Data.Analysis;

namespace Curtailment.Features;

/// <summary>
/// One row per target interval: an <c>interval_start_utc</c> column, then the features of
/// <see cref="FeatureSchema.Names"/> as float columns, in that order.
/// </summary>
public sealed class FeatureFrame
{
    /// <summary>Wraps a frame built by <see cref="FeatureBuilder"/>.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="intervalStarts">Interval starts (UTC), one per row.</param>
    /// <param name="step">Interval length.</param>
    /// <param name="issuedAt">The information cut.</param>
    /// <param name="localDays">The region's local date of each row; null: the UTC date.</param>
    public FeatureFrame(DataFrame frame, IReadOnlyList<DateTimeOffset> intervalStarts, TimeSpan step, DateTimeOffset issuedAt, IReadOnlyList<DateOnly>? localDays = null)
    {
        ArgumentNullException.ThrowIfNull(intervalStarts);
        if (localDays is not null && localDays.Count != intervalStarts.Count)
        {
            throw new ArgumentException($"{localDays.Count} local days for {intervalStarts.Count} rows.", nameof(localDays));
        }

        Frame = frame;
        IntervalStarts = intervalStarts;
        Step = step;
        IssuedAt = issuedAt;
        LocalDays = localDays ?? intervalStarts.Select(s => DateOnly.FromDateTime(s.UtcDateTime)).ToList();
    }

    /// <summary>The frame itself (for notebooks and ML.NET).</summary>
    public DataFrame Frame { get; }

    /// <summary>Interval starts (UTC), one per row.</summary>
    public IReadOnlyList<DateTimeOffset> IntervalStarts { get; }

    /// <summary>The region's local date of each row (day-level parts of a model work per local day).</summary>
    public IReadOnlyList<DateOnly> LocalDays { get; }

    /// <summary>Interval length.</summary>
    public TimeSpan Step { get; }

    /// <summary>The information cut the features respect.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>Number of rows.</summary>
    public int Count => IntervalStarts.Count;

    /// <summary>A feature column by name.</summary>
    public SingleDataFrameColumn Column(string name) => (SingleDataFrameColumn)Frame.Columns[name];

    /// <summary>The feature vector of one row, in schema order.</summary>
    public float[] Row(int index)
    {
        var row = new float[FeatureSchema.Names.Count];
        for (var f = 0; f < row.Length; f++)
        {
            row[f] = ((SingleDataFrameColumn)Frame.Columns[f + 1])[index] ?? 0f;
        }

        return row;
    }
}
