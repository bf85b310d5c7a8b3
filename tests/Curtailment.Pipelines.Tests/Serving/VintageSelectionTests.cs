using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Pipelines.Serving;

namespace Curtailment.Pipelines.Tests.Serving;

public sealed class VintageSelectionTests
{
    private static readonly DateTimeOffset Issued = new(2025, 6, 15, 17, 0, 0, TimeSpan.Zero);

    private static ForecastVintage Vintage(string model, DateTimeOffset from, DateTimeOffset to) =>
        new(1, "CAISO", Issued, Issued, model, Issued,
            Enumerable.Range(0, (int)((to - from).TotalHours)).Select(h => new ForecastPoint(from.AddHours(h), from.AddHours(h + 1), 600, 500, 700, 0.6)).ToList());

    private static ModelRecord Active(string version) =>
        new(1, "CAISO", "fasttree", version, ModelStatus.Active, Issued, Issued, "{}");

    [Fact]
    public void ByServingModel_VintageOfAReplacedModel_IsFalse()
    {
        var vintage = Vintage("fasttree@v1", Issued, Issued.AddHours(24));

        Assert.True(VintageSelection.ByServingModel(vintage, Active("v1")));
        Assert.False(VintageSelection.ByServingModel(vintage, Active("v2")));
        Assert.True(VintageSelection.ByServingModel(vintage, null));
        Assert.False(VintageSelection.ByServingModel(null, null));
    }

    [Fact]
    public void Answers_CoveredRange_IsTrueAtAnyAge()
    {
        var vintage = Vintage("fasttree@v1", Issued, Issued.AddHours(24));

        Assert.True(VintageSelection.Answers(vintage, Active("v1"), Issued.AddHours(2), Issued.AddHours(5), Issued.AddDays(3)));
    }

    [Fact]
    public void Answers_RangePastTheEnd_OnlyWhileFresh()
    {
        var vintage = Vintage("fasttree@v1", Issued, Issued.AddHours(24));
        var from = Issued.AddHours(20);
        var to = Issued.AddHours(30);

        Assert.True(VintageSelection.Answers(vintage, Active("v1"), from, to, Issued + VintageSelection.FreshFor - TimeSpan.FromSeconds(1)));
        Assert.False(VintageSelection.Answers(vintage, Active("v1"), from, to, Issued + VintageSelection.FreshFor));
    }

    [Fact]
    public void Answers_FreshButStartingAfterTheRange_IsFalse()
    {
        var vintage = Vintage("fasttree@v1", Issued.AddHours(1), Issued.AddHours(24));

        Assert.False(VintageSelection.Answers(vintage, Active("v1"), Issued.AddHours(-2), Issued.AddHours(3), Issued));
        Assert.True(VintageSelection.Answers(vintage, Active("v1"), Issued.AddHours(1), Issued.AddHours(30), Issued));
    }

    [Fact]
    public void Answers_CoveredByAReplacedModel_IsFalse()
    {
        var vintage = Vintage("fasttree@v1", Issued, Issued.AddHours(24));

        Assert.False(VintageSelection.Answers(vintage, Active("v2"), Issued.AddHours(2), Issued.AddHours(5), Issued));
    }
}
