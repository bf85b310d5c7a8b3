using System.Data.Common;
using System.Globalization;
using Curtailment.Core.Observations;

namespace Curtailment.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SeriesSummary>> SummarizeAsync(string? region, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = new List<(long Key, SeriesSummary Summary)>();
        await using (var command = Command(connection, null, $"""
            SELECT k.id, k.region, k.series, k.source,
                   COUNT(*), MIN(o.interval_start), MAX(o.interval_start + o.duration_s),
                   MIN(o.value), MAX(o.value), SUM(o.value * o.duration_s) / 3600.0,
                   (SELECT d.duration_s FROM observation d WHERE d.series_key = k.id GROUP BY d.duration_s ORDER BY COUNT(*) DESC, d.duration_s LIMIT 1),
                   (SELECT MAX(r.id) FROM series_run sr JOIN ingest_run r ON r.id = sr.run_id WHERE sr.series_key = k.id),
                   (SELECT MAX(r.finished_at) FROM series_run sr JOIN ingest_run r ON r.id = sr.run_id WHERE sr.series_key = k.id),
                   (SELECT COALESCE(SUM(r.rejected), 0) FROM series_run sr JOIN ingest_run r ON r.id = sr.run_id WHERE sr.series_key = k.id)
            FROM series_key k JOIN observation o ON o.series_key = k.id
            WHERE @region IS NULL OR {SameRegion("k.region")}
            GROUP BY k.id
            ORDER BY k.region, k.series, k.source
            """))
        {
            command.Add("region", region);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var series = reader.GetString(2);
                var first = reader.GetInt64(5);
                var last = reader.GetInt64(6);
                long resolution = reader.GetInt32(10);
                var count = reader.GetInt64(4);
                var expected = resolution > 0 ? (last - first) / resolution : count;
                rows.Add((reader.GetInt64(0), new SeriesSummary(
                    reader.GetString(1), series, reader.GetString(3), count, FromUnix(first), FromUnix(last),
                    TimeSpan.FromSeconds(resolution), Math.Max(0, expected - count), reader.GetDouble(7), reader.GetDouble(8),
                    SeriesIds.IsPowerMw(series) ? reader.GetDouble(9) : null,
                    reader.GetInt64(11), FromUnix(reader.GetInt64(12)), reader.GetInt64(13))));
            }
        }

        var result = new List<SeriesSummary>(rows.Count);
        foreach (var (key, summary) in rows)
        {
            result.Add(SeriesIds.IsSparseZero(summary.Series)
                ? summary with { Gaps = await CountUncoveredAsync(connection, key, summary, cancellationToken) }
                : summary);
        }

        return result;
    }

    /// <summary>For sparse series a missing interval inside coverage is a zero, not a gap.</summary>
    private static async Task<long> CountUncoveredAsync(DbConnection connection, long key, SeriesSummary summary, CancellationToken cancellationToken)
    {
        var first = ToUnix(summary.FirstIntervalStart);
        var last = ToUnix(summary.LastIntervalEnd);
        long covered = 0;
        var cursor = first;
        await using (var command = Command(connection, null, "SELECT span_start, span_end FROM coverage WHERE series_key = @k ORDER BY span_start"))
        {
            command.Add("k", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var start = Math.Max(cursor, reader.GetInt64(0));
                var end = Math.Min(last, reader.GetInt64(1));
                if (end > start)
                {
                    covered += end - start;
                    cursor = end;
                }
            }
        }

        // Rows outside every coverage span are known values too, not gaps.
        await using var outside = Command(connection, null, """
            SELECT COUNT(*) FROM observation o WHERE o.series_key = @k AND NOT EXISTS (
                SELECT 1 FROM coverage c WHERE c.series_key = @k AND o.interval_start >= c.span_start AND o.interval_start < c.span_end)
            """);
        outside.Add("k", key);
        var rowsOutside = Convert.ToInt64(await outside.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var step = (long)summary.Resolution.TotalSeconds;
        return step > 0 ? Math.Max(0, ((last - first - covered) / step) - rowsOutside) : 0;
    }
}
