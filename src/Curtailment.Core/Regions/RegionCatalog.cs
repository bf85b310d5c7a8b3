using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Curtailment.Core.Regions;

/// <summary>
/// Region catalogue read from <c>data/regions.json</c>. Invalid entries fail loudly with the file and the
/// region's id, because a wrong time zone or threshold would silently corrupt every forecast.
/// </summary>
public sealed partial class RegionCatalog : IRegionCatalog
{
    private readonly Dictionary<string, Region> _byId;

    /// <summary>Creates a catalogue from regions already built.</summary>
    public RegionCatalog(IEnumerable<Region> regions)
    {
        All = regions.ToList();
        _byId = All.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public IReadOnlyList<Region> All { get; }

    /// <inheritdoc />
    public Region? Find(string id) => _byId.GetValueOrDefault(id);

    /// <inheritdoc />
    public Region Get(string id) => Find(id) ?? throw new UnknownRegionException(id);

    /// <summary>Loads <c>regions.json</c>; throws <see cref="InvalidDataException"/> naming the file and the entry.</summary>
    public static RegionCatalog Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads a catalogue from a JSON stream; <paramref name="name"/> is used in error messages.</summary>
    public static RegionCatalog Load(Stream json, string name)
    {
        RegionsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<RegionsFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: line {e.LineNumber + 1}: {e.Message}", e);
        }

        if (file?.Regions is not { Count: > 0 })
        {
            throw new InvalidDataException($"{name}: no regions defined.");
        }

        return new RegionCatalog(file.Regions.Select(r => r.ToRegion(name)));
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed class RegionsFile
    {
        public List<RegionEntry>? Regions { get; set; }
    }

    private sealed class RegionEntry
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Operator { get; set; }
        public string? TimeZone { get; set; }
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public double? EventThresholdMw { get; set; }
        public string? NativeResolution { get; set; }
        public string? CurtailmentPublication { get; set; }
        public string? TargetSeries { get; set; }
        public ProxyTargetEntry? ProxyTarget { get; set; }
        public List<string>? TransmissionBoundaries { get; set; }
        public string? Holidays { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }

        public Region ToRegion(string file)
        {
            string Required(string? value, string field) => string.IsNullOrWhiteSpace(value)
                ? throw new InvalidDataException($"{file}: region '{Id ?? "?"}': '{field}' is required.")
                : value;

            var id = Required(Id, "id");
            var tz = Required(TimeZone, "timeZone");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            {
                throw new InvalidDataException($"{file}: region '{id}': unknown IANA time zone '{tz}'.");
            }

            if (Latitude is < -90 or > 90 || Longitude is < -180 or > 180)
            {
                throw new InvalidDataException($"{file}: region '{id}': latitude/longitude out of range.");
            }

            TimeSpan resolution;
            try
            {
                resolution = XmlConvert.ToTimeSpan(Required(NativeResolution, "nativeResolution"));
            }
            catch (FormatException)
            {
                throw new InvalidDataException($"{file}: region '{id}': nativeResolution '{NativeResolution}' is not an ISO-8601 duration.");
            }

            var threshold = EventThresholdMw ?? throw new InvalidDataException($"{file}: region '{id}': 'eventThresholdMw' is required.");
            if (threshold <= 0)
            {
                throw new InvalidDataException($"{file}: region '{id}': 'eventThresholdMw' must be positive.");
            }

            var target = new RegionTarget(TargetSeries ?? SeriesIds.TotalCurtailment, threshold);
            if (ProxyTarget is { } proxy)
            {
                if (TargetSeries is null || (proxy.EventBelow is null) == (proxy.EventAtOrAbove is null))
                {
                    throw new InvalidDataException(
                        $"{file}: region '{id}': a proxyTarget needs 'targetSeries' (the share of each interval the rule holds) and exactly one of 'eventBelow', 'eventAtOrAbove'.");
                }

                target = target with { Proxy = new ProxyRule(Required(proxy.Series, "proxyTarget.series"), proxy.EventBelow ?? proxy.EventAtOrAbove!.Value, proxy.EventBelow is not null) };
            }

            PublicationRule publication;
            try
            {
                publication = PublicationRule.Parse(Required(CurtailmentPublication, "curtailmentPublication"));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{file}: region '{id}': {e.Message}", e);
            }

            var boundaries = TransmissionBoundaries ?? [];
            if (boundaries.FirstOrDefault(b => !BoundaryId().IsMatch(b)) is { } badBoundary)
            {
                throw new InvalidDataException($"{file}: region '{id}': transmission boundary '{badBoundary}' is not a lower-case id (letters, digits, '_').");
            }

            return new Region(id, Name ?? id, Operator ?? id, tz, Latitude, Longitude, resolution, target, publication)
            {
                TransmissionBoundaries = boundaries,
                Holidays = Holidays,
            };
        }
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex BoundaryId();

    private sealed class ProxyTargetEntry
    {
        public string? Series { get; set; }
        public double? EventBelow { get; set; }
        public double? EventAtOrAbove { get; set; }
    }
}
