namespace Curtailment.Host.Jobs;

/// <summary>Hangfire queues, one per kind of work, so that workers can be sized per kind (<c>Curtailment:Host:Queues</c>).</summary>
public static class JobQueues
{
    /// <summary>Ingest jobs (I/O and the store's upserts).</summary>
    public const string Ingest = "ingest";

    /// <summary>Retrain jobs (CPU-heavy, long).</summary>
    public const string Train = "train";

    /// <summary>Forecast jobs (short).</summary>
    public const string Forecast = "forecast";

    /// <summary>Everything else: cleanup and fan-out triggers.</summary>
    public const string Default = "default";

    /// <summary>Every queue (the default of a worker that takes all of them).</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Train, Forecast, Default];
}
