namespace Curtailment.Simulation;

/// <summary>A simulated transmission boundary in one interval: a zone's export limit and what flowed out of the zone, MW.</summary>
/// <param name="Name">The zone's name, used as the boundary id.</param>
/// <param name="LimitMw">The export limit in force (lower on outage days).</param>
/// <param name="FlowMw">Flow out of the zone (negative: into it).</param>
public sealed record BoundaryFlow(string Name, double LimitMw, double FlowMw);
