using Curtailment.Models.Artifacts;

namespace Curtailment.Models.Tests.Artifacts;

public sealed class ModelManifestTests
{
    [Fact]
    public void ToJson_ThenParse_KeepsRangeAndMetricsIncludingNaN()
    {
        var manifest = new ModelManifest
        {
            Region = "CAISO",
            Version = "v7",
            TrainingFrom = new DateOnly(2021, 1, 1),
            TrainingTo = new DateOnly(2021, 3, 31),
            Metrics = new() { ["mae_recent_mw"] = 12.5, ["evaluation_days"] = double.NaN },
        };

        var read = ModelManifest.Parse(manifest.ToJson());

        Assert.Equal("CAISO", read.Region);
        Assert.Equal("v7", read.Version);
        Assert.Equal(new DateOnly(2021, 3, 31), read.TrainingTo);
        Assert.Equal(12.5, read.Metrics["mae_recent_mw"]);
        Assert.True(double.IsNaN(read.Metrics["evaluation_days"]));
    }

    [Fact]
    public void Parse_StoredCamelCase_ReadsMetrics()
    {
        var read = ModelManifest.Parse("""{"region":"SPP","kind":"fasttree","version":"v2","trainingFrom":"2021-01-01","trainingTo":"2021-02-01","metrics":{"training_seconds":4.25}}""");

        Assert.Equal(4.25, read.Metrics["training_seconds"]);
        Assert.Equal(new DateOnly(2021, 2, 1), read.TrainingTo);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"metrics":{"mae_recent_mw":"lots"}}""")]
    public void Parse_Unreadable_ThrowsInvalidData(string json)
    {
        Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(json));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Unreadable_IsNull(string? json)
    {
        Assert.Null(ModelManifest.TryParse(json));
    }
}
