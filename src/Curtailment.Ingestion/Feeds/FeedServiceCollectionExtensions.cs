using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>Registers the operator feeds and their download clients.</summary>
public static class FeedServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FetchOptions"/> (<c>Curtailment:Fetch</c>) and <see cref="FeedOptions"/> (<c>Curtailment:Feeds</c>),
    /// both validated at start; one HTTP client per operator host behind the standard resilience handler (rate limit,
    /// total timeout, retries with back-off, circuit breaker, attempt timeout) configured from those options; every
    /// feed as an <see cref="IOperatorFeed"/>; and the <see cref="FeedCatalog"/>. Needs an <c>IConfiguration</c>.
    /// </summary>
    public static IServiceCollection AddCurtailmentFeeds(this IServiceCollection services)
    {
        services.AddOptions<FetchOptions>()
            .BindConfiguration(FetchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<FeedOptions>()
            .BindConfiguration(FeedOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        foreach (var client in FeedClients.All)
        {
            services.AddHttpClient(client, Configure).AddStandardResilienceHandler().Configure(Resilience);
        }

        services.AddSingleton<IOperatorFeed>(sp => Create<CaisoOutlookFeed>(sp, CaisoOutlookFeed.FuelSource));
        services.AddSingleton<IOperatorFeed>(sp => Create<CaisoOutlookFeed>(sp, CaisoOutlookFeed.Demand));
        services.AddSingleton<IOperatorFeed>(sp => Create<CaisoOasisFeed>(sp, CaisoOasisFeed.RenewablesForecast));
        services.AddSingleton<IOperatorFeed>(sp => Create<CaisoOasisFeed>(sp, CaisoOasisFeed.LoadForecast));
        services.AddSingleton<IOperatorFeed>(sp => Create<CaisoRenewablesReportFeed>(sp));
        services.AddSingleton<IOperatorFeed>(sp => Create<CaisoProductionWorkbookFeed>(sp));
        services.AddSingleton<IOperatorFeed>(sp => Create<Eia930ApiFeed>(sp, "CISO"));
        services.AddSingleton<IOperatorFeed>(sp => Create<AemoPriceDemandFeed>(sp, "SA1"));
        services.AddSingleton<FeedCatalog>();
        return services;
    }

    private static IOperatorFeed Create<T>(IServiceProvider services, params object[] arguments) where T : IOperatorFeed =>
        ActivatorUtilities.CreateInstance<T>(services, arguments);

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
