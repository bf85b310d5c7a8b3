using System.Data.Common;
using System.Globalization;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Memory;

namespace Curtailment.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Observation>> ReadAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken);
        // The as-of filter lives here, in the store, so no caller can forget it.
        await using var command = Command(connection, null, """
            SELECT k.source, o.interval_start, o.duration_s, o.value, o.published_at, o.note
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = @region AND k.series = @series AND (@source IS NULL OR k.source = @source)
              AND o.interval_start >= @from AND o.interval_start < @to AND o.published_at <= @asOf
            ORDER BY o.interval_start, k.source
            """);
        AddQueryParameters(command, query, ToUnixClamped(query.From));
        var result = new List<Observation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Observation(
                query.Region, query.Series, FromUnix(reader.GetInt64(1)), TimeSpan.FromSeconds(reader.GetInt32(2)),
                reader.GetDouble(3), reader.GetString(0), FromUnix(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<DenseSeries> ReadDenseAsync(ObservationQuery query, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }

        var count = (int)Math.Ceiling((query.To - query.From) / step);
        if (count <= 0)
        {
            return new DenseSeries(query.From, step, []);
        }

        var grid = new DenseGrid(query.Series, ToUnix(query.From), (long)step.TotalSeconds, count);
        var gridQuery = query with { To = FromUnix(grid.End) };

        await using var connection = await OpenAsync(cancellationToken);
        await using (var command = Command(connection, null, """
            SELECT o.interval_start, o.duration_s, o.value
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = @region AND k.series = @series AND (@source IS NULL OR k.source = @source)
              AND o.interval_start >= @from AND o.interval_start < @to AND o.published_at <= @asOf
            """))
        {
            // Intervals starting up to a day before 'from' may still overlap it (hourly or daily values).
            AddQueryParameters(command, gridQuery, ToUnixClamped(query.From) - 86400);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                grid.Add(reader.GetInt64(0), reader.GetInt32(1), reader.GetDouble(2));
            }
        }

        if (SeriesIds.IsSparseZero(query.Series))
        {
            await using var command = Command(connection, null, """
                SELECT c.span_start, c.span_end
                FROM coverage c JOIN series_key k ON k.id = c.series_key
                WHERE k.region = @region AND k.series = @series AND (@source IS NULL OR k.source = @source)
                  AND c.span_end > @from AND c.span_start < @to AND c.published_at <= @asOf
                """);
            AddQueryParameters(command, gridQuery, ToUnixClamped(query.From));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                grid.Cover(reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        return new DenseSeries(query.From, step, grid.Values());
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> LatestIntervalEndAsync(string region, string series, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT MAX(o.interval_start + o.duration_s)
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = @region AND k.series = @series AND o.published_at <= @asOf
            """);
        command.Add("region", region);
        command.Add("series", series);
        command.Add("asOf", ToUnixClamped(asOf));
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? null : FromUnix(Convert.ToInt64(result, CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public async Task<IObservationReader> LoadSnapshotAsync(string region, IReadOnlyCollection<string> series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        var observations = new List<Observation>();
        var coverage = new List<(string, CoverageSpan)>();
        var names = series.Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
        {
            return new ObservationSnapshot(observations, coverage);
        }

        // One round trip per table for all series; values published at any time (the snapshot applies as-of).
        // Rows name their series key; its names are read once per key.
        var seriesIn = string.Join(", ", names.Select((_, i) => $"@s{i}"));
        var keys = new Dictionary<long, (string Series, string Source)>();
        await using var connection = await OpenAsync(cancellationToken);
        await using (var command = Command(connection, null, $"""
            SELECT k.id, k.series, k.source, o.interval_start, o.duration_s, o.value, o.published_at, o.note
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = @region AND k.series IN ({seriesIn}) AND o.interval_start >= @from AND o.interval_start < @to
            """))
        {
            AddSnapshotParameters(command, region, names, from, to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (name, source) = KeyNames(reader, keys);
                observations.Add(new Observation(region, name, FromUnix(reader.GetInt64(3)), TimeSpan.FromSeconds(reader.GetInt32(4)),
                    reader.GetDouble(5), source, FromUnix(reader.GetInt64(6)), reader.IsDBNull(7) ? null : reader.GetString(7)));
            }
        }

        await using (var command = Command(connection, null, $"""
            SELECT k.id, k.series, k.source, c.span_start, c.span_end, c.published_at
            FROM coverage c JOIN series_key k ON k.id = c.series_key
            WHERE k.region = @region AND k.series IN ({seriesIn}) AND c.span_end > @from AND c.span_start < @to
            """))
        {
            AddSnapshotParameters(command, region, names, from, to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (name, source) = KeyNames(reader, keys);
                coverage.Add((source, new CoverageSpan(region, name, FromUnix(reader.GetInt64(3)), FromUnix(reader.GetInt64(4)), FromUnix(reader.GetInt64(5)))));
            }
        }

        return new ObservationSnapshot(observations, coverage);
    }

    private static (string Series, string Source) KeyNames(DbDataReader reader, Dictionary<long, (string Series, string Source)> keys)
    {
        var key = reader.GetInt64(0);
        if (!keys.TryGetValue(key, out var names))
        {
            keys[key] = names = (reader.GetString(1), reader.GetString(2));
        }

        return names;
    }

    private static void AddQueryParameters(DbCommand command, ObservationQuery query, long from)
    {
        command.Add("region", query.Region);
        command.Add("series", query.Series);
        command.Add("source", query.Source);
        command.Add("from", from);
        command.Add("to", ToUnixClamped(query.To));
        command.Add("asOf", ToUnixClamped(query.AsOf));
    }

    private static void AddSnapshotParameters(DbCommand command, string region, string[] series, DateTimeOffset from, DateTimeOffset to)
    {
        command.Add("region", region);
        for (var i = 0; i < series.Length; i++)
        {
            command.Add($"s{i}", series[i]);
        }

        command.Add("from", ToUnixClamped(from));
        command.Add("to", ToUnixClamped(to));
    }
}
