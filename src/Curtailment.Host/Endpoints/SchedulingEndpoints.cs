using System.ComponentModel;
using System.Text.Json;
using System.Xml;
using Curtailment.Contracts;
using Curtailment.Contracts.Requests;
using Curtailment.Core.Regions;
using Curtailment.Host.Api;
using Curtailment.Pipelines.Scheduling;
using Curtailment.Pipelines.Serving;
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
            .WithSummary("Contiguous runs of forecast intervals with predicted MW >= minMw (default the region's event threshold) and event probability >= minProbability (default 0); for a proxy region (SA1) runs with event probability >= minProbability (default 0.5), minMw not allowed.");
        group.MapGet("/best-window", GetBestWindowAsync)
            .WithName("GetBestWindow")
            .WithSummary("Best start times for a job of the given ISO-8601 duration between earliestStart and deadline, across regions of any time zone and resolution on one UTC timeline, ranked by expected curtailed MWh overlapping the job (rankBy=energy) or by expected event hours (rankBy=eventHours: the default when a proxy region such as SA1 is included). Each candidate carries its region, UTC start/end and local start/end with offset.");
        return group;
    }

    private static async Task<Ok<WindowsResponse>> GetWindowsAsync(
        [Description(RegionEndpoints.RegionIdDescription)] string id, [AsParameters] WindowsQuery request,
        IRegionCatalog regions, ForecastServing forecasts, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = regions.Get(id);
        var query = new QueryReader();
        var (from, to) = query.Range("from", request.From, "to", request.To, time.GetUtcNow(), TimeSpan.FromHours(48));
        // A threshold below zero would count every interval, forecast or not, as a window.
        var minMw = query.Number("minMw", request.MinMw, 0, 1e6);
        var minProbability = query.Number("minProbability", request.MinProbability, 0, 1);
        if (minMw is not null && region.Target.IsProxy)
        {
            query.Error("minMw", $"{region.Id}'s target is a proxy ({Responses.Target(region).EventRule}), not curtailed MW: its windows are runs with eventProbability >= minProbability (default {WindowFinder.ProxyDefaultMinProbability.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        query.ThrowIfInvalid();
        var vintage = await forecasts.GetAsync(region, from, to, cancellationToken);
        var found = WindowFinder.Find(region, vintage.Points, minMw, minProbability);
        return TypedResults.Ok(new WindowsResponse(region.Id, vintage.IssuedAt, vintage.ModelVersion, found.MinMw, found.MinProbability, Responses.Target(region),
            found.Windows.Select(Responses.Window).ToList()));
    }

    private static async Task<Utf8JsonResult<BestWindowResponse>> GetBestWindowAsync(
        [AsParameters] BestWindowQuery request, IRegionCatalog regions, ForecastServing forecasts, IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var ids = QueryReader.List(request.Regions);
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
            else
            {
                chosen.Add(region);
            }
        }

        var duration = query.Duration("duration", request.Duration);
        if (duration is null && !query.HasError("duration"))
        {
            query.Error("duration", "Required: the job's ISO-8601 duration (PT3H).");
        }

        var earliest = query.Instant("earliestStart", request.EarliestStart) ?? time.GetUtcNow();
        var deadline = query.Instant("deadline", request.Deadline) ?? earliest.AddHours(24);
        var top = query.Integer("top", request.Top, 1, 50) ?? 3;
        var rankByText = QueryReader.Text(request.RankBy);
        var measure = RankingMeasures.Parse(rankByText) ?? RankingMeasures.For(chosen);
        if (rankByText is not null && RankingMeasures.Parse(rankByText) is null)
        {
            query.Error("rankBy", $"'{rankByText}' is not a ranking: use 'energy' (expected curtailed MWh) or 'eventHours' (expected hours in events).");
        }
        else if (chosen.FirstOrDefault(r => !RankingMeasures.Applies(measure, r)) is { } proxy)
        {
            query.Error("rankBy", $"{proxy.Id} forecasts a proxy target ({Responses.Target(proxy).EventRule}), not curtailed MW: it cannot be ranked by energy; use rankBy=eventHours or leave rankBy out.");
        }
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
            var (vintage, grid) = await forecasts.GetGridAsync(region, earliest, deadline, measure, cancellationToken);
            grids[region.Id] = grid;
            var step = vintage.Points.Count > 0 ? XmlConvert.ToString(vintage.Points[0].IntervalEnd - vintage.Points[0].IntervalStart) : null;
            sources.Add(new ForecastSource(region.Id, vintage.IssuedAt, vintage.ModelVersion, region.TimeZoneId, step));
        }

        // Starts are UTC instants on each region's own grid: regions of different zones and resolutions share one timeline.
        var byId = chosen.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var candidates = BestWindowFinder.Rank(grids, duration!.Value, earliest, deadline, top)
            .Select((c, i) => Responses.Candidate(i + 1, c, byId[c.Region]))
            .ToList();
        // Serialized in one synchronous call: for an answer this small, cheaper than streaming it to the response.
        var response = new BestWindowResponse(
            XmlConvert.ToString(duration.Value), earliest, deadline, RankingMeasures.Name(measure), IndependenceAssumption, sources, candidates);
        return new Utf8JsonResult<BestWindowResponse>(JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions));
    }
}
