namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// One file an operator publishes per period (a day, a month, a year) at a known URL, and the importer that reads it.
/// A feed never reads the clock: the caller says which period to fetch (<see cref="FeedPeriods"/> picks the due ones
/// for an instant), so a virtual clock can drive it, and its base URL is configurable (a mirror, a proxy, a test server).
/// </summary>
public interface IOperatorFeed
{
    /// <summary>Stable name, lower-case letters, digits and dashes (<c>caiso-outlook-demand</c>).</summary>
    string Name { get; }

    /// <summary>The importer that reads the fetched file (<c>caiso-outlook</c>).</summary>
    string Source { get; }

    /// <summary>The region the file is for.</summary>
    string RegionId { get; }

    /// <summary>How much time one file covers.</summary>
    FeedCadence Cadence { get; }

    /// <summary>When the operator publishes a period's file, in the operator's local time.</summary>
    FeedPublication Publication { get; }

    /// <summary>
    /// Downloads the file of the period holding <paramref name="day"/> (a local day of the operator). A file the
    /// operator has not published yet (404, a placeholder page, an empty answer) is a normal outcome, not an error;
    /// a download that fails after retries, or a body that is cut off or empty, throws <c>FetchException</c>.
    /// </summary>
    Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken);
}
