namespace Curtailment.Host.Startup;

/// <summary>Progress of the start-up task, read by the readiness check.</summary>
public sealed class StartupState
{
    private volatile string _status = "starting";
    private volatile bool _completed;
    private volatile bool _failed;

    /// <summary>Whether the start-up work has finished (successfully or not).</summary>
    public bool Completed => _completed;

    /// <summary>Whether start-up ended with an error.</summary>
    public bool Failed => _failed;

    /// <summary>What start-up is doing, or how it ended.</summary>
    public string Status => _status;

    /// <summary>Records the current step.</summary>
    public void Step(string status) => _status = status;

    /// <summary>Marks start-up as failed (after <see cref="Complete"/>).</summary>
    public void Fail() => _failed = true;

    /// <summary>Marks start-up as done.</summary>
    public void Complete(string status)
    {
        _status = status;
        _completed = true;
    }
}
