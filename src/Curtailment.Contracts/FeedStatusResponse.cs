namespace Curtailment.Contracts;

/// <summary>The health of one operator feed, as its last runs left it (shared by every host process).</summary>
/// <param name="Feed">Feed name (<c>caiso-outlook-demand</c>).</param>
/// <param name="Region">The region the feed's files are for.</param>
/// <param name="Status"><c>ok</c>, or <c>failing</c> when its last run failed (see <paramref name="LastError"/>).</param>
/// <param name="LastAttemptAt">When the last run ended (UTC).</param>
/// <param name="LastSuccessAt">When a run last ended without error (UTC); null if none has.</param>
/// <param name="NewestPeriod">First day of the newest period a file was fetched for (<c>yyyy-MM-dd</c>, operator's local day); null if none.</param>
/// <param name="LastErrorAt">When a run last failed (UTC); kept after the feed recovers.</param>
/// <param name="LastError">What went wrong then: the URL and HTTP status, a time-out, a truncated body, or the importer's file/line/column message.</param>
/// <param name="ConsecutiveFailures">Runs failed in a row up to the last one (0 when the last succeeded).</param>
public sealed record FeedStatusResponse(
    string Feed, string Region, string Status, DateTimeOffset LastAttemptAt, DateTimeOffset? LastSuccessAt, DateOnly? NewestPeriod,
    DateTimeOffset? LastErrorAt, string? LastError, int ConsecutiveFailures);
