using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Curtailment.Host.Observability;

/// <summary>
/// Metrics through OpenTelemetry's SDK: the instruments of <see cref="CurtailmentMetrics"/> served as Prometheus text at
/// <c>/metrics</c> and, when a collector is configured, pushed over OTLP.
/// </summary>
public static class MetricsRegistration
{
    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>Registers <see cref="CurtailmentMetrics"/>, the meter provider and its exporters.</summary>
    public static IServiceCollection AddCurtailmentMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CurtailmentMetrics>();
        var otlp = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.OtlpEndpoint;
        var exportOtlp = !string.IsNullOrWhiteSpace(otlp) || !string.IsNullOrWhiteSpace(configuration[TelemetryOptions.OtlpEndpointVariable]);
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(CurtailmentMetrics.MeterName)
                .AddPrometheusExporter(options =>
                {
                    options.ScrapeEndpointPath = ScrapePath;
                    // Every scrape sees the counts of that moment, as before the SDK.
                    options.ScrapeResponseCacheDurationMilliseconds = 0;
                    // Only the service's own counters, without the resource and scope labels the SDK can add.
                    options.ScopeInfoEnabled = false;
                    options.TargetInfoEnabled = false;
                });
            if (exportOtlp)
            {
                metrics.AddOtlpExporter((exporter, reader) => ConfigureOtlp(exporter, otlp));
            }
        });
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) => builder.AddView(OnlyThisHost(provider.GetRequiredService<IMeterFactory>())));
        return services;
    }

    /// <summary>
    /// Maps <see cref="ScrapePath"/> and builds the meter provider at once, so that measurements made while the host
    /// starts (the start-up task's forecasts) are counted.
    /// </summary>
    public static IEndpointRouteBuilder MapCurtailmentMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.ServiceProvider.GetRequiredService<MeterProvider>();
        _ = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        app.MapPrometheusScrapingEndpoint(ScrapePath)
            .WithName("Metrics")
            .WithSummary("Counters in the Prometheus text format.");
        return app;
    }

    // Meters are process-wide and the SDK subscribes by name: without this, two hosts in one process (the tests'
    // hosts) would count each other's requests. The host's meter factory tells its own instruments apart.
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory factory) => instrument =>
        instrument.Meter.Name == CurtailmentMetrics.MeterName && !ReferenceEquals(instrument.Meter.Scope, factory)
            ? MetricStreamConfiguration.Drop
            : null;

    private static void ConfigureOtlp(OtlpExporterOptions exporter, string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            // OTEL_EXPORTER_OTLP_ENDPOINT and its companions are read by the exporter itself.
            return;
        }

        var address = new Uri(endpoint);
        // A base address set in code is used as it is; over HTTP the signal's path must be added, as the SDK does for the variable.
        exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf && !address.AbsolutePath.EndsWith("/v1/metrics", StringComparison.Ordinal)
            ? new Uri(address, address.AbsolutePath.TrimEnd('/') + "/v1/metrics")
            : address;
    }
}
