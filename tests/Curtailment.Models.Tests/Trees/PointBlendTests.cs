using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

public sealed class PointBlendTests
{
    [Fact]
    public void Fit_ModelTwiceTooHigh_HalvesTheModelWeight()
    {
        var actual = Enumerable.Range(0, 200).Select(i => (double)(i % 20) * 50).ToList();
        var model = actual.Select(a => a * 2).ToList();
        var baseline = actual.Select(_ => 0.0).ToList();

        var blend = PointBlend.Fit(model, baseline, NoRecent(actual), actual);

        Assert.Equal(0.5, blend.Model, 6);
        Assert.Equal(0, blend.Baseline, 6);
    }

    [Fact]
    public void Fit_BaselineIsTheTruth_PutsTheWeightOnTheBaseline()
    {
        var random = new Random(2);
        var actual = Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 1000).ToList();
        var model = actual.Select(_ => random.NextDouble() * 1000).ToList();

        var blend = PointBlend.Fit(model, actual, NoRecent(actual), actual);

        Assert.Equal(0, blend.Model, 6);
        Assert.Equal(1, blend.Baseline, 6);
    }

    [Fact]
    public void Fit_Weighted_FollowsTheHeavilyWeightedRows()
    {
        // The first half wants the model halved, the second half wants it as is; the weights decide.
        var actual = Enumerable.Range(0, 400).Select(i => 100.0 + (i % 20 * 40)).ToList();
        var model = actual.Select((a, i) => i < 200 ? a * 2 : a).ToList();
        var baseline = actual.Select(_ => 0.0).ToList();

        var firstHalf = PointBlend.Fit(model, baseline, NoRecent(actual), actual, actual.Select((_, i) => i < 200 ? 1.0 : 0.01).ToList());
        var secondHalf = PointBlend.Fit(model, baseline, NoRecent(actual), actual, actual.Select((_, i) => i < 200 ? 0.01 : 1.0).ToList());

        Assert.Equal(0.5, firstHalf.Model, 6);
        Assert.Equal(PointBlend.Identity, secondHalf);
    }

    [Fact]
    public void Fit_ModelAlreadyExact_KeepsTheIdentity()
    {
        var actual = Enumerable.Range(0, 100).Select(i => (double)i).ToList();

        Assert.Equal(PointBlend.Identity, PointBlend.Fit(actual, actual.Select(a => a + 50).ToList(), NoRecent(actual), actual));
    }

    [Fact]
    public void Apply_NegativeCombination_IsClampedToZero()
    {
        Assert.Equal(0, new PointBlend(1, 0).Apply(-5, 0, 0));
        Assert.Equal(130 + (PointBlend.BaselineShapeShare * 100), new PointBlend(0.5, 0.3).Apply(200, 100, 0), 9);
    }

    [Fact]
    public void Fit_QuietHoldOut_ShrinksToZeroButKeepsTheWeekProfileOrder()
    {
        // Held-out days with almost no curtailment: zero is the MAE-best forecast, so both weights go to 0.
        var actual = Enumerable.Range(0, 240).Select(i => i % 24 == 12 ? 5.0 : 0).ToList();
        var model = actual.Select((_, i) => 200.0 + (i % 24)).ToList();
        var baseline = actual.Select((_, i) => i % 24 is >= 10 and <= 14 ? 300.0 : 20).ToList();

        var blend = PointBlend.Fit(model, baseline, NoRecent(actual), actual);
        var day = Enumerable.Range(0, 24).Select(h => blend.Apply(model[h], baseline[h], 0)).ToList();

        Assert.Equal(new PointBlend(0, 0), blend);
        Assert.All(day, mw => Assert.True(mw < 1, $"{mw} MW: the forecast should stay near zero"));
        // ... but the midday hours the week profile marks still come out on top, where a scheduler's window goes.
        Assert.Equal(day[10], day.Max());
        Assert.True(day[12] > day[20]);
    }

    [Fact]
    public void Fit_RecentLevelCarriesTheDay_PutsWeightOnIt()
    {
        // Days whose level follows the last known hours (a wind regime), while the trees and the week profile are noise.
        var random = new Random(3);
        var levels = Enumerable.Range(0, 20).Select(_ => random.NextDouble() * 2000).ToList();
        var recent = Enumerable.Range(0, 480).Select(i => levels[i / 24]).ToList();
        var actual = recent.Select(r => 0.5 * r).ToList();
        var model = actual.Select(_ => random.NextDouble() * 1000).ToList();
        var baseline = actual.Select(_ => random.NextDouble() * 1000).ToList();

        var blend = PointBlend.Fit(model, baseline, recent, actual);

        Assert.Equal(new PointBlend(0, 0, 0.5), blend);
        Assert.Equal(500 + (PointBlend.BaselineShapeShare * 40), blend.Apply(300, 40, 1000), 9);
    }

    [Fact]
    public void Fit_RecentLevelNoBetterThanTheTrees_TakesNoWeight()
    {
        // The recent level is the truth plus noise, the trees the truth: the trees win and the recent level stays out.
        var random = new Random(4);
        var actual = Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 1000).ToList();
        var recent = actual.Select(a => a + ((random.NextDouble() - 0.5) * 800)).ToList();

        var blend = PointBlend.Fit(actual, NoRecent(actual), recent, actual);

        Assert.Equal(PointBlend.Identity, blend);
    }

    [Fact]
    public void Fit_BlendBarelyBetterThanZero_GivesWayToZero()
    {
        // Rare events: the trees catch a sliver of them, less than the margin a blend must win by over a zero forecast.
        var actual = Enumerable.Range(0, 1000).Select(i => i % 100 == 0 ? 1000.0 : 0).ToList();
        var model = actual.Select((a, i) => a > 0 ? 30.0 : i % 3 == 0 ? 1 : 0).ToList();

        var blend = PointBlend.Fit(model, NoRecent(actual), NoRecent(actual), actual);

        Assert.Equal(new PointBlend(0, 0), blend);
    }

    [Fact]
    public void Fit_BlendClearlyBetterThanZero_IsKept()
    {
        var actual = Enumerable.Range(0, 1000).Select(i => i % 100 == 0 ? 1000.0 : 0).ToList();
        var model = actual.Select(a => a > 0 ? 900.0 : 0).ToList();

        var blend = PointBlend.Fit(model, NoRecent(actual), NoRecent(actual), actual);

        Assert.Equal(1.1, blend.Model, 6); // the grid step nearest 1000 / 900
        Assert.Equal(0, blend.Baseline);
    }

    private static List<double> NoRecent(IReadOnlyList<double> actual) => [.. actual.Select(_ => 0.0)];
}
