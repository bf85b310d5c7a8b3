using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Curtailment.Contracts.Requests;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Curtailment.Host.Api;

/// <summary>
/// Documents the query parameters of every endpoint from its request record (<see cref="AsParametersAttribute"/>):
/// the wire name, the type and format of the text (<see cref="ApiParameterAttribute"/>, since it is bound as text),
/// the description, an example and whether it is required; route parameters get their description and an example.
/// </summary>
public sealed class QueryParameterDocumentation : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var handler = context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        if (handler is null || operation.Parameters is null)
        {
            return Task.CompletedTask;
        }

        var properties = handler.GetParameters()
            .Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null)
            .SelectMany(p => p.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var routeParameters = handler.GetParameters().Where(p => p.Name is not null).ToDictionary(p => p.Name!, StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.Name is null)
            {
                continue;
            }

            if (parameter.In == ParameterLocation.Query && properties.TryGetValue(parameter.Name, out var property)
                && property.GetCustomAttribute<ApiParameterAttribute>() is { } wire)
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                parameter.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? parameter.Description;
                parameter.Required = wire.Required;
                parameter.Schema = new OpenApiSchema { Type = TypeOf(wire.Type), Format = wire.Format };
                parameter.Example = Example(wire);
            }
            else if (parameter.In == ParameterLocation.Path && routeParameters.TryGetValue(parameter.Name, out var route))
            {
                parameter.Description ??= route.GetCustomAttribute<DescriptionAttribute>()?.Description;
                parameter.Example ??= route.ParameterType == typeof(long) ? JsonValue.Create(1L)
                    : parameter.Name == "name" ? JsonValue.Create("forecast:CAISO")
                    : JsonValue.Create("CAISO");
            }
        }

        return Task.CompletedTask;
    }

    private static JsonSchemaType TypeOf(string type) => type switch
    {
        "number" => JsonSchemaType.Number,
        "integer" => JsonSchemaType.Integer,
        _ => JsonSchemaType.String,
    };

    private static JsonNode? Example(ApiParameterAttribute wire) => wire.Type switch
    {
        "number" => JsonValue.Create(double.Parse(wire.Example, System.Globalization.CultureInfo.InvariantCulture)),
        "integer" => JsonValue.Create(int.Parse(wire.Example, System.Globalization.CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(wire.Example),
    };
}
