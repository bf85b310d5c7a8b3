using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// What every HTTP feed shares: its operator's resilient client (retries, timeouts, circuit breaker), the base URL
/// (the feed's own override, else its operator's) and whole-file downloads in which a 404 means "not published yet".
/// </summary>
public abstract class HttpOperatorFeed : IOperatorFeed
{
    private readonly IHttpClientFactory _clients;
    private readonly IOptionsMonitor<FetchOptions> _fetch;
    private readonly IOptionsMonitor<FeedOptions> _feeds;

    /// <summary>Creates the feed over the operator client named <paramref name="clientName"/>.</summary>
    protected HttpOperatorFeed(IHttpClientFactory clients, IOptionsMonitor<FetchOptions> fetch, IOptionsMonitor<FeedOptions> feeds, string clientName)
    {
        _clients = clients;
        _fetch = fetch;
        _feeds = feeds;
        ClientName = clientName;
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Source { get; }

    /// <inheritdoc />
    public abstract string RegionId { get; }

    /// <inheritdoc />
    public abstract FeedCadence Cadence { get; }

    /// <inheritdoc />
    public abstract FeedPublication Publication { get; }

    /// <summary>The named HTTP client of the feed's operator.</summary>
    protected string ClientName { get; }

    /// <summary>The per-feed settings as now configured.</summary>
    protected FeedOptions Settings => _feeds.CurrentValue;

    /// <summary>The feed's base URL: its own override, else its operator's.</summary>
    protected Uri BaseUrl => Settings.BaseUrls.TryGetValue(Name, out var own) ? own : OperatorBaseUrl(_fetch.CurrentValue);

    /// <inheritdoc />
    public abstract Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>The operator's base URL in <see cref="FetchOptions"/>.</summary>
    protected abstract Uri OperatorBaseUrl(FetchOptions options);

    /// <summary>The URL of <paramref name="pathAndQuery"/> below the base URL.</summary>
    protected Uri Url(string pathAndQuery) => FetchOptions.Resolve(BaseUrl, pathAndQuery);

    /// <summary>
    /// The whole body of <paramref name="url"/>, or null when the operator answers 404. Messages name
    /// <paramref name="shownUrl"/> (the URL without secrets) when given.
    /// </summary>
    protected Task<byte[]?> DownloadAsync(Uri url, CancellationToken cancellationToken, string? shownUrl = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return HttpDownload.GetBytesOrNullAsync(_clients.CreateClient(ClientName), url, shownUrl ?? url.AbsoluteUri,
            _fetch.CurrentValue.TotalTimeout, notFoundIsNull: true, cancellationToken);
    }

    /// <summary>
    /// Whether a body is an HTML page: CAISO and AEMO answer a document that does not exist (yet) with an HTML page
    /// and status 200 as often as with a 404.
    /// </summary>
    protected static bool IsHtml(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        return start.StartsWith("<"u8);
    }

    /// <summary>The usual "not published yet" for a URL that answered 404.</summary>
    protected static FeedResult NotFound(string shownUrl) => FeedResult.NotPublishedYet($"{shownUrl} answered 404 (not published yet).");
}
