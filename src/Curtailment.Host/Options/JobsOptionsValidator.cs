using System.Text.RegularExpressions;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion;
using Curtailment.Ingestion.Feeds;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Options;

/// <summary>Checks the ingest sources against the importers and regions that exist, naming the setting at fault.</summary>
public sealed partial class JobsOptionsValidator(ImporterCatalog importers, FeedCatalog feeds, IRegionCatalog regions) : IValidateOptions<JobsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (cron, setting) in new[] { (options.RetrainCron, "RetrainCron"), (options.ForecastCron, "ForecastCron"), (options.CleanupCron, "CleanupCron") })
        {
            if (!IsCron(cron))
            {
                failures.Add($"Curtailment:Jobs:{setting} '{cron}' is not a cron expression.");
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var prefix = $"Curtailment:Jobs:Sources:{i}";
            if (!SourceName().IsMatch(source.Name ?? ""))
            {
                failures.Add($"{prefix}:Name '{source.Name}' must be lower-case letters, digits and dashes.");
            }
            else if (!names.Add(source.Name!))
            {
                failures.Add($"{prefix}:Name '{source.Name}' is used twice.");
            }

            if (source.Feed is null && !importers.Sources.Contains(source.Source ?? "", StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{prefix}:Source '{source.Source}' is not an importer ({string.Join(", ", importers.Sources)}).");
            }

            if (source.Region is not null && regions.Find(source.Region) is null)
            {
                failures.Add($"{prefix}:Region '{source.Region}' is not in the region catalogue.");
            }

            if (source.Published is not null && !TryParseRule(source.Published))
            {
                failures.Add($"{prefix}:Published '{source.Published}' is not a publication rule (realtime, realtime+PT1H, dayahead@10:00, nextday@10:00).");
            }

            if (string.IsNullOrWhiteSpace(source.Folder) == string.IsNullOrWhiteSpace(source.Feed))
            {
                failures.Add($"{prefix}: set exactly one of Folder and Feed.");
            }

            if (source.Feed is { } feed && feeds.Find(feed) is null)
            {
                failures.Add($"{prefix}:Feed '{feed}' is not a feed ({string.Join(", ", feeds.Names)}).");
            }

            if (source.LookbackDays is < 1 or > 31)
            {
                failures.Add($"{prefix}:LookbackDays must be between 1 and 31.");
            }

            if (!IsCron(source.Cron))
            {
                failures.Add($"{prefix}:Cron '{source.Cron}' is not a cron expression.");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone ?? "", out _))
            {
                failures.Add($"{prefix}:TimeZone '{source.TimeZone}' is not an IANA time zone (America/Los_Angeles, Etc/UTC).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool TryParseRule(string text)
    {
        try
        {
            PublicationRule.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A syntactic check (5 or 6 fields); Hangfire's parser is internal and checks the rest when the job is registered.</summary>
    private static bool IsCron(string? cron) => cron is not null && Cron().IsMatch(cron.Trim());

    [GeneratedRegex(@"^([0-9A-Za-z*?,/#LW-]+\s+){4,5}[0-9A-Za-z*?,/#LW-]+$")]
    private static partial Regex Cron();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex SourceName();
}
