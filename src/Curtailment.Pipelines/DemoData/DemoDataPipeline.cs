using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Pipelines.Ingest;
using Curtailment.Simulation;
using Microsoft.Extensions.Logging;

namespace Curtailment.Pipelines.DemoData;

/// <summary>
/// The embedded default's first run: when the store is empty, simulate the last weeks of every region
/// up to now (nothing that would not have been published yet), write the files in the operators'
/// layouts and load them through the real importers. The data are labelled synthetic in every file
/// name and in a README beside them.
/// </summary>
public sealed class DemoDataPipeline(
    IRegionCatalog regions,
    IDataSummaryReader summary,
    IngestPipeline ingest,
    TimeProvider time,
    ILogger<DemoDataPipeline> logger)
{
    /// <summary>Writes the demo files into <paramref name="folder"/> and imports them, unless the store already holds data.</summary>
    public async Task<IReadOnlyList<IngestFileResult>> LoadIfEmptyAsync(string folder, int days, CancellationToken cancellationToken)
    {
        if ((await summary.SummarizeAsync(null, cancellationToken)).Count > 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var options = new SimulationOptions
        {
            // Through tomorrow, so that tomorrow's day-ahead forecasts (already issued) exist.
            Start = LocalClock.LocalDate(now, TimeZoneInfo.Utc).AddDays(-days + 2),
            Days = days,
            Now = now,
        };
        logger.LogInformation("The store is empty: writing {Days} days of SYNTHETIC demo data into {Folder}", days, folder);
        var files = DemoDataWriter.Write(folder, regions, options);
        var results = new List<IngestFileResult>();
        foreach (var file in files)
        {
            results.Add(await ingest.IngestFileAsync(file.Source, file.Path, file.Region, file.Published is null ? null : PublicationRule.Parse(file.Published), cancellationToken));
        }

        var failed = results.Where(r => r.Failed).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"Demo data failed to import: {string.Join("; ", failed.Select(f => f.Run.Message))}");
        }

        logger.LogInformation("Loaded {Files} SYNTHETIC demo files ({Observations} observations)", results.Count, results.Sum(r => r.Run.ObservationsAccepted));
        return results;
    }
}
