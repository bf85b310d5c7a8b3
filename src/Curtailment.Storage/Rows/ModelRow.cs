using Curtailment.Core.ModelRegistry;

namespace Curtailment.Storage.Rows;

/// <summary>A <c>model</c> table row as both stores read it (Dapper maps the snake_case columns).</summary>
internal sealed class ModelRow
{
    public long Id { get; init; }
    public string Region { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Version { get; init; } = "";
    public string Status { get; init; } = "";
    public long Created_At { get; init; }
    public long? Activated_At { get; init; }
    public string Manifest { get; init; } = "";

    public ModelRecord ToRecord() => new(
        Id, Region, Kind, Version, Enum.Parse<ModelStatus>(Status), DateTimeOffset.FromUnixTimeSeconds(Created_At),
        Activated_At is { } a ? DateTimeOffset.FromUnixTimeSeconds(a) : null, Manifest);
}
