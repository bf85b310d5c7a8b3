namespace Curtailment.Ingestion.Feeds;

/// <summary>What a fetch brought back.</summary>
public enum FeedOutcome
{
    /// <summary>A whole file, ready to import.</summary>
    Fetched,

    /// <summary>The operator has not published the period yet: the next run asks again.</summary>
    NotPublishedYet,

    /// <summary>The feed cannot run as configured (an API key is missing); nothing was requested.</summary>
    Skipped,
}
