namespace Curtailment.Host.Jobs;

/// <summary>Stable recurring-job ids (also the names the trigger endpoint accepts).</summary>
public static class JobIds
{
    /// <summary>The cleanup job.</summary>
    public const string Cleanup = "cleanup";

    /// <summary><c>ingest:{source name}</c>.</summary>
    public static string Ingest(string sourceName) => IngestPrefix + sourceName;

    /// <summary>The source name of an <c>ingest:{source name}</c> id, or null for another id.</summary>
    public static string? IngestSource(string jobId) =>
        jobId.StartsWith(IngestPrefix, StringComparison.Ordinal) ? jobId[IngestPrefix.Length..] : null;

    private const string IngestPrefix = "ingest:";

    /// <summary>The fan-out that enqueues one retrain per region (triggered on demand only).</summary>
    public const string RetrainAll = "retrain-all";

    /// <summary><c>retrain:{region}</c>.</summary>
    public static string Retrain(string region) => $"retrain:{region}";

    /// <summary><c>forecast:{region}</c>.</summary>
    public static string Forecast(string region) => $"forecast:{region}";
}
