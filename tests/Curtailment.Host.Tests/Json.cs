using System.Net;
using System.Text.Json.Nodes;

namespace Curtailment.Host.Tests;

/// <summary>Reads responses as JSON, asserting the status and content type first.</summary>
internal static class Json
{
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string mediaType = "application/json")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Asserts a problem+json error with the status and a traceId, and returns it.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await ReadAsync(response, expected, "application/problem+json");
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["traceId"]?.GetValue<string>()), "traceId missing");
        return problem;
    }
}
