namespace Curtailment.Host.Tests.Live;

/// <summary>A clock that reads another one, set once it exists: the replay server follows the host's virtual clock.</summary>
internal sealed class FollowingClock : TimeProvider
{
    public TimeProvider? Source { get; set; }

    public override DateTimeOffset GetUtcNow() =>
        (Source ?? throw new InvalidOperationException("The clock to follow is not set yet.")).GetUtcNow();
}
