namespace Curtailment.Core.Forecasts;

/// <summary>Stored forecast vintages.</summary>
public interface IForecastStore
{
    /// <summary>Stores a vintage; a vintage with the same region, issue time and model replaces the old one (retries are harmless).</summary>
    Task<ForecastVintage> SaveForecastAsync(ForecastVintage vintage, CancellationToken cancellationToken);

    /// <summary>The most recently issued vintage whose points overlap <c>[from, to)</c>, with only those points; null when none.</summary>
    Task<ForecastVintage?> LatestForecastAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Vintages issued in <c>[issuedFrom, issuedTo)</c>, oldest first, with all their points.</summary>
    Task<IReadOnlyList<ForecastVintage>> ListForecastsAsync(string region, DateTimeOffset issuedFrom, DateTimeOffset issuedTo, CancellationToken cancellationToken);

    /// <summary>Deletes every vintage (of all regions) issued before <paramref name="issuedBefore"/>, with its points; returns how many were deleted.</summary>
    Task<int> DeleteForecastsIssuedBeforeAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken);
}
