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
}
