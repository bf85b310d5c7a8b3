using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests.Api;

/// <summary>
/// The in-memory serving of forecasts: what the host answers from memory is what the store holds, also after another
/// process (here: a second store on the same file, with its own connections) saved a vintage or activated a model.
/// Each test first stores a vintage and has it served, so that it is held in memory before the other process writes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ForecastServiceTests : IAsyncLifetime
{
    private HostFactory _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await HostFactory.SeededAsync();
        _client = _host.Client(withKey: true);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));

    private async Task<JsonNode> ForecastAsync(string region, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        await Json.ReadAsync(await _client.GetAsync(
            $"/api/v1/regions/{region}/forecast?from={Iso(from ?? SeededDatabase.Now)}&to={Iso(to ?? SeededDatabase.Now.AddHours(24))}"), HttpStatusCode.OK);

    [Fact]
    public async Task GetForecast_VintageSavedByAnotherProcess_IsServedFromTheNextRequest()
    {
        var held = await SeedAsync(Vintage("CAISO", "fasttree@v1", SeededDatabase.Now, 1234));
        Assert.Equal(held.Id, (await ForecastAsync("CAISO"))["id"]!.GetValue<long>());

        // Another process stores a newer vintage of the serving model.
        ForecastVintage saved;
        await using (var other = SeededDatabase.Services(_host.DbPath, _host.Time))
        {
            saved = await other.GetRequiredService<IForecastStore>().SaveForecastAsync(Vintage("CAISO", "fasttree@v1", SeededDatabase.Now.AddSeconds(30), 4321), default);
        }

        var served = await ForecastAsync("CAISO");
        var ranked = await Json.ReadAsync(await _client.GetAsync(
            $"/api/v1/best-window?regions=CAISO&duration=PT1H&earliestStart={Iso(SeededDatabase.Now)}&deadline={Iso(SeededDatabase.Now.AddHours(24))}"), HttpStatusCode.OK);

        Assert.Equal(saved.Id, served["id"]!.GetValue<long>());
        Assert.Equal(SeededDatabase.Now.AddSeconds(30), served["issuedAt"]!.GetValue<DateTimeOffset>());
        Assert.All(served["intervals"]!.AsArray(), i => Assert.Equal(4321, i!["predictedMw"]!.GetValue<double>()));
        Assert.Equal(SeededDatabase.Now.AddSeconds(30), ranked["forecasts"]![0]!["issuedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(4321, ranked["candidates"]![0]!["peakMw"]!.GetValue<double>());
    }

    [Fact]
    public async Task GetForecast_VintageReplacedByAnotherProcess_IsServedFromTheNextRequest()
    {
        // A retry of the same issue time and model replaces the vintage (SQLite may even give it the same id).
        await SeedAsync(Vintage("CAISO", "fasttree@v1", SeededDatabase.Now, 1234));
        Assert.Equal(1234, (await ForecastAsync("CAISO"))["intervals"]![0]!["predictedMw"]!.GetValue<double>());

        await using (var other = SeededDatabase.Services(_host.DbPath, _host.Time))
        {
            await other.GetRequiredService<IForecastStore>().SaveForecastAsync(Vintage("CAISO", "fasttree@v1", SeededDatabase.Now, 4321), default);
        }

        Assert.Equal(4321, (await ForecastAsync("CAISO"))["intervals"]![0]!["predictedMw"]!.GetValue<double>());
    }

    [Fact]
    public async Task GetForecast_ModelActivatedByAnotherProcess_IsServedFromTheNextRequest()
    {
        await SeedAsync(Vintage("CAISO", "fasttree@v1", SeededDatabase.Now, 1234));
        Assert.Equal("fasttree@v1", (await ForecastAsync("CAISO"))["modelVersion"]!.GetValue<string>());

        await using (var other = SeededDatabase.Services(_host.DbPath, _host.Time))
        {
            var models = other.GetRequiredService<IModelStore>();
            var v2 = (await models.ListModelsAsync("CAISO", default)).Single(m => m.Version == "v2");
            await models.ActivateAsync(v2.Id, default);
        }

        Assert.Equal("fasttree@v2", (await ForecastAsync("CAISO"))["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetForecast_VintageDeletedByAnotherProcess_IsNoLongerServed()
    {
        var held = await SeedAsync(Vintage("SPP", "week_profile", SeededDatabase.Now, 1234));
        Assert.Equal(held.Id, (await ForecastAsync("SPP"))["id"]!.GetValue<long>());

        await using (var other = SeededDatabase.Services(_host.DbPath, _host.Time))
        {
            Assert.Equal(1, await other.GetRequiredService<IForecastStore>().DeleteForecastsIssuedBeforeAsync(SeededDatabase.Now.AddHours(1), default));
        }

        // The deleted vintage is gone: a minute later, the next request computes (and stores) a new one.
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await ForecastAsync("SPP");
        Assert.Equal(SeededDatabase.Now.AddMinutes(1), after["issuedAt"]!.GetValue<DateTimeOffset>());
        Assert.NotEqual(1234, after["intervals"]![0]!["predictedMw"]!.GetValue<double>());
    }

    [Theory]
    [InlineData(0, 360)]        // on the grid
    [InlineData(7, 182)]        // off the grid at both ends
    [InlineData(-180, 60)]      // starting before the vintage
    [InlineData(600, 2000)]     // past the vintage's end, within its freshness
    [InlineData(1, 2)]          // inside one interval
    public async Task GetForecast_AnyRange_ServesExactlyTheStoredPointsOfTheRange(int fromMinutes, int toMinutes)
    {
        await ForecastAsync("CAISO");
        var from = SeededDatabase.Now.AddMinutes(fromMinutes);
        var to = SeededDatabase.Now.AddMinutes(toMinutes);

        var served = await ForecastAsync("CAISO", from, to);
        var stored = await _host.Services.GetRequiredService<IForecastStore>().LatestForecastAsync("CAISO", from, to, default);

        Assert.Equal(stored!.Id, served["id"]!.GetValue<long>());
        Assert.Equal(
            stored.Points.Select(p => (p.IntervalStart, p.IntervalEnd, p.PredictedMw, p.LowerMw, p.UpperMw, p.EventProbability)),
            served["intervals"]!.AsArray().Select(i => (
                i!["intervalStart"]!.GetValue<DateTimeOffset>(), i["intervalEnd"]!.GetValue<DateTimeOffset>(), i["predictedMw"]!.GetValue<double>(),
                i["lowerMw"]!.GetValue<double>(), i["upperMw"]!.GetValue<double>(), i["eventProbability"]!.GetValue<double>())));
    }

    [Fact]
    public async Task GetForecast_ServedFromMemory_HasTheJsonContentTypeAndLength()
    {
        await ForecastAsync("CAISO");

        var response = await _client.GetAsync($"/api/v1/regions/CAISO/forecast?from={Iso(SeededDatabase.Now)}&to={Iso(SeededDatabase.Now.AddHours(3))}");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(36, JsonNode.Parse(body)!["intervals"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetForecast_StoredVintageWithExplanations_ServesThemPerDay()
    {
        var drivers = new List<ForecastDriver>
        {
            new("net_load_fc", DriverEffect.Raises, "low net load forecast (4,210 MW at 13:00) raises the forecast"),
            new("is_weekend", DriverEffect.Lowers, "no weekend lowers the forecast"),
        };
        var day = DateOnly.FromDateTime(SeededDatabase.Now.UtcDateTime);
        await SeedAsync(Vintage("CAISO", "fasttree@v1", SeededDatabase.Now, 1234) with { Explanations = [new DayExplanation(day, drivers)] });

        var forecast = await ForecastAsync("CAISO");

        var explanation = Assert.Single(forecast["explanations"]!.AsArray());
        Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), explanation!["date"]!.GetValue<string>());
        Assert.Equal(
            drivers.Select(d => (d.Feature, d.Effect == DriverEffect.Raises ? "raises" : "lowers", d.Text)),
            explanation["drivers"]!.AsArray().Select(d => (d!["feature"]!.GetValue<string>(), d["effect"]!.GetValue<string>(), d["text"]!.GetValue<string>())));
    }

    [Fact]
    public async Task GetForecast_StoredVintageWithoutExplanations_LeavesThePropertyOut()
    {
        await SeedAsync(Vintage("CAISO", "fasttree@v1", SeededDatabase.Now, 1234));

        var forecast = await ForecastAsync("CAISO");

        Assert.Equal(1234, forecast["intervals"]![0]!["predictedMw"]!.GetValue<double>());
        Assert.False(forecast.AsObject().ContainsKey("explanations"));
    }

    private async Task<ForecastVintage> SeedAsync(ForecastVintage vintage) =>
        await _host.Services.GetRequiredService<IForecastStore>().SaveForecastAsync(vintage, default);

    /// <summary>30 hours of 5-minute intervals from the fake now, all at <paramref name="mw"/>.</summary>
    private static ForecastVintage Vintage(string region, string model, DateTimeOffset issuedAt, double mw)
    {
        var start = SeededDatabase.Now.AddMinutes(-SeededDatabase.Now.Minute % 5);
        var points = Enumerable.Range(0, 30 * 12)
            .Select(i => new ForecastPoint(start.AddMinutes(5 * i), start.AddMinutes(5 * (i + 1)), mw, mw - 100, mw + 100, 0.5))
            .ToList();
        return new ForecastVintage(0, region, issuedAt, issuedAt, model, SeededDatabase.Now.AddHours(-1), points);
    }
}
