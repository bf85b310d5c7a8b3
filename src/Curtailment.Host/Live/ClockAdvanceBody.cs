namespace Curtailment.Host.Live;

/// <summary>The body of <c>POST /api/v1/admin/clock/advance</c> (documentation only: the endpoint reads the JSON itself).</summary>
/// <param name="To">The instant to advance to, ISO-8601 with an offset (<c>2021-02-02T00:00:00Z</c>); after the clock's time.</param>
public sealed record ClockAdvanceBody(string To);
