using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Ingestion.Tests;

public class ServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCurtailmentIngestion_Always_RegistersEiaAndAemoImporters()
    {
        using var services = new ServiceCollection().AddCurtailmentIngestion().BuildServiceProvider();

        var catalog = services.GetRequiredService<ImporterCatalog>();

        Assert.Equal("eia930", catalog.Get("eia930").Source);
        Assert.Equal("aemo", catalog.Get("aemo").Source);
    }

    [Theory]
    [InlineData("de-redispatch")]
    [InlineData("gb-boa")]
    [InlineData("gb-constraints")]
    [InlineData("gb-forecasts")]
    public void AddCurtailmentIngestion_Always_RegistersGermanAndBritishImporters(string source)
    {
        using var services = new ServiceCollection().AddCurtailmentIngestion().BuildServiceProvider();

        Assert.Equal(source, services.GetRequiredService<ImporterCatalog>().Get(source).Source);
    }
}
