using System.Data.Common;
using System.Globalization;
using Curtailment.Core.Forecasts;
using Curtailment.Storage.Rows;
using Dapper;

namespace Curtailment.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public async Task<ForecastVintage> SaveForecastAsync(ForecastVintage vintage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vintage);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = new { region = vintage.Region, issued = ToUnix(vintage.IssuedAt), model = vintage.ModelVersion };
        // Same region, issue time and model: the retry replaces the earlier attempt. Two processes retrying the
        // same vintage at once take turns here instead of one failing on the unique key.
        await LockAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"curtailment.forecast:{key.region}:{key.issued}:{key.model}"), cancellationToken);
        await DeleteForecastsAsync(connection, transaction, "region = @region AND issued_at = @issued AND model_version = @model", key, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO forecast (region, issued_at, generated_at, model_version, data_as_of, explanations)
            VALUES (@region, @issued, @generated, @model, @dataAsOf, @explanations) RETURNING id
            """,
            new
            {
                key.region, key.issued, generated = ToUnix(vintage.GeneratedAt), key.model, dataAsOf = vintage.DataAsOf is { } d ? ToUnix(d) : (long?)null,
                explanations = ExplanationsJson.Write(vintage.Explanations),
            },
            transaction, cancellationToken: cancellationToken));
        await InsertForecastPointsAsync(connection, transaction, id, vintage.Points, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return vintage with { Id = id };
    }

    /// <inheritdoc />
    public async Task<ForecastVintage?> LatestForecastAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var bounds = new { region, from = ToUnixClamped(from), to = ToUnixClamped(to) };
        var header = await connection.QuerySingleOrDefaultAsync<ForecastRow>(new CommandDefinition(
            $"""
            SELECT f.id, f.region, f.issued_at, f.generated_at, f.model_version, f.data_as_of, f.explanations FROM forecast f
            WHERE {SameRegion("f.region")} AND EXISTS (
                SELECT 1 FROM forecast_point p WHERE p.forecast_id = f.id AND p.interval_start < @to AND p.interval_end > @from)
            ORDER BY f.issued_at DESC, f.generated_at DESC, f.id DESC LIMIT 1
            """,
            bounds, cancellationToken: cancellationToken));
        return header is null ? null : await WithPointsAsync(connection, header, bounds.from, bounds.to, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ForecastVintage>> ListForecastsAsync(string region, DateTimeOffset issuedFrom, DateTimeOffset issuedTo, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var headers = await connection.QueryAsync<ForecastRow>(new CommandDefinition(
            $"""
            SELECT id, region, issued_at, generated_at, model_version, data_as_of, explanations FROM forecast
            WHERE {SameRegion("region")} AND issued_at >= @from AND issued_at < @to ORDER BY issued_at, id
            """,
            new { region, from = ToUnixClamped(issuedFrom), to = ToUnixClamped(issuedTo) }, cancellationToken: cancellationToken));
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await DeleteForecastsAsync(connection, transaction, "issued_at < @before", new { before = ToUnixClamped(issuedBefore) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Writes a vintage's points.</summary>
    private protected abstract Task InsertForecastPointsAsync(
        DbConnection connection, DbTransaction transaction, long forecastId, IReadOnlyList<ForecastPoint> points, CancellationToken cancellationToken);

    /// <summary>Deletes the vintages <paramref name="where"/> selects, with their points; returns how many vintages.</summary>
    private static async Task<int> DeleteForecastsAsync(DbConnection connection, DbTransaction transaction, string where, object args, CancellationToken cancellationToken)
    {
        // Points first: SQLite does not enforce the cascade on every connection, so it is not relied on.
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM forecast_point WHERE forecast_id IN (SELECT id FROM forecast WHERE {where})", args, transaction, cancellationToken: cancellationToken));
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM forecast WHERE {where}", args, transaction, cancellationToken: cancellationToken));
    }

    private static async Task<ForecastVintage> WithPointsAsync(DbConnection connection, ForecastRow header, long from, long to, CancellationToken cancellationToken)
    {
        var points = await connection.QueryAsync<ForecastPointRow>(new CommandDefinition(
            $"""
            SELECT {ForecastPointRow.Columns} FROM forecast_point
            WHERE forecast_id = @id AND interval_start < @to AND interval_end > @from ORDER BY interval_start
            """,
            new { id = header.Id, from, to }, cancellationToken: cancellationToken));
        return header.ToVintage(points) with { Explanations = ExplanationsJson.Read(header.Explanations) };
    }
}
