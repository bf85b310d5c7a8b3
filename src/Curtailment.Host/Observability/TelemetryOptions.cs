using System.ComponentModel.DataAnnotations;

namespace Curtailment.Host.Observability;

/// <summary>Where metrics go besides <c>/metrics</c>: an OpenTelemetry collector (OTLP), when one is configured.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Telemetry";

    /// <summary>OpenTelemetry's own variable for the collector's address, honoured as well.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The collector's base address (<c>http://collector:4317</c> for gRPC, <c>http://collector:4318</c> with
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>); empty: no OTLP export unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    [Url(ErrorMessage = "Curtailment:Telemetry:OtlpEndpoint must be an absolute http(s) URL.")]
    public string? OtlpEndpoint { get; set; }
}
