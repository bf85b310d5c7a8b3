using Curtailment.Core.Observations;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Observation>> ReadAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // The as-of filter lives here, in the store, so no caller can forget it.
        command.CommandText = """
            SELECT k.source, o.interval_start, o.duration_s, o.value, o.published_at, o.note
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = $region AND k.series = $series AND ($source IS NULL OR k.source = $source)
              AND o.interval_start >= $from AND o.interval_start < $to AND o.published_at <= $asOf
            ORDER BY o.interval_start, k.source
            """;
        AddQueryParameters(command, query);
        var result = new List<Observation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Observation(
                query.Region, query.Series, FromUnix(reader.GetInt64(1)), TimeSpan.FromSeconds(reader.GetInt64(2)),
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
        var to = FromUnix(grid.End);

        await using var connection = Open();
        await using (var command = connection.CreateCommand())
        {
            // Intervals starting up to a day before 'from' may still overlap it (hourly or daily values).
            command.CommandText = """
                SELECT o.interval_start, o.duration_s, o.value
                FROM observation o JOIN series_key k ON k.id = o.series_key
                WHERE k.region = $region AND k.series = $series AND ($source IS NULL OR k.source = $source)
                  AND o.interval_start >= $from - 86400 AND o.interval_start < $to AND o.published_at <= $asOf
                """;
            AddQueryParameters(command, query with { To = to });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                grid.Add(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
            }
        }

        if (SeriesIds.IsSparseZero(query.Series))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT c.span_start, c.span_end
                FROM coverage c JOIN series_key k ON k.id = c.series_key
                WHERE k.region = $region AND k.series = $series AND ($source IS NULL OR k.source = $source)
                  AND c.span_end > $from AND c.span_start < $to AND c.published_at <= $asOf
                """;
            AddQueryParameters(command, query with { To = to });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                grid.Cover(reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        var values = grid.Values();
        return new DenseSeries(query.From, step, values);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> LatestIntervalEndAsync(string region, string series, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MAX(o.interval_start + o.duration_s)
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = $region AND k.series = $series AND o.published_at <= $asOf
            """;
        command.Parameters.AddWithValue("$region", region);
        command.Parameters.AddWithValue("$series", series);
        command.Parameters.AddWithValue("$asOf", ToUnixClamped(asOf));
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? null : FromUnix(Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AddQueryParameters(SqliteCommand command, ObservationQuery query)
    {
        command.Parameters.AddWithValue("$region", query.Region);
        command.Parameters.AddWithValue("$series", query.Series);
        command.Parameters.AddWithValue("$source", (object?)query.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", ToUnixClamped(query.From));
        command.Parameters.AddWithValue("$to", ToUnixClamped(query.To));
        command.Parameters.AddWithValue("$asOf", ToUnixClamped(query.AsOf));
    }
}
