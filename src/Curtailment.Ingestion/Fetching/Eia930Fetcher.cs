using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// Downloads an EIA-930 balancing-authority file from the configured template (<see cref="FetchOptions.Eia930Path"/>).
/// The file is returned as <c>EIA930_&lt;BA&gt;_&lt;start&gt;_&lt;end&gt;.&lt;ext&gt;</c> (dates <c>YYYYMMDD</c>, extension from
/// the URL), so the EIA-930 importer finds the balancing authority, hence the region, in the name.
/// </summary>
public sealed partial class Eia930Fetcher(HttpClient client, IOptions<FetchOptions> options)
{
    /// <summary>Downloads the file of balancing authority <paramref name="ba"/> (<c>CISO</c>) for the days <paramref name="start"/>..<paramref name="end"/>.</summary>
    public async Task<FetchedFile> FetchAsync(string ba, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ba);
        // The code goes into a URL: letters and digits only, so a typo cannot reach another path.
        if (!BaCode().IsMatch(ba))
        {
            throw new ArgumentException($"'{ba}' is not a balancing-authority code (2-8 letters or digits, e.g. CISO).", nameof(ba));
        }

        if (end < start)
        {
            throw new ArgumentException($"The end day {end:yyyy-MM-dd} is before the start day {start:yyyy-MM-dd}.", nameof(end));
        }

        var code = ba.ToUpperInvariant();
        var from = start.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var to = end.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var settings = options.Value;
        var url = FetchOptions.Resolve(settings.EiaBaseUrl, settings.Eia930Path
            .Replace("{ba}", code, StringComparison.Ordinal)
            .Replace("{start}", from, StringComparison.Ordinal)
            .Replace("{end}", to, StringComparison.Ordinal));
        var body = await HttpDownload.GetBytesAsync(client, url, settings.TotalTimeout, cancellationToken);

        var extension = Path.GetExtension(url.AbsolutePath);
        if (string.IsNullOrEmpty(extension))
        {
            extension = ".csv";
        }

        return new FetchedFile($"EIA930_{code}_{from}_{to}{extension.ToLowerInvariant()}", body, url.AbsoluteUri);
    }

    [GeneratedRegex("^[A-Za-z0-9]{2,8}$")]
    private static partial Regex BaCode();
}
