using System.Text.Json;
using System.Text.Json.Serialization;

namespace Curtailment.Models.Artifacts;

/// <summary>The manifest's JSON form as the registry stores it: the one writer and reader.</summary>
public sealed partial record ModelManifest
{
    // Metrics may be NaN (no evaluation days), written as "NaN".
    private static readonly JsonSerializerOptions RegistryJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The manifest as the registry stores it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RegistryJson);

    /// <summary>Reads a manifest the registry stored.</summary>
    /// <exception cref="InvalidDataException">The text is not a manifest this build can read.</exception>
    public static ModelManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(json, RegistryJson) ?? throw new InvalidDataException("The model manifest is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The model manifest cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Reads a manifest the registry stored, or null when this build cannot read it.</summary>
    public static ModelManifest? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return Parse(json);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
