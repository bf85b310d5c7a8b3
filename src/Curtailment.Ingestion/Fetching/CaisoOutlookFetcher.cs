using System.Globalization;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// Downloads CAISO Today's Outlook history files (<c>outlook/history/YYYYMMDD/fuelsource.csv</c> and
/// <c>.../demand.csv</c>). The day lives only in the URL's folder, so each file is returned as
/// <c>YYYYMMDD_fuelsource.csv</c> / <c>YYYYMMDD_demand.csv</c>: the Outlook importer takes the date from a file
/// name starting with <c>YYYYMMDD</c> (or from the parent folder), and the source file name stays visible.
/// </summary>
public sealed class CaisoOutlookFetcher(HttpClient client, IOptions<FetchOptions> options)
{
    /// <summary>The supply-by-fuel file.</summary>
    public const string FuelSource = "fuelsource.csv";

    /// <summary>The demand and load-forecast file.</summary>
    public const string Demand = "demand.csv";

    /// <summary>Downloads the supply-by-fuel file of a Pacific-time day.</summary>
    public Task<FetchedFile> FetchFuelSourceAsync(DateOnly day, CancellationToken cancellationToken) =>
        FetchAsync(day, FuelSource, cancellationToken);

    /// <summary>Downloads the demand file of a Pacific-time day.</summary>
    public Task<FetchedFile> FetchDemandAsync(DateOnly day, CancellationToken cancellationToken) =>
        FetchAsync(day, Demand, cancellationToken);

    /// <summary>The name a downloaded file is returned under (<c>20210314_fuelsource.csv</c>).</summary>
    public static string FileNameFor(DateOnly day, string file) =>
        $"{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{file}";

    private async Task<FetchedFile> FetchAsync(DateOnly day, string file, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var url = FetchOptions.Resolve(settings.CaisoBaseUrl,
            settings.CaisoOutlookPath.Replace("{date}", date, StringComparison.Ordinal).Replace("{file}", file, StringComparison.Ordinal));
        var body = await HttpDownload.GetBytesAsync(client, url, settings.TotalTimeout, cancellationToken);
        return new FetchedFile(FileNameFor(day, file), body, url.AbsoluteUri);
    }
}
