using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Tests.Observability;

/// <summary>The counters through OpenTelemetry: Prometheus text at <c>/metrics</c>, OTLP to a collector when configured.</summary>
[Trait("Category", "Integration")]
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachCountsOnlyItsOwnRequests()
    {
        await using var first = HostFactory.Empty();
        await using var second = HostFactory.Empty();
        var firstClient = first.Client();
        var secondClient = second.Client();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await firstClient.GetAsync("/health/live")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secondClient.GetAsync("/no-such-page")).StatusCode);

        var firstText = await firstClient.GetStringAsync("/metrics");
        var secondText = await secondClient.GetStringAsync("/metrics");
        Assert.Contains("curtailment_http_requests_total{status=\"2xx\"} 3\n", firstText, StringComparison.Ordinal);
        Assert.DoesNotContain("status=\"4xx\"", firstText, StringComparison.Ordinal);
        Assert.Contains("curtailment_http_requests_total{status=\"2xx\"} 1\n", secondText, StringComparison.Ordinal);
        Assert.Contains("curtailment_http_requests_total{status=\"4xx\"} 1\n", secondText, StringComparison.Ordinal);
        Assert.Contains("# HELP curtailment_http_requests_total HTTP requests served, by status code class.", secondText, StringComparison.Ordinal);
        // Only the service's counters: no resource (target_info) or scope labels added by the SDK.
        Assert.DoesNotContain("target_info", secondText, StringComparison.Ordinal);
        Assert.DoesNotContain("otel_scope", secondText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_EndpointConfigured_PushesTheCountersToTheCollector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var host = HostFactory.Empty(new Dictionary<string, string?>
        {
            ["Curtailment:Telemetry:OtlpEndpoint"] = collector.BaseAddress,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        var client = host.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        var body = await collector.WaitForAsync("curtailment_http_requests", TimeSpan.FromSeconds(30));
        Assert.Contains("HTTP requests served, by status code class.", body, StringComparison.Ordinal);
        // The Prometheus endpoint keeps working beside the push.
        Assert.Contains("curtailment_http_requests_total{status=\"2xx\"}", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_OpenTelemetryVariableOnly_PushesTheCountersToTheCollector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        // The standard variable, read through configuration like the environment variable of the same name.
        await using var host = HostFactory.Empty(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });

        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync("/health/live")).StatusCode);

        Assert.Contains("curtailment_http_requests", await collector.WaitForAsync("curtailment_http_requests", TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OtlpEndpointNotAUrl_RefusesNamingTheSetting()
    {
        await using var host = HostFactory.Empty(new Dictionary<string, string?> { ["Curtailment:Telemetry:OtlpEndpoint"] = "collector:4317" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Client());

        Assert.Contains("Curtailment:Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A real HTTP server on loopback that takes OTLP/HTTP metric exports and keeps their bodies.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<byte[]> _bodies = new();

        private OtlpCollector()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.MapPost("/v1/metrics", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                _bodies.Enqueue(body.ToArray());
                return Results.Ok();
            });
        }

        public string BaseAddress => _app.Urls.First();

        public int Received => _bodies.Count;

        public static async Task<OtlpCollector> StartAsync()
        {
            var collector = new OtlpCollector();
            await collector._app.StartAsync();
            return collector;
        }

        /// <summary>The first export whose protobuf body holds <paramref name="text"/> (strings are UTF-8 in protobuf).</summary>
        public async Task<string> WaitForAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var match = _bodies.Select(b => Encoding.UTF8.GetString(b)).FirstOrDefault(b => b.Contains(text, StringComparison.Ordinal));
                if (match is not null)
                {
                    return match;
                }

                await Task.Delay(100);
            }

            Assert.Fail($"no OTLP export with {text} within {timeout.TotalSeconds} s ({_bodies.Count} exports received)");
            return "";
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
