using Curtailment.Models.Trees;
using Curtailment.Pipelines.Backtest;

namespace Curtailment.Pipelines.Tests.Backtest;

public sealed class AblationVariantTests
{
    [Fact]
    public void Standard_FirstIsTheFullModelAndEveryOtherChangesItsOptions()
    {
        var full = new CurtailmentModelOptions();

        var variants = AblationVariant.Standard(full);

        Assert.Equal("full", variants[0].Name);
        Assert.Same(full, variants[0].Options);
        Assert.Equal(variants.Count, variants.Select(v => v.Name).Distinct().Count());
        Assert.All(variants.Skip(1), v => Assert.NotEqual(System.Text.Json.JsonSerializer.Serialize(full), System.Text.Json.JsonSerializer.Serialize(v.Options)));
        Assert.Equal(["history"], variants.Single(v => v.Name == "no_history").Options.ExcludedFeatureGroups);
        Assert.False(variants.Single(v => v.Name == "no_blend").Options.BlendWithBaseline);
        var noSsa = variants.Single(v => v.Name == "no_ssa").Options;
        Assert.False(noSsa.UseSeriesForecaster);
        Assert.Contains("ssa", noSsa.ExcludedFeatureGroups);
        Assert.Equal(["timing"], variants.Single(v => v.Name == "no_timing").Options.ExcludedFeatureGroups);
        Assert.DoesNotContain(variants, v => v.Name == "with_timing");
    }

    [Fact]
    public void Standard_FullModelMasksTiming_OffersWithTimingAndKeepsTheMaskInOtherVariants()
    {
        var full = new CurtailmentModelOptions { ExcludedFeatureGroups = ["timing"] };

        var variants = AblationVariant.Standard(full);

        Assert.Empty(variants.Single(v => v.Name == "with_timing").Options.ExcludedFeatureGroups);
        Assert.DoesNotContain(variants, v => v.Name == "no_timing");
        Assert.Equal(["timing", "history"], variants.Single(v => v.Name == "no_history").Options.ExcludedFeatureGroups);
        Assert.Equal(["timing", "transmission"], variants.Single(v => v.Name == "no_transmission").Options.ExcludedFeatureGroups);
        Assert.Equal(["timing"], variants.Single(v => v.Name == "all_rows").Options.ExcludedFeatureGroups);
    }
}
