using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Curtailment.Storage.Postgres;

/// <summary>
/// With <c>Provider=Postgres</c>, checks at start-up that the connection string parses, names a host and reaches a
/// server that accepts it, so that a misconfigured host refuses to start with a message naming the setting. The
/// message never carries the password: it describes the server through <see cref="PostgresConnectionStrings"/>.
/// </summary>
internal sealed class PostgresStorageValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != StorageProvider.Postgres)
        {
            return ValidateOptionsResult.Skip;
        }

        var setting = PostgresConnectionStrings.Setting;
        if (PostgresConnectionStrings.TryParse(options.ConnectionString) is not { } builder)
        {
            return ValidateOptionsResult.Fail(
                $"{setting} is not a valid PostgreSQL connection string (for example 'Host=db;Database=curtailment;Username=app;Password=...').");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return ValidateOptionsResult.Fail($"{setting} names no Host ({PostgresConnectionStrings.Describe(builder)}).");
        }

        try
        {
            // Not pooled: this connection is a probe, and the store opens its own data source.
            builder.Pooling = false;
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return ValidateOptionsResult.Fail(
                $"{setting}: cannot connect to PostgreSQL at {PostgresConnectionStrings.Describe(builder)}: {e.Message}");
        }
    }
}
