namespace Curtailment.Core.Observations;

/// <summary>
/// Loads a region's series for a time window into memory once, for work that reads them thousands of
/// times (backtests). The snapshot is an <see cref="IObservationReader"/>: it holds values published at
/// any time and applies the same as-of rule on every read, so the information cut still lives in the
/// reader, not in the caller.
/// </summary>
public interface IObservationSnapshotSource
{
    /// <summary>Loads <paramref name="series"/> of <paramref name="region"/> with interval starts in <c>[from, to)</c>.</summary>
    Task<IObservationReader> LoadSnapshotAsync(string region, IReadOnlyCollection<string> series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
