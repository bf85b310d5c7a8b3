using Curtailment.Ingestion.Fetching;

namespace Curtailment.Ingestion.Feeds;

/// <summary>The outcome of one <see cref="IOperatorFeed.FetchAsync"/>: a file, or why there is none.</summary>
public sealed record FeedResult
{
    private FeedResult(FeedOutcome outcome, FetchedFile? file, string? reason)
    {
        Outcome = outcome;
        File = file;
        Reason = reason;
    }

    /// <summary>What happened.</summary>
    public FeedOutcome Outcome { get; }

    /// <summary>The file, when <see cref="Outcome"/> is <see cref="FeedOutcome.Fetched"/>.</summary>
    public FetchedFile? File { get; }

    /// <summary>Why there is no file, in words for the log and the health page.</summary>
    public string? Reason { get; }

    /// <summary>A whole file.</summary>
    public static FeedResult Fetched(FetchedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new FeedResult(FeedOutcome.Fetched, file, null);
    }

    /// <summary>Not published yet, and why we think so.</summary>
    public static FeedResult NotPublishedYet(string reason) => new(FeedOutcome.NotPublishedYet, null, reason);

    /// <summary>Not requested, and why.</summary>
    public static FeedResult Skipped(string reason) => new(FeedOutcome.Skipped, null, reason);
}
