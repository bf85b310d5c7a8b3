using System.Text.Json;
using Curtailment.Host.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Curtailment.Host.Live;

/// <summary>
/// <c>GET /api/v1/admin/clock</c> and <c>POST /api/v1/admin/clock/advance</c> (admin): the virtual clock of a replay.
/// Mapped only when <c>Curtailment:Clock:Mode</c> is <c>Virtual</c>.
/// </summary>
public static class ClockEndpoints
{
    /// <summary>Maps the endpoints on the admin group when the host runs on the virtual clock; otherwise nothing.</summary>
    public static RouteGroupBuilder MapClockEndpoints(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!((IEndpointRouteBuilder)admin).ServiceProvider.HasVirtualClock())
        {
            return admin;
        }

        admin.MapGet("/admin/clock", Now)
            .WithName("GetClock")
            .WithSummary("The virtual clock's time (virtual clock mode only). Needs X-Api-Key.");
        admin.MapPost("/admin/clock/advance", AdvanceAsync)
            .WithName("AdvanceClock")
            .WithSummary("Runs every scheduled occurrence up to {\"to\": instant} in time order on the virtual clock, then sets it there (virtual clock mode only). Needs X-Api-Key.")
            .Accepts<ClockAdvanceBody>("application/json");
        return admin;
    }

    private static Ok<ClockResponse> Now(VirtualClock clock) => TypedResults.Ok(new ClockResponse(clock.GetUtcNow(), "virtual"));

    private static async Task<Ok<ClockAdvanceResult>> AdvanceAsync(HttpRequest request, VirtualClock clock, VirtualScheduleRunner runner, CancellationToken cancellationToken)
    {
        var reader = new QueryReader();
        var text = await ReadToAsync(request, reader, cancellationToken);
        var to = reader.Instant("to", text);
        if (to is { } instant && instant <= clock.GetUtcNow())
        {
            reader.Error("to", $"'{text}' is not after the virtual clock's time {clock.GetUtcNow():O}; the clock moves only forward.");
        }
        else if (text is null && !reader.HasError("body") && !reader.HasError("to"))
        {
            reader.Error("to", "'to' is required: the instant to advance the clock to (2021-02-02T00:00:00Z).");
        }

        reader.ThrowIfInvalid();
        return TypedResults.Ok(await runner.AdvanceAsync(to!.Value, cancellationToken));
    }

    /// <summary>The body's <c>to</c> as text, or null with the problem recorded (the body is read by hand so that a malformed one gets field errors, not the binder's bare 400).</summary>
    private static async Task<string?> ReadToAsync(HttpRequest request, QueryReader reader, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                reader.Error("body", "The body must be a JSON object: {\"to\": \"2021-02-02T00:00:00Z\"}.");
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "to", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }

                    reader.Error("to", $"'to' must be a string holding an ISO-8601 instant, not {property.Value.ValueKind.ToString().ToLowerInvariant()}.");
                    return null;
                }
            }

            return null;
        }
        catch (JsonException e)
        {
            reader.Error("body", $"The body is not JSON: {e.Message}");
            return null;
        }
    }
}
