using System.Text;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;

namespace Curtailment.Core.Tests;

public sealed class RegionCatalogTests
{
    [Fact]
    public void Load_ShippedRegionsFile_HasEveryRegionWithItsRules()
    {
        var catalog = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json"));

        Assert.Equal(["CAISO", "SPP", "ERCOT", "SA1", "DE-TENNET", "DE-50HERTZ", "DE-AMPRION", "DE-TRANSNETBW", "GB-SCOTLAND"], catalog.All.Select(r => r.Id));
        var caiso = catalog.Get("caiso");
        Assert.Equal("America/Los_Angeles", caiso.TimeZone.Id);
        Assert.Equal(500, caiso.Target.EventThreshold);
        Assert.Equal(SeriesIds.TotalCurtailment, caiso.Target.Series);
        Assert.Equal(TimeSpan.FromMinutes(5), caiso.NativeResolution);
        Assert.Equal(PublicationKind.NextDay, caiso.CurtailmentPublication.Kind);
        var sa1 = catalog.Get("SA1");
        Assert.Equal(SeriesIds.NegativePriceShare, sa1.Target.Series);
        Assert.True(sa1.Target.IsProxy);
        Assert.Equal(1, sa1.Target.Proxy!.ShareOf(-0.01));
        Assert.Equal(0, sa1.Target.Proxy.ShareOf(0));
        Assert.True(sa1.Target.IsEvent(1));
        Assert.False(sa1.Target.IsEvent(0));
        Assert.False(caiso.Target.IsProxy);
        Assert.True(caiso.Target.IsEvent(500));
        var tennet = catalog.Get("DE-TENNET");
        Assert.Equal(SeriesIds.RedispatchDown, tennet.Target.Series);
        Assert.Equal(TimeSpan.FromHours(1), tennet.NativeResolution);
        Assert.Equal("Europe/Berlin", tennet.TimeZone.Id);
        var scotland = catalog.Get("GB-SCOTLAND");
        Assert.Equal(SeriesIds.WindCurtailment, scotland.Target.Series);
        Assert.Equal(TimeSpan.FromMinutes(30), scotland.NativeResolution);
        Assert.Equal("Europe/London", scotland.TimeZone.Id);
    }

    [Fact]
    public void Get_UnknownRegion_ThrowsNamingIt()
    {
        var catalog = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json"));

        var error = Assert.Throws<UnknownRegionException>(() => catalog.Get("MARS"));

        Assert.Equal("MARS", error.RegionId);
    }

    [Theory]
    [InlineData("""{"regions":[{"id":"X","timeZone":"UTC","latitude":1,"longitude":1,"eventThresholdMw":0.5,"nativeResolution":"PT5M","curtailmentPublication":"realtime","proxyTarget":{"series":"rrp_aud_per_mwh","eventBelow":0}}]}""", "a proxyTarget needs 'targetSeries'")]
    [InlineData("""{"regions":[{"id":"X","timeZone":"UTC","latitude":1,"longitude":1,"eventThresholdMw":5,"nativeResolution":"PT5M","curtailmentPublication":"realtime","transmissionBoundaries":["B6 North"]}]}""", "transmission boundary 'B6 North'")]
    [InlineData("""{"regions":[{"id":"X","timeZone":"Mars/Olympus","latitude":1,"longitude":1,"eventThresholdMw":5,"nativeResolution":"PT5M","curtailmentPublication":"realtime"}]}""", "unknown IANA time zone 'Mars/Olympus'")]
    [InlineData("""{"regions":[{"id":"X","timeZone":"UTC","latitude":1,"longitude":1,"nativeResolution":"PT5M","curtailmentPublication":"realtime"}]}""", "'eventThresholdMw' is required")]
    [InlineData("""{"regions":[{"id":"X","timeZone":"UTC","latitude":1,"longitude":1,"eventThresholdMw":5,"nativeResolution":"5 minutes","curtailmentPublication":"realtime"}]}""", "not an ISO-8601 duration")]
    [InlineData("""{"regions":[{"id":"X","timeZone":"UTC","latitude":1,"longitude":1,"eventThresholdMw":5,"nativeResolution":"PT5M","curtailmentPublication":"later"}]}""", "Publication rule 'later'")]
    [InlineData("""{"regions":[]}""", "no regions defined")]
    public void Load_InvalidEntry_FailsNamingFileRegionAndField(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => RegionCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "regions.json"));

        Assert.StartsWith("regions.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
