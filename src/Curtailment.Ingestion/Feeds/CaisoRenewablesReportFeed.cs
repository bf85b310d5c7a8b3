using System.Globalization;
using System.Text;
using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// CAISO's daily renewables report, the next-morning curtailment label: hourly curtailment by type, reason and fuel.
/// From <see cref="FeedOptions.CaisoReportHtmlFrom"/> on it is an HTML page whose charts carry the data as
/// JavaScript arrays (<c>documents/daily-renewable-report-{mon-dd-yyyy}.html</c>); before, the "Wind and Solar
/// Real-Time Dispatch Curtailment Report" PDF (<c>documents/wind_solarreal-timedispatchcurtailmentreport{MonDD_yyyy}.pdf</c>).
/// Both are imported by the curtailment-report importer under a name carrying <c>MonDD_yyyy</c>.
/// </summary>
public sealed class CaisoRenewablesReportFeed(IHttpClientFactory clients, IOptionsMonitor<FetchOptions> fetch, IOptionsMonitor<FeedOptions> feeds)
    : HttpOperatorFeed(clients, fetch, feeds, FeedClients.Caiso)
{
    /// <summary>A text every report page carries and a placeholder page does not: the hourly curtailment arrays.</summary>
    internal const string HtmlMarker = "curt_hr_tot_";

    /// <inheritdoc />
    public override string Name => "caiso-renewables-report";

    /// <inheritdoc />
    public override string Source => "caiso-curtailment-report";

    /// <inheritdoc />
    public override string RegionId => "CAISO";

    /// <inheritdoc />
    public override FeedCadence Cadence => FeedCadence.Daily;

    /// <inheritdoc />
    public override FeedPublication Publication { get; } = new("America/Los_Angeles", 1, new TimeOnly(10, 0),
        "the report of day D is posted on D+1 around 10:00 Pacific, sometimes later, sometimes corrected");

    /// <inheritdoc />
    public override async Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var stamp = day.ToString("MMMdd_yyyy", CultureInfo.InvariantCulture);
        var html = day >= Settings.CaisoReportHtmlFrom;
        var url = html
            ? Url($"documents/daily-renewable-report-{day.ToString("MMM-dd-yyyy", CultureInfo.InvariantCulture).ToLowerInvariant()}.html")
            : Url($"documents/wind_solarreal-timedispatchcurtailmentreport{stamp.ToLowerInvariant()}.pdf");
        var body = await DownloadAsync(url, cancellationToken);
        if (body is null)
        {
            return NotFound(url.AbsoluteUri);
        }

        if (html)
        {
            return Encoding.UTF8.GetString(body).Contains(HtmlMarker, StringComparison.Ordinal)
                ? FeedResult.Fetched(new FetchedFile($"DailyRenewableReport{stamp}.html", body, url.AbsoluteUri))
                : FeedResult.NotPublishedYet($"{url.AbsoluteUri} is a page without the report's curtailment arrays (not published yet).");
        }

        return body.AsSpan().StartsWith("%PDF"u8)
            ? FeedResult.Fetched(new FetchedFile($"Wind_SolarReal-TimeDispatchCurtailmentReport{stamp}.pdf", body, url.AbsoluteUri))
            : FeedResult.NotPublishedYet($"{url.AbsoluteUri} answered something other than a PDF (not published).");
    }

    /// <inheritdoc />
    protected override Uri OperatorBaseUrl(FetchOptions options) => options.CaisoBaseUrl;
}
