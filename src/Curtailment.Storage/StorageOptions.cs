using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Curtailment.Storage;

/// <summary>Where observations, runs, models and forecasts are kept.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section (environment: <c>Curtailment__Storage__Provider</c>).</summary>
    public const string SectionName = "Curtailment:Storage";

    /// <summary>The provider setting's full name, for messages.</summary>
    public const string ProviderSetting = SectionName + ":" + nameof(Provider);

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c> (scale-out); case-insensitive in configuration.</summary>
    [EnumDataType(typeof(StorageProvider), ErrorMessage = $"{ProviderSetting} must be 'Sqlite' or 'Postgres'.")]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>ADO.NET connection string; for SQLite, <c>Data Source=PATH</c>.</summary>
    [Required(ErrorMessage = "Curtailment:Storage:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=curtailment.db";

    /// <summary>
    /// The options in <paramref name="configuration"/>'s <see cref="SectionName"/> section. A provider other than the
    /// names of <see cref="StorageProvider"/> (any case) throws <see cref="OptionsValidationException"/> naming the
    /// setting, where the configuration binder would throw a conversion error or accept a number.
    /// </summary>
    public static StorageOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        options.BindFrom(configuration);
        return options;
    }

    /// <summary>Sets the properties <paramref name="configuration"/>'s section names; see <see cref="Read"/>.</summary>
    internal void BindFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        if (section[nameof(Provider)] is { } provider)
        {
            Provider = ParseProvider(provider);
        }

        if (section[nameof(ConnectionString)] is { } connectionString)
        {
            ConnectionString = connectionString;
        }
    }

    private static StorageProvider ParseProvider(string value)
    {
        foreach (var provider in Enum.GetValues<StorageProvider>())
        {
            if (string.Equals(value, provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new OptionsValidationException(Options.DefaultName, typeof(StorageOptions),
            [$"{ProviderSetting} must be 'Sqlite' or 'Postgres', not '{value}'."]);
    }
}
