using System.ComponentModel;
using Curtailment.Contracts;
using Curtailment.Contracts.Requests;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Regions;
using Curtailment.Host.Api;
using Curtailment.Host.Errors;
using Curtailment.Pipelines.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Curtailment.Host.Endpoints;

/// <summary>The model registry (admin): list, activate, roll back.</summary>
public static class ModelEndpoints
{
    /// <summary>Maps the endpoints on the admin group.</summary>
    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/models", ListModelsAsync)
            .WithName("ListModels")
            .WithSummary("Model versions (optionally of one region), newest first, with manifest training range and metrics. Needs X-Api-Key.");
        admin.MapPost("/models/{id:long}/activate", ActivateAsync)
            .WithName("ActivateModel")
            .WithSummary("Makes a model version the one serving its region (the previous one is retired). Needs X-Api-Key.");
        admin.MapPost("/models/rollback", RollbackAsync)
            .WithName("RollbackModel")
            .WithSummary("Re-activates the most recently retired version of a region. Needs X-Api-Key.");
        return admin;
    }

    private static async Task<Ok<IReadOnlyList<ModelResponse>>> ListModelsAsync(
        [AsParameters] ModelsQuery request, IRegionCatalog regions, IModelStore models, CancellationToken cancellationToken)
    {
        var region = QueryReader.Text(request.Region) is { } id ? regions.Get(id).Id : null;
        var list = await models.ListModelsAsync(region, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ModelResponse>>(list.Select(Responses.Model).ToList());
    }

    private static async Task<Ok<ModelResponse>> ActivateAsync([Description("Registry id of the model version (see GET /api/v1/models).")] long id, IModelStore models, ActiveModels serving, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        _ = await models.FindModelAsync(id, cancellationToken) ?? throw new NotFoundException($"No model with id {id}.");
        var activated = await models.ActivateAsync(id, cancellationToken);
        // Load it now, so the first forecast request after activation does not pay for it.
        await serving.GetAsync(activated.Region, cancellationToken);
        loggers.CreateLogger(typeof(ModelEndpoints)).LogInformation("Activated {Region} {Version} through the API", activated.Region, activated.Version);
        return TypedResults.Ok(Responses.Model(activated));
    }

    private static async Task<Ok<ModelResponse>> RollbackAsync(
        [AsParameters] RollbackQuery request, IRegionCatalog regions, IModelStore models, ActiveModels serving, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var regionId = QueryReader.Text(request.Region);
        if (regionId is null)
        {
            query.Error("region", "Required: the region to roll back (region=CAISO).");
        }

        query.ThrowIfInvalid();
        var region = regions.Get(regionId!);
        var active = await models.RollbackAsync(region.Id, cancellationToken)
            ?? throw new ConflictException($"{region.Id} has no retired model version to roll back to.");
        await serving.GetAsync(region.Id, cancellationToken);
        loggers.CreateLogger(typeof(ModelEndpoints)).LogInformation("Rolled {Region} back to {Version} through the API", region.Id, active.Version);
        return TypedResults.Ok(Responses.Model(active));
    }
}
