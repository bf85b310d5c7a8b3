using System.ComponentModel.DataAnnotations;

namespace Curtailment.Storage;

/// <summary>Where observations, runs, models and forecasts are kept.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section (environment: <c>Curtailment__Storage__Provider</c>).</summary>
    public const string SectionName = "Curtailment:Storage";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c> (scale-out).</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Curtailment:Storage:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>ADO.NET connection string; for SQLite, <c>Data Source=PATH</c>.</summary>
    [Required(ErrorMessage = "Curtailment:Storage:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=curtailment.db";
}
