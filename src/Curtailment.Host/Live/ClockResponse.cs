namespace Curtailment.Host.Live;

/// <summary>The virtual clock's time: the response of <c>GET /api/v1/admin/clock</c>.</summary>
/// <param name="Now">The host's current time (UTC).</param>
/// <param name="Mode">Always <c>virtual</c> (the endpoint exists only then).</param>
public sealed record ClockResponse(DateTimeOffset Now, string Mode);
