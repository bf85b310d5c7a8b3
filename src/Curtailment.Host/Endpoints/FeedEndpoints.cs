using Curtailment.Contracts;
using Curtailment.Core.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Curtailment.Host.Endpoints;

/// <summary><c>GET /api/v1/feeds</c>: each operator feed's last attempt, last success, last error and failures in a row.</summary>
public static class FeedEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapFeedEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/feeds", ListFeedsAsync)
            .WithName("ListFeeds")
            .WithSummary("Every operator feed that has run, by name: region, last attempt, last success and newest period fetched, last error (time and message) and consecutive failures. A feed is 'failing' when its last run failed; a period not published yet is not a failure.");
        return group;
    }

    private static async Task<Ok<FeedsResponse>> ListFeedsAsync(IFeedStatusStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var feeds = (await store.ListFeedStatusAsync(cancellationToken)).Select(Response).ToList();
        return TypedResults.Ok(new FeedsResponse(time.GetUtcNow(), feeds.Count(f => f.ConsecutiveFailures > 0), feeds));
    }

    /// <summary>One feed's status as the API shows it.</summary>
    public static FeedStatusResponse Response(FeedStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new FeedStatusResponse(
            status.Feed, status.Region, status.IsFailing ? "failing" : "ok", status.LastAttemptAt, status.LastSuccessAt, status.NewestPeriod,
            status.LastErrorAt, status.LastError, status.ConsecutiveFailures);
    }
}
