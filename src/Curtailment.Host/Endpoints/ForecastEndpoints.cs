using System.ComponentModel;
using System.Text.Json;
using Curtailment.Contracts;
using Curtailment.Contracts.Requests;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Host.Api;
using Curtailment.Pipelines.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Endpoints;

/// <summary>Forecasts of a region: the current one for a range, and the stored vintages.</summary>
public static class ForecastEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapForecastEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/regions/{id}/forecast", GetForecastAsync)
            .WithName("GetForecast")
            .WithSummary("Forecast per interval (MW, 10th/90th percentiles, event probability) for [from, to); default the next 24 hours. Served from the newest stored vintage of the serving model, else computed now and stored.");
        group.MapGet("/regions/{id}/forecasts", ListForecastsAsync)
            .WithName("ListForecastVintages")
            .WithSummary("Stored forecast vintages issued in [issuedFrom, issuedTo), oldest first (default the last 7 days), for backtesting by clients.");
        return group;
    }

    private static async Task<Utf8JsonResult<ForecastResponse>> GetForecastAsync(
        [Description(RegionEndpoints.RegionIdDescription)] string id, [AsParameters] ForecastQuery request,
        IRegionCatalog regions, ForecastServing forecasts, IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = regions.Get(id);
        var query = new QueryReader();
        var (from, to) = query.Range("from", request.From, "to", request.To, time.GetUtcNow(), TimeSpan.FromHours(24));
        query.ThrowIfInvalid();
        var options = json.Value.SerializerOptions;
        var target = Responses.Target(region);
        return new Utf8JsonResult<ForecastResponse>(await forecasts.GetSerializedAsync(
            region, from, to, (vintage, staleness) => JsonSerializer.SerializeToUtf8Bytes(Responses.Forecast(vintage, target, staleness), options), cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<ForecastResponse>>> ListForecastsAsync(
        [Description(RegionEndpoints.RegionIdDescription)] string id, [AsParameters] VintagesQuery request,
        IRegionCatalog regions, IForecastStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = regions.Get(id);
        var query = new QueryReader();
        var now = time.GetUtcNow();
        var (from, to) = query.Range("issuedFrom", request.IssuedFrom, "issuedTo", request.IssuedTo, now.AddDays(-7), TimeSpan.FromDays(7).Add(TimeSpan.FromSeconds(1)));
        query.ThrowIfInvalid();
        var vintages = await store.ListForecastsAsync(region.Id, from, to, cancellationToken);
        var target = Responses.Target(region);
        return TypedResults.Ok<IReadOnlyList<ForecastResponse>>(vintages.Select(v => Responses.Forecast(v, target)).ToList());
    }
}
