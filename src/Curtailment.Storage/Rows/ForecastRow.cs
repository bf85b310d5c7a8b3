using Curtailment.Core.Forecasts;

namespace Curtailment.Storage.Rows;

/// <summary>A <c>forecast</c> table row as both stores read it.</summary>
internal sealed class ForecastRow
{
    public long Id { get; init; }
    public string Region { get; init; } = "";
    public long Issued_At { get; init; }
    public long Generated_At { get; init; }
    public string Model_Version { get; init; } = "";
    public long? Data_As_Of { get; init; }
    public string? Explanations { get; init; }

    /// <summary>The vintage with the given points, times back from Unix seconds.</summary>
    public ForecastVintage ToVintage(IEnumerable<ForecastPointRow> points) => new(
        Id, Region, DateTimeOffset.FromUnixTimeSeconds(Issued_At), DateTimeOffset.FromUnixTimeSeconds(Generated_At), Model_Version,
        Data_As_Of is { } d ? DateTimeOffset.FromUnixTimeSeconds(d) : null,
        points.Select(p => p.ToPoint()).ToList());
}
