using System.ComponentModel.DataAnnotations;

namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// Where the fetchers download from and how patiently. Base URLs are configurable so tests (and mirrors)
/// can point the fetchers elsewhere; a path template may also be an absolute URL, which then ignores the base.
/// </summary>
public sealed class FetchOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Fetch";

    /// <summary>CAISO's web site.</summary>
    [Required]
    public Uri CaisoBaseUrl { get; set; } = new("https://www.caiso.com/");

    /// <summary>Path of the yearly "Production and Curtailments Data" workbook; <c>{year}</c> is the year.</summary>
    [Required]
    public string CaisoWorkbookPath { get; set; } = "documents/productionandcurtailmentsdata_{year}.xlsx";

    /// <summary>Path of a Today's Outlook history file; <c>{date}</c> is <c>YYYYMMDD</c>, <c>{file}</c> the file (<c>fuelsource.csv</c>).</summary>
    [Required]
    public string CaisoOutlookPath { get; set; } = "outlook/history/{date}/{file}";

    /// <summary>EIA's web site.</summary>
    [Required]
    public Uri EiaBaseUrl { get; set; } = new("https://www.eia.gov/");

    /// <summary>
    /// Path of an EIA-930 balancing-authority file: <c>{ba}</c> is the BA code (<c>CISO</c>), <c>{start}</c> and
    /// <c>{end}</c> the first and last day as <c>YYYYMMDD</c> (optional). The default is the Grid Monitor's per-BA
    /// workbook, which holds the whole history regardless of dates; point it at another export as needed.
    /// </summary>
    [Required]
    public string Eia930Path { get; set; } = "electricity/gridmonitor/knownissues/xls/{ba}.xlsx";

    /// <summary>Limit for one attempt (the CAISO workbooks are 20-30 MB).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Limit for a download including its retries and the body.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "02:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries after a transient failure (5xx, 408, 429, timeouts, connection errors).</summary>
    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential back-off between retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeout <= AttemptTimeout)
        {
            yield return new ValidationResult(
                $"{nameof(TotalTimeout)} ({TotalTimeout}) must be longer than {nameof(AttemptTimeout)} ({AttemptTimeout}), or no retry could ever run.",
                [nameof(TotalTimeout), nameof(AttemptTimeout)]);
        }

        foreach (var (name, url) in new[] { (nameof(CaisoBaseUrl), CaisoBaseUrl), (nameof(EiaBaseUrl), EiaBaseUrl) })
        {
            if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                yield return new ValidationResult($"{name} '{url}' must be an absolute http(s) URL.", [name]);
            }
        }

        foreach (var (name, template, placeholders) in new[]
                 {
                     (nameof(CaisoWorkbookPath), CaisoWorkbookPath, new[] { "{year}" }),
                     (nameof(CaisoOutlookPath), CaisoOutlookPath, new[] { "{date}", "{file}" }),
                     (nameof(Eia930Path), Eia930Path, new[] { "{ba}" }),
                 })
        {
            var missing = placeholders.Where(p => template?.Contains(p, StringComparison.Ordinal) != true).ToArray();
            if (missing.Length > 0)
            {
                yield return new ValidationResult($"{name} '{template}' must contain {string.Join(" and ", missing)}.", [name]);
            }
        }
    }

    /// <summary>The URL for a filled-in template: absolute templates stand alone, others hang off the base.</summary>
    internal static Uri Resolve(Uri baseUrl, string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
            ? absolute
            // Joined as text: Uri's own combination drops the base's last segment when it lacks a slash.
            : new Uri($"{baseUrl.AbsoluteUri.TrimEnd('/')}/{path.TrimStart('/')}");
}
