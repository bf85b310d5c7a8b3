using System.Data.Common;
using Curtailment.Core.Forecasts;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private protected override async Task InsertForecastPointsAsync(
        DbConnection connection, DbTransaction transaction, long forecastId, IReadOnlyList<ForecastPoint> points, CancellationToken cancellationToken)
    {
        await using var command = NewCommand(connection, transaction, """
            INSERT INTO forecast_point (forecast_id, interval_start, interval_end, predicted_mw, lower_mw, upper_mw, p_event)
            VALUES ($id, $start, $end, $mw, $lower, $upper, $p)
            """);
        command.Parameters.Add(new SqliteParameter("$id", forecastId));
        var parameters = Parameters(command, "$start", "$end", "$mw", "$lower", "$upper", "$p");
        foreach (var point in points)
        {
            Set(parameters, ToUnix(point.IntervalStart), ToUnix(point.IntervalEnd), point.PredictedMw, point.LowerMw, point.UpperMw, point.EventProbability);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
