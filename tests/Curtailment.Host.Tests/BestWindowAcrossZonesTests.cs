using System.Globalization;
using System.Net;
using Curtailment.Core.Forecasts;
using Curtailment.Pipelines.Research;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Host.Tests;

/// <summary>
/// <c>/api/v1/best-window</c> over regions of different time zones and resolutions (5-minute CAISO, hourly DE-TENNET,
/// half-hourly GB-SCOTLAND, 5-minute SA1 price proxy), on real Kestrel, with stored vintages whose best hours are known.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BestWindowAcrossZonesTests
{
    private static readonly DateTimeOffset Now = SeededDatabase.Now;

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));

    private static DateTimeOffset Utc(int day, int hour) => new(2025, 6, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One-hour blocks: DE-TENNET 3,000 MW at 04:00Z on the 16th (06:00 in Berlin), GB-SCOTLAND 2,500 MW at 22:00Z on
    /// the 15th (23:00 in London), CAISO 2,000 MW at 01:00Z on the 16th (18:00 the day before in California), SA1 likely (0.95)
    /// negative prices at 06:00Z on the 16th (16:00 in Brisbane). Ranked by energy: DE, GB, CAISO, neither in time order
    /// nor in catalogue order; partial overlaps of the finer grids score less than the next block.
    /// </summary>
    private static async Task<HostFactory> HostWithBlocksAsync()
    {
        var host = await HostFactory.SeededAsync();
        var to = Now.AddHours(36);
        static ForecastVintage Vintage(string region, string model, List<ForecastPoint> points) =>
            new(0, region, SeededDatabase.Now, SeededDatabase.Now, model, SeededDatabase.Now, points);
        await StoredVintages.SaveAsync(host,
            // CAISO is served by its active model: only that model's vintages are served.
            Vintage("CAISO", "fasttree@v1", StoredVintages.Block(Now, TimeSpan.FromMinutes(5), (int)((to - Now).TotalMinutes / 5), Utc(16, 1), Utc(16, 2), 2000)),
            Vintage("DE-TENNET", "week_profile", StoredVintages.Block(Utc(15, 17), TimeSpan.FromHours(1), 37, Utc(16, 4), Utc(16, 5), 3000)),
            Vintage("GB-SCOTLAND", "week_profile", StoredVintages.Block(Utc(15, 17), TimeSpan.FromMinutes(30), 74, Utc(15, 22), Utc(15, 23), 2500)),
            Vintage("SA1", "week_profile", StoredVintages.Block(Now, TimeSpan.FromMinutes(5), (int)((to - Now).TotalMinutes / 5), Utc(16, 6), Utc(16, 7), -100, 0.95)));
        return host;
    }

    [Fact]
    public async Task GetBestWindow_ThreeZonesThreeResolutions_RanksOnOneUtcTimelineWithLocalStarts()
    {
        await using var host = await HostWithBlocksAsync();
        using var client = host.Client();

        var body = await Json.ReadAsync(await client.GetAsync(
            $"/api/v1/best-window?regions=CAISO,DE-TENNET,GB-SCOTLAND&duration=PT1H&earliestStart={Iso(Now)}&deadline={Iso(Now.AddHours(24))}&top=3"), HttpStatusCode.OK);

        Assert.Equal("energy", body["rankedBy"]!.GetValue<string>());
        var sources = body["forecasts"]!.AsArray();
        Assert.Equal(["PT5M", "PT1H", "PT30M"], sources.Select(s => s!["resolution"]!.GetValue<string>()));
        Assert.Equal(["America/Los_Angeles", "Europe/Berlin", "Europe/London"], sources.Select(s => s!["timeZone"]!.GetValue<string>()));
        var candidates = body["candidates"]!.AsArray();
        Assert.Equal(["DE-TENNET", "GB-SCOTLAND", "CAISO"], candidates.Select(c => c!["region"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3], candidates.Select(c => c!["rank"]!.GetValue<int>()));
        Assert.Equal(["2025-06-16T04:00:00+00:00", "2025-06-15T22:00:00+00:00", "2025-06-16T01:00:00+00:00"], candidates.Select(c => c!["start"]!.GetValue<string>()));
        Assert.Equal(["2025-06-16T05:00:00+00:00", "2025-06-15T23:00:00+00:00", "2025-06-16T02:00:00+00:00"], candidates.Select(c => c!["end"]!.GetValue<string>()));
        Assert.Equal(["2025-06-16T06:00:00+02:00", "2025-06-15T23:00:00+01:00", "2025-06-15T18:00:00-07:00"], candidates.Select(c => c!["localStart"]!.GetValue<string>()));
        Assert.Equal(["Europe/Berlin", "Europe/London", "America/Los_Angeles"], candidates.Select(c => c!["timeZone"]!.GetValue<string>()));
        Assert.Equal([3000d, 2500d, 2000d], candidates.Select(c => Math.Round(c!["expectedCurtailedMwh"]!.GetValue<double>(), 6)));
        Assert.All(candidates, c => Assert.Equal(0.9, c!["expectedEventHours"]!.GetValue<double>(), 9));
    }

    [Fact]
    public async Task GetBestWindow_WithAProxyRegion_RanksEveryRegionByEventHoursAndLeavesTheProxysMwOut()
    {
        await using var host = await HostWithBlocksAsync();
        using var client = host.Client();

        var body = await Json.ReadAsync(await client.GetAsync(
            $"/api/v1/best-window?regions=CAISO,SA1,DE-TENNET&duration=PT1H&earliestStart={Iso(Now)}&deadline={Iso(Now.AddHours(24))}&top=3"), HttpStatusCode.OK);

        Assert.Equal("eventHours", body["rankedBy"]!.GetValue<string>());
        var candidates = body["candidates"]!.AsArray();
        var first = candidates[0]!;
        Assert.Equal("SA1", first["region"]!.GetValue<string>());
        Assert.Equal("2025-06-16T16:00:00+10:00", first["localStart"]!.GetValue<string>());
        Assert.Equal(0.95, first["expectedEventHours"]!.GetValue<double>(), 9);
        Assert.Null(first["expectedCurtailedMwh"]);
        Assert.Null(first["peakMw"]);
        // Then the two 0.9-probability hours (equal but for rounding: twelve 5-minute terms against one hourly term).
        Assert.Equal(["CAISO", "DE-TENNET"], candidates.Skip(1).Select(c => c!["region"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(candidates.Skip(1), c =>
        {
            Assert.Equal(0.9, c!["expectedEventHours"]!.GetValue<double>(), 9);
            Assert.True(c["expectedCurtailedMwh"]!.GetValue<double>() > 0);
        });
    }

    [Fact]
    public async Task GetBestWindow_ExplicitEventHoursForCurtailmentRegions_RanksByProbability()
    {
        await using var host = await HostWithBlocksAsync();
        using var client = host.Client();

        var body = await Json.ReadAsync(await client.GetAsync(
            $"/api/v1/best-window?regions=DE-TENNET,GB-SCOTLAND&duration=PT1H&earliestStart={Iso(Now)}&deadline={Iso(Now.AddHours(24))}&top=2&rankBy=eventHours"), HttpStatusCode.OK);

        Assert.Equal("eventHours", body["rankedBy"]!.GetValue<string>());
        // Ranked by probability x hours, not MWh: the two blocks score alike although DE's carries more MWh.
        var candidates = body["candidates"]!.AsArray();
        Assert.Equal(["DE-TENNET", "GB-SCOTLAND"], candidates.Select(c => c!["region"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(candidates, c => Assert.Equal(0.9, c!["expectedEventHours"]!.GetValue<double>(), 9));
    }

    [Fact]
    public async Task ResearchClient_ProxyRegionCandidates_ReadWithoutMwAndRankedByEventHours()
    {
        await using var host = await HostWithBlocksAsync();
        using var client = host.Client();
        var api = new CurtailmentApiClient(client);

        var placements = await api.BestWindowAsync(["SA1", "GB-SCOTLAND"], TimeSpan.FromHours(1), Now, Now.AddHours(24), 2);

        Assert.Equal(["SA1", "GB-SCOTLAND"], placements.Select(p => p.Region));
        Assert.All(placements, p => Assert.Equal(RankingMeasure.EventHours, p.RankedBy));
        Assert.Equal(0.95, placements[0].ExpectedEventHours, 9);
        Assert.Equal(Utc(16, 6), placements[0].Start);
        Assert.Equal(2500, placements[1].ExpectedCurtailedMwh, 6);
    }

    [Fact]
    public async Task GetWindows_ProxyRegion_RunsOfLikelyEventsWithoutAnMwThreshold()
    {
        await using var host = await HostWithBlocksAsync();
        using var client = host.Client();

        var body = await Json.ReadAsync(await client.GetAsync(
            $"/api/v1/regions/SA1/windows?from={Iso(Now)}&to={Iso(Now.AddHours(24))}"), HttpStatusCode.OK);

        Assert.Null(body["minMw"]);
        Assert.Equal(0.5, body["minProbability"]!.GetValue<double>());
        Assert.True(body["target"]!["isProxy"]!.GetValue<bool>());
        var window = Assert.Single(body["windows"]!.AsArray())!;
        Assert.Equal(Utc(16, 6), window["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Utc(16, 7), window["end"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0.95, window["expectedEventHours"]!.GetValue<double>(), 9);
    }
}
