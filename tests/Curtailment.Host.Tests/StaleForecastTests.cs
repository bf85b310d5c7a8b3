using System.Globalization;
using System.Net;
using Curtailment.Core.Forecasts;

namespace Curtailment.Host.Tests;

/// <summary>
/// Stale forecasts on real Kestrel: a vintage issued before the latest day-ahead issue the schedule expected is served
/// with <c>stale: true</c> and the reason, and the outlook marks its region; a vintage issued on time carries neither.
/// SPP and ERCOT (America/Chicago) have no active model in the seeded store, so any stored vintage serves them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StaleForecastTests
{
    // SeededDatabase.Now is 2025-06-15 12:30 CDT: today's 10:00 CDT issue (15:00Z) has passed.
    private static readonly DateTimeOffset Now = SeededDatabase.Now;
    private static readonly DateTimeOffset TodaysIssue = new(2025, 6, 15, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LocalMidnight = new(2025, 6, 15, 5, 0, 0, TimeSpan.Zero);

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    private static ForecastVintage Vintage(string region, DateTimeOffset issuedAt) =>
        new(0, region, issuedAt, issuedAt, "week_profile", issuedAt,
            StoredVintages.Block(LocalMidnight, TimeSpan.FromHours(1), 48, LocalMidnight, LocalMidnight, 0));

    [Fact]
    public async Task GetForecastAndOutlook_VintageFromYesterdayAfterTodaysIssueTime_StaleWithBothIssueTimes()
    {
        await using var host = await HostFactory.SeededAsync();
        await StoredVintages.SaveAsync(host, Vintage("SPP", TodaysIssue.AddDays(-1)), Vintage("ERCOT", TodaysIssue));
        using var client = host.Client();
        var range = $"from={Iso(Now)}&to={Iso(Now.AddHours(6))}";

        var spp = await Json.ReadAsync(await client.GetAsync($"/api/v1/regions/SPP/forecast?{range}"), HttpStatusCode.OK);
        var ercot = await Json.ReadAsync(await client.GetAsync($"/api/v1/regions/ERCOT/forecast?{range}"), HttpStatusCode.OK);
        var past = await Json.ReadAsync(await client.GetAsync($"/api/v1/regions/SPP/forecast?from={Iso(LocalMidnight)}&to={Iso(LocalMidnight.AddHours(2))}"), HttpStatusCode.OK);
        var outlook = await Json.ReadAsync(await client.GetAsync("/api/v1/outlook"), HttpStatusCode.OK);

        Assert.Equal(TodaysIssue.AddDays(-1), spp["issuedAt"]!.GetValue<DateTimeOffset>());
        Assert.True(spp["stale"]!.GetValue<bool>());
        var reason = spp["staleReason"]!.GetValue<string>();
        Assert.Contains("2025-06-15 10:00 -05:00", reason, StringComparison.Ordinal);
        Assert.Contains("2025-06-14 10:00 -05:00", reason, StringComparison.Ordinal);
        Assert.Null(ercot["stale"]);
        Assert.Null(ercot["staleReason"]);
        Assert.Null(past["stale"]); // a range already over is answered by the vintage of its time, by design
        var byId = outlook["regions"]!.AsArray().ToDictionary(r => r!["region"]!.GetValue<string>(), r => r!);
        Assert.True(byId["SPP"]["stale"]!.GetValue<bool>());
        Assert.Contains("2025-06-14 10:00 -05:00", byId["SPP"]["staleReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(byId["ERCOT"]["stale"]);
    }

    [Fact]
    public async Task GetForecast_SameRangeAfterTheNextIssueTimePasses_TurnsStaleAlthoughServedFromMemory()
    {
        await using var host = await HostFactory.SeededAsync();
        await StoredVintages.SaveAsync(host, Vintage("SPP", TodaysIssue));
        using var client = host.Client();
        var range = $"from={Iso(LocalMidnight.AddHours(37))}&to={Iso(LocalMidnight.AddHours(39))}";

        var fresh = await Json.ReadAsync(await client.GetAsync($"/api/v1/regions/SPP/forecast?{range}"), HttpStatusCode.OK);
        host.Time.Advance(TimeSpan.FromHours(22)); // 2025-06-16 10:30 CDT: the 16th's issue is due and missing
        var later = await Json.ReadAsync(await client.GetAsync($"/api/v1/regions/SPP/forecast?{range}"), HttpStatusCode.OK);

        Assert.Null(fresh["stale"]);
        Assert.Equal(fresh["id"]!.GetValue<long>(), later["id"]!.GetValue<long>());
        Assert.True(later["stale"]!.GetValue<bool>());
        Assert.Contains("2025-06-16 10:00 -05:00", later["staleReason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
