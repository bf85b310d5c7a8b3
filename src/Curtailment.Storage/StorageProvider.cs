namespace Curtailment.Storage;

/// <summary>Which database keeps the store (<c>Curtailment:Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file: the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: scale-out, several processes sharing it.</summary>
    Postgres,
}
