using System.Net;
using Curtailment.Core.Forecasts;

namespace Curtailment.Host.Tests;

/// <summary><c>GET /api/v1/outlook</c> on real Kestrel: every region's next local day, or the reason it has none.</summary>
[Trait("Category", "Integration")]
public sealed class OutlookEndpointTests
{
    private static readonly DateTimeOffset Now = SeededDatabase.Now;

    private static DateTimeOffset Utc(int day, int hour) => new(2025, 6, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetOutlook_SeededStore_ListsEveryRegionWithItsForecastOrTheReason()
    {
        await using var host = await HostFactory.SeededAsync();
        await StoredVintages.SaveAsync(host,
            // CAISO today: 2,000 MW from 12:00 to 14:00 on the 16th in California (19:00-21:00Z).
            new ForecastVintage(0, "CAISO", Now, Now, "fasttree@v1", Now,
                StoredVintages.Block(Now, TimeSpan.FromMinutes(5), 12 * 38, Utc(16, 19), Utc(16, 21), 2000)),
            // SPP's day-ahead forecast for the 14th (issued 10:00 CDT on the 13th), all zero: scored against the actuals.
            new ForecastVintage(0, "SPP", Utc(13, 15), Utc(13, 15), "week_profile", Utc(13, 15),
                StoredVintages.Block(Utc(14, 5), TimeSpan.FromMinutes(5), 288, Utc(14, 5), Utc(14, 5), 0)));
        using var client = host.Client();
        // SA1's forecast computed on demand through the API, as a client's request would.
        await Json.ReadAsync(await client.GetAsync("/api/v1/regions/SA1/forecast"), HttpStatusCode.OK);

        var body = await Json.ReadAsync(await client.GetAsync("/api/v1/outlook"), HttpStatusCode.OK);

        Assert.Equal(Now, body["asOf"]!.GetValue<DateTimeOffset>());
        Assert.Equal("PT3H", body["windowLength"]!.GetValue<string>());
        var regions = body["regions"]!.AsArray();
        Assert.Equal(Catalogue.Ids, regions.Select(r => r!["region"]!.GetValue<string>()));
        var byId = regions.ToDictionary(r => r!["region"]!.GetValue<string>(), r => r!);

        var caiso = byId["CAISO"];
        Assert.Equal("ok", caiso["status"]!.GetValue<string>());
        Assert.Equal("2025-06-16", caiso["day"]!.GetValue<string>());
        Assert.Equal("2025-06-16T00:00:00-07:00", caiso["dayStart"]!.GetValue<string>());
        var caisoDay = caiso["forecast"]!;
        Assert.Equal(4000, caisoDay["expectedCurtailedMwh"]!.GetValue<double>(), 6);
        Assert.Equal("fasttree@v1", caisoDay["modelVersion"]!.GetValue<string>());
        Assert.Equal("PT0S", caisoDay["age"]!.GetValue<string>());
        Assert.Equal(288, caisoDay["intervals"]!.GetValue<int>());
        Assert.Equal(0.9, caisoDay["peakProbability"]!.GetValue<double>(), 9);
        Assert.Equal("2025-06-16T12:00:00-07:00", caisoDay["peakProbabilityAt"]!.GetValue<string>());
        // Three-hour windows from 11:00 to 12:00 hold the whole block; the earliest wins.
        Assert.Equal("2025-06-16T11:00:00-07:00", caisoDay["bestWindow"]!["localStart"]!.GetValue<string>());
        Assert.Equal("2025-06-16T18:00:00+00:00", caisoDay["bestWindow"]!["start"]!.GetValue<string>());
        Assert.Null(caiso["skill"]!["modelMae"]);
        Assert.False(string.IsNullOrWhiteSpace(caiso["skill"]!["reason"]?.GetValue<string>()));

        var sa1 = byId["SA1"];
        Assert.Equal("ok", sa1["status"]!.GetValue<string>());
        Assert.True(sa1["target"]!["isProxy"]!.GetValue<bool>());
        Assert.Null(sa1["forecast"]!["expectedCurtailedMwh"]);
        Assert.InRange(sa1["forecast"]!["expectedEventHours"]!.GetValue<double>(), 0, 24);
        Assert.EndsWith("+10:00", sa1["dayStart"]!.GetValue<string>(), StringComparison.Ordinal);

        // Data without a stored forecast: listed with the reason, not an error.
        var tennet = byId["DE-TENNET"];
        Assert.Equal("no-forecast", tennet["status"]!.GetValue<string>());
        Assert.Null(tennet["forecast"]);
        Assert.Contains("No stored forecast covers 2025-06-16 (Europe/Berlin)", tennet["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var ercot = byId["ERCOT"];
        Assert.Equal("no-forecast", ercot["status"]!.GetValue<string>());
        Assert.Contains("No stored forecast covers 2025-06-16 (America/Chicago)", ercot["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // SPP: one day-ahead vintage against published actuals, next to the week profile over the same intervals.
        var skill = byId["SPP"]["skill"]!;
        Assert.Null(skill["reason"]);
        Assert.Equal(1, skill["days"]!.GetValue<int>());
        Assert.Equal(288, skill["intervals"]!.GetValue<int>());
        Assert.True(skill["modelMae"]!.GetValue<double>() >= 0);
        Assert.True(skill["baselineMae"]!.GetValue<double>() >= 0);
        Assert.Equal("MW", skill["unit"]!.GetValue<string>());
        Assert.Equal(["week_profile"], skill["modelVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task GetOutlook_EmptyStore_EveryRegionListedWithTheReason()
    {
        await using var host = HostFactory.Empty();
        using var client = host.Client();

        var body = await Json.ReadAsync(await client.GetAsync("/api/v1/outlook"), HttpStatusCode.OK);

        var regions = body["regions"]!.AsArray();
        Assert.Equal(Catalogue.Ids, regions.Select(r => r!["region"]!.GetValue<string>()));
        Assert.All(regions, r =>
        {
            Assert.Equal("no-forecast", r!["status"]!.GetValue<string>());
            Assert.Contains("observations are stored", r["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null(r["skill"]!["modelMae"]);
            Assert.Contains("actuals", r["skill"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }
}
