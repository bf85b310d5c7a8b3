namespace Curtailment.Core.Ingest;

/// <summary>The outcome of one run of an operator feed, as <see cref="IFeedStatusStore.RecordFeedRunAsync"/> records it.</summary>
/// <param name="Feed">Feed name.</param>
/// <param name="Region">The region the feed's files are for.</param>
/// <param name="At">When the run ended (UTC).</param>
/// <param name="NewestPeriod">The newest period the run fetched a file for, or null when it fetched none.</param>
/// <param name="Error">
/// Why the run failed (a download that failed after retries, a file the importer refused), or null for a run without
/// error; a period not published yet is not an error.
/// </param>
public sealed record FeedRunReport(string Feed, string Region, DateTimeOffset At, DateOnly? NewestPeriod, string? Error)
{
    /// <summary>Whether the run ended without error.</summary>
    public bool Succeeded => Error is null;
}
