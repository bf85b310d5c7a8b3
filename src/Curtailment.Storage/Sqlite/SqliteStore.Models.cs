using Curtailment.Core.ModelRegistry;
using Curtailment.Storage.Rows;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore : IModelStore
{
    private const string ModelColumns = "id, region, kind, version, status, created_at, activated_at, manifest";

    /// <inheritdoc />
    public async Task<ModelRecord> AddCandidateAsync(string region, string kind, Func<string, (string ManifestJson, byte[] Artifact)> build, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(CAST(SUBSTR(version, 2) AS INTEGER)), 0) + 1 FROM model WHERE region = @region AND version LIKE 'v%'",
            new { region }, transaction, cancellationToken: cancellationToken));
        ArgumentNullException.ThrowIfNull(build);
        var version = $"v{next}";
        var (manifestJson, artifact) = build(version);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO model (region, kind, version, status, created_at, manifest, artifact)
            VALUES (@region, @kind, @version, 'Candidate', @now, @manifestJson, @artifact) RETURNING id
            """,
            new { region, kind, version, now = ToUnix(_time.GetUtcNow()), manifestJson, artifact }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (await FindModelAsync(id, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelRecord>> ListModelsAsync(string? region, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelColumns} FROM model WHERE @region IS NULL OR region = @region COLLATE NOCASE ORDER BY id DESC",
            new { region }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> FindModelAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var row = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelColumns} FROM model WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> ActiveModelAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var row = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelColumns} FROM model WHERE region = @region COLLATE NOCASE AND status = 'Active'", new { region }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadArtifactAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT artifact FROM model WHERE id = @id", new { id }, cancellationToken: cancellationToken))
            ?? throw new KeyNotFoundException($"No model with id {id}.");
    }

    /// <inheritdoc />
    public async Task<ModelRecord> ActivateAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var region = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT region FROM model WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken))
            ?? throw new KeyNotFoundException($"No model with id {id}.");
        var now = ToUnix(_time.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE model SET status = 'Retired', retired_at = @now WHERE region = @region AND status = 'Active' AND id <> @id",
            new { region, id, now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE model SET status = 'Active', activated_at = @now WHERE id = @id", new { id, now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (await FindModelAsync(id, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> RollbackAsync(string region, CancellationToken cancellationToken)
    {
        long? previous;
        await using (var connection = Open())
        {
            previous = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT id FROM model WHERE region = @region COLLATE NOCASE AND status = 'Retired' ORDER BY retired_at DESC, id DESC LIMIT 1",
                new { region }, cancellationToken: cancellationToken));
        }

        return previous is { } id ? await ActivateAsync(id, cancellationToken) : null;
    }
}
