using System.Runtime.ExceptionServices;
using Curtailment.Core.Ingest;
using Curtailment.Core.Time;
using Curtailment.Host.Errors;
using Curtailment.Host.Observability;
using Curtailment.Host.Options;
using Curtailment.Ingestion.Feeds;
using Curtailment.Ingestion.Fetching;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Ingest;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Jobs;

/// <summary>
/// Ingests one configured source: every file of its folder, or the due periods of its operator feed. Downloads go
/// only through the feeds (retries, timeouts, truncated and empty bodies refused); a period not published yet is
/// logged and asked for again on the next run. Files already stored are skipped by the store (same hash), so a
/// retry or a re-run is harmless. A fetched file's values are stored as published no earlier than when it arrived
/// (the received-at floor). After each feed run the feed's status (<see cref="IFeedStatusStore"/>) is recorded.
/// </summary>
public sealed class IngestJob(
    IngestPipeline pipeline,
    IOptionsMonitor<JobsOptions> options,
    FeedCatalog feeds,
    IFeedStatusStore feedStatus,
    LateInputReissue reissue,
    IHostEnvironment environment,
    TimeProvider time,
    CurtailmentMetrics metrics,
    ILogger<IngestJob> logger)
{
    /// <summary>Runs the job for the source named <paramref name="sourceName"/>; returns the files processed.</summary>
    [Queue(JobQueues.Ingest)]
    [AutomaticRetry(Attempts = 5)]
    public async Task<IReadOnlyList<IngestFileResult>> RunAsync(string sourceName, CancellationToken cancellationToken)
    {
        var source = options.CurrentValue.Sources.FirstOrDefault(s => string.Equals(s.Name, sourceName, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"No ingest source named '{sourceName}' is configured (Curtailment:Jobs:Sources).");
        var published = source.Published is null ? null : PublicationRule.Parse(source.Published);
        try
        {
            IReadOnlyList<IngestFileResult> results;
            if (source.Folder is { } folder)
            {
                results = await FromFolderAsync(source, Path.GetFullPath(Path.Combine(environment.ContentRootPath, folder)), published, cancellationToken);
            }
            else
            {
                var feed = feeds.Get(source.Feed!);
                results = await FromFeedAsync(source, feed, published, cancellationToken);
                if (results.Any(r => r.Run.Status == IngestRunStatus.Succeeded && r.Run.ObservationsAccepted > 0))
                {
                    // Data that arrive after the day-ahead issue may complete a forecast issued without them.
                    await reissue.ReissueIfInputsArrivedAsync(feed.RegionId, cancellationToken);
                }
            }

            var failed = results.Count(r => r.Failed);
            metrics.JobRun("ingest", succeeded: failed == 0);
            logger.LogInformation("Ingest {Source}: {Files} files, {Failed} refused, {Accepted} observations accepted",
                source.Name, results.Count, failed, results.Sum(r => r.Run.ObservationsAccepted));
            return results;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.JobRun("ingest", succeeded: false);
            throw;
        }
    }

    private async Task<IReadOnlyList<IngestFileResult>> FromFolderAsync(IngestSourceOptions source, string folder, PublicationRule? published, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Ingest {Source}: folder {Folder} does not exist (yet)", source.Name, folder);
            return [];
        }

        return await pipeline.IngestPathsAsync(source.Source, [folder], source.Region, published, null, cancellationToken);
    }

    /// <summary>
    /// Every due period of the feed, oldest first. A failed download does not stop the later periods; the job fails
    /// afterwards (and Hangfire retries it) so the failure is seen. A file the importer refuses is recorded as a failed
    /// run by the pipeline; retrying the same bytes would not help, so it fails the feed's status, not the job.
    /// </summary>
    private async Task<IReadOnlyList<IngestFileResult>> FromFeedAsync(IngestSourceOptions source, IOperatorFeed feed, PublicationRule? published, CancellationToken cancellationToken)
    {
        var results = new List<IngestFileResult>();
        var failures = new List<ExceptionDispatchInfo>();
        var problems = new List<string>();
        DateOnly? newest = null;
        try
        {
            foreach (var period in FeedPeriods.Due(feed, time.GetUtcNow(), source.LookbackDays))
            {
                FeedResult fetched;
                try
                {
                    fetched = await feed.FetchAsync(period, cancellationToken);
                }
                catch (FetchException e)
                {
                    logger.LogWarning("Ingest {Source}: feed {Feed} failed for {Period}: {Problem}", source.Name, feed.Name, period, e.Message);
                    failures.Add(ExceptionDispatchInfo.Capture(e));
                    problems.Add($"{period:yyyy-MM-dd}: {e.Message}");
                    continue;
                }

                if (fetched.Outcome == FeedOutcome.Skipped)
                {
                    // A feed that cannot run as configured (no API key) is a failure the operator must see.
                    logger.LogWarning("Ingest {Source}: feed {Feed} skipped: {Reason}", source.Name, feed.Name, fetched.Reason);
                    problems.Add($"skipped: {fetched.Reason}");
                    break;
                }

                if (fetched.Outcome == FeedOutcome.NotPublishedYet)
                {
                    logger.LogInformation("Ingest {Source}: {Period} not published yet: {Reason}", source.Name, period, fetched.Reason);
                    continue;
                }

                var file = fetched.File!;
                var result = await pipeline.IngestBytesAsync(feed.Source, file.Content, file.FileName, feed.RegionId, published, time.GetUtcNow(), cancellationToken);
                results.Add(result);
                if (result.Failed)
                {
                    problems.Add(result.Run.Message ?? $"{file.FileName}: refused by the {feed.Source} importer");
                }
                else
                {
                    newest = newest is { } known && known > period ? known : period;
                }
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            problems.Add(e.Message);
            await RecordAsync(feed, newest, problems);
            throw;
        }

        await RecordAsync(feed, newest, problems);
        switch (failures.Count)
        {
            case 0:
                return results;
            case 1:
                failures[0].Throw();
                return results;
            default:
                throw new AggregateException($"Feed {feed.Name}: {failures.Count} periods failed to download.", failures.Select(f => f.SourceException));
        }
    }

    /// <summary>The run's outcome into the feed's shared status; a failure to record it is logged, never hides the run's own outcome.</summary>
    private async Task RecordAsync(IOperatorFeed feed, DateOnly? newest, List<string> problems)
    {
        var report = new FeedRunReport(feed.Name, feed.RegionId, time.GetUtcNow(), newest, problems.Count == 0 ? null : string.Join(" | ", problems));
        try
        {
            // Not the job's token: a run cancelled after its work still leaves its status.
            await feedStatus.RecordFeedRunAsync(report, CancellationToken.None);
        }
#pragma warning disable CA1031 // The status is a report; the job's own result must not be lost to it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Ingest: could not record the status of feed {Feed}", feed.Name);
        }
    }
}
