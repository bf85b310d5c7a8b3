using System.ComponentModel;

namespace Curtailment.Contracts.Requests;

/// <summary>Query of <c>GET /api/v1/models</c>.</summary>
public sealed record ModelsQuery
{
    /// <summary>Only this region's versions.</summary>
    [Description("Only the versions of this region. Default: every region.")]
    [ApiParameter("string", "CAISO")]
    public string? Region { get; init; }

    /// <summary>The query string.</summary>
    public string ToQueryString() => QueryString.Build(("region", Region));
}
