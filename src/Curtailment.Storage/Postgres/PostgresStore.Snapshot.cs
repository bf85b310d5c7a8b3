using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Memory;
using Npgsql;

namespace Curtailment.Storage.Postgres;

public sealed partial class PostgresStore : IObservationSnapshotSource
{
    /// <inheritdoc />
    public async Task<IObservationReader> LoadSnapshotAsync(string region, IReadOnlyCollection<string> series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        var observations = new List<Observation>();
        var coverage = new List<(string, CoverageSpan)>();
        var names = series.Distinct(StringComparer.Ordinal).ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One round trip per table for all series; values published at any time (the snapshot applies as-of).
        await using (var command = new NpgsqlCommand("""
            SELECT k.series, k.source, o.interval_start, o.duration_s, o.value, o.published_at, o.note
            FROM observation o JOIN series_key k ON k.id = o.series_key
            WHERE k.region = @region AND k.series = ANY(@series) AND o.interval_start >= @from AND o.interval_start < @to
            """, connection))
        {
            AddSnapshotParameters(command, region, names, from, to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                observations.Add(new Observation(region, reader.GetString(0), FromUnix(reader.GetInt64(2)), TimeSpan.FromSeconds(reader.GetInt32(3)),
                    reader.GetDouble(4), reader.GetString(1), FromUnix(reader.GetInt64(5)), reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        await using (var command = new NpgsqlCommand("""
            SELECT k.series, k.source, c.span_start, c.span_end, c.published_at
            FROM coverage c JOIN series_key k ON k.id = c.series_key
            WHERE k.region = @region AND k.series = ANY(@series) AND c.span_end > @from AND c.span_start < @to
            """, connection))
        {
            AddSnapshotParameters(command, region, names, from, to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                coverage.Add((reader.GetString(1), new CoverageSpan(region, reader.GetString(0), FromUnix(reader.GetInt64(2)), FromUnix(reader.GetInt64(3)), FromUnix(reader.GetInt64(4)))));
            }
        }

        return new ObservationSnapshot(observations, coverage);
    }

    private static void AddSnapshotParameters(NpgsqlCommand command, string region, string[] series, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.AddWithValue("region", region);
        command.Parameters.AddWithValue("series", series);
        command.Parameters.AddWithValue("from", ToUnixClamped(from));
        command.Parameters.AddWithValue("to", ToUnixClamped(to));
    }
}
