using Microsoft.Data.Sqlite;

namespace Curtailment.Host.Tests.Live;

/// <summary>Rows of a host's SQLite store as text, read-only, for comparing two stores or one store before and after.</summary>
internal static class StoreRows
{
    /// <summary>Every stored value with its series, interval and publication time.</summary>
    public const string Observations = """
        SELECT k.region || ' ' || k.series || ' ' || k.source || ' ' || o.interval_start || ' ' || o.duration_s || ' ' || o.value || ' ' || o.published_at
        FROM observation o JOIN series_key k ON k.id = o.series_key ORDER BY 1
        """;

    /// <summary>Every model with its status and (virtual) creation time.</summary>
    public const string Models = "SELECT region || ' ' || version || ' ' || status || ' ' || created_at FROM model ORDER BY 1";

    /// <summary>Every forecast interval of every vintage.</summary>
    public const string Forecasts = """
        SELECT f.region || ' ' || f.issued_at || ' ' || f.model_version || ' ' || p.interval_start || ' ' || p.predicted_mw || ' ' || p.lower_mw || ' ' || p.upper_mw || ' ' || p.p_event
        FROM forecast f JOIN forecast_point p ON p.forecast_id = f.id ORDER BY 1
        """;

    /// <summary>The first column of <paramref name="sql"/>'s rows in the store at <paramref name="db"/>.</summary>
    public static List<string> Read(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
