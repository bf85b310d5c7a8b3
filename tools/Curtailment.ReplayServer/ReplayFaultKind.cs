namespace Curtailment.ReplayServer;

/// <summary>How the replay server misbehaves for the requests a <see cref="ReplayFault"/> matches.</summary>
public enum ReplayFaultKind
{
    /// <summary>Answers HTTP 500 (the feed's client retries; a persistent one fails the fetch).</summary>
    ServerError,

    /// <summary>Holds the response for <see cref="ReplayFault.Hold"/> (or until the client gives up), then answers normally.</summary>
    Timeout,

    /// <summary>Declares the whole body's Content-Length, sends half of it, then aborts the connection.</summary>
    Truncate,

    /// <summary>The day (or every period) is published <see cref="ReplayFault.Delay"/> later than the operator's habit.</summary>
    Late,

    /// <summary>The day (or every period) is never published.</summary>
    Never,
}
