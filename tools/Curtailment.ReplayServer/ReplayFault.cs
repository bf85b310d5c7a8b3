namespace Curtailment.ReplayServer;

/// <summary>
/// One fault switched on in the replay server. <see cref="Feed"/> (a feed name, <c>caiso-outlook-demand</c>) and
/// <see cref="Day"/> narrow it; null means every feed or every period.
/// <list type="bullet">
/// <item>HTTP faults (<see cref="ReplayFaultKind.ServerError"/>, <see cref="ReplayFaultKind.Timeout"/>,
/// <see cref="ReplayFaultKind.Truncate"/>) hit the requests for the file whose period (day, month or year, by the feed's
/// cadence) holds <see cref="Day"/>; only the first <see cref="Times"/> of them when it is set (one-shot), else every one.</item>
/// <item>Publication faults (<see cref="ReplayFaultKind.Late"/>, <see cref="ReplayFaultKind.Never"/>) move or withhold the
/// data of local day <see cref="Day"/>: a daily file as a whole; in a monthly or yearly file (AEMO, the CAISO workbook)
/// only the rows of that day, the file itself staying up. Without a day they move or withhold every file of the feed.</item>
/// </list>
/// </summary>
public sealed record ReplayFault
{
    /// <summary>What goes wrong.</summary>
    public required ReplayFaultKind Kind { get; init; }

    /// <summary>The feed it applies to, or null for every feed.</summary>
    public string? Feed { get; init; }

    /// <summary>The operator's local day it applies to (see the type's remarks), or null for every period.</summary>
    public DateOnly? Day { get; init; }

    /// <summary>HTTP faults only: how many matching requests fail before the fault is spent; null = all of them.</summary>
    public int? Times { get; init; }

    /// <summary><see cref="ReplayFaultKind.Late"/> only: how much later than usual the data appear.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// <see cref="ReplayFaultKind.Timeout"/> only: how long the response is held (real time); null = the server's
    /// <see cref="ReplayServerOptions.TimeoutHold"/>. The hold ends early when the client gives up.
    /// </summary>
    public TimeSpan? Hold { get; init; }

    /// <summary>Whether the fault acts on requests (500, time-out, truncation) rather than on publication.</summary>
    public bool IsHttpFault => Kind is ReplayFaultKind.ServerError or ReplayFaultKind.Timeout or ReplayFaultKind.Truncate;

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the field at fault when the fault cannot be applied:
    /// an unknown feed, a <see cref="Delay"/> missing or not positive for a late fault, and so on.
    /// </summary>
    /// <param name="knownFeeds">The feed names the server answers for.</param>
    public void Validate(IReadOnlyCollection<string> knownFeeds)
    {
        ArgumentNullException.ThrowIfNull(knownFeeds);
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"kind: '{Kind}' is not one of {string.Join(", ", Enum.GetNames<ReplayFaultKind>())}.", nameof(Kind));
        }

        if (Feed is not null && !knownFeeds.Contains(Feed, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"feed: '{Feed}' is not a feed the replay server serves ({string.Join(", ", knownFeeds)}).", nameof(Feed));
        }

        if (Times is { } times && (times < 1 || !IsHttpFault))
        {
            throw new ArgumentException(IsHttpFault
                ? $"times: {times} must be at least 1 (leave it out for a persistent fault)."
                : $"times: only HTTP faults (ServerError, Timeout, Truncate) are counted; a {Kind} fault lasts until removed.", nameof(Times));
        }

        if (Kind == ReplayFaultKind.Late && (Delay is not { } delay || delay <= TimeSpan.Zero))
        {
            throw new ArgumentException($"delay: a Late fault needs a positive delay (like \"02:00:00\"), got '{Delay}'.", nameof(Delay));
        }

        if (Kind != ReplayFaultKind.Late && Delay is not null)
        {
            throw new ArgumentException($"delay: only a Late fault has a delay, not a {Kind} fault.", nameof(Delay));
        }

        if (Hold is { } hold && (Kind != ReplayFaultKind.Timeout || hold <= TimeSpan.Zero))
        {
            throw new ArgumentException(Kind == ReplayFaultKind.Timeout
                ? $"hold: {hold} must be positive."
                : $"hold: only a Timeout fault holds the response, not a {Kind} fault.", nameof(Hold));
        }
    }
}
