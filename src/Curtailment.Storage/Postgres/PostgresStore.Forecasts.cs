using Curtailment.Core.Forecasts;
using Curtailment.Storage.Rows;
using Dapper;
using Npgsql;

namespace Curtailment.Storage.Postgres;

public sealed partial class PostgresStore : IForecastStore
{
    /// <inheritdoc />
    public async Task<ForecastVintage> SaveForecastAsync(ForecastVintage vintage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vintage);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = new { region = vintage.Region, issued = ToUnix(vintage.IssuedAt), model = vintage.ModelVersion };
        // Same region, issue time and model: the retry replaces the earlier attempt. Two processes retrying the
        // same vintage at once take turns here instead of one failing on the unique key.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('curtailment.forecast:' || @region || ':' || @issued::text || ':' || @model, 0))",
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

        var points = vintage.Points;
        await using (var command = new NpgsqlCommand("""
            INSERT INTO forecast_point (forecast_id, interval_start, interval_end, predicted_mw, lower_mw, upper_mw, p_event)
            SELECT @id, s, e, mw, lo, hi, p FROM unnest(@starts, @ends, @mw, @lower, @upper, @p) AS t (s, e, mw, lo, hi, p)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("starts", points.Select(p => ToUnix(p.IntervalStart)).ToArray());
            command.Parameters.AddWithValue("ends", points.Select(p => ToUnix(p.IntervalEnd)).ToArray());
            command.Parameters.AddWithValue("mw", points.Select(p => p.PredictedMw).ToArray());
            command.Parameters.AddWithValue("lower", points.Select(p => p.LowerMw).ToArray());
            command.Parameters.AddWithValue("upper", points.Select(p => p.UpperMw).ToArray());
            command.Parameters.AddWithValue("p", points.Select(p => p.EventProbability).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return vintage with { Id = id };
    }

    /// <inheritdoc />
    public async Task<ForecastVintage?> LatestForecastAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var bounds = new { region, from = ToUnixClamped(from), to = ToUnixClamped(to) };
        var header = await connection.QuerySingleOrDefaultAsync<ForecastRow>(new CommandDefinition(
            """
            SELECT f.id, f.region, f.issued_at, f.generated_at, f.model_version, f.data_as_of FROM forecast f
            WHERE lower(f.region) = lower(@region) AND EXISTS (
                SELECT 1 FROM forecast_point p WHERE p.forecast_id = f.id AND p.interval_start < @to AND p.interval_end > @from)
            ORDER BY f.issued_at DESC, f.generated_at DESC, f.id DESC LIMIT 1
            """,
            bounds, cancellationToken: cancellationToken));
        return header is null ? null : await WithPointsAsync(connection, header, bounds.from, bounds.to, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ForecastVintage>> ListForecastsAsync(string region, DateTimeOffset issuedFrom, DateTimeOffset issuedTo, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var headers = await connection.QueryAsync<ForecastRow>(new CommandDefinition(
            """
            SELECT id, region, issued_at, generated_at, model_version, data_as_of FROM forecast
            WHERE lower(region) = lower(@region) AND issued_at >= @from AND issued_at < @to ORDER BY issued_at, id
            """,
            new { region, from = ToUnixClamped(issuedFrom), to = ToUnixClamped(issuedTo) }, cancellationToken: cancellationToken));
        var result = new List<ForecastVintage>();
        foreach (var header in headers)
        {
            result.Add(await WithPointsAsync(connection, header, long.MinValue, long.MaxValue, cancellationToken));
        }

        return result;
    }

    /// <summary>
    /// Deletes every vintage (of all regions) issued before <paramref name="issuedBefore"/>, with its points; returns
    /// how many were deleted. For the cleanup job: <c>IForecastStore.DeleteForecastsIssuedBeforeAsync</c> on
    /// feature/host, which this signature matches so that the merge needs no change here.
    /// </summary>
    public async Task<int> DeleteForecastsIssuedBeforeAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // Points go with their vintage (ON DELETE CASCADE, always enforced in PostgreSQL).
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM forecast WHERE issued_at < @before", new { before = ToUnixClamped(issuedBefore) }, cancellationToken: cancellationToken));
    }

    private static async Task<ForecastVintage> WithPointsAsync(NpgsqlConnection connection, ForecastRow header, long from, long to, CancellationToken cancellationToken)
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
