using System.Data.Common;
using Curtailment.Core.Forecasts;
using Npgsql;

namespace Curtailment.Storage.Postgres;

public sealed partial class PostgresStore
{
    // One statement for all points: a vintage's arrays travel in one round trip.
    private protected override async Task InsertForecastPointsAsync(
        DbConnection connection, DbTransaction transaction, long forecastId, IReadOnlyList<ForecastPoint> points, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO forecast_point (forecast_id, interval_start, interval_end, predicted_mw, lower_mw, upper_mw, p_event)
            SELECT @id, s, e, mw, lo, hi, p FROM unnest(@starts, @ends, @mw, @lower, @upper, @p) AS t (s, e, mw, lo, hi, p)
            """, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("id", forecastId);
        command.Parameters.AddWithValue("starts", points.Select(p => ToUnix(p.IntervalStart)).ToArray());
        command.Parameters.AddWithValue("ends", points.Select(p => ToUnix(p.IntervalEnd)).ToArray());
        command.Parameters.AddWithValue("mw", points.Select(p => p.PredictedMw).ToArray());
        command.Parameters.AddWithValue("lower", points.Select(p => p.LowerMw).ToArray());
        command.Parameters.AddWithValue("upper", points.Select(p => p.UpperMw).ToArray());
        command.Parameters.AddWithValue("p", points.Select(p => p.EventProbability).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
