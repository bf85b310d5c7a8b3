using System.Diagnostics.Metrics;

namespace Curtailment.Host.Observability;

/// <summary>
/// The service's counters (System.Diagnostics.Metrics): the one place that defines its instruments. OpenTelemetry exports
/// them (<see cref="MetricsRegistration"/>).
/// </summary>
public sealed class CurtailmentMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Curtailment";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _forecasts;
    private readonly Counter<long> _jobRuns;

    /// <summary>Creates the meter through the host's factory (one meter per host, so tests do not share counts).</summary>
    public CurtailmentMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("curtailment_http_requests", description: "HTTP requests served, by status code class.");
        _forecasts = Meter.CreateCounter<long>("curtailment_forecasts_issued", description: "Forecast vintages issued, by region and trigger.");
        _jobRuns = Meter.CreateCounter<long>("curtailment_job_runs", description: "Background job runs, by job and outcome.");
    }

    /// <summary>The meter of this host's instruments.</summary>
    public Meter Meter { get; }

    /// <summary>Counts a served request.</summary>
    public void Request(int statusCode) => _requests.Add(1, new KeyValuePair<string, object?>("status", $"{statusCode / 100}xx"));

    /// <summary>Counts an issued forecast vintage.</summary>
    public void ForecastIssued(string region, string trigger) =>
        _forecasts.Add(1, new KeyValuePair<string, object?>("region", region), new KeyValuePair<string, object?>("trigger", trigger));

    /// <summary>Counts a job run.</summary>
    public void JobRun(string job, bool succeeded) =>
        _jobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
}
