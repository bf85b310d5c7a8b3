using System.Globalization;
using Curtailment.Core.Ingest;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Curtailment.Host.Health;

/// <summary>
/// Readiness of the operator feeds, from the status every process records in the store: Degraded when any feed's last
/// run failed, naming each failing feed with its error, never Unhealthy (the host keeps serving the last good forecast).
/// The report's data holds one entry per feed, which <c>/health/ready</c> lists as <c>feed:NAME</c>.
/// </summary>
public sealed class FeedHealthCheck(IFeedStatusStore store) : IHealthCheck
{
    /// <summary>Prefix of the per-feed entries of the readiness report.</summary>
    public const string EntryPrefix = "feed:";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<FeedStatus> feeds;
        try
        {
            feeds = await store.ListFeedStatusAsync(cancellationToken);
        }
#pragma warning disable CA1031 // An unreachable store is the store check's to report; here it only means no feed status.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Degraded("feed status unreadable", e);
        }

        var data = feeds.ToDictionary(f => f.Feed, f => (object)f, StringComparer.Ordinal);
        var failing = feeds.Where(f => f.IsFailing).ToList();
        if (feeds.Count == 0)
        {
            return HealthCheckResult.Healthy("no feed has run yet", data);
        }

        return failing.Count == 0
            ? HealthCheckResult.Healthy($"{feeds.Count} feed(s), none failing", data)
            : HealthCheckResult.Degraded(
                $"{failing.Count} of {feeds.Count} feed(s) failing: " + string.Join("; ", failing.Select(f => $"{f.Feed}: {f.LastError}")), data: data);
    }

    /// <summary>One feed's entry: its health and, in words, its last success and last error.</summary>
    public static (HealthStatus Status, string Description) Describe(FeedStatus feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var success = feed.LastSuccessAt is { } at
            ? $"last success {Format(at)}" + (feed.NewestPeriod is { } period ? $" (newest period {period:yyyy-MM-dd})" : "")
            : "never succeeded";
        return feed.IsFailing
            ? (HealthStatus.Degraded, $"{feed.Feed} ({feed.Region}): {feed.ConsecutiveFailures} failed run(s) in a row, last at {Format(feed.LastErrorAt ?? feed.LastAttemptAt)}: {feed.LastError}; {success}")
            : (HealthStatus.Healthy, $"{feed.Feed} ({feed.Region}): {success}");
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
