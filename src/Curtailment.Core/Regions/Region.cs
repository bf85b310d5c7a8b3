using Curtailment.Core.Time;

namespace Curtailment.Core.Regions;

/// <summary>
/// A grid region we forecast for: where it is, which clock it keeps and what counts as an event there.
/// </summary>
/// <param name="Id">Stable identifier used in the API, the store and file names (<c>CAISO</c>).</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Operator">The operator that publishes the region's data (<c>CAISO</c>, <c>AEMO</c>).</param>
/// <param name="TimeZoneId">IANA time zone of the operator's local time (<c>America/Los_Angeles</c>).</param>
/// <param name="Latitude">Centroid latitude in degrees, for sun position.</param>
/// <param name="Longitude">Centroid longitude in degrees (east positive), for sun position.</param>
/// <param name="NativeResolution">Resolution of the region's target series.</param>
/// <param name="Target">The series forecast for the region and the rule that makes an interval an event.</param>
/// <param name="CurtailmentPublication">When the operator publishes the target series for an interval.</param>
public sealed record Region(
    string Id,
    string Name,
    string Operator,
    string TimeZoneId,
    double Latitude,
    double Longitude,
    TimeSpan NativeResolution,
    RegionTarget Target,
    PublicationRule CurtailmentPublication)
{
    /// <summary>The region's time zone, resolved from <see cref="TimeZoneId"/>.</summary>
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>
    /// Transmission boundaries whose limits and flows bear on the region's curtailment (<c>scotex</c>), as named in
    /// the boundary series (<see cref="Observations.SeriesIds.BoundaryHeadroom"/>); empty where none are published.
    /// </summary>
    public IReadOnlyList<string> TransmissionBoundaries { get; init; } = [];

    /// <summary>The public-holiday calendar of the region (<c>US</c>, <c>AU-SA</c>, <c>DE</c>, <c>GB-SCT</c>); null: the one of its time zone.</summary>
    public string? Holidays { get; init; }
}
