namespace Curtailment.Core.Observations;

/// <summary>
/// A read of one series. <see cref="AsOf"/> is required: the store returns only values published at or
/// before it, which is what keeps features and backtests honest.
/// </summary>
/// <param name="Region">Region id.</param>
/// <param name="Series">Series id.</param>
/// <param name="From">First interval start included (UTC).</param>
/// <param name="To">Interval starts before this are included (UTC, exclusive).</param>
/// <param name="AsOf">Only values published at or before this instant; <see cref="DateTimeOffset.MaxValue"/> for all.</param>
/// <param name="Source">Only this source, or null for any source.</param>
public sealed record ObservationQuery(
    string Region,
    string Series,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    string? Source = null);
