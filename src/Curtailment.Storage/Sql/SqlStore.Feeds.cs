using System.Globalization;
using Curtailment.Core.Ingest;

namespace Curtailment.Storage.Sql;

public abstract partial class SqlStore : IFeedStatusStore
{
    /// <summary>Longest error message kept per feed: enough for a URL and an importer's file/line/column message.</summary>
    internal const int MaxFeedErrorLength = 2000;

    /// <inheritdoc />
    public async Task RecordFeedRunAsync(FeedRunReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var connection = await OpenAsync(cancellationToken);
        // One statement, so two processes recording runs of one feed at once both count (the upsert is atomic).
        await using var command = Command(connection, null, """
            INSERT INTO feed_status (feed, region, last_attempt_at, last_success_at, newest_period, last_error_at, last_error, consecutive_failures)
            VALUES (@feed, @region, @at, @success_at, @period, @error_at, @error, @failures)
            ON CONFLICT (feed) DO UPDATE SET
                region = excluded.region,
                last_attempt_at = excluded.last_attempt_at,
                last_success_at = COALESCE(excluded.last_success_at, feed_status.last_success_at),
                newest_period = CASE
                    WHEN feed_status.newest_period IS NULL OR excluded.newest_period > feed_status.newest_period THEN COALESCE(excluded.newest_period, feed_status.newest_period)
                    ELSE feed_status.newest_period END,
                last_error_at = COALESCE(excluded.last_error_at, feed_status.last_error_at),
                last_error = COALESCE(excluded.last_error, feed_status.last_error),
                consecutive_failures = CASE WHEN excluded.last_error IS NULL THEN 0 ELSE feed_status.consecutive_failures + 1 END
            """);
        var at = ToUnix(report.At);
        var error = report.Error is { Length: > MaxFeedErrorLength } text ? text[..MaxFeedErrorLength] : report.Error;
        command.Add("feed", report.Feed);
        command.Add("region", report.Region);
        command.Add("at", at);
        command.Add("success_at", report.Succeeded ? at : null);
        command.Add("period", report.NewestPeriod?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Add("error_at", report.Succeeded ? null : at);
        command.Add("error", error);
        command.Add("failures", report.Succeeded ? 0L : 1L);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedStatus>> ListFeedStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT feed, region, last_attempt_at, last_success_at, newest_period, last_error_at, last_error, consecutive_failures
            FROM feed_status ORDER BY feed
            """);
        var result = new List<FeedStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new FeedStatus(
                reader.GetString(0), reader.GetString(1), FromUnix(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : FromUnix(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : FromUnix(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetInt32(7)));
        }

        return result;
    }
}
