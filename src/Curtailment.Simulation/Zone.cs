namespace Curtailment.Simulation;

/// <summary>A part of a region behind a transmission limit, with its own renewables and load.</summary>
/// <param name="Name">Zone name.</param>
/// <param name="SolarMw">Installed solar, MW.</param>
/// <param name="WindMw">Installed wind, MW.</param>
/// <param name="LoadShare">Share of the region's load in the zone.</param>
/// <param name="ExportLimitMw">How much the zone can send to the rest of the region, MW.</param>
public sealed record Zone(string Name, double SolarMw, double WindMw, double LoadShare, double ExportLimitMw);
