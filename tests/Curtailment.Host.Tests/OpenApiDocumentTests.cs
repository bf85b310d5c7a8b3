using System.Net;
using System.Text.Json.Nodes;

namespace Curtailment.Host.Tests;

/// <summary>The OpenAPI document lists every parameter of every endpoint with its type, a description and an example.</summary>
[Trait("Category", "Integration")]
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    // Path, method, then each parameter as name:location:type[:format][:required].
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["get /api/v1/regions"] = [],
        ["get /api/v1/outlook"] = [],
        ["get /api/v1/feeds"] = [],
        ["get /api/v1/regions/{id}/forecast"] = ["id:path:string::required", "from:query:string:date-time", "to:query:string:date-time"],
        ["get /api/v1/regions/{id}/forecasts"] = ["id:path:string::required", "issuedFrom:query:string:date-time", "issuedTo:query:string:date-time"],
        ["get /api/v1/regions/{id}/windows"] =
            ["id:path:string::required", "from:query:string:date-time", "to:query:string:date-time", "minMw:query:number", "minProbability:query:number"],
        ["get /api/v1/regions/{id}/actuals"] = ["id:path:string::required", "from:query:string:date-time", "to:query:string:date-time"],
        ["get /api/v1/best-window"] =
            ["regions:query:string::required", "duration:query:string:duration:required", "earliestStart:query:string:date-time", "deadline:query:string:date-time",
             "top:query:integer", "rankBy:query:string"],
        ["get /api/v1/models"] = ["region:query:string"],
        ["post /api/v1/models/{id}/activate"] = ["id:path:integer:int64:required"],
        ["post /api/v1/models/rollback"] = ["region:query:string::required"],
        ["post /api/v1/jobs/{name}/trigger"] = ["name:path:string::required"],
    };

    private HostFactory _host = null!;

    public async ValueTask InitializeAsync() => _host = await HostFactory.SeededAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetDocument_EveryApiEndpoint_ListsItsParametersWithTypeDescriptionAndExample()
    {
        var document = await Json.ReadAsync(await _host.Client().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var operations = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => ($"{o.Key} {p.Key}", o.Value!)))
            .ToDictionary(o => o.Item1, o => o.Item2, StringComparer.Ordinal);
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), operations.Keys.Order(StringComparer.Ordinal));
        foreach (var (operation, parameters) in Expected)
        {
            var listed = operations[operation]["parameters"]?.AsArray() ?? [];
            Assert.True(parameters.Length == listed.Count, $"{operation} lists {string.Join(", ", listed.Select(p => p!["name"]))}");
            foreach (var (parameter, expected) in listed.Zip(parameters))
            {
                var parts = expected.Split(':');
                var schema = parameter!["schema"]!;
                var where = $"{operation} {parts[0]}";
                Assert.Equal(parts[0], parameter["name"]!.GetValue<string>());
                Assert.Equal(parts[1], parameter["in"]!.GetValue<string>());
                Assert.True(parts[2] == TypeOf(schema), $"{where}: type {schema.ToJsonString()}");
                Assert.Equal(parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null, schema["format"]?.GetValue<string>());
                Assert.Equal(parts.Length > 4, parameter["required"]?.GetValue<bool>() ?? false);
                Assert.False(string.IsNullOrWhiteSpace(parameter["description"]?.GetValue<string>()), $"{where} has no description");
                Assert.True(parameter["example"] is not null, $"{where} has no example");
            }
        }
    }

    [Fact]
    public async Task GetDocument_Examples_AreAcceptedByTheApi()
    {
        var client = _host.Client();
        var document = await Json.ReadAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        foreach (var path in new[] { "/api/v1/regions/{id}/forecast", "/api/v1/regions/{id}/windows", "/api/v1/regions/{id}/actuals", "/api/v1/regions/{id}/forecasts", "/api/v1/best-window" })
        {
            var parameters = document["paths"]![path]!["get"]!["parameters"]!.AsArray();
            var id = parameters.FirstOrDefault(p => p!["in"]!.GetValue<string>() == "path")?["example"]?.GetValue<string>();
            var url = (id is null ? path : path.Replace("{id}", id, StringComparison.Ordinal))
                + "?" + string.Join('&', parameters.Where(p => p!["in"]!.GetValue<string>() == "query")
                    .Select(p => $"{p!["name"]!.GetValue<string>()}={Uri.EscapeDataString(p["example"]!.ToString())}"));

            var response = await client.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    // OpenAPI 3.1 may write a nullable type as an array ["null", "string"].
    private static string TypeOf(JsonNode schema) =>
        schema["type"] is JsonArray types ? types.Select(t => t!.GetValue<string>()).Single(t => t != "null") : schema["type"]!.GetValue<string>();
}
