namespace Curtailment.Core.Observations;

/// <summary>
/// One value of one series for one interval, with the instant it became known. The store keys it on
/// (region, series, interval start, source).
/// </summary>
/// <param name="Region">Region id.</param>
/// <param name="Series">Series id (see <see cref="SeriesIds"/>).</param>
/// <param name="IntervalStart">Start of the interval, UTC.</param>
/// <param name="Duration">Length of the interval.</param>
/// <param name="Value">The value, in the unit the series id names.</param>
/// <param name="Source">The importer that produced it (<c>caiso-production</c>).</param>
/// <param name="PublishedAt">When the value became known to the public: the key to honest backtests.</param>
/// <param name="Note">Quality notes carried by the source row (<c>stale:solar</c>), or null.</param>
public readonly record struct Observation(
    string Region,
    string Series,
    DateTimeOffset IntervalStart,
    TimeSpan Duration,
    double Value,
    string Source,
    DateTimeOffset PublishedAt,
    string? Note = null)
{
    /// <summary>End of the interval, UTC (exclusive).</summary>
    public DateTimeOffset IntervalEnd => IntervalStart + Duration;
}
