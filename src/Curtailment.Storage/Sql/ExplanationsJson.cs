using System.Text.Json;
using System.Text.Json.Serialization;
using Curtailment.Core.Forecasts;

namespace Curtailment.Storage.Sql;

/// <summary>The <c>forecast.explanations</c> column's JSON, written and read in one place.</summary>
internal static class ExplanationsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The column value: null where there is nothing to explain, so such vintages store as older ones did.</summary>
    public static string? Write(IReadOnlyList<DayExplanation>? explanations) =>
        explanations is null or { Count: 0 } ? null : JsonSerializer.Serialize(explanations, Options);

    /// <summary>The explanations in a column value; empty for null (vintages stored without them).</summary>
    public static IReadOnlyList<DayExplanation> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<DayExplanation>>(json, Options) ?? [];
}
