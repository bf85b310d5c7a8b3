using Curtailment.Ingestion.Feeds;
using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Logging;

namespace Curtailment.Pipelines.Ingest;

/// <summary>
/// Fetches every period of a feed in a range of days through the same feed classes the ingest job uses, and imports
/// each file. History is imported with the operator's publication times (no received-at floor): a year fetched today
/// was published when the operator published it, which is what backtests must see.
/// </summary>
public sealed class FeedBackfill(IngestPipeline pipeline, ILogger<FeedBackfill> logger)
{
    /// <summary>
    /// The periods of <paramref name="feed"/> holding the days <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive), oldest first, each fetched and imported in turn; a failed period does not stop the others.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async Task<IReadOnlyList<BackfillPeriodResult>> RunAsync(
        IOperatorFeed feed, DateOnly from, DateOnly to, IProgress<BackfillPeriodResult>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (to < from)
        {
            throw new ArgumentException($"--to ({to:yyyy-MM-dd}) is before --from ({from:yyyy-MM-dd}).", nameof(to));
        }

        var results = new List<BackfillPeriodResult>();
        foreach (var period in Periods(feed.Cadence, from, to))
        {
            var result = await RunPeriodAsync(feed, period, cancellationToken);
            results.Add(result);
            progress?.Report(result);
            if (result.Outcome == BackfillOutcome.Failed && result.File is null && result.Problem?.StartsWith(SkippedPrefix, StringComparison.Ordinal) == true)
            {
                // The feed cannot run as configured (no API key): every other period would say the same.
                break;
            }
        }

        return results;
    }

    private const string SkippedPrefix = "feed skipped: ";

    /// <summary>The first days of the periods of <paramref name="cadence"/> that hold a day of the range, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Periods(FeedCadence cadence, DateOnly from, DateOnly to)
    {
        var periods = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var start = cadence.PeriodStart(day);
            if (periods.Count == 0 || periods[^1] != start)
            {
                periods.Add(start);
            }
        }

        return periods;
    }

    private async Task<BackfillPeriodResult> RunPeriodAsync(IOperatorFeed feed, DateOnly period, CancellationToken cancellationToken)
    {
        FeedResult fetched;
        try
        {
            fetched = await feed.FetchAsync(period, cancellationToken);
        }
        catch (FetchException e)
        {
            logger.LogWarning("Backfill {Feed}: {Period} failed: {Problem}", feed.Name, period, e.Message);
            return new BackfillPeriodResult(period, BackfillOutcome.Failed, null, e.Message);
        }

        switch (fetched.Outcome)
        {
            case FeedOutcome.Skipped:
                return new BackfillPeriodResult(period, BackfillOutcome.Failed, null, SkippedPrefix + fetched.Reason);
            case FeedOutcome.NotPublishedYet:
                return new BackfillPeriodResult(period, BackfillOutcome.NotPublished, null, fetched.Reason);
            default:
                var file = fetched.File!;
                var imported = await pipeline.IngestBytesAsync(feed.Source, file.Content, file.FileName, feed.RegionId, null, cancellationToken);
                return imported.Failed
                    ? new BackfillPeriodResult(period, BackfillOutcome.Failed, imported, imported.Run.Message)
                    : new BackfillPeriodResult(period, BackfillOutcome.Fetched, imported, null);
        }
    }
}
