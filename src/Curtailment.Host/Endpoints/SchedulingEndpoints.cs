using System.Text.Json;
using System.Xml;
using Curtailment.Core.Regions;
using Curtailment.Host.Api;
using Curtailment.Host.Contracts;
using Curtailment.Pipelines.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Endpoints;

/// <summary>Predicted curtailment windows and the best placement of a flexible job.</summary>
public static class SchedulingEndpoints
{
    /// <summary>The assumption behind <see cref="JobPlacement.ProbabilityAnyCurtailment"/>.</summary>
    public const string IndependenceAssumption =
        "probabilityAnyCurtailment = 1 - product over the job's intervals of (1 - eventProbability); it assumes intervals are independent, which overstates it when events cluster.";

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapSchedulingEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/regions/{id}/windows", GetWindowsAsync)
            .WithName("GetWindows")
            .WithSummary("Contiguous runs of forecast intervals with predicted MW >= minMw (default the region's event threshold) and event probability >= minProbability (default 0).");
        group.MapGet("/best-window", GetBestWindowAsync)
            .WithName("GetBestWindow")
            .WithSummary("Best start times for a job of the given ISO-8601 duration between earliestStart and deadline, across regions, ranked by expected curtailed MWh overlapping the job.");
        return group;
    }

    private static async Task<Ok<WindowsResponse>> GetWindowsAsync(
        string id, HttpRequest request, IRegionCatalog regions, ForecastService forecasts, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = regions.Get(id);
        var query = new QueryReader(request);
        var (from, to) = query.Range("from", "to", time.GetUtcNow(), TimeSpan.FromHours(48));
        var minMw = query.Number("minMw", -1e6, 1e6) ?? region.Target.EventThreshold;
        var minProbability = query.Number("minProbability", 0, 1) ?? 0;
        query.ThrowIfInvalid();
        var vintage = await forecasts.GetAsync(region, from, to, cancellationToken);
        var windows = WindowFinder.Find(vintage.Points, minMw, minProbability, region.Target.EventWhenBelow);
        return TypedResults.Ok(new WindowsResponse(region.Id, vintage.IssuedAt, vintage.ModelVersion, minMw, minProbability, windows));
    }

    private static async Task<Utf8JsonResult<BestWindowResponse>> GetBestWindowAsync(
        HttpRequest request, IRegionCatalog regions, ForecastService forecasts, IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = new QueryReader(request);
        var ids = query.List("regions");
        var chosen = new List<Region>();
        if (ids.Count == 0)
        {
            query.Error("regions", "Give one or more region ids, comma-separated (regions=CAISO,SPP).");
        }

        foreach (var regionId in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (regions.Find(regionId) is not { } region)
            {
                query.Error("regions", $"Unknown region '{regionId}' (known: {string.Join(", ", regions.All.Select(r => r.Id))}).");
            }
            else if (region.Target.EventWhenBelow)
            {
                query.Error("regions", $"{region.Id} forecasts a proxy target ({region.Target.Series}), not curtailed MW; it cannot be ranked by energy.");
            }
            else
            {
                chosen.Add(region);
            }
        }

        var duration = query.Duration("duration");
        if (duration is null && !query.HasError("duration"))
        {
            query.Error("duration", "Required: the job's ISO-8601 duration (PT3H).");
        }

        var earliest = query.Instant("earliestStart") ?? time.GetUtcNow();
        var deadline = query.Instant("deadline") ?? earliest.AddHours(24);
        var top = query.Integer("top", 1, 50) ?? 3;
        if (duration is { } d && !query.HasError("earliestStart") && !query.HasError("deadline"))
        {
            if (deadline < earliest + d)
            {
                query.Error("deadline", "'deadline' must be at least 'earliestStart' + 'duration'.");
            }
            else if (deadline - earliest > QueryReader.MaxRange)
            {
                query.Error("deadline", $"From 'earliestStart' to 'deadline' may be at most {QueryReader.MaxRange.TotalDays:F0} days.");
            }
        }

        query.ThrowIfInvalid();
        var grids = new Dictionary<string, ForecastGrid>(StringComparer.Ordinal);
        var sources = new List<ForecastSource>();
        foreach (var region in chosen)
        {
            var (vintage, grid) = await forecasts.GetGridAsync(region, earliest, deadline, cancellationToken);
            grids[region.Id] = grid;
            sources.Add(new ForecastSource(region.Id, vintage.IssuedAt, vintage.ModelVersion));
        }

        var candidates = BestWindowFinder.Rank(grids, duration!.Value, earliest, deadline, top);
        // Serialized in one synchronous call: for an answer this small, cheaper than streaming it to the response.
        var response = new BestWindowResponse(XmlConvert.ToString(duration.Value), earliest, deadline, IndependenceAssumption, sources, candidates);
        return new Utf8JsonResult<BestWindowResponse>(JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions));
    }
}
