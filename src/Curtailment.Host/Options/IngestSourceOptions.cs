namespace Curtailment.Host.Options;

/// <summary>
/// One scheduled ingest: files from a folder or downloads from a URL template, parsed by an importer.
/// Its recurring job id is <c>ingest:{Name}</c>.
/// </summary>
public sealed class IngestSourceOptions
{
    /// <summary>Stable name, lower-case letters, digits and dashes (<c>caiso-outlook</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Importer source name (<c>caiso-outlook</c>, <c>tidy</c>, ...).</summary>
    public string Source { get; set; } = "";

    /// <summary>Region id for importers that need one, or null.</summary>
    public string? Region { get; set; }

    /// <summary>Publication rule for files without <c>published_at_utc</c> (<c>dayahead@10:00</c>), or null.</summary>
    public string? Published { get; set; }

    /// <summary>Folder whose files are ingested (files already ingested are skipped by hash).</summary>
    public string? Folder { get; set; }

    /// <summary>
    /// URL to download; <c>{date}</c> becomes <c>YYYYMMDD</c> of each of the last <see cref="LookbackDays"/> local days
    /// (the region's time zone, UTC without a region).
    /// </summary>
    public string? UrlTemplate { get; set; }

    /// <summary>Local days to (re)fetch with a <c>{date}</c> template.</summary>
    public int LookbackDays { get; set; } = 2;

    /// <summary>Cron expression (UTC) of the recurring job.</summary>
    public string Cron { get; set; } = "15 * * * *";
}
