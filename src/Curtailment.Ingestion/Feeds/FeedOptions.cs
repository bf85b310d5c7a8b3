using System.ComponentModel.DataAnnotations;
using Curtailment.Ingestion.Fetching;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// Per-feed settings: base URLs that override the operator's (<see cref="FetchOptions"/>) for one feed, and the keys
/// of the APIs that need one. Keys come from configuration (user secrets, environment), never from a file in the
/// repository.
/// </summary>
public sealed class FeedOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Feeds";

    /// <summary>Base URL per feed name (<c>caiso-outlook-demand</c> → <c>http://127.0.0.1:5000/</c>).</summary>
    public Dictionary<string, Uri> BaseUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>EIA's open data API.</summary>
    public EiaFeedOptions Eia { get; set; } = new();

    /// <summary>
    /// The first day whose CAISO daily renewables report is the HTML page; earlier days are the PDF report.
    /// </summary>
    public DateOnly CaisoReportHtmlFrom { get; set; } = new(2025, 6, 1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, url) in BaseUrls)
        {
            if (!FetchOptions.IsHttpUrl(url))
            {
                yield return new ValidationResult($"{SectionName}:BaseUrls:{name} '{url}' must be an absolute http(s) URL.", [nameof(BaseUrls)]);
            }
        }
    }
}
