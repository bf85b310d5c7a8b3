using Curtailment.Core.Observations;
using Npgsql;
using NpgsqlTypes;

namespace Curtailment.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Observation>> ReadAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // The as-of filter lives here, in the store, so no caller can forget it.
        await using var command = _dataSource.CreateCommand("""
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

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("""
            SELECT o.interval_start, o.duration_s, o.value
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = @region AND k.series = @series AND (@source IS NULL OR k.source = @source)
              AND o.interval_start >= @from AND o.interval_start < @to AND o.published_at <= @asOf
            """, connection))
        {
            // Intervals starting up to a day before 'from' may still overlap it (hourly or daily values).
            AddQueryParameters(command, gridQuery, ToUnix(query.From) - 86400);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                grid.Add(reader.GetInt64(0), reader.GetInt32(1), reader.GetDouble(2));
            }
        }

        if (SeriesIds.IsSparseZero(query.Series))
        {
            await using var command = new NpgsqlCommand("""
                SELECT c.span_start, c.span_end
                FROM coverage c JOIN series_key k ON k.id = c.series_key
                WHERE k.region = @region AND k.series = @series AND (@source IS NULL OR k.source = @source)
                  AND c.span_end > @from AND c.span_start < @to AND c.published_at <= @asOf
                """, connection);
            AddQueryParameters(command, gridQuery, ToUnix(query.From));
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
        await using var command = _dataSource.CreateCommand("""
            SELECT MAX(o.interval_start + o.duration_s)
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = @region AND k.series = @series AND o.published_at <= @asOf
            """);
        command.Parameters.AddWithValue("region", region);
        command.Parameters.AddWithValue("series", series);
        command.Parameters.AddWithValue("asOf", ToUnixClamped(asOf));
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is long end ? FromUnix(end) : null;
    }

    private static void AddQueryParameters(NpgsqlCommand command, ObservationQuery query, long from)
    {
        command.Parameters.AddWithValue("region", query.Region);
        command.Parameters.AddWithValue("series", query.Series);
        command.Parameters.Add(new NpgsqlParameter<string?>("source", NpgsqlDbType.Text) { TypedValue = query.Source });
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", ToUnixClamped(query.To));
        command.Parameters.AddWithValue("asOf", ToUnixClamped(query.AsOf));
    }
}
