using System.Reflection;
using Curtailment.Pipelines.Scheduling;
using Hangfire;
using Hangfire.Common;

namespace Curtailment.Host.Jobs;

/// <summary>
/// One recurring job of the <see cref="JobSchedule"/>: a stable id, a cron in an IANA zone, a queue, and the job-class
/// method to run, held as Hangfire's <see cref="Job"/> so that Hangfire and the virtual clock's runner invoke the same call.
/// </summary>
public sealed class ScheduledJob
{
    private readonly CronSchedule _cron;

    /// <summary>Creates the definition; the cron is parsed here (5 fields, or 6 with seconds, as Hangfire reads them).</summary>
    /// <exception cref="FormatException">The cron expression is not valid; the message names it.</exception>
    public ScheduledJob(string id, JobKind kind, string? region, string cron, TimeZoneInfo timeZone, Job job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(job);
        Id = id;
        Kind = kind;
        Region = region;
        Cron = cron.Trim();
        TimeZone = timeZone;
        Job = job;
        _cron = CronSchedule.Parse(Cron, timeZone, allowSeconds: true);
    }

    /// <summary>Stable recurring-job id (<see cref="JobIds"/>).</summary>
    public string Id { get; }

    /// <summary>What kind of work it is (its rank among jobs due at one instant).</summary>
    public JobKind Kind { get; }

    /// <summary>The region the work is for, or null (cleanup, a folder source without a region).</summary>
    public string? Region { get; }

    /// <summary>Cron expression, read in <see cref="TimeZone"/>.</summary>
    public string Cron { get; }

    /// <summary>The zone the cron is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The Hangfire queue.</summary>
    public string Queue => Job.Queue ?? JobQueues.Default;

    /// <summary>The job-class method and its arguments, as Hangfire stores it.</summary>
    public Job Job { get; }

    /// <summary>The occurrences in (<paramref name="after"/>, <paramref name="upTo"/>], UTC, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset after, DateTimeOffset upTo) =>
        _cron.Between(after, upTo);

    /// <summary>Whether the cron fires at <paramref name="instant"/>.</summary>
    public bool FiresAt(DateTimeOffset instant) => _cron.FiresAt(instant);

    /// <summary>Registers (or updates) the recurring job with Hangfire on <paramref name="cron"/> (the definition's own, or never).</summary>
    public void Register(IRecurringJobManager jobs, string cron)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.AddOrUpdate(Id, Job, cron, new RecurringJobOptions { TimeZone = TimeZone });
    }

    /// <summary>
    /// Runs the job's method on an instance of its class resolved from <paramref name="services"/> (a scope), as a
    /// Hangfire worker would, passing <paramref name="cancellationToken"/> for its token argument.
    /// </summary>
    public async Task InvokeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var instance = services.GetRequiredService(Job.Type);
        var parameters = Job.Method.GetParameters();
        var arguments = Job.Args.Select((a, i) => parameters[i].ParameterType == typeof(CancellationToken) ? cancellationToken : a).ToArray();
        object? result;
        try
        {
            result = Job.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        if (result is Task task)
        {
            await task;
        }
    }
}
