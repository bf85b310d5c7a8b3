namespace Curtailment.Host.Jobs;

/// <summary>
/// The most recent steps of scheduled runs in this process, oldest first: what ran, when on the host's clock, and
/// how it ended. The virtual clock's runner returns the steps of one advance from it; it keeps a bounded window.
/// </summary>
public sealed class ScheduleRunLog
{
    private const int Capacity = 10_000;
    private readonly Lock _gate = new();
    private readonly Queue<ScheduleStep> _steps = new();
    private long _sequence;

    /// <summary>The sequence number of the newest step (0 when none).</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>Records a step.</summary>
    public ScheduleStep Record(string jobId, DateTimeOffset at, ScheduleStepOutcome outcome, string? message = null)
    {
        lock (_gate)
        {
            var step = new ScheduleStep(++_sequence, jobId, at, outcome, message);
            _steps.Enqueue(step);
            if (_steps.Count > Capacity)
            {
                _steps.Dequeue();
            }

            return step;
        }
    }

    /// <summary>The steps recorded after <paramref name="sequence"/> that the window still holds, oldest first.</summary>
    public IReadOnlyList<ScheduleStep> After(long sequence)
    {
        lock (_gate)
        {
            return [.. _steps.Where(s => s.Sequence > sequence)];
        }
    }
}
