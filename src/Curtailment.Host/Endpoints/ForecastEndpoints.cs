using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Host.Api;
using Curtailment.Host.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

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
        string id, HttpRequest request, IRegionCatalog regions, ForecastService forecasts, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = regions.Get(id);
        var query = new QueryReader(request);
        var (from, to) = query.Range("from", "to", time.GetUtcNow(), TimeSpan.FromHours(24));
        query.ThrowIfInvalid();
        return new Utf8JsonResult<ForecastResponse>(await forecasts.GetResponseJsonAsync(region, from, to, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<ForecastResponse>>> ListForecastsAsync(
        string id, HttpRequest request, IRegionCatalog regions, IForecastStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = regions.Get(id);
        var query = new QueryReader(request);
        var now = time.GetUtcNow();
        var (from, to) = query.Range("issuedFrom", "issuedTo", now.AddDays(-7), TimeSpan.FromDays(7).Add(TimeSpan.FromSeconds(1)));
        query.ThrowIfInvalid();
        var vintages = await store.ListForecastsAsync(region.Id, from, to, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ForecastResponse>>(vintages.Select(v => ForecastResponse.From(v, TargetResponse.Of(region))).ToList());
    }
}
