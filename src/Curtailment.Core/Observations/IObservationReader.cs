namespace Curtailment.Core.Observations;

/// <summary>As-of reads of stored observations.</summary>
public interface IObservationReader
{
    /// <summary>Observations of one series, ordered by interval start, published at or before the query's as-of instant.</summary>
    Task<IReadOnlyList<Observation>> ReadAsync(ObservationQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The series on a regular grid of <paramref name="step"/> (a multiple of the stored resolution;
    /// finer values are averaged). Unknown intervals are NaN; for sparse-zero series
    /// (<see cref="SeriesIds.IsSparseZero"/>) intervals inside a published coverage span read as 0.
    /// </summary>
    Task<DenseSeries> ReadDenseAsync(ObservationQuery query, TimeSpan step, CancellationToken cancellationToken);

    /// <summary>End of the newest interval of a series known as of <paramref name="asOf"/>; null when none is.</summary>
    Task<DateTimeOffset?> LatestIntervalEndAsync(string region, string series, DateTimeOffset asOf, CancellationToken cancellationToken);
}
