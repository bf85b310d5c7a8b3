using System.Data;
using System.Data.Common;

namespace Curtailment.Storage.Sql;

/// <summary>
/// Typed parameters for commands both providers run. The type travels with a null too, which PostgreSQL needs to
/// plan <c>@p IS NULL</c>. Names carry no prefix: SQLite and Npgsql both bind <c>@name</c> to <c>name</c>.
/// </summary>
internal static class DbCommandExtensions
{
    public static void Add(this DbCommand command, string name, long value) => Add(command, name, DbType.Int64, value);

    public static void Add(this DbCommand command, string name, long? value) => Add(command, name, DbType.Int64, value);

    public static void Add(this DbCommand command, string name, string? value) => Add(command, name, DbType.String, value);

    private static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
