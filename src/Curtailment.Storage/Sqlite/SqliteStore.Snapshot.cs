using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Memory;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore : IObservationSnapshotSource
{
    /// <inheritdoc />
    public async Task<IObservationReader> LoadSnapshotAsync(string region, IReadOnlyCollection<string> series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        var observations = new List<Observation>();
        var coverage = new List<(string, CoverageSpan)>();
        await using var connection = Open();
        foreach (var name in series.Distinct(StringComparer.Ordinal))
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT k.source, o.interval_start, o.duration_s, o.value, o.published_at, o.note
                    FROM observation o JOIN series_key k ON k.id = o.series_key
                    WHERE k.region = $region AND k.series = $series AND o.interval_start >= $from AND o.interval_start < $to
                    """;
                command.Parameters.AddWithValue("$region", region);
                command.Parameters.AddWithValue("$series", name);
                command.Parameters.AddWithValue("$from", ToUnixClamped(from));
                command.Parameters.AddWithValue("$to", ToUnixClamped(to));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    observations.Add(new Observation(region, name, FromUnix(reader.GetInt64(1)), TimeSpan.FromSeconds(reader.GetInt64(2)),
                        reader.GetDouble(3), reader.GetString(0), FromUnix(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT k.source, c.span_start, c.span_end, c.published_at
                    FROM coverage c JOIN series_key k ON k.id = c.series_key
                    WHERE k.region = $region AND k.series = $series AND c.span_end > $from AND c.span_start < $to
                    """;
                command.Parameters.AddWithValue("$region", region);
                command.Parameters.AddWithValue("$series", name);
                command.Parameters.AddWithValue("$from", ToUnixClamped(from));
                command.Parameters.AddWithValue("$to", ToUnixClamped(to));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    coverage.Add((reader.GetString(0), new CoverageSpan(region, name, FromUnix(reader.GetInt64(1)), FromUnix(reader.GetInt64(2)), FromUnix(reader.GetInt64(3)))));
                }
            }
        }

        return new ObservationSnapshot(observations, coverage);
    }
}
