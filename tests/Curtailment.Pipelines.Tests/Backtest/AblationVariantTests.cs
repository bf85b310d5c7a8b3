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

    [Fact]
    public void Standard_StackedClassifier_OffersTheFixedBlend_OthersOfferTheStacking()
    {
        var stacked = new CurtailmentModelOptions { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked, StackClassifier = false };

        var variants = AblationVariant.Standard(stacked);
        var logistic = AblationVariant.Standard(new CurtailmentModelOptions());

        Assert.Equal(CalibrationMethod.Platt, variants.Single(v => v.Name == "fixed_climatology_blend").Options.Calibration);
        Assert.Equal((CalibrationMethod.Platt, 0.0), (variants.Single(v => v.Name == "no_climatology").Options.Calibration, variants.Single(v => v.Name == "no_climatology").Options.ClimatologyShare));
        Assert.DoesNotContain(variants, v => v.Name == "stacked_classifier");
        // A classifier model offers the logistic layer as its alternative, not itself again.
        Assert.Equal(ProbabilitySource.Logistic, variants.Single(v => v.Name == "logistic_probability").Options.Probability);
        Assert.DoesNotContain(variants, v => v.Name == "classifier_probability");
        var offered = logistic.Single(v => v.Name == "stacked_classifier").Options;
        Assert.Equal((ProbabilitySource.Classifier, CalibrationMethod.Stacked), (offered.Probability, offered.Calibration));
        Assert.DoesNotContain(logistic, v => v.Name == "fixed_climatology_blend");
        Assert.True(variants.Single(v => v.Name == "stack_classifier").Options.StackClassifier);
        Assert.False(AblationVariant.Standard(stacked with { StackClassifier = true }).Single(v => v.Name == "history_stage_only").Options.StackClassifier);
        Assert.DoesNotContain(logistic, v => v.Name is "stack_classifier" or "history_stage_only");
        Assert.All(variants.Skip(1), v => Assert.NotEqual(System.Text.Json.JsonSerializer.Serialize(stacked), System.Text.Json.JsonSerializer.Serialize(v.Options)));
    }
}
