using System.Data.Common;
using Curtailment.Core.ModelRegistry;
using Curtailment.Storage.Rows;
using Dapper;

namespace Curtailment.Storage.Sql;

public abstract partial class SqlStore
{
    private const string ModelColumns = "id, region, kind, version, status, created_at, activated_at, manifest";

    /// <inheritdoc />
    public async Task<ModelRecord> AddCandidateAsync(string region, string kind, Func<string, (string ManifestJson, byte[] Artifact)> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        long id;
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await LockRegionAsync(connection, transaction, region, cancellationToken);
            var next = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COALESCE(MAX(CAST(substr(version, 2) AS {Int64Type})), 0) + 1 FROM model WHERE region = @region AND {NumberedVersion("version")}",
                new { region }, transaction, cancellationToken: cancellationToken));
            var version = $"v{next}";
            var (manifestJson, artifact) = build(version);
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO model (region, kind, version, status, created_at, manifest, artifact)
                VALUES (@region, @kind, @version, 'Candidate', @now, @manifestJson, @artifact) RETURNING id
                """,
                new { region, kind, version, now = ToUnix(Time.GetUtcNow()), manifestJson, artifact }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return (await FindModelAsync(id, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelRecord>> ListModelsAsync(string? region, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {ModelColumns} FROM model WHERE @region IS NULL OR {SameRegion("region")} ORDER BY id DESC");
        command.Add("region", region);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return reader.Parse<ModelRow>().Select(r => r.ToRecord()).ToList();
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> FindModelAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelColumns} FROM model WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> ActiveModelAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelColumns} FROM model WHERE {SameRegion("region")} AND status = 'Active'", new { region }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadArtifactAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT artifact FROM model WHERE id = @id", new { id }, cancellationToken: cancellationToken))
            ?? throw new KeyNotFoundException($"No model with id {id}.");
    }

    /// <inheritdoc />
    public async Task<ModelRecord> ActivateAsync(long id, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var region = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT region FROM model WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken))
                ?? throw new KeyNotFoundException($"No model with id {id}.");
            await LockRegionAsync(connection, transaction, region, cancellationToken);
            var now = ToUnix(Time.GetUtcNow());
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE model SET status = 'Retired', retired_at = @now WHERE region = @region AND status = 'Active' AND id <> @id",
                new { region, id, now }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE model SET status = 'Active', activated_at = @now WHERE id = @id", new { id, now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return (await FindModelAsync(id, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> RollbackAsync(string region, CancellationToken cancellationToken)
    {
        long? previous;
        await using (var connection = await OpenAsync(cancellationToken))
        {
            previous = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                $"SELECT id FROM model WHERE {SameRegion("region")} AND status = 'Retired' ORDER BY retired_at DESC, id DESC LIMIT 1",
                new { region }, cancellationToken: cancellationToken));
        }

        return previous is { } id ? await ActivateAsync(id, cancellationToken) : null;
    }

    /// <summary>The 64-bit integer type for a <c>CAST</c>.</summary>
    private protected abstract string Int64Type { get; }

    /// <summary>A condition that <paramref name="column"/> is a registry version, <c>v</c> and a number.</summary>
    private protected abstract string NumberedVersion(string column);

    // Several processes may train or activate at once: the registry's writes for one region take turns, so version
    // numbers never collide and exactly one model stays active.
    private Task LockRegionAsync(DbConnection connection, DbTransaction transaction, string region, CancellationToken cancellationToken) =>
        LockAsync(connection, transaction, $"curtailment.model:{region}", cancellationToken);
}
