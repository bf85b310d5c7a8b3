using System.Globalization;
using System.Text.RegularExpressions;
using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// AEMO's monthly aggregated price and demand file of one NEM region
/// (<c>aemo/data/nem/priceanddemand/PRICE_AND_DEMAND_{yyyyMM}_{region}.csv</c>, 5-minute, NEM time = UTC+10).
/// </summary>
public sealed partial class AemoPriceDemandFeed : HttpOperatorFeed
{
    private readonly string _region;

    /// <summary>Creates the feed of NEM region <paramref name="region"/> (<c>SA1</c>), which is also our region id.</summary>
    public AemoPriceDemandFeed(string region, IHttpClientFactory clients, IOptionsMonitor<FetchOptions> fetch, IOptionsMonitor<FeedOptions> feeds)
        : base(clients, fetch, feeds, FeedClients.Aemo)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (!NemRegion().IsMatch(region))
        {
            throw new ArgumentException($"'{region}' is not a NEM region id (NSW1, QLD1, SA1, TAS1, VIC1).", nameof(region));
        }

        _region = region.ToUpperInvariant();
    }

    /// <inheritdoc />
    public override string Name => $"aemo-price-demand-{_region.ToLowerInvariant()}";

    /// <inheritdoc />
    public override string Source => "aemo";

    /// <inheritdoc />
    public override string RegionId => _region;

    /// <inheritdoc />
    public override FeedCadence Cadence => FeedCadence.Monthly;

    /// <inheritdoc />
    public override FeedPublication Publication { get; } = new("Australia/Brisbane", 0, new TimeOnly(0, 0),
        "the current month's file grows through the month (NEM time, UTC+10 all year); the month is whole early on the 1st of the next");

    /// <inheritdoc />
    public override async Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var name = $"PRICE_AND_DEMAND_{day.ToString("yyyyMM", CultureInfo.InvariantCulture)}_{_region}.csv";
        var url = Url($"aemo/data/nem/priceanddemand/{name}");
        var body = await DownloadAsync(url, cancellationToken);
        if (body is null)
        {
            return NotFound(url.AbsoluteUri);
        }

        return IsHtml(body)
            ? FeedResult.NotPublishedYet($"{url.AbsoluteUri} answered an HTML page instead of the CSV (not published, or refused).")
            : FeedResult.Fetched(new FetchedFile(name, body, url.AbsoluteUri));
    }

    /// <inheritdoc />
    protected override Uri OperatorBaseUrl(FetchOptions options) => options.AemoBaseUrl;

    [GeneratedRegex("^(NSW|QLD|SA|TAS|VIC)1$", RegexOptions.IgnoreCase)]
    private static partial Regex NemRegion();
}
