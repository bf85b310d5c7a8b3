using System.Globalization;
using Curtailment.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// CAISO Today's Outlook daily history: <c>outlook/history/{yyyyMMdd}/fuelsource.csv</c> (supply by fuel) or
/// <c>.../demand.csv</c> (demand with CAISO's day-ahead and hour-ahead load forecasts), 5-minute, Pacific time.
/// The day lives only in the URL's folder, so the file is returned as <c>{yyyyMMdd}_{file}</c>, a name the
/// Outlook importer reads the day from.
/// </summary>
public sealed class CaisoOutlookFeed : HttpOperatorFeed
{
    /// <summary>The supply-by-fuel file.</summary>
    public const string FuelSource = "fuelsource.csv";

    /// <summary>The demand and load-forecast file.</summary>
    public const string Demand = "demand.csv";

    private readonly string _file;

    /// <summary>Creates the feed of one of the two daily files (<see cref="FuelSource"/> or <see cref="Demand"/>).</summary>
    public CaisoOutlookFeed(string file, IHttpClientFactory clients, IOptionsMonitor<FetchOptions> fetch, IOptionsMonitor<FeedOptions> feeds)
        : base(clients, fetch, feeds, FeedClients.Caiso)
    {
        if (file is not (FuelSource or Demand))
        {
            throw new ArgumentException($"'{file}' is not a Today's Outlook history file ({FuelSource}, {Demand}).", nameof(file));
        }

        _file = file;
    }

    /// <inheritdoc />
    public override string Name => $"caiso-outlook-{Path.GetFileNameWithoutExtension(_file)}";

    /// <inheritdoc />
    public override string Source => "caiso-outlook";

    /// <inheritdoc />
    public override string RegionId => "CAISO";

    /// <inheritdoc />
    public override FeedCadence Cadence => FeedCadence.Daily;

    /// <inheritdoc />
    public override FeedPublication Publication { get; } = new("America/Los_Angeles", 0, new TimeOnly(0, 5),
        "grows through the day, a row every 5 minutes; the day is whole a few minutes after the next local midnight");

    /// <summary>The name a downloaded file is imported under (<c>20210314_fuelsource.csv</c>).</summary>
    public static string FileNameFor(DateOnly day, string file) => $"{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{file}";

    /// <inheritdoc />
    public override async Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var url = Url($"outlook/history/{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{_file}");
        var body = await DownloadAsync(url, cancellationToken);
        if (body is null)
        {
            return NotFound(url.AbsoluteUri);
        }

        return IsHtml(body)
            ? FeedResult.NotPublishedYet($"{url.AbsoluteUri} answered an HTML page instead of the CSV (not published yet).")
            : FeedResult.Fetched(new FetchedFile(FileNameFor(day, _file), body, url.AbsoluteUri));
    }

    /// <inheritdoc />
    protected override Uri OperatorBaseUrl(FetchOptions options) => options.CaisoBaseUrl;
}
