using Curtailment.Core.Forecasts;
using Curtailment.Storage.Rows;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore : IForecastStore
{
    /// <inheritdoc />
    public async Task<ForecastVintage> SaveForecastAsync(ForecastVintage vintage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vintage);
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var key = new { region = vintage.Region, issued = ToUnix(vintage.IssuedAt), model = vintage.ModelVersion };
        // Same region, issue time and model: the retry replaces the earlier attempt.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM forecast_point WHERE forecast_id IN (SELECT id FROM forecast WHERE region = @region AND issued_at = @issued AND model_version = @model)",
            key, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM forecast WHERE region = @region AND issued_at = @issued AND model_version = @model", key, transaction, cancellationToken: cancellationToken));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO forecast (region, issued_at, generated_at, model_version, data_as_of)
            VALUES (@region, @issued, @generated, @model, @dataAsOf) RETURNING id
            """,
            new { key.region, key.issued, generated = ToUnix(vintage.GeneratedAt), key.model, dataAsOf = vintage.DataAsOf is { } d ? ToUnix(d) : (long?)null },
            transaction, cancellationToken: cancellationToken));

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO forecast_point (forecast_id, interval_start, interval_end, predicted_mw, lower_mw, upper_mw, p_event)
                VALUES ($id, $start, $end, $mw, $lower, $upper, $p)
                """;
            command.Parameters.AddWithValue("$id", id);
            var start = command.Parameters.Add("$start", SqliteType.Integer);
            var end = command.Parameters.Add("$end", SqliteType.Integer);
            var mw = command.Parameters.Add("$mw", SqliteType.Real);
            var lower = command.Parameters.Add("$lower", SqliteType.Real);
            var upper = command.Parameters.Add("$upper", SqliteType.Real);
            var p = command.Parameters.Add("$p", SqliteType.Real);
            foreach (var point in vintage.Points)
            {
                start.Value = ToUnix(point.IntervalStart);
                end.Value = ToUnix(point.IntervalEnd);
                mw.Value = point.PredictedMw;
                lower.Value = point.LowerMw;
                upper.Value = point.UpperMw;
                p.Value = point.EventProbability;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return vintage with { Id = id };
    }

    /// <inheritdoc />
    public async Task<ForecastVintage?> LatestForecastAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var header = await connection.QuerySingleOrDefaultAsync<ForecastRow>(new CommandDefinition(
            """
            SELECT f.id, f.region, f.issued_at, f.generated_at, f.model_version, f.data_as_of FROM forecast f
            WHERE f.region = @region COLLATE NOCASE AND EXISTS (
                SELECT 1 FROM forecast_point p WHERE p.forecast_id = f.id AND p.interval_start < @to AND p.interval_end > @from)
            ORDER BY f.issued_at DESC, f.generated_at DESC, f.id DESC LIMIT 1
            """,
            new { region, from = ToUnix(from), to = ToUnix(to) }, cancellationToken: cancellationToken));
        return header is null ? null : await WithPointsAsync(connection, header, ToUnix(from), ToUnix(to), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ForecastVintage>> ListForecastsAsync(string region, DateTimeOffset issuedFrom, DateTimeOffset issuedTo, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var headers = await connection.QueryAsync<ForecastRow>(new CommandDefinition(
            """
            SELECT id, region, issued_at, generated_at, model_version, data_as_of FROM forecast
            WHERE region = @region COLLATE NOCASE AND issued_at >= @from AND issued_at < @to ORDER BY issued_at, id
            """,
            new { region, from = ToUnix(issuedFrom), to = ToUnix(issuedTo) }, cancellationToken: cancellationToken));
        var result = new List<ForecastVintage>();
        foreach (var header in headers)
        {
            result.Add(await WithPointsAsync(connection, header, long.MinValue, long.MaxValue, cancellationToken));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<int> DeleteForecastsIssuedBeforeAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var args = new { before = ToUnix(issuedBefore) };
        // Points first: foreign keys are not enforced on every connection, so the cascade is not relied on.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM forecast_point WHERE forecast_id IN (SELECT id FROM forecast WHERE issued_at < @before)", args, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM forecast WHERE issued_at < @before", args, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private static async Task<ForecastVintage> WithPointsAsync(SqliteConnection connection, ForecastRow header, long from, long to, CancellationToken cancellationToken)
    {
        var points = await connection.QueryAsync<ForecastPointRow>(new CommandDefinition(
            $"""
            SELECT {ForecastPointRow.Columns} FROM forecast_point
            WHERE forecast_id = @id AND interval_start < @to AND interval_end > @from ORDER BY interval_start
            """,
            new { id = header.Id, from, to }, cancellationToken: cancellationToken));
        return header.ToVintage(points);
    }
}
