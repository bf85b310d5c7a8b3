namespace Curtailment.Contracts;

/// <summary>Every operator feed that has run, with its health.</summary>
/// <param name="AsOf">When the answer was read (UTC).</param>
/// <param name="Failing">How many feeds' last run failed.</param>
/// <param name="Feeds">The feeds, by name.</param>
public sealed record FeedsResponse(DateTimeOffset AsOf, int Failing, IReadOnlyList<FeedStatusResponse> Feeds);
