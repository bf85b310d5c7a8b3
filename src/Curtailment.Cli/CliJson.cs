using System.Text.Json;
using System.Text.Json.Serialization;

namespace Curtailment.Cli;

/// <summary>One JSON style for every <c>--json</c> output.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
