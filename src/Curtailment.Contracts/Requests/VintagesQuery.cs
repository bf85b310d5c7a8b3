using System.ComponentModel;

namespace Curtailment.Contracts.Requests;

/// <summary>Query of <c>GET /api/v1/regions/{id}/forecasts</c> (stored vintages).</summary>
public sealed record VintagesQuery
{
    /// <summary>Earliest issue time.</summary>
    [Description("Earliest issue time of the vintages: an ISO-8601 instant with an offset. Default: 7 days ago.")]
    [ApiParameter("string", "2025-06-08T00:00:00Z", Format = "date-time")]
    public string? IssuedFrom { get; init; }

    /// <summary>Issue times before this one (exclusive).</summary>
    [Description("Issue times before this instant (exclusive), later than 'issuedFrom', at most 14 days after it. Default: 'issuedFrom' + 7 days and 1 second.")]
    [ApiParameter("string", "2025-06-15T00:00:00Z", Format = "date-time")]
    public string? IssuedTo { get; init; }

    /// <summary>The query string.</summary>
    public string ToQueryString() => QueryString.Build(("issuedFrom", IssuedFrom), ("issuedTo", IssuedTo));
}
