using System.Net;
using System.Text.Json.Nodes;

namespace Curtailment.Host.Tests;

/// <summary>The public API v1 over real Kestrel, on a seeded store (CAISO has an active model; SPP does not).</summary>
[Trait("Category", "Integration")]
public sealed class ApiContractTests : IAsyncLifetime
{
    private HostFactory _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await HostFactory.SeededAsync();
        _client = _host.Client();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task GetRegions_SeededStore_ListsEveryRegionAsSyntheticWithFreshnessAndActiveModel()
    {
        var regions = (await Json.ReadAsync(await _client.GetAsync("/api/v1/regions"), HttpStatusCode.OK)).AsArray();

        Assert.Equal(Catalogue.Ids, regions.Select(r => r!["id"]!.GetValue<string>()));
        Assert.All(regions, r => Assert.Equal("synthetic-demo", r!["dataKind"]!.GetValue<string>()));
        var caiso = regions[0]!;
        Assert.Equal("fasttree@v1", caiso["servedBy"]!.GetValue<string>());
        Assert.Equal("active", caiso["activeModel"]!["status"]!.GetValue<string>());
        Assert.True(caiso["activeModel"]!["metrics"]!["mae_recent_mw"]!.GetValue<double>() > 0);
        Assert.EndsWith("+00:00", caiso["lastTargetIntervalEnd"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(caiso["lastTargetIntervalEnd"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) <= SeededDatabase.Now);
        Assert.Equal("week_profile", regions[1]!["servedBy"]!.GetValue<string>());
        Assert.Null(regions[1]!["activeModel"]);
        Assert.Equal("PT5M", caiso["resolution"]!.GetValue<string>());
        Assert.Equal("MW", caiso["target"]!["unit"]!.GetValue<string>());
        Assert.False(caiso["target"]!["isProxy"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetRegions_ProxyRegion_SaysWhatItsNumbersAre()
    {
        var regions = (await Json.ReadAsync(await _client.GetAsync("/api/v1/regions"), HttpStatusCode.OK)).AsArray();

        var sa1 = regions.Single(r => r!["id"]!.GetValue<string>() == "SA1")!["target"]!;
        Assert.True(sa1["isProxy"]!.GetValue<bool>());
        Assert.Equal("negative_price_share", sa1["series"]!.GetValue<string>());
        Assert.Equal("share", sa1["unit"]!.GetValue<string>());
        Assert.Equal("rrp_aud_per_mwh < 0 AUD/MWh", sa1["eventRule"]!.GetValue<string>());
        Assert.Equal("eventHours", sa1["rankedBy"]!.GetValue<string>());
        Assert.Contains("not curtailed MW", sa1["predictedValue"]!.GetValue<string>(), StringComparison.Ordinal);
        var gb = regions.Single(r => r!["id"]!.GetValue<string>() == "GB-SCOTLAND")!;
        Assert.Equal("PT30M", gb["resolution"]!.GetValue<string>());
        Assert.Equal("Europe/London", gb["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetForecast_ActiveModel_ServesIntervalsOfTheRangeWithProvenance()
    {
        var from = SeededDatabase.Now;
        var to = from.AddHours(6);

        var forecast = await Json.ReadAsync(await _client.GetAsync($"/api/v1/regions/CAISO/forecast?from={Iso(from)}&to={Iso(to)}"), HttpStatusCode.OK);

        Assert.Equal("fasttree@v1", forecast["modelVersion"]!.GetValue<string>());
        Assert.Equal(SeededDatabase.Now, forecast["issuedAt"]!.GetValue<DateTimeOffset>());
        Assert.NotNull(forecast["generatedAt"]);
        Assert.True(forecast["dataAsOf"]!.GetValue<DateTimeOffset>() <= SeededDatabase.Now);
        var intervals = forecast["intervals"]!.AsArray();
        Assert.Equal(6 * 12, intervals.Count);
        Assert.Equal(from, intervals[0]!["intervalStart"]!.GetValue<DateTimeOffset>());
        Assert.Equal(to, intervals[^1]!["intervalEnd"]!.GetValue<DateTimeOffset>());
        Assert.All(intervals, i =>
        {
            Assert.InRange(i!["eventProbability"]!.GetValue<double>(), 0, 1);
            Assert.True(i["lowerMw"]!.GetValue<double>() <= i["upperMw"]!.GetValue<double>());
            Assert.NotNull(i["predictedMw"]);
        });
    }

    [Fact]
    public async Task GetForecast_SecondRequest_IsServedFromTheStoredVintage()
    {
        var first = await Json.ReadAsync(await _client.GetAsync("/api/v1/regions/CAISO/forecast"), HttpStatusCode.OK);
        var second = await Json.ReadAsync(await _client.GetAsync("/api/v1/regions/CAISO/forecast"), HttpStatusCode.OK);

        Assert.Equal(first["id"]!.GetValue<long>(), second["id"]!.GetValue<long>());
        var vintages = (await Json.ReadAsync(await _client.GetAsync("/api/v1/regions/CAISO/forecasts"), HttpStatusCode.OK)).AsArray();
        Assert.Single(vintages);
    }

    [Fact]
    public async Task GetForecast_NoActiveModel_ServesTheBaselineLabelledWeekProfile()
    {
        var forecast = await Json.ReadAsync(await _client.GetAsync("/api/v1/regions/SPP/forecast"), HttpStatusCode.OK);

        Assert.Equal("week_profile", forecast["modelVersion"]!.GetValue<string>());
        Assert.NotEmpty(forecast["intervals"]!.AsArray());
    }

    [Fact]
    public async Task GetForecast_UnknownRegion_Returns404Problem()
    {
        var problem = await Json.ProblemAsync(await _client.GetAsync("/api/v1/regions/NOPE/forecast"), HttpStatusCode.NotFound);

        Assert.Contains("NOPE", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWindows_LowThreshold_ReturnsContiguousWindowsInsideTheRange()
    {
        var from = SeededDatabase.Now;
        var to = from.AddHours(30);

        var body = await Json.ReadAsync(await _client.GetAsync($"/api/v1/regions/CAISO/windows?from={Iso(from)}&to={Iso(to)}&minMw=1&minProbability=0"), HttpStatusCode.OK);

        Assert.Equal(1, body["minMw"]!.GetValue<double>());
        var windows = body["windows"]!.AsArray();
        Assert.NotEmpty(windows);
        Assert.All(windows, w =>
        {
            Assert.True(w!["start"]!.GetValue<DateTimeOffset>() < w["end"]!.GetValue<DateTimeOffset>());
            Assert.True(w["start"]!.GetValue<DateTimeOffset>() >= from);
            Assert.True(w["end"]!.GetValue<DateTimeOffset>() <= to);
            Assert.True(w["peakMw"]!.GetValue<double>() >= 1);
            Assert.True(w["expectedMwh"]!.GetValue<double>() > 0);
        });
    }

    [Fact]
    public async Task GetWindows_DefaultThreshold_IsTheRegionsEventThreshold()
    {
        var body = await Json.ReadAsync(await _client.GetAsync("/api/v1/regions/CAISO/windows"), HttpStatusCode.OK);

        Assert.Equal(500, body["minMw"]!.GetValue<double>());
        Assert.All(body["windows"]!.AsArray(), w => Assert.True(w!["peakMw"]!.GetValue<double>() >= 500));
    }

    [Fact]
    public async Task GetBestWindow_TwoRegions_RanksCandidatesByExpectedEnergyWithinTheDeadline()
    {
        var earliest = SeededDatabase.Now;
        var deadline = earliest.AddHours(24);

        var body = await Json.ReadAsync(await _client.GetAsync(
            $"/api/v1/best-window?regions=CAISO,SPP&duration=PT3H&earliestStart={Iso(earliest)}&deadline={Iso(deadline)}&top=3"), HttpStatusCode.OK);

        Assert.Equal("PT3H", body["duration"]!.GetValue<string>());
        Assert.Contains("independent", body["assumption"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["CAISO", "SPP"], body["forecasts"]!.AsArray().Select(f => f!["region"]!.GetValue<string>()));
        var candidates = body["candidates"]!.AsArray();
        Assert.Equal(3, candidates.Count);
        var energies = candidates.Select(c => c!["expectedCurtailedMwh"]!.GetValue<double>()).ToList();
        Assert.Equal(energies.OrderDescending(), energies);
        Assert.All(candidates, c =>
        {
            var start = c!["start"]!.GetValue<DateTimeOffset>();
            Assert.True(start >= earliest);
            Assert.Equal(start.AddHours(3), c["end"]!.GetValue<DateTimeOffset>());
            Assert.True(c["end"]!.GetValue<DateTimeOffset>() <= deadline);
            Assert.InRange(c["probabilityAnyCurtailment"]!.GetValue<double>(), 0, 1);
        });
    }

    [Fact]
    public async Task GetActuals_LastTwoDays_ReturnsOnlyValuesPublishedByNow()
    {
        var body = await Json.ReadAsync(await _client.GetAsync("/api/v1/regions/CAISO/actuals"), HttpStatusCode.OK);

        Assert.Equal("total_curtailment_mw", body["series"]!.GetValue<string>());
        var intervals = body["intervals"]!.AsArray();
        Assert.NotEmpty(intervals);
        Assert.All(intervals, i => Assert.True(i!["publishedAt"]!.GetValue<DateTimeOffset>() <= SeededDatabase.Now));
    }

    [Fact]
    public async Task GetForecasts_IssuedRange_ListsStoredVintagesWithTheirPoints()
    {
        await _client.GetAsync("/api/v1/regions/CAISO/forecast");

        var vintages = (await Json.ReadAsync(await _client.GetAsync(
            $"/api/v1/regions/CAISO/forecasts?issuedFrom={Iso(SeededDatabase.Now.AddHours(-1))}&issuedTo={Iso(SeededDatabase.Now.AddHours(1))}"), HttpStatusCode.OK)).AsArray();

        var vintage = Assert.Single(vintages);
        Assert.Equal(SeededDatabase.Now, vintage!["issuedAt"]!.GetValue<DateTimeOffset>());
        Assert.True(vintage["intervals"]!.AsArray().Count > 24 * 12, "a stored vintage runs to the end of the next local day");
    }

    [Fact]
    public async Task Health_SeededStoreStartupDisabled_LiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        var ready = await PollReadyAsync(_client);
        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_AfterAForecast_CountsRequestsAndForecasts()
    {
        await _client.GetAsync("/api/v1/regions/SPP/forecast");

        var response = await _client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE curtailment_http_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("curtailment_forecasts_issued_total{region=\"SPP\",trigger=\"on-demand\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheV1Endpoints()
    {
        var document = await Json.ReadAsync(await _client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/regions/{id}/forecast", paths);
        Assert.Contains("/api/v1/best-window", paths);
        Assert.Contains("/api/v1/outlook", paths);
        Assert.Contains("next local day", document["paths"]!["/api/v1/outlook"]!["get"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/api/v1/models/{id}/activate", paths);
        var scalar = await _client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Equal("text/html", scalar.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dashboard_OutsideDevelopmentWithoutKey_IsRefused()
    {
        var response = await _client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var withKey = _host.Client(withKey: true);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/hangfire")).StatusCode);
    }

    internal static async Task<JsonNode> PollReadyAsync(HttpClient client, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"not ready in time: {body.ToJsonString()}");
                return body;
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task GetForecast_RangesPastTheStoredVintage_ComputeOnceAndReuseItWhileFresh()
    {
        // A range reaching past the end of what can be forecast: the first request computes a vintage,
        // the next ones within VintageSelection.FreshFor are answered from it instead of computing again.
        var from = Iso(SeededDatabase.Now);
        var to = Iso(SeededDatabase.Now.AddDays(3));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.GetAsync($"/api/v1/regions/SPP/forecast?from={from}&to={to}")));
        var vintages = await _client.GetAsync($"/api/v1/regions/SPP/forecasts?issuedFrom={Iso(SeededDatabase.Now.AddMinutes(-1))}&issuedTo={Iso(SeededDatabase.Now.AddMinutes(1))}");

        var issued = new HashSet<string>();
        foreach (var response in responses)
        {
            issued.Add((await Json.ReadAsync(response, HttpStatusCode.OK))["issuedAt"]!.GetValue<string>());
        }

        Assert.Single(issued);
        Assert.Single((await Json.ReadAsync(vintages, HttpStatusCode.OK)).AsArray());
        // Computed once, not once per request.
        var metrics = await (await _client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("curtailment_forecasts_issued_total{region=\"SPP\",trigger=\"on-demand\"} 1\n", metrics, StringComparison.Ordinal);
    }
}
