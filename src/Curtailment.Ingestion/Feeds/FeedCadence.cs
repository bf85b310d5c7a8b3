namespace Curtailment.Ingestion.Feeds;

/// <summary>How much time one file of a feed covers.</summary>
public enum FeedCadence
{
    /// <summary>One file per local day.</summary>
    Daily,

    /// <summary>One file per calendar month.</summary>
    Monthly,

    /// <summary>One file per calendar year.</summary>
    Yearly,
}
