using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Fetching;

/// <summary>Registers the operator download clients.</summary>
public static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FetchOptions"/> (section <c>Curtailment:Fetch</c>, validated at start) and one typed
    /// <see cref="HttpClient"/> per fetcher, each behind the standard resilience handler (rate limit, total
    /// timeout, retries with back-off, circuit breaker, attempt timeout) configured from those options.
    /// Needs an <c>IConfiguration</c> in the container.
    /// </summary>
    public static IServiceCollection AddCurtailmentFetchers(this IServiceCollection services)
    {
        services.AddOptions<FetchOptions>()
            .BindConfiguration(FetchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient<CaisoWorkbookFetcher>(Configure).AddStandardResilienceHandler().Configure(Resilience);
        services.AddHttpClient<CaisoOutlookFetcher>(Configure).AddStandardResilienceHandler().Configure(Resilience);
        services.AddHttpClient<Eia930Fetcher>(Configure).AddStandardResilienceHandler().Configure(Resilience);
        return services;
    }

    private static void Configure(IServiceProvider services, HttpClient client)
    {
        // HttpDownload bounds the whole download with TotalTimeout; HttpClient's own 100 s default would cut a
        // large workbook short with a less helpful message.
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Curtailment/1.0 (+forecasting research)");
    }

    private static void Resilience(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FetchOptions>>().Value;
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
        resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
        resilience.Retry.Delay = options.RetryDelay;

        // The handler refuses a sampling window shorter than two attempts; long attempts (big workbooks) need a wider one.
        var window = options.AttemptTimeout * 2;
        if (resilience.CircuitBreaker.SamplingDuration < window)
        {
            resilience.CircuitBreaker.SamplingDuration = window;
        }
    }
}
