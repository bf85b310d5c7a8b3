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
    /// <summary>
    /// Expands folders (all files, sorted) and ingests each file in turn: stored one after the other, in order, each
    /// in its own transaction. While the store writes one file, the next is read, hashed and parsed on the thread
    /// pool: parsing is this process's CPU, the write mostly the database's, so on two cores the two overlap. At most
    /// one parsed file waits (its batch is the extra memory).
    /// </summary>
    public async Task<IReadOnlyList<IngestFileResult>> IngestPathsAsync(
        string source, IEnumerable<string> paths, string? regionId, PublicationRule? published,
        IProgress<(int Done, int Total, string File)>? progress, CancellationToken cancellationToken)
    {
        var files = ExpandPaths(paths);
        var results = new List<IngestFileResult>(files.Count);
        var next = files.Count > 0 ? ParseAheadAsync(source, files[0], regionId, published, cancellationToken) : null;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                progress?.Report((i, files.Count, files[i]));
                var parsed = await next!;
                next = i + 1 < files.Count ? ParseAheadAsync(source, files[i + 1], regionId, published, cancellationToken) : null;
                results.Add(await StoreAsync(parsed, cancellationToken));
            }
        }
        finally
        {
            // A parse left running by a failure above: its own failure, if any, is not anyone's to report.
            _ = next?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
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

    /// <summary>Ingests a file already in memory; <paramref name="fileName"/> names it in messages. Publication times are the importer's.</summary>
    public Task<IngestFileResult> IngestBytesAsync(string source, byte[] content, string fileName, string? regionId, PublicationRule? published, CancellationToken cancellationToken) =>
        IngestBytesAsync(source, content, fileName, regionId, published, null, cancellationToken);

    /// <summary>
    /// Ingests a file already in memory (a download); <paramref name="fileName"/> names it in messages. With
    /// <paramref name="receivedAt"/>, no value is stored as published before that instant (the received-at floor,
    /// <see cref="ImportBatch.FloorPublishedAt"/>): what a feed fetched late was not known earlier, whatever the
    /// operator's rule says. The store's revision rule keeps a value already stored unchanged, with its earlier time.
    /// </summary>
    public Task<IngestFileResult> IngestBytesAsync(
        string source, byte[] content, string fileName, string? regionId, PublicationRule? published, DateTimeOffset? receivedAt,
        CancellationToken cancellationToken) =>
        StoreAsync(Parse(source, content, fileName, regionId, published, receivedAt), cancellationToken);

    /// <summary>Reads and parses a file on the thread pool; a failure (unreadable file, unknown source or region) surfaces when it is awaited, in file order.</summary>
    private Task<ParsedFile> ParseAheadAsync(string source, string path, string? regionId, PublicationRule? published, CancellationToken cancellationToken) =>
        Task.Run(async () => Parse(source, await File.ReadAllBytesAsync(path, cancellationToken), path, regionId, published, null), cancellationToken);

    /// <summary>Everything before the store: the importer, the region check, the hash, the parse and the received-at floor.</summary>
    private ParsedFile Parse(string source, byte[] content, string fileName, string? regionId, PublicationRule? published, DateTimeOffset? receivedAt)
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
        try
        {
            // Visible, so the CSV importers decode the bytes in place instead of through a reader's copies.
            using var stream = new MemoryStream(content, 0, content.Length, writable: false, publiclyVisible: true);
            var batch = importer.Parse(stream, new ImportContext(displayName, regions, regionId, published));
            if (receivedAt is { } floor)
            {
                batch.FloorPublishedAt(floor);
            }

            return new ParsedFile(importer, fileName, displayName, startedAt, sha256, batch, null);
        }
        catch (ImportFormatException e)
        {
            return new ParsedFile(importer, fileName, displayName, startedAt, sha256, null, e.Message);
        }
    }

    /// <summary>The store's part: the batch in one transaction, or the failed run of a file that did not parse.</summary>
    private async Task<IngestFileResult> StoreAsync(ParsedFile file, CancellationToken cancellationToken)
    {
        if (file.Batch is null)
        {
            logger.LogWarning("Rejected file {File} from {Source}: {Problem}", file.DisplayName, file.Importer.Source, file.Problem);
            var failed = await store.RecordFailureAsync(file.Importer.Source, file.DisplayName, file.Sha256, file.StartedAt, file.Problem!, cancellationToken);
            return new IngestFileResult(file.FileName, failed);
        }

        var run = await store.SaveAsync(file.Batch, file.Sha256, file.StartedAt, cancellationToken);
        logger.LogInformation(
            "Ingested {Accepted} observations from {File} ({Source}), {Rejected} rows rejected, status {Status}",
            run.ObservationsAccepted, file.DisplayName, file.Importer.Source, run.RowsRejected, run.Status);
        return new IngestFileResult(file.FileName, run);
    }

    /// <summary>A parsed file waiting for the store: its batch, or the format problem that stopped the importer.</summary>
    private sealed record ParsedFile(
        IFileImporter Importer, string FileName, string DisplayName, DateTimeOffset StartedAt, string Sha256, ImportBatch? Batch, string? Problem);

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
