using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Curtailment.Ingestion.Feeds;

/// <summary>Registers the operator feeds and their download clients.</summary>
public static class FeedServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FetchOptions"/> (<c>Curtailment:Fetch</c>) and <see cref="FeedOptions"/> (<c>Curtailment:Feeds</c>),
    /// both validated at start; one HTTP client per operator host behind a resilience handler (total timeout, retries with
    /// back-off, circuit breaker, attempt timeout) configured from those options; every
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
            services.AddHttpClient(client, Configure).AddResilienceHandler("feed", Resilience);
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

    /// <summary>
    /// The standard handler's strategies (total timeout, retries with back-off and jitter on transient failures,
    /// circuit breaker, attempt timeout) from <see cref="FetchOptions"/>, on the system clock: network waits are real
    /// time even when a virtual clock (a replayed season, a test's fake clock) drives the jobs, which the standard
    /// handler, taking the container's <see cref="TimeProvider"/>, would not allow.
    /// </summary>
    private static void Resilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
        builder.TimeProvider = TimeProvider.System;
        builder
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            // A sampling window shorter than two attempts is refused; long attempts (big workbooks) need a wider one.
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.AttemptTimeout.Ticks * 2)),
            })
            .AddTimeout(options.AttemptTimeout);
    }
}
