using System.ComponentModel;

namespace Curtailment.Contracts.Requests;

/// <summary>Query of <c>GET /api/v1/best-window</c>.</summary>
public sealed record BestWindowQuery
{
    /// <summary>Region ids, comma-separated.</summary>
    [Description("One or more region ids, comma-separated.")]
    [ApiParameter("string", "CAISO,SPP", Required = true)]
    public string? Regions { get; init; }

    /// <summary>The job's duration.</summary>
    [Description("The job's duration: a positive ISO-8601 duration.")]
    [ApiParameter("string", "PT3H", Format = "duration", Required = true)]
    public string? Duration { get; init; }

    /// <summary>Earliest start allowed.</summary>
    [Description("Earliest start allowed: an ISO-8601 instant with an offset. Default: now.")]
    [ApiParameter("string", "2025-06-15T17:00:00Z", Format = "date-time")]
    public string? EarliestStart { get; init; }

    /// <summary>Latest end allowed.</summary>
    [Description("Latest end allowed: an ISO-8601 instant with an offset, at least 'earliestStart' + 'duration', at most 14 days after 'earliestStart'. Default: 'earliestStart' + 24 hours.")]
    [ApiParameter("string", "2025-06-16T17:00:00Z", Format = "date-time")]
    public string? Deadline { get; init; }

    /// <summary>How many candidates.</summary>
    [Description("How many candidate start times to return (1 to 50). Default: 3.")]
    [ApiParameter("integer", "3")]
    public string? Top { get; init; }

    /// <summary>The ranking.</summary>
    [Description("'energy' (expected curtailed MWh) or 'eventHours' (expected hours in events). Default: energy, or eventHours when a proxy region is included.")]
    [ApiParameter("string", "energy")]
    public string? RankBy { get; init; }

    /// <summary>The query string.</summary>
    public string ToQueryString() => QueryString.Build(
        ("regions", Regions), ("duration", Duration), ("earliestStart", EarliestStart), ("deadline", Deadline), ("top", Top), ("rankBy", RankBy));
}
