using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Curtailment.Host.Api;

/// <summary>
/// A 200 answer whose body is <typeparamref name="T"/> already serialized with the host's JSON options: the same
/// bytes, content type and OpenAPI description as <c>TypedResults.Ok&lt;T&gt;</c>, without serializing per request.
/// </summary>
public sealed class Utf8JsonResult<T>(byte[] json) : IResult, IEndpointMetadataProvider
{
    /// <summary>Content type written by ASP.NET Core's JSON results.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, httpContext.RequestAborted).AsTask();
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}
