using System.Globalization;
using Curtailment.Host.Options;
using Curtailment.Ingestion.Feeds;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Live;

/// <summary>
/// In the live profile, adds to <see cref="JobsOptions.Sources"/> one ingest source per feed of a live region, named
/// after the feed, on the cron <see cref="CronOf"/> gives in the operator's zone. A source configured under the same
/// name wins (that is how an operator moves one feed's schedule); without the live profile nothing is added.
/// </summary>
public sealed class LiveFeedSources(IOptions<LiveOptions> live, FeedCatalog feeds) : IPostConfigureOptions<JobsOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = live.Value;
        if (!settings.Enabled)
        {
            return;
        }

        foreach (var feed in Feeds(settings, feeds))
        {
            if (options.Sources.Any(s => string.Equals(s.Name, feed.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            options.Sources.Add(new IngestSourceOptions
            {
                Name = feed.Name,
                Feed = feed.Name,
                LookbackDays = settings.LookbackDays,
                Cron = CronOf(feed.Publication),
                TimeZone = feed.Publication.TimeZoneId,
            });
        }
    }

    /// <summary>The feeds of the live regions, in catalogue order.</summary>
    public static IReadOnlyList<IOperatorFeed> Feeds(LiveOptions live, FeedCatalog feeds)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(feeds);
        return [.. feeds.All.Where(f => live.EffectiveRegions.Contains(f.RegionId, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// Daily at the publication's local time, in the operator's zone: a daily file appears then; a file that grows
    /// through its month or year is fetched again each day at that time (and by its region's forecast cycle). A
    /// day-ahead file is asked for again every hour after that until the day ends, so one published late still arrives
    /// before the day it forecasts (and the day's forecast is issued again with it, <c>LateInputReissue</c>).
    /// </summary>
    public static string CronOf(FeedPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var (minute, hour) = (publication.LocalTime.Minute, publication.LocalTime.Hour);
        return publication.DayOffset < 0 && hour < 23
            ? string.Create(CultureInfo.InvariantCulture, $"{minute} {hour}-23 * * *")
            : string.Create(CultureInfo.InvariantCulture, $"{minute} {hour} * * *");
    }
}
