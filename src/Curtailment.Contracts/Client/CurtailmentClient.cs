using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Curtailment.Contracts.Requests;

namespace Curtailment.Contracts.Client;

/// <summary>
/// A typed client of the public API v1 for schedulers written in .NET: the same request and response records the host
/// binds and writes. Give it an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the service
/// (for example a typed client from <c>AddHttpClient&lt;CurtailmentClient&gt;</c>). Error answers become
/// <see cref="CurtailmentApiException"/>s carrying the problem's title, detail and field messages.
/// </summary>
public sealed class CurtailmentClient(HttpClient http)
{
    /// <summary>Header carrying the API key of the admin endpoints.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // The service writes non-finite numbers as "NaN" and enums as camelCase strings.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Regions with data freshness and the model serving each.</summary>
    public Task<IReadOnlyList<RegionResponse>> GetRegionsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<RegionResponse>>(HttpMethod.Get, "api/v1/regions", cancellationToken);

    /// <summary>The forecast of <paramref name="region"/> for the query's range.</summary>
    public Task<ForecastResponse> GetForecastAsync(string region, ForecastQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync<ForecastResponse>(HttpMethod.Get, $"{RegionPath(region)}/forecast{query.ToQueryString()}", cancellationToken);
    }

    /// <summary>The forecast of <paramref name="region"/> for <c>[from, to)</c> (defaults: now, and 24 hours after <paramref name="from"/>).</summary>
    public Task<ForecastResponse> GetForecastAsync(string region, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        GetForecastAsync(region, new ForecastQuery { From = QueryString.Instant(from), To = QueryString.Instant(to) }, cancellationToken);

    /// <summary>Stored forecast vintages of <paramref name="region"/> issued in the query's range, oldest first.</summary>
    public Task<IReadOnlyList<ForecastResponse>> ListForecastVintagesAsync(string region, VintagesQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync<IReadOnlyList<ForecastResponse>>(HttpMethod.Get, $"{RegionPath(region)}/forecasts{query.ToQueryString()}", cancellationToken);
    }

    /// <summary>Predicted curtailment windows of <paramref name="region"/>.</summary>
    public Task<WindowsResponse> GetWindowsAsync(string region, WindowsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync<WindowsResponse>(HttpMethod.Get, $"{RegionPath(region)}/windows{query.ToQueryString()}", cancellationToken);
    }

    /// <summary>Predicted curtailment windows of <paramref name="region"/> in <c>[from, to)</c> with the region's default thresholds unless given.</summary>
    public Task<WindowsResponse> GetWindowsAsync(
        string region, DateTimeOffset? from = null, DateTimeOffset? to = null, double? minMw = null, double? minProbability = null, CancellationToken cancellationToken = default) =>
        GetWindowsAsync(region, new WindowsQuery
        {
            From = QueryString.Instant(from),
            To = QueryString.Instant(to),
            MinMw = QueryString.Number(minMw),
            MinProbability = QueryString.Number(minProbability),
        }, cancellationToken);

    /// <summary>The best start times for a job, across regions.</summary>
    public Task<BestWindowResponse> GetBestWindowAsync(BestWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync<BestWindowResponse>(HttpMethod.Get, $"api/v1/best-window{query.ToQueryString()}", cancellationToken);
    }

    /// <summary>The best <paramref name="top"/> start times for a job of <paramref name="duration"/> in <paramref name="regions"/> between the two instants.</summary>
    public Task<BestWindowResponse> GetBestWindowAsync(
        IEnumerable<string> regions, TimeSpan duration, DateTimeOffset? earliestStart = null, DateTimeOffset? deadline = null, int? top = null,
        string? rankBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return GetBestWindowAsync(new BestWindowQuery
        {
            Regions = string.Join(',', regions),
            Duration = QueryString.Duration(duration),
            EarliestStart = QueryString.Instant(earliestStart),
            Deadline = QueryString.Instant(deadline),
            Top = QueryString.Integer(top),
            RankBy = rankBy,
        }, cancellationToken);
    }

    /// <summary>Observed values of <paramref name="region"/>'s target series, as published by now.</summary>
    public Task<ActualsResponse> GetActualsAsync(string region, ActualsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync<ActualsResponse>(HttpMethod.Get, $"{RegionPath(region)}/actuals{query.ToQueryString()}", cancellationToken);
    }

    /// <summary>Every region's next local day from its latest stored forecast.</summary>
    public Task<OutlookResponse> GetOutlookAsync(CancellationToken cancellationToken = default) =>
        SendAsync<OutlookResponse>(HttpMethod.Get, "api/v1/outlook", cancellationToken);

    /// <summary>Model versions (admin: the client's <see cref="ApiKeyHeader"/> must be set), newest first.</summary>
    public Task<IReadOnlyList<ModelResponse>> ListModelsAsync(ModelsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync<IReadOnlyList<ModelResponse>>(HttpMethod.Get, $"api/v1/models{query.ToQueryString()}", cancellationToken);
    }

    private static string RegionPath(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return $"api/v1/regions/{Uri.EscapeDataString(region)}";
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync($"{method} {path}", response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"{method} {path} answered an empty body.");
    }

    private static async Task<CurtailmentApiException> ErrorAsync(string request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? title = null;
        string? detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array ? [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")] : [];
                }
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's page): keep the text as the detail.
            detail = body.Length > 500 ? body[..500] : body;
        }

        return new CurtailmentApiException(request, response.StatusCode, title, detail, errors);
    }
}
