using System.Net;
using System.Text.Json.Nodes;
using Curtailment.Core.ModelRegistry;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests;

/// <summary>A request served while another model version is activated gets one complete answer from one version.</summary>
[Trait("Category", "Integration")]
public sealed class ModelSwapTests : IAsyncLifetime
{
    private HostFactory _host = null!;

    public async ValueTask InitializeAsync() => _host = await HostFactory.SeededAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string Signature(JsonNode forecast) =>
        string.Join(";", forecast["intervals"]!.AsArray().Select(i => $"{i!["intervalStart"]}={i["predictedMw"]}/{i["eventProbability"]}"));

    [Fact]
    public async Task GetForecast_ConcurrentWithActivation_EachResponseMatchesOneVersionsForecast()
    {
        var client = _host.Client(withKey: true);
        var store = _host.Services.GetRequiredService<IModelStore>();
        var v1 = (await store.ListModelsAsync("CAISO", default)).Single(m => m.Version == "v1");
        var v2 = (await store.ListModelsAsync("CAISO", default)).Single(m => m.Version == "v2");
        const string Url = "/api/v1/regions/CAISO/forecast?to=2025-06-16T05:30:00Z";

        // The reference answer of each version, computed alone.
        var reference = new Dictionary<string, string>();
        reference["fasttree@v1"] = Signature(await Json.ReadAsync(await client.GetAsync(Url), HttpStatusCode.OK));
        await Json.ReadAsync(await client.PostAsync($"/api/v1/models/{v2.Id}/activate", null), HttpStatusCode.OK);
        reference["fasttree@v2"] = Signature(await Json.ReadAsync(await client.GetAsync(Url), HttpStatusCode.OK));
        await Json.ReadAsync(await client.PostAsync($"/api/v1/models/{v1.Id}/activate", null), HttpStatusCode.OK);
        Assert.NotEqual(reference["fasttree@v1"], reference["fasttree@v2"]);

        // Many requests while the active version flips back and forth.
        var requests = Enumerable.Range(0, 24).Select(_ => client.GetAsync(Url)).ToList();
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsync($"/api/v1/models/{(i % 2 == 0 ? v2 : v1).Id}/activate", null);
        }

        var seen = new HashSet<string>();
        foreach (var response in await Task.WhenAll(requests))
        {
            var forecast = await Json.ReadAsync(response, HttpStatusCode.OK);
            var version = forecast["modelVersion"]!.GetValue<string>();
            Assert.True(reference.ContainsKey(version), version);
            Assert.Equal(reference[version], Signature(forecast));
            seen.Add(version);
        }

        Assert.NotEmpty(seen);
    }
}
