using System.Globalization;
using System.Threading.RateLimiting;
using Curtailment.Host.Options;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Api;

/// <summary>The API's rate limit: a fixed window per client address, answered with 429 problem+json and Retry-After.</summary>
public static class RateLimiting
{
    /// <summary>Rate-limit policy of the API.</summary>
    public const string Policy = "api";

    /// <summary>Adds the <see cref="Policy"/> limiter, sized by <see cref="ApiOptions"/>.</summary>
    public static IServiceCollection AddCurtailmentRateLimiter(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context =>
            {
                var api = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = api.RateLimitPermits,
                    Window = TimeSpan.FromSeconds(api.RateLimitWindowSeconds),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = RejectAsync;
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = "The rate limit (Curtailment:Api:RateLimitPermits per Curtailment:Api:RateLimitWindowSeconds) was reached; retry later.",
            },
        });
    }
}
