using Curtailment.Core.Forecasts;
using Dapper;

namespace Curtailment.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One small query: the active model's id, and the count and highest id of the region's vintages. Identity ids
    /// are never reused, so a replaced vintage (a retry) raises the highest id and a deleted one lowers the count.
    /// </remarks>
    public override async ValueTask<ServingVersion> ReadServingVersionAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Active, long Vintages, long LastId)>(new CommandDefinition(
            $"""
            SELECT (SELECT COALESCE(MAX(id), 0) FROM model WHERE {SameRegion("region")} AND status = 'Active'),
                   COUNT(*), COALESCE(MAX(id), 0)
            FROM forecast WHERE {SameRegion("region")}
            """,
            new { region }, cancellationToken: cancellationToken));
        return new ServingVersion(0, row.Active, row.Vintages, row.LastId);
    }
}
