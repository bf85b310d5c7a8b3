using System.Text.RegularExpressions;

namespace Curtailment.Ingestion.Eia930;

/// <summary>
/// EIA-930 balancing-authority codes and the catalogue regions they stand for. EIA names the BA, not the
/// market: CISO is California ISO's balancing area, which our catalogue calls CAISO.
/// </summary>
public static partial class BalancingAuthorities
{
    private static readonly Dictionary<string, string> RegionByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CISO"] = "CAISO",
        ["SWPP"] = "SPP",
        ["ERCO"] = "ERCOT",
    };

    /// <summary>The BA codes that map to a region, for messages.</summary>
    public static IReadOnlyCollection<string> Codes => RegionByCode.Keys;

    /// <summary>The region id for a BA code, or null when the code maps to no region of ours.</summary>
    public static string? RegionFor(string baCode) => RegionByCode.GetValueOrDefault(baCode.Trim());

    /// <summary>
    /// The BA code a file name carries (<c>eia930_demand_CISO_hourly.csv</c>, <c>EIA930_SWPP_20230530_20230609.xlsx</c>),
    /// or null. Only upper-case codes between non-letters count, so words that merely contain the letters
    /// (<c>precision</c>) do not.
    /// </summary>
    public static string? CodeInFileName(string fileName)
    {
        var match = CodePattern().Match(Path.GetFileName(fileName));
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex("(?<![A-Za-z])(CISO|SWPP|ERCO)(?![A-Za-z])")]
    private static partial Regex CodePattern();
}
