using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Curtailment.Storage.Tests;

public sealed class StorageOptionsTests
{
    private static IConfiguration Settings(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Curtailment:Storage:Provider"] = provider,
            ["Curtailment:Storage:ConnectionString"] = "Host=db",
        }).Build();

    [Theory]
    [InlineData("Sqlite", StorageProvider.Sqlite)]
    [InlineData("Postgres", StorageProvider.Postgres)]
    [InlineData("postgres", StorageProvider.Postgres)]
    [InlineData("SQLITE", StorageProvider.Sqlite)]
    public void Read_ProviderNameInAnyCase_BindsTheEnum(string setting, StorageProvider expected)
    {
        var options = StorageOptions.Read(Settings(setting));

        Assert.Equal(expected, options.Provider);
        Assert.Equal("Host=db", options.ConnectionString);
    }

    [Fact]
    public void Read_NoProvider_KeepsSqliteAndItsDefaultFile()
    {
        var options = StorageOptions.Read(new ConfigurationBuilder().Build());

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=curtailment.db", options.ConnectionString);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("Sqlite,Postgres")]
    public void Read_ProviderTheEnumDoesNotName_RefusesNamingTheSetting(string setting)
    {
        var error = Assert.Throws<OptionsValidationException>(() => StorageOptions.Read(Settings(setting)));

        Assert.Contains("Curtailment:Storage:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{setting}'", error.Message, StringComparison.Ordinal);
    }
}
