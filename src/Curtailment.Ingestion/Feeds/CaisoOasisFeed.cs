using System.Globalization;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// A CAISO OASIS <c>SingleZip</c> day-ahead query for one Pacific day
/// (<c>oasisapi/SingleZip?resultformat=6&amp;queryname=...&amp;market_run_id=DAM&amp;startdatetime=...&amp;enddatetime=...&amp;version=1</c>):
/// <c>SLD_REN_FCST</c> (solar and wind forecast by trading hub) or <c>SLD_FCST</c> (load forecast). OASIS answers
/// with a zip of one CSV, or of an XML error file; "no data returned" (code 1000) means not published yet, any other
/// error code fails the fetch with OASIS's own words.
/// </summary>
public sealed class CaisoOasisFeed : HttpOperatorFeed
{
    /// <summary>The renewable (solar and wind) forecast query.</summary>
    public const string RenewablesForecast = "SLD_REN_FCST";

    /// <summary>The load forecast query.</summary>
    public const string LoadForecast = "SLD_FCST";

    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private readonly string _query;

    /// <summary>Creates the feed of <paramref name="query"/> (<see cref="RenewablesForecast"/> or <see cref="LoadForecast"/>).</summary>
    public CaisoOasisFeed(string query, IHttpClientFactory clients, IOptionsMonitor<FetchOptions> fetch, IOptionsMonitor<FeedOptions> feeds)
        : base(clients, fetch, feeds, FeedClients.Oasis)
    {
        if (query is not (RenewablesForecast or LoadForecast))
        {
            throw new ArgumentException($"'{query}' is not an OASIS query of ours ({RenewablesForecast}, {LoadForecast}).", nameof(query));
        }

        _query = query;
    }

    /// <inheritdoc />
    public override string Name => _query == RenewablesForecast ? "caiso-oasis-renewables-forecast" : "caiso-oasis-load-forecast";

    /// <inheritdoc />
    public override string Source => "caiso-oasis";

    /// <inheritdoc />
    public override string RegionId => "CAISO";

    /// <inheritdoc />
    public override FeedCadence Cadence => FeedCadence.Daily;

    /// <inheritdoc />
    public override FeedPublication Publication { get; } = new("America/Los_Angeles", -1, new TimeOnly(9, 0),
        "the day-ahead forecasts of day D are posted on D-1 before the day-ahead market closes at 10:00 Pacific");

    /// <summary>The name a downloaded zip is imported under (<c>20210314_SLD_REN_FCST_DAM.zip</c>).</summary>
    public static string FileNameFor(DateOnly day, string query) => $"{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{query}_DAM.zip";

    /// <inheritdoc />
    public override async Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var (start, end) = LocalClock.DayBounds(day, Pacific);
        var url = Url($"oasisapi/SingleZip?resultformat=6&queryname={_query}&version=1&market_run_id=DAM"
            + $"&startdatetime={OasisTime(start)}&enddatetime={OasisTime(end)}");
        var body = await DownloadAsync(url, cancellationToken);
        if (body is null)
        {
            return NotFound(url.AbsoluteUri);
        }

        if (!OasisZip.IsZip(body))
        {
            throw new FetchException(url.AbsoluteUri, "OASIS answered something other than a zip (no zip signature).");
        }

        using var zip = new MemoryStream(body, writable: false);
        if (OasisZip.ReadCsv(zip, out var error) is null)
        {
            var (code, description) = error!.Value;
            return code == OasisZip.NoDataCode
                ? FeedResult.NotPublishedYet($"OASIS has no {_query} data for {day:yyyy-MM-dd} yet (code {code}: {description}).")
                : throw new FetchException(url.AbsoluteUri, $"OASIS refused the query: code {code}: {description}.");
        }

        return FeedResult.Fetched(new FetchedFile(FileNameFor(day, _query), body, url.AbsoluteUri));
    }

    /// <inheritdoc />
    protected override Uri OperatorBaseUrl(FetchOptions options) => options.OasisBaseUrl;

    private static string OasisTime(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HH':'mm'-0000'", CultureInfo.InvariantCulture);
}
