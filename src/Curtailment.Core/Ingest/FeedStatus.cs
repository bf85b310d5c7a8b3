namespace Curtailment.Core.Ingest;

/// <summary>
/// The health of one operator feed as its runs left it, shared by every process through the store.
/// </summary>
/// <param name="Feed">Feed name (<c>caiso-outlook-demand</c>).</param>
/// <param name="Region">The region the feed's files are for.</param>
/// <param name="LastAttemptAt">When the last run ended (UTC).</param>
/// <param name="LastSuccessAt">When a run last ended without error (UTC), or null if none has.</param>
/// <param name="NewestPeriod">The newest period (its first local day) a run has fetched a file for, or null.</param>
/// <param name="LastErrorAt">When a run last failed (UTC), or null if none has.</param>
/// <param name="LastError">What went wrong then (the download's or the importer's message).</param>
/// <param name="ConsecutiveFailures">Runs that failed in a row up to the last one; 0 once one succeeds.</param>
public sealed record FeedStatus(
    string Feed, string Region, DateTimeOffset LastAttemptAt, DateTimeOffset? LastSuccessAt, DateOnly? NewestPeriod,
    DateTimeOffset? LastErrorAt, string? LastError, int ConsecutiveFailures)
{
    /// <summary>Whether the feed's last run failed: the one rule the health check, the API and the page share.</summary>
    public bool IsFailing => ConsecutiveFailures > 0;
}
