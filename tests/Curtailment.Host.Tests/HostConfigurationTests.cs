using System.Net;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Tests;

/// <summary>Start-up refusal on bad settings, 503 without data, and the rate limit.</summary>
[Trait("Category", "Integration")]
public sealed class HostConfigurationTests
{
    [Theory]
    [InlineData("Curtailment:Api:RateLimitPermits", "0")]
    [InlineData("Curtailment:Startup:DemoDays", "1")]
    [InlineData("Curtailment:Api:Keys:0", "short")]
    [InlineData("Curtailment:Jobs:ForecastCron", "at ten")]
    [InlineData("Curtailment:Storage:Provider", "Oracle")]
    public async Task Start_InvalidSetting_RefusesNamingTheSetting(string key, string value)
    {
        await using var host = HostFactory.Empty(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Client());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_IngestSourceWithUnknownImporter_RefusesNamingTheSource()
    {
        await using var host = HostFactory.Empty(new Dictionary<string, string?>
        {
            ["Curtailment:Jobs:Sources:0:Name"] = "x",
            ["Curtailment:Jobs:Sources:0:Source"] = "nope",
            ["Curtailment:Jobs:Sources:0:Folder"] = "in",
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.Client());

        Assert.Contains("Curtailment:Jobs:Sources:0:Source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetForecast_EmptyStore_Returns503ProblemWithTheReason()
    {
        await using var host = HostFactory.Empty();

        var problem = await Json.ProblemAsync(await host.Client().GetAsync("/api/v1/regions/CAISO/forecast"), HttpStatusCode.ServiceUnavailable);

        Assert.Contains("total_curtailment_mw", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicEndpoints_OverTheRateLimit_Return429Problem()
    {
        await using var host = HostFactory.Empty(new Dictionary<string, string?> { ["Curtailment:Api:RateLimitPermits"] = "2" });
        var client = host.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions")).StatusCode);
        await Json.ProblemAsync(await client.GetAsync("/api/v1/regions"), HttpStatusCode.TooManyRequests);
    }
}
