using System.Net;
using System.Xml;

namespace Curtailment.Host.Tests;

/// <summary>
/// Every region of the catalogue through every public read endpoint, on real Kestrel over the seeded SYNTHETIC store:
/// forecasts at the region's own resolution, windows, actuals and vintages; a region whose target series has no data
/// answers 503 naming the series.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServeEveryRegionTests
{
    [Fact]
    public async Task ReadEndpoints_EveryCatalogueRegion_ServeItAtItsOwnResolution()
    {
        await using var host = await HostFactory.SeededAsync();
        using var client = host.Client();
        var regions = (await Json.ReadAsync(await client.GetAsync("/api/v1/regions"), HttpStatusCode.OK)).AsArray();
        Assert.Equal(Catalogue.Ids, regions.Select(r => r!["id"]!.GetValue<string>()));

        foreach (var region in regions)
        {
            var id = region!["id"]!.GetValue<string>();
            var series = region["target"]!["series"]!.GetValue<string>();
            var step = XmlConvert.ToTimeSpan(region["resolution"]!.GetValue<string>());
            Assert.Equal(Catalogue.Regions.Get(id).NativeResolution, step);
            var path = $"/api/v1/regions/{Uri.EscapeDataString(id)}";

            if (region["lastTargetIntervalEnd"] is null)
            {
                var problem = await Json.ProblemAsync(await client.GetAsync($"{path}/forecast"), HttpStatusCode.ServiceUnavailable);
                Assert.Contains(series, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
                await Json.ProblemAsync(await client.GetAsync($"{path}/windows"), HttpStatusCode.ServiceUnavailable);
                Assert.Empty((await Json.ReadAsync(await client.GetAsync($"{path}/actuals"), HttpStatusCode.OK))["intervals"]!.AsArray());
                continue;
            }

            var forecast = await Json.ReadAsync(await client.GetAsync($"{path}/forecast"), HttpStatusCode.OK);
            Assert.Equal(series, forecast["target"]!["series"]!.GetValue<string>());
            var intervals = forecast["intervals"]!.AsArray();
            Assert.NotEmpty(intervals);
            Assert.All(intervals, i =>
            {
                var start = i!["intervalStart"]!.GetValue<DateTimeOffset>();
                Assert.Equal(step, i["intervalEnd"]!.GetValue<DateTimeOffset>() - start);
                Assert.Equal(0, start.UtcTicks % step.Ticks);
                Assert.EndsWith("+00:00", i["intervalStart"]!.GetValue<string>(), StringComparison.Ordinal);
            });

            var windows = await Json.ReadAsync(await client.GetAsync($"{path}/windows"), HttpStatusCode.OK);
            Assert.Equal(forecast["issuedAt"]!.GetValue<DateTimeOffset>(), windows["issuedAt"]!.GetValue<DateTimeOffset>());

            var actuals = await Json.ReadAsync(await client.GetAsync($"{path}/actuals?from=2025-06-01T00:00:00Z&to=2025-06-15T00:00:00Z"), HttpStatusCode.OK);
            Assert.Equal(series, actuals["series"]!.GetValue<string>());
            var observed = actuals["intervals"]!.AsArray();
            Assert.NotEmpty(observed);
            Assert.All(observed, o => Assert.Equal(step, o!["intervalEnd"]!.GetValue<DateTimeOffset>() - o["intervalStart"]!.GetValue<DateTimeOffset>()));

            var vintages = (await Json.ReadAsync(await client.GetAsync($"{path}/forecasts"), HttpStatusCode.OK)).AsArray();
            Assert.Contains(vintages, v => v!["id"]!.GetValue<long>() == forecast["id"]!.GetValue<long>());
        }
    }
}
