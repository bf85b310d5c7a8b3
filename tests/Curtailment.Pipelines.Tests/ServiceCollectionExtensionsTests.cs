using Curtailment.Features;
using Curtailment.Ingestion.Fetching;
using Curtailment.Models.Ssa;
using Microsoft.Extensions.Options;

namespace Curtailment.Pipelines.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCurtailment_NoFetchConfiguration_ResolvesFetchersAndPassesStartValidation()
    {
        using var services = new TestServices(new DateTimeOffset(2021, 3, 5, 12, 0, 0, TimeSpan.Zero));

        services.Get<IStartupValidator>().Validate();
        var options = services.Get<IOptions<FetchOptions>>().Value;

        Assert.Equal(new Uri("https://www.caiso.com/"), options.CaisoBaseUrl);
        Assert.NotNull(services.Get<CaisoWorkbookFetcher>());
        Assert.NotNull(services.Get<CaisoOutlookFetcher>());
        Assert.NotNull(services.Get<Eia930Fetcher>());
    }

    [Fact]
    public void AddCurtailment_FeatureBuilder_ExtrapolatesWithDailyWindowSsa()
    {
        using var services = new TestServices(new DateTimeOffset(2021, 3, 5, 12, 0, 0, TimeSpan.Zero));

        var forecaster = Assert.IsType<SsaSeriesForecaster>(services.Get<FeatureBuilder>().SeriesForecaster);

        Assert.Equal(SsaSeriesForecaster.DailyWindowSize, forecaster.WindowSize);
    }
}
