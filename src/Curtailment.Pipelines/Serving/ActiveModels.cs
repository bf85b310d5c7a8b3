using System.Collections.Concurrent;
using Curtailment.Core.ModelRegistry;
using Curtailment.Models.Baselines;
using Curtailment.Models.Forecasting;
using Curtailment.Models.Trees;

namespace Curtailment.Pipelines.Serving;

/// <summary>
/// The model each region is served by. The registry's active version is checked on every request (one
/// indexed query); a new version is loaded once and swapped in atomically, so a request always uses
/// one complete model. Regions without a trained model are served by the week-profile baseline,
/// labelled as such.
/// </summary>
public sealed class ActiveModels(IModelStore store)
{
    private readonly ConcurrentDictionary<string, Loaded> _loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The forecaster serving <paramref name="region"/> and its registry record (null for the baseline).</summary>
    public async Task<(ICurtailmentForecaster Forecaster, ModelRecord? Record)> GetAsync(string region, CancellationToken cancellationToken)
    {
        var active = await store.ActiveModelAsync(region, cancellationToken);
        if (active is null)
        {
            return (BaselineForecaster.WeekProfile, null);
        }

        if (_loaded.TryGetValue(region, out var current) && current.Record.Id == active.Id)
        {
            return (current.Model, current.Record);
        }

        using var artifact = new MemoryStream(await store.ReadArtifactAsync(active.Id, cancellationToken), writable: false);
        var loaded = new Loaded(active, CurtailmentModel.Load(artifact));
        _loaded[region] = loaded;
        return (loaded.Model, loaded.Record);
    }

    private sealed record Loaded(ModelRecord Record, CurtailmentModel Model);
}
