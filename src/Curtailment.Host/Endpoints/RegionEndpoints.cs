using Curtailment.Core.Ingest;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Contracts;
using Curtailment.Host.Api;
using Curtailment.Models.Baselines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Curtailment.Host.Endpoints;

/// <summary><c>GET /api/v1/regions</c>: regions with data freshness and the model serving them.</summary>
public static class RegionEndpoints
{
    /// <summary>File-name prefix the simulator gives every demo file.</summary>
    public const string SyntheticPrefix = "SYNTHETIC_";

    /// <summary>How the <c>{id}</c> route parameter of the region endpoints is documented.</summary>
    public const string RegionIdDescription = "Region id from GET /api/v1/regions (CAISO, SPP, ERCOT, SA1, DE-TENNET, GB-SCOTLAND, ...), case-insensitive.";

    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapRegionEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/regions", ListRegionsAsync)
            .WithName("ListRegions")
            .WithSummary("Regions with data freshness (last target interval, last ingest), data kind and the active model with its metrics.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<RegionResponse>>> ListRegionsAsync(
        IRegionCatalog regions, IDataSummaryReader summaries, IIngestStore ingest, IModelStore models, CancellationToken cancellationToken)
    {
        var all = await summaries.SummarizeAsync(null, cancellationToken);
        var runs = (await ingest.ListRunsAsync(10_000, cancellationToken)).ToDictionary(r => r.Id);
        var result = new List<RegionResponse>();
        foreach (var region in regions.All)
        {
            var mine = all.Where(s => string.Equals(s.Region, region.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            var target = mine.Where(s => s.Series == region.Target.Series).ToList();
            var latest = mine.MaxBy(s => s.LastIngestedAt);
            var files = mine.Select(s => runs.GetValueOrDefault(s.LastIngestRunId)?.FileName).OfType<string>().Distinct().ToList();
            var kind = mine.Count == 0 ? "none"
                : files.Count > 0 && files.All(f => f.StartsWith(SyntheticPrefix, StringComparison.Ordinal)) ? "synthetic-demo"
                : "operator";
            var active = await models.ActiveModelAsync(region.Id, cancellationToken);
            result.Add(new RegionResponse(
                region.Id, region.Name, region.Operator, region.TimeZoneId, region.Target.Series, region.Target.EventThreshold, region.Target.EventWhenBelow,
                kind,
                target.Count == 0 ? null : target.Max(s => s.LastIntervalEnd),
                latest?.LastIngestedAt,
                latest is null ? null : runs.GetValueOrDefault(latest.LastIngestRunId)?.FileName,
                active is null ? BaselineForecaster.WeekProfile.Name : active.ToModelVersion().ToString(),
                active is null ? null : Responses.Model(active),
                System.Xml.XmlConvert.ToString(region.NativeResolution),
                Responses.Target(region)));
        }

        return TypedResults.Ok<IReadOnlyList<RegionResponse>>(result);
    }
}
