using System.ComponentModel;
using Curtailment.Contracts;
using Curtailment.Contracts.Requests;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Host.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Curtailment.Host.Endpoints;

/// <summary><c>GET /api/v1/regions/{id}/actuals</c>: observed target values as known now.</summary>
public static class ActualsEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapActualsEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/regions/{id}/actuals", GetActualsAsync)
            .WithName("GetActuals")
            .WithSummary("Observed values of the region's target series in [from, to) (default the last 48 hours), as published by now.");
        return group;
    }

    private static async Task<Ok<ActualsResponse>> GetActualsAsync(
        [Description(RegionEndpoints.RegionIdDescription)] string id, [AsParameters] ActualsQuery request,
        IRegionCatalog regions, IObservationReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = regions.Get(id);
        var query = new QueryReader();
        var now = time.GetUtcNow();
        var (from, to) = query.Range("from", request.From, "to", request.To, now.AddHours(-48), TimeSpan.FromHours(48));
        query.ThrowIfInvalid();
        var observations = await reader.ReadAsync(new ObservationQuery(region.Id, region.Target.Series, from, to, now), cancellationToken);
        return TypedResults.Ok(new ActualsResponse(region.Id, region.Target.Series, now,
            observations.Select(o => new ActualResponse(o.IntervalStart, o.IntervalEnd, o.Value, o.Source, o.PublishedAt)).ToList()));
    }
}
