using System.Globalization;
using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// CAISO's yearly "Production and Curtailments Data" workbook (<c>documents/productionandcurtailmentsdata_{year}.xlsx</c>,
/// sheets Production and Curtailments, 5-minute): the curtailment history. Returned as
/// <c>ProductionAndCurtailmentsData_{year}.xlsx</c>, CAISO's own name, from which the importer reads the year.
/// </summary>
public sealed class CaisoProductionWorkbookFeed(IHttpClientFactory clients, IOptionsMonitor<FetchOptions> fetch, IOptionsMonitor<FeedOptions> feeds)
    : HttpOperatorFeed(clients, fetch, feeds, FeedClients.Caiso)
{
    /// <inheritdoc />
    public override string Name => "caiso-production-workbook";

    /// <inheritdoc />
    public override string Source => "caiso-production";

    /// <inheritdoc />
    public override string RegionId => "CAISO";

    /// <inheritdoc />
    public override FeedCadence Cadence => FeedCadence.Yearly;

    /// <inheritdoc />
    public override FeedPublication Publication { get; } = new("America/Los_Angeles", 0, new TimeOnly(0, 0),
        "the year's workbook is replaced about monthly, with no fixed day; CAISO stopped updating it in June 2025 (the daily renewables report took over)");

    /// <inheritdoc />
    public override async Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var year = day.Year.ToString(CultureInfo.InvariantCulture);
        var url = Url($"documents/productionandcurtailmentsdata_{year}.xlsx");
        var body = await DownloadAsync(url, cancellationToken);
        if (body is null)
        {
            return NotFound(url.AbsoluteUri);
        }

        // CAISO answers a missing document with an HTML page and status 200; a workbook is a zip.
        if (IsHtml(body))
        {
            return FeedResult.NotPublishedYet($"{url.AbsoluteUri} answered an HTML page instead of the workbook (not published).");
        }

        if (body.Length < 4 || body[0] != (byte)'P' || body[1] != (byte)'K')
        {
            throw new FetchException(url.AbsoluteUri, "the body is not an xlsx workbook (no zip signature).");
        }

        return FeedResult.Fetched(new FetchedFile($"ProductionAndCurtailmentsData_{year}.xlsx", body, url.AbsoluteUri));
    }

    /// <inheritdoc />
    protected override Uri OperatorBaseUrl(FetchOptions options) => options.CaisoBaseUrl;
}
