using System.ComponentModel.DataAnnotations;

namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// Where the operator feeds download from and how patiently. Base URLs are configurable per operator here, and per
/// feed in <c>Curtailment:Feeds:BaseUrls</c>, so a mirror, a proxy or a test server can stand in for the operator.
/// </summary>
public sealed class FetchOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Fetch";

    /// <summary>CAISO's web site (Today's Outlook, documents).</summary>
    [Required]
    public Uri CaisoBaseUrl { get; set; } = new("https://www.caiso.com/");

    /// <summary>CAISO's OASIS API.</summary>
    [Required]
    public Uri OasisBaseUrl { get; set; } = new("http://oasis.caiso.com/");

    /// <summary>EIA's open data API (v2).</summary>
    [Required]
    public Uri EiaApiBaseUrl { get; set; } = new("https://api.eia.gov/");

    /// <summary>AEMO's web site.</summary>
    [Required]
    public Uri AemoBaseUrl { get; set; } = new("https://aemo.com.au/");

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

        foreach (var (name, url) in new[]
                 {
                     (nameof(CaisoBaseUrl), CaisoBaseUrl), (nameof(OasisBaseUrl), OasisBaseUrl),
                     (nameof(EiaApiBaseUrl), EiaApiBaseUrl), (nameof(AemoBaseUrl), AemoBaseUrl),
                 })
        {
            if (!IsHttpUrl(url))
            {
                yield return new ValidationResult($"{name} '{url}' must be an absolute http(s) URL.", [name]);
            }
        }
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http or https URL.</summary>
    internal static bool IsHttpUrl(Uri? url) =>
        url is not null && url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>A path (and query) below a base URL.</summary>
    internal static Uri Resolve(Uri baseUrl, string path) =>
        // Joined as text: Uri's own combination drops the base's last segment when it lacks a slash.
        new($"{baseUrl.AbsoluteUri.TrimEnd('/')}/{path.TrimStart('/')}");
}
