namespace Curtailment.Host.Options;

/// <summary>
/// One scheduled ingest: the files of a folder, or an operator feed (<c>Curtailment.Ingestion.Feeds</c>) for the
/// periods of the last few local days. Its recurring job id is <c>ingest:{Name}</c>.
/// </summary>
public sealed class IngestSourceOptions
{
    /// <summary>Stable name, lower-case letters, digits and dashes (<c>caiso-outlook</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Importer source name (<c>caiso-outlook</c>, <c>tidy</c>, ...) of a folder; a feed names its own.</summary>
    public string Source { get; set; } = "";

    /// <summary>Region id for importers that need one, or null; a feed names its own.</summary>
    public string? Region { get; set; }

    /// <summary>Publication rule for files without <c>published_at_utc</c> (<c>dayahead@10:00</c>), or null.</summary>
    public string? Published { get; set; }

    /// <summary>Folder whose files are ingested (files already ingested are skipped by hash).</summary>
    public string? Folder { get; set; }

    /// <summary>
    /// Name of the operator feed to fetch (<c>caiso-outlook-demand</c>, <c>caiso-oasis-renewables-forecast</c>, ...);
    /// its base URL is set in <c>Curtailment:Feeds:BaseUrls</c> or <c>Curtailment:Fetch</c>.
    /// </summary>
    public string? Feed { get; set; }

    /// <summary>Local days whose periods a feed (re)fetches on each run.</summary>
    public int LookbackDays { get; set; } = 2;

    /// <summary>Cron expression of the recurring job, in <see cref="TimeZone"/>.</summary>
    public string Cron { get; set; } = "15 * * * *";

    /// <summary>IANA time zone of <see cref="Cron"/> (the live profile writes the operator's zone here).</summary>
    public string TimeZone { get; set; } = "Etc/UTC";
}
