namespace Curtailment.Pipelines.Ingest;

/// <summary>What a backfill did with one period of a feed.</summary>
public enum BackfillOutcome
{
    /// <summary>Fetched and imported (or already stored: the run says <c>Unchanged</c>).</summary>
    Fetched,

    /// <summary>The operator has not published the period (404, a placeholder page): nothing to import.</summary>
    NotPublished,

    /// <summary>The download failed after retries, the body was cut off, the importer refused the file, or the feed cannot run as configured.</summary>
    Failed,
}
