using Curtailment.Features;
using Curtailment.Ingestion.Feeds;
using Curtailment.Ingestion.Fetching;
using Curtailment.Models.Ssa;
using Microsoft.Extensions.Options;

namespace Curtailment.Pipelines.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCurtailment_NoFetchConfiguration_ResolvesFeedsAndPassesStartValidation()
    {
        using var services = new TestServices(new DateTimeOffset(2021, 3, 5, 12, 0, 0, TimeSpan.Zero));

        services.Get<IStartupValidator>().Validate();
        var options = services.Get<IOptions<FetchOptions>>().Value;

        Assert.Equal(new Uri("https://www.caiso.com/"), options.CaisoBaseUrl);
        Assert.Contains("caiso-oasis-renewables-forecast", services.Get<FeedCatalog>().Names);
    }

    [Fact]
    public void AddCurtailment_FeatureBuilder_ExtrapolatesDemandWeeklyAndTargetDaily()
    {
        using var services = new TestServices(new DateTimeOffset(2021, 3, 5, 12, 0, 0, TimeSpan.Zero));
        var builder = services.Get<FeatureBuilder>();

        var demand = Assert.IsType<SsaSeriesForecaster>(builder.SeriesForecaster);
        var target = Assert.IsType<SsaSeriesForecaster>(builder.TargetForecaster);

        Assert.Equal(SsaSeriesForecaster.WeeklyWindowSize, demand.WindowSize);
        Assert.False(demand.Stabilize);
        Assert.Equal(SsaSeriesForecaster.DailyWindowSize, target.WindowSize);
    }
}
