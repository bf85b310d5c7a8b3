namespace Curtailment.Host.Security;

/// <summary>Admin endpoints: 401 problem+json unless the request carries a configured API key.</summary>
public sealed class ApiKeyFilter(ApiKeyValidator validator) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (validator.IsAuthorized(context.HttpContext))
        {
            return await next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = ApiKeyValidator.HeaderName;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An API key is required.",
            detail: $"Send a configured key (Curtailment:Api:Keys) in the {ApiKeyValidator.HeaderName} header.");
    }
}
