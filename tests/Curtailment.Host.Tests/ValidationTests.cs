using System.Net;

namespace Curtailment.Host.Tests;

/// <summary>Every validation path answers 400 problem+json naming the field, with a traceId.</summary>
[Trait("Category", "Integration")]
public sealed class ValidationTests : IAsyncLifetime
{
    private HostFactory _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await HostFactory.SeededAsync();
        _client = _host.Client(withKey: true);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/regions/CAISO/forecast?from=yesterday", "from")]
    [InlineData("/api/v1/regions/CAISO/forecast?from=2025-06-15T10:00:00", "from")]
    [InlineData("/api/v1/regions/CAISO/forecast?from=2025-06-16T00:00:00Z&to=2025-06-15T00:00:00Z", "to")]
    [InlineData("/api/v1/regions/CAISO/forecast?from=2025-06-15T00:00:00Z&to=2025-06-15T00:00:00Z", "to")]
    [InlineData("/api/v1/regions/CAISO/forecast?from=2025-06-01T00:00:00Z&to=2025-06-16T00:00:01Z", "to")]
    [InlineData("/api/v1/regions/CAISO/windows?minMw=lots", "minMw")]
    [InlineData("/api/v1/regions/CAISO/windows?minProbability=1.5", "minProbability")]
    [InlineData("/api/v1/regions/CAISO/actuals?to=2025-13-01T00:00:00Z", "to")]
    [InlineData("/api/v1/regions/CAISO/forecasts?issuedFrom=2025-06-15T00:00:00Z&issuedTo=2025-06-14T00:00:00Z", "issuedTo")]
    [InlineData("/api/v1/best-window?regions=CAISO", "duration")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=3h", "duration")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=-PT3H", "duration")]
    [InlineData("/api/v1/best-window?duration=PT3H", "regions")]
    [InlineData("/api/v1/best-window?regions=CAISO,NOPE&duration=PT3H", "regions")]
    [InlineData("/api/v1/best-window?regions=SA1&duration=PT3H&rankBy=energy", "rankBy")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=PT3H&rankBy=mwh", "rankBy")]
    [InlineData("/api/v1/regions/SA1/windows?minMw=0", "minMw")]
    [InlineData("/api/v1/regions/GB-SCOTLAND/windows?minProbability=-0.1", "minProbability")]
    [InlineData("/api/v1/regions/DE-TENNET/forecast?from=2025-06-15T10:00:00", "from")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=PT3H&earliestStart=2025-06-15T18:00:00Z&deadline=2025-06-15T20:00:00Z", "deadline")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=PT3H&earliestStart=2025-06-15T18:00:00Z&deadline=2025-07-15T18:00:00Z", "deadline")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=PT3H&top=0", "top")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=PT3H&earliestStart=soon", "earliestStart")]
    [InlineData("/api/v1/regions/CAISO/windows?minMw=-5", "minMw")]
    [InlineData("/api/v1/regions/CAISO/forecast?from=9999-12-31T23:00:00Z", "from")]
    [InlineData("/api/v1/regions/CAISO/actuals?to=0001-01-01T00:00:00Z", "to")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=PT3H&earliestStart=9999-12-31T23:00:00Z", "earliestStart")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=P30D", "duration")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=P10675199D", "duration")]
    [InlineData("/api/v1/best-window?regions=CAISO&duration=PT0S", "duration")]
    public async Task Get_BadParameter_Returns400ProblemNamingTheField(string url, string field)
    {
        var problem = await Json.ProblemAsync(await _client.GetAsync(url), HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"errors name {string.Join(", ", errors.Select(e => e.Key))}, not {field}");
        Assert.NotEmpty(errors[field]!.AsArray());
    }

    [Fact]
    public async Task GetWindows_NegativeMinMw_SaysTheAllowedRange()
    {
        var problem = await Json.ProblemAsync(await _client.GetAsync("/api/v1/regions/CAISO/windows?minMw=-5"), HttpStatusCode.BadRequest);

        Assert.Equal("'-5' must be a number between 0 and 1000000.", problem["errors"]!["minMw"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task GetBestWindow_SeveralBadFields_OneMessageEach()
    {
        var problem = await Json.ProblemAsync(
            await _client.GetAsync("/api/v1/best-window?regions=NOPE&duration=3h&top=99&rankBy=mwh"), HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["duration", "rankBy", "regions", "top"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Single(e.Value!.AsArray()));
        Assert.Equal("'99' must be an integer between 1 and 50.", errors["top"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Rollback_MissingRegion_Returns400ProblemNamingRegion()
    {
        var problem = await Json.ProblemAsync(await _client.PostAsync("/api/v1/models/rollback", null), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("region"));
    }

    [Fact]
    public async Task GetForecast_UnencodedPlusInOffset_IsAccepted()
    {
        var response = await _client.GetAsync("/api/v1/regions/CAISO/forecast?from=2025-06-15T10:30:00+00:00&to=2025-06-15T11:30:00+00:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
