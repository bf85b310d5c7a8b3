using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Curtailment.Host.Endpoints;
using Curtailment.Host.Errors;
using Curtailment.Host.Live;
using Curtailment.Host.Options;
using Curtailment.Host.Security;
using Curtailment.Pipelines.Serving;
using Scalar.AspNetCore;

namespace Curtailment.Host.Api;

/// <summary>The prediction API: its services, and its endpoint groups under <c>/api/v1</c> with the OpenAPI document and page.</summary>
public static class CurtailmentApi
{
    /// <summary>Adds what the API needs: options, problem+json errors, JSON settings, OpenAPI, rate limit, API keys.</summary>
    public static IServiceCollection AddCurtailmentApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<CurtailmentExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddOpenApi(options => options.AddOperationTransformer<QueryParameterDocumentation>());
        services.AddCurtailmentRateLimiter();
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<IOnDemandForecastListener, OnDemandForecastMetrics>();
        return services;
    }

    /// <summary>Maps the OpenAPI document, its interactive page and the API groups (public, and admin behind the API key).</summary>
    public static WebApplication MapCurtailmentApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("Curtailment API"));

        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimiting.Policy);
        api.MapRegionEndpoints();
        api.MapForecastEndpoints();
        api.MapSchedulingEndpoints();
        api.MapActualsEndpoints();
        api.MapOutlookEndpoints();
        api.MapFeedEndpoints();
        var admin = api.MapGroup("").AddEndpointFilter<ApiKeyFilter>();
        admin.MapModelEndpoints();
        admin.MapJobEndpoints();
        admin.MapClockEndpoints();
        return app;
    }
}
