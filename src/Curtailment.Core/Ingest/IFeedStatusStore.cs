namespace Curtailment.Core.Ingest;

/// <summary>Per-feed health (<see cref="FeedStatus"/>), kept in the store so that every host process sees every run.</summary>
public interface IFeedStatusStore
{
    /// <summary>
    /// Folds one run into the feed's status: the attempt time always; on success the success time and a reset of the
    /// failure count; on failure the error and one more consecutive failure; the newest period only ever moves later.
    /// </summary>
    Task RecordFeedRunAsync(FeedRunReport report, CancellationToken cancellationToken);

    /// <summary>Every feed that has run, by name.</summary>
    Task<IReadOnlyList<FeedStatus>> ListFeedStatusAsync(CancellationToken cancellationToken);
}
