using System.Security.Cryptography;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion;
using Microsoft.Extensions.Logging;

namespace Curtailment.Pipelines.Ingest;

/// <summary>
/// Ingest use case shared by the CLI, the scheduled jobs and the notebooks: parse a file with the
/// source's importer, then store it in one transaction. A structural error stores nothing and is
/// recorded as a failed run with the importer's message (file, line, column).
/// </summary>
public sealed class IngestPipeline(
    ImporterCatalog importers,
    IIngestStore store,
    IRegionCatalog regions,
    TimeProvider time,
    ILogger<IngestPipeline> logger)
{
    /// <summary>Expands folders (all files, sorted) and ingests each file in turn.</summary>
    public async Task<IReadOnlyList<IngestFileResult>> IngestPathsAsync(
        string source, IEnumerable<string> paths, string? regionId, PublicationRule? published,
        IProgress<(int Done, int Total, string File)>? progress, CancellationToken cancellationToken)
    {
        var files = ExpandPaths(paths);
        var results = new List<IngestFileResult>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            progress?.Report((i, files.Count, files[i]));
            results.Add(await IngestFileAsync(source, files[i], regionId, published, cancellationToken));
        }

        progress?.Report((files.Count, files.Count, string.Empty));
        return results;
    }

    /// <summary>Ingests one file from disk.</summary>
    public async Task<IngestFileResult> IngestFileAsync(string source, string path, string? regionId, PublicationRule? published, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return await IngestBytesAsync(source, bytes, path, regionId, published, cancellationToken);
    }

    /// <summary>Ingests a file already in memory (downloads); <paramref name="fileName"/> names it in messages.</summary>
    public async Task<IngestFileResult> IngestBytesAsync(string source, byte[] content, string fileName, string? regionId, PublicationRule? published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var importer = importers.Get(source);
        if (regionId is not null && regions.Find(regionId) is null)
        {
            throw new UnknownRegionException(regionId);
        }

        var startedAt = time.GetUtcNow();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var displayName = Path.GetFileName(fileName);
        ImportBatch batch;
        try
        {
            // Visible, so the CSV importers decode the bytes in place instead of through a reader's copies.
            using var stream = new MemoryStream(content, 0, content.Length, writable: false, publiclyVisible: true);
            batch = importer.Parse(stream, new ImportContext(displayName, regions, regionId, published));
        }
        catch (ImportFormatException e)
        {
            logger.LogWarning("Rejected file {File} from {Source}: {Problem}", displayName, source, e.Message);
            var failed = await store.RecordFailureAsync(importer.Source, displayName, sha256, startedAt, e.Message, cancellationToken);
            return new IngestFileResult(fileName, failed);
        }

        var run = await store.SaveAsync(batch, sha256, startedAt, cancellationToken);
        logger.LogInformation(
            "Ingested {Accepted} observations from {File} ({Source}), {Rejected} rows rejected, status {Status}",
            run.ObservationsAccepted, displayName, source, run.RowsRejected, run.Status);
        return new IngestFileResult(fileName, run);
    }

    private static List<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.TopDirectoryOnly)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }

        return files;
    }
}
