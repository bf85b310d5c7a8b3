using System.Globalization;
using System.Net;
using System.Text.Json;
using Curtailment.Contracts.Client;
using Curtailment.Contracts.Requests;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Tests;

/// <summary>The typed client of <c>Curtailment.Contracts</c> against the real host on Kestrel over loopback.</summary>
[Trait("Category", "Integration")]
public sealed class CurtailmentClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = SeededDatabase.Now;

    private HostFactory _host = null!;
    private HttpClient _http = null!;
    private CurtailmentClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await HostFactory.SeededAsync();
        _http = _host.Client();
        _client = new CurtailmentClient(_http);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private JsonSerializerOptions HostJson => _host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));

    [Fact]
    public async Task GetForecastAsync_ReadsEveryFieldTheHostWrites()
    {
        var raw = await _http.GetStringAsync(new Uri($"/api/v1/regions/CAISO/forecast?from={Iso(Now)}&to={Iso(Now.AddHours(6))}", UriKind.Relative));

        var typed = await _client.GetForecastAsync("CAISO", Now, Now.AddHours(6));

        // Written back with the host's settings, the typed answer is the host's bytes: nothing dropped or renamed.
        Assert.Equal(raw, JsonSerializer.Serialize(typed, HostJson));
        Assert.Equal(72, typed.Intervals.Count);
        Assert.Equal("MW", typed.Target.Unit);
    }

    [Fact]
    public async Task GetWindowsAndBestWindowAsync_ReadEveryFieldTheHostWrites()
    {
        var windowsRaw = await _http.GetStringAsync(new Uri($"/api/v1/regions/CAISO/windows?from={Iso(Now)}&to={Iso(Now.AddHours(24))}&minMw=100", UriKind.Relative));
        var bestRaw = await _http.GetStringAsync(new Uri(
            $"/api/v1/best-window?regions=CAISO%2CSPP&duration=PT3H&earliestStart={Iso(Now)}&deadline={Iso(Now.AddHours(24))}&top=3", UriKind.Relative));

        var windows = await _client.GetWindowsAsync("CAISO", Now, Now.AddHours(24), minMw: 100);
        var best = await _client.GetBestWindowAsync(["CAISO", "SPP"], TimeSpan.FromHours(3), Now, Now.AddHours(24), top: 3);

        Assert.Equal(windowsRaw, JsonSerializer.Serialize(windows, HostJson));
        Assert.Equal(bestRaw, JsonSerializer.Serialize(best, HostJson));
        Assert.Equal(100, windows.MinMw);
        Assert.Equal(3, best.Candidates.Count);
        Assert.Equal(["CAISO", "SPP"], best.Forecasts.Select(f => f.Region));
    }

    [Fact]
    public async Task GetRegionsAndOutlookAsync_EveryRegionOfTheCatalogue()
    {
        var regions = await _client.GetRegionsAsync();
        var outlook = await _client.GetOutlookAsync();

        Assert.Equal(Catalogue.Ids, regions.Select(r => r.Id));
        Assert.Equal(Catalogue.Ids, outlook.Regions.Select(r => r.Region));
    }

    [Fact]
    public async Task GetWindowsAsync_BadThreshold_ThrowsWithTheFieldMessage()
    {
        var error = await Assert.ThrowsAsync<CurtailmentApiException>(() => _client.GetWindowsAsync("CAISO", new WindowsQuery { MinMw = "-5", MinProbability = "2" }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(["'-5' must be a number between 0 and 1000000."], error.Errors["minMw"]);
        Assert.Single(error.Errors["minProbability"]);
        Assert.Contains("minMw: '-5' must be a number between 0 and 1000000.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetForecastAsync_UnknownRegion_ThrowsNotFoundWithTheTitle()
    {
        var error = await Assert.ThrowsAsync<CurtailmentApiException>(() => _client.GetForecastAsync("ATLANTIS"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("Unknown region.", error.Title);
        Assert.Contains("ATLANTIS", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListModelsAsync_WithoutKey_ThrowsUnauthorized_WithKey_ListsTheActiveModel()
    {
        var refused = await Assert.ThrowsAsync<CurtailmentApiException>(() => _client.ListModelsAsync(new ModelsQuery { Region = "CAISO" }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var models = await new CurtailmentClient(_host.Client(withKey: true)).ListModelsAsync(new ModelsQuery { Region = "CAISO" });

        Assert.Contains(models, m => m.ModelVersion == "fasttree@v1" && m.Status == "active");
    }
}
