using Curtailment.Models.Ssa;

namespace Curtailment.Models.Tests.Ssa;

public class SsaModelTests
{
    private static readonly double[] Sawtooth = [.. Enumerable.Range(0, 22).Select(i => (double)(i % 10))];

    private static SsaModel Train() =>
        SsaForecaster.Train(Sawtooth, SsaReferenceVectorsTests.Options(10, 11, 22));

    [Fact]
    public void Load_SavedModel_ForecastsAndUpdatesIdentically()
    {
        var original = Train();
        original.Update([2.0, 2.0]);
        using var stream = new MemoryStream();
        original.Save(stream);
        stream.Position = 0;

        var reloaded = SsaModel.Load(stream);
        original.Update([3.0]);
        reloaded.Update([3.0]);

        Assert.Equal(original.Rank, reloaded.Rank);
        Assert.Equal(original.ObservedCount, reloaded.ObservedCount);
        Assert.Equal(original.Options, reloaded.Options);
        var a = original.Forecast(5);
        var b = reloaded.Forecast(5);
        Assert.Equal(a.Point, b.Point);
        Assert.Equal(a.Lower, b.Lower);
        Assert.Equal(a.Upper, b.Upper);
    }

    [Fact]
    public void Load_WrongVersion_ThrowsNamingVersion()
    {
        byte[] bytes = Saved();
        bytes[4] = 99;

        var e = Assert.Throws<InvalidDataException>(() => SsaModel.Load(new MemoryStream(bytes)));

        Assert.Contains("version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FlippedPayloadByte_ThrowsCorrupt()
    {
        byte[] bytes = Saved();
        bytes[40] ^= 0x10;

        var e = Assert.Throws<InvalidDataException>(() => SsaModel.Load(new MemoryStream(bytes)));

        Assert.Contains("corrupt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedStream_ThrowsTruncated()
    {
        byte[] bytes = Saved()[..50];

        var e = Assert.Throws<InvalidDataException>(() => SsaModel.Load(new MemoryStream(bytes)));

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAModel_ThrowsMagic()
    {
        var e = Assert.Throws<InvalidDataException>(() => SsaModel.Load(new MemoryStream("{\"json\":1}"u8.ToArray())));

        Assert.Contains("CSSA", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_Bounds_WidenWithHorizonAndStayFinite()
    {
        var forecast = Train().Forecast(50);

        Assert.All(forecast.Point.Concat(forecast.Lower).Concat(forecast.Upper), v => Assert.True(double.IsFinite(v)));
        Assert.True(forecast.Upper[49] - forecast.Lower[49] >= forecast.Upper[0] - forecast.Lower[0]);
        Assert.All(Enumerable.Range(0, 50), h => Assert.True(forecast.Lower[h] < forecast.Point[h] && forecast.Point[h] < forecast.Upper[h]));
    }

    private static byte[] Saved()
    {
        using var stream = new MemoryStream();
        Train().Save(stream);
        return stream.ToArray();
    }
}
