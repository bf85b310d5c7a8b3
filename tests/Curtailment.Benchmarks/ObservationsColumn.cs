using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Curtailment.Benchmarks;

/// <summary>
/// The import rate: the file's observation count (parsed once in the host process, which is not timed) and that
/// count over the mean time of an import.
/// </summary>
public sealed class ObservationsColumn(bool perSecond) : IColumn
{
    private static readonly Dictionary<ImportFile, int?> Counts = [];

    /// <inheritdoc />
    public string Id => perSecond ? "ObservationsPerSecond" : "Observations";

    /// <inheritdoc />
    public string ColumnName => perSecond ? "Obs/s (mean)" : "Observations";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => perSecond ? 1 : 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => perSecond
        ? "Observations stored per second: the file's observations over the mean time of one import"
        : "Observations the importer reads from the file (all stored: a fresh database each time)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var file = benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<ImportFile>().FirstOrDefault();
        if (file is null)
        {
            return "-";
        }

        if (CountOf(file) is not { } count)
        {
            return "file absent";
        }

        if (!perSecond)
        {
            return count.ToString("N0", CultureInfo.InvariantCulture);
        }

        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (count / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static int? CountOf(ImportFile file)
    {
        lock (Counts)
        {
            if (!Counts.TryGetValue(file, out var count))
            {
                count = file.Path is { } path ? ImportBenchmarks.Parse(file, path).Observations.Count : null;
                Counts[file] = count;
            }

            return count;
        }
    }
}
