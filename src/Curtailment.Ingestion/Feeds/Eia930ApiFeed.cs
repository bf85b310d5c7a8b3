using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Curtailment.Ingestion.Eia930;
using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// EIA-930 hourly region data of one balancing authority for one UTC day through EIA's open data API v2
/// (<c>v2/electricity/rto/region-data/data/?api_key=...&amp;frequency=hourly&amp;data[0]=value&amp;facets[respondent][]=CISO&amp;start=...&amp;end=...</c>):
/// demand (D), day-ahead demand forecast (DF), net generation (NG) and total interchange (TI). Needs an API key
/// (<c>Curtailment:Feeds:Eia:ApiKey</c>); without one the feed is skipped with a message. The key never appears in
/// messages, file names or run records.
/// </summary>
public sealed partial class Eia930ApiFeed : HttpOperatorFeed
{
    /// <summary>Rows asked for per request: EIA's page limit, and far above a day's 4 x 24 rows.</summary>
    private const int PageLength = 5000;

    private readonly string _respondent;

    /// <summary>Creates the feed of balancing authority <paramref name="respondent"/> (<c>CISO</c>).</summary>
    public Eia930ApiFeed(string respondent, IHttpClientFactory clients, IOptionsMonitor<FetchOptions> fetch, IOptionsMonitor<FeedOptions> feeds)
        : base(clients, fetch, feeds, FeedClients.Eia)
    {
        ArgumentNullException.ThrowIfNull(respondent);
        _respondent = respondent.ToUpperInvariant();
        RegionId = BalancingAuthorities.RegionFor(_respondent)
            ?? throw new ArgumentException($"'{respondent}' is not a balancing authority of ours ({string.Join(", ", BalancingAuthorities.Codes)}).", nameof(respondent));
    }

    /// <inheritdoc />
    public override string Name => $"eia930-{_respondent.ToLowerInvariant()}";

    /// <inheritdoc />
    public override string Source => "eia930-api";

    /// <inheritdoc />
    public override string RegionId { get; }

    /// <inheritdoc />
    public override FeedCadence Cadence => FeedCadence.Daily;

    /// <inheritdoc />
    public override FeedPublication Publication { get; } = new("Etc/UTC", 0, new TimeOnly(1, 0),
        "hourly, about an hour after each UTC hour ends; balancing authorities revise recent days");

    /// <summary>The name a download is imported under (<c>EIA930_CISO_20210314.json</c>): the importer reads the BA from it.</summary>
    public static string FileNameFor(string respondent, DateOnly day) =>
        $"EIA930_{respondent.ToUpperInvariant()}_{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.json";

    /// <inheritdoc />
    public override async Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var key = Settings.Eia.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return FeedResult.Skipped(
                $"{Name}: no EIA API key is configured; set Curtailment:Feeds:Eia:ApiKey (a free key from https://www.eia.gov/opendata/).");
        }

        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = $"v2/electricity/rto/region-data/data/?frequency=hourly&data[0]=value&facets[respondent][]={_respondent}"
            + $"&start={date}T00&end={date}T23&sort[0][column]=period&sort[0][direction]=asc&offset=0&length={PageLength}";
        var shown = Url(query + "&api_key=***").AbsoluteUri;
        var body = await DownloadAsync(Url(query + "&api_key=" + Uri.EscapeDataString(key)), cancellationToken, shown);
        if (body is null)
        {
            return NotFound(shown);
        }

        var rows = CheckResponse(body, shown);
        return rows == 0
            ? FeedResult.NotPublishedYet($"EIA has no {_respondent} rows for {date} yet.")
            : FeedResult.Fetched(new FetchedFile(FileNameFor(_respondent, day), body, shown));
    }

    /// <inheritdoc />
    protected override Uri OperatorBaseUrl(FetchOptions options) => options.EiaApiBaseUrl;

    /// <summary>The number of data rows; throws on an error answer or a page that does not hold every row.</summary>
    private static int CheckResponse(byte[] body, string shownUrl)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                // EIA quotes the request in some errors; the key is cut out before the text goes anywhere.
                throw new FetchException(shownUrl, $"EIA refused the request: {ApiKeyPattern().Replace(error.ToString(), "api_key=***")}");
            }

            if (!root.TryGetProperty("response", out var response) || !response.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new FetchException(shownUrl, "the answer has no response.data array: not an EIA API v2 data answer.");
            }

            var count = data.GetArrayLength();
            if (response.TryGetProperty("total", out var totalElement) && TotalOf(totalElement) is { } total && total > count)
            {
                throw new FetchException(shownUrl, $"the answer holds {count} of its {total} rows (one page is {PageLength}): ask for fewer days at once.");
            }

            return count;
        }
        catch (JsonException e)
        {
            throw new FetchException(shownUrl, $"the answer is not whole JSON (line {e.LineNumber + 1}): truncated or not from EIA.", innerException: e);
        }
    }

    /// <summary>EIA writes <c>total</c> as a number or as a string of digits.</summary>
    private static int? TotalOf(JsonElement total) => total.ValueKind switch
    {
        JsonValueKind.Number when total.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(total.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    [GeneratedRegex("api_key=[^&\"\\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex ApiKeyPattern();
}
