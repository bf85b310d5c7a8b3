using System.Globalization;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// Downloads CAISO's yearly "Production and Curtailments Data" workbook. The file is named
/// <c>ProductionAndCurtailmentsData_&lt;year&gt;.xlsx</c>, CAISO's own name, from which the importer reads the year.
/// </summary>
public sealed class CaisoWorkbookFetcher(HttpClient client, IOptions<FetchOptions> options)
{
    /// <summary>Downloads the workbook of <paramref name="year"/>.</summary>
    public async Task<FetchedFile> FetchYearAsync(int year, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        var settings = options.Value;
        var url = FetchOptions.Resolve(settings.CaisoBaseUrl,
            settings.CaisoWorkbookPath.Replace("{year}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var body = await HttpDownload.GetBytesAsync(client, url, settings.TotalTimeout, cancellationToken);

        // CAISO answers a missing document with an HTML page and status 200; a workbook is a zip.
        if (body.Length < 4 || body[0] != (byte)'P' || body[1] != (byte)'K')
        {
            throw new FetchException(url.AbsoluteUri, "the body is not an xlsx workbook (no zip signature); the year may not be published.");
        }

        return new FetchedFile(FormattableString.Invariant($"ProductionAndCurtailmentsData_{year}.xlsx"), body, url.AbsoluteUri);
    }
}
