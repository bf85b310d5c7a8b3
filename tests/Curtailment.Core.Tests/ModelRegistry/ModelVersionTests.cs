using Curtailment.Core.ModelRegistry;

namespace Curtailment.Core.Tests.ModelRegistry;

public sealed class ModelVersionTests
{
    [Theory]
    [InlineData("fasttree@v3", "fasttree", "v3")]
    [InlineData("fasttree@bt-2021-03-07", "fasttree", "bt-2021-03-07")]
    [InlineData("ssa@v1@x", "ssa", "v1@x")]
    public void Parse_KindAtVersion_ReadsBothPartsAndFormatsBack(string text, string kind, string version)
    {
        var parsed = ModelVersion.Parse(text);

        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(version, parsed.Version);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("week_profile")]
    [InlineData("@v3")]
    [InlineData("fasttree@")]
    [InlineData(" @v1")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotKindAtVersion_IsFalse(string? text)
    {
        Assert.False(ModelVersion.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Baseline_ThrowsFormatExceptionNamingTheText()
    {
        var error = Assert.Throws<FormatException>(() => ModelVersion.Parse("week_profile"));

        Assert.Contains("'week_profile'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KindWithSeparator_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ModelVersion("fast@tree", "v1"));
    }

    [Fact]
    public void Equality_SameParts_EqualAndSameHash()
    {
        var a = new ModelVersion("fasttree", "v3");
        var b = ModelVersion.Parse("fasttree@v3");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new ModelVersion("fasttree", "V3"));
        Assert.NotEqual(a, new ModelVersion("ssa", "v3"));
    }

    [Fact]
    public void IsLabel_ForecastLabels_MatchesOnlyItsOwn()
    {
        var version = new ModelVersion("fasttree", "v3");

        Assert.True(version.IsLabel("fasttree@v3"));
        Assert.False(version.IsLabel("fasttree@v30"));
        Assert.False(version.IsLabel("week_profile"));
        Assert.False(version.IsLabel(null));
    }

    [Fact]
    public void CompareTo_RegistryLabels_OrderByNumberThenOthers()
    {
        var sorted = new[] { "fasttree@v10", "fasttree@bt-2021", "fasttree@v2", "a@v9", "fasttree@v1" }
            .Select(ModelVersion.Parse).Order().Select(v => v.ToString());

        Assert.Equal(["a@v9", "fasttree@v1", "fasttree@v2", "fasttree@v10", "fasttree@bt-2021"], sorted);
        Assert.True(ModelVersion.Parse("fasttree@v2") < ModelVersion.Parse("fasttree@v10"));
    }

    [Fact]
    public void ToModelVersion_Record_IsItsKindAndVersion()
    {
        var record = new ModelRecord(1, "CAISO", "fasttree", "v4", ModelStatus.Active, DateTimeOffset.UnixEpoch, null, "{}");

        Assert.Equal("fasttree@v4", record.ToModelVersion().ToString());
    }
}
