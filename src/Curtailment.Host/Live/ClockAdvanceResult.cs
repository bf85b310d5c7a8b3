using Curtailment.Host.Jobs;

namespace Curtailment.Host.Live;

/// <summary>What an advance of the virtual clock ran: the response of <c>POST /api/v1/admin/clock/advance</c>.</summary>
/// <param name="From">The clock's time before the advance (UTC).</param>
/// <param name="To">The clock's time after it.</param>
/// <param name="OccurrencesRun">Scheduled occurrences run, in time order (those that failed included).</param>
/// <param name="Steps">The steps the jobs took, oldest first (ingests, retrains and forecasts inside cycles included).</param>
/// <param name="Failures">Occurrences and cycle steps that failed, with their messages; the others ran regardless.</param>
public sealed record ClockAdvanceResult(
    DateTimeOffset From,
    DateTimeOffset To,
    int OccurrencesRun,
    IReadOnlyList<ScheduleStep> Steps,
    IReadOnlyList<ScheduleFailure> Failures);
