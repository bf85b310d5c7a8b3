using System.ComponentModel;
using Curtailment.Contracts;
using Curtailment.Host.Errors;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Curtailment.Host.Endpoints;

/// <summary><c>POST /api/v1/jobs/{name}/trigger</c> (admin): runs a recurring job now.</summary>
public static class JobEndpoints
{
    /// <summary>Maps the endpoint on the admin group.</summary>
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/jobs/{name}/trigger", Trigger)
            .WithName("TriggerJob")
            .WithSummary("Enqueues a run of a recurring job now (ingest:{source}, retrain:{region}, forecast:{region}, cleanup). Needs X-Api-Key.");
        return admin;
    }

    private static Accepted<JobTriggerResponse> Trigger(
        [Description("Recurring job id: ingest:{source}, retrain:{region}, retrain-all, forecast:{region} or cleanup (case-insensitive).")] string name, JobStorage storage, IRecurringJobManagerV2 jobs)
    {
        using (var connection = storage.GetConnection())
        {
            var known = connection.GetRecurringJobs();
            var match = known.FirstOrDefault(j => string.Equals(j.Id, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new NotFoundException($"No recurring job '{name}'. Known: {string.Join(", ", known.Select(j => j.Id).Order(StringComparer.Ordinal))}.");
            name = match.Id;
        }

        var jobId = jobs.TriggerJob(name) ?? throw new ConflictException($"Job '{name}' could not be triggered.");
        return TypedResults.Accepted($"/hangfire/jobs/details/{jobId}", new JobTriggerResponse(name, jobId));
    }
}
