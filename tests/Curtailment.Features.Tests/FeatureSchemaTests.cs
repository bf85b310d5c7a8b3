namespace Curtailment.Features.Tests;

public sealed class FeatureSchemaTests
{
    [Fact]
    public void GroupOf_EveryFeature_BelongsToAKnownGroupAndEveryGroupIsUsed()
    {
        var groups = FeatureSchema.Names.Select(FeatureSchema.GroupOf).ToList();

        Assert.All(groups, g => Assert.Contains(g, FeatureSchema.Groups));
        Assert.Equal(FeatureSchema.Groups.Order(StringComparer.Ordinal), groups.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("hist_7d_mean", "history")]
    [InlineData("demand_fc", "demand")]
    [InlineData("demand_fc_is_ssa", "demand")]
    [InlineData("ssa_target_fc", "ssa")]
    [InlineData("has_ssa_target_fc", "ssa")]
    [InlineData("net_load_fc_day_min", "renewables")]
    [InlineData("solar_28d_max", "supply")]
    [InlineData("imports_24h_mean", "supply")]
    [InlineData("wk_net_load_day_min_change", "week_change")]
    [InlineData("tod_sin", "calendar")]
    [InlineData("clear_sky_ghi", "sun")]
    public void GroupOf_KnownFeature_IsItsSource(string name, string group) => Assert.Equal(group, FeatureSchema.GroupOf(name));

    [Fact]
    public void IndexOf_EveryFeature_IsItsColumn()
    {
        for (var j = 0; j < FeatureSchema.Names.Count; j++)
        {
            Assert.Equal(j, FeatureSchema.IndexOf(FeatureSchema.Names[j]));
        }
    }

    [Fact]
    public void IndexOf_UnknownFeature_ThrowsNamingIt() =>
        Assert.Contains("'no_such_feature'", Assert.Throws<InvalidOperationException>(() => FeatureSchema.IndexOf("no_such_feature")).Message);
}
