using Npgsql;

namespace Curtailment.Storage.Postgres;

/// <summary>
/// Connection strings as they may appear in logs and error messages: never with the password.
/// </summary>
internal static class PostgresConnectionStrings
{
    /// <summary>The setting a PostgreSQL connection string comes from (named in every error).</summary>
    public const string Setting = "Curtailment:Storage:ConnectionString";

    /// <summary>Parses a connection string; null (never the parser's message, which may quote it) when it is not one.</summary>
    public static NpgsqlConnectionStringBuilder? TryParse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
#pragma warning disable CA1031 // Any parse failure means "not a PostgreSQL connection string"; the message may quote the secret.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Host, port, database and user, for humans: <c>Host=db;Port=5432;Database=curtailment;Username=app</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redacted = new NpgsqlConnectionStringBuilder
        {
            Host = builder.Host,
            Port = builder.Port,
            Database = builder.Database,
            Username = builder.Username,
        };
        return redacted.ConnectionString;
    }

    /// <inheritdoc cref="Describe(NpgsqlConnectionStringBuilder)"/>
    public static string Describe(string? connectionString) =>
        TryParse(connectionString) is { } builder ? Describe(builder) : "(not a PostgreSQL connection string)";
}
