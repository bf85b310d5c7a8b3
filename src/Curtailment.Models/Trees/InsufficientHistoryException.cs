namespace Curtailment.Models.Trees;

/// <summary>Too few labelled days to train a model; callers fall back to a baseline and say so.</summary>
public sealed class InsufficientHistoryException(string region, int days, int needed)
    : Exception($"Region {region} has {days} labelled day(s) of target history; training needs at least {needed}.")
{
    /// <summary>Labelled days available.</summary>
    public int Days { get; } = days;

    /// <summary>Labelled days needed.</summary>
    public int Needed { get; } = needed;
}
