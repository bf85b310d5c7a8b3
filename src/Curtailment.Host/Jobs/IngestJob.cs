using System.Globalization;
using System.Net;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Host.Errors;
using Curtailment.Host.Observability;
using Curtailment.Host.Options;
using Curtailment.Pipelines.Ingest;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Jobs;

/// <summary>
/// Ingests one configured source: every file of its folder, or its URL template for the last few local days.
/// Files already stored are skipped by the store (same hash), so a retry or a re-run is harmless.
/// </summary>
public sealed class IngestJob(
    IngestPipeline pipeline,
    IOptionsMonitor<JobsOptions> options,
    IRegionCatalog regions,
    IHttpClientFactory httpClients,
    IHostEnvironment environment,
    TimeProvider time,
    CurtailmentMetrics metrics,
    ILogger<IngestJob> logger)
{
    /// <summary>Name of the HTTP client downloads use (standard resilience handler).</summary>
    public const string HttpClientName = "ingest";

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
            var results = source.Folder is { } folder
                ? await FromFolderAsync(source, Path.GetFullPath(Path.Combine(environment.ContentRootPath, folder)), published, cancellationToken)
                : await FromUrlAsync(source, published, cancellationToken);
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

    private async Task<IReadOnlyList<IngestFileResult>> FromUrlAsync(IngestSourceOptions source, PublicationRule? published, CancellationToken cancellationToken)
    {
        var template = source.UrlTemplate!;
        var zone = source.Region is null ? TimeZoneInfo.Utc : regions.Get(source.Region).TimeZone;
        var today = LocalClock.LocalDate(time.GetUtcNow(), zone);
        var days = template.Contains("{date}", StringComparison.Ordinal)
            ? Enumerable.Range(0, source.LookbackDays).Select(i => today.AddDays(-i)).Reverse().ToList()
            : [today];
        var client = httpClients.CreateClient(HttpClientName);
        var results = new List<IngestFileResult>();
        foreach (var day in days)
        {
            var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var url = new Uri(template.Replace("{date}", date, StringComparison.Ordinal));
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // Not published yet: the next run picks it up.
                logger.LogInformation("Ingest {Source}: {Url} is not published yet (404)", source.Name, url);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var name = Path.GetFileName(url.AbsolutePath);
            var fileName = template.Contains("{date}", StringComparison.Ordinal) && !name.Contains(date, StringComparison.Ordinal) ? $"{date}_{name}" : name;
            results.Add(await pipeline.IngestBytesAsync(source.Source, bytes, fileName, source.Region, published, cancellationToken));
        }

        return results;
    }
}
