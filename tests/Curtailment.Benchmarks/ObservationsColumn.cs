using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Curtailment.Benchmarks;

/// <summary>
/// The import rate: the file's observation count (parsed once in the host process, which is not timed), and that
/// count over the mean time of an import or over the fastest one (on two shared cores, the least disturbed run).
/// </summary>
public sealed class ObservationsColumn(ObservationsColumn.Kind kind) : IColumn
{
    /// <summary>What the column shows.</summary>
    public enum Kind
    {
        /// <summary>The file's observation count.</summary>
        Count,

        /// <summary>Observations over the mean time.</summary>
        RateAtMean,

        /// <summary>Observations over the fastest time.</summary>
        RateAtMin,
    }

    private static readonly Dictionary<ImportFile, int?> Counts = [];

    /// <inheritdoc />
    public string Id => $"Observations{kind}";

    /// <inheritdoc />
    public string ColumnName => kind switch
    {
        Kind.RateAtMean => "Obs/s (mean)",
        Kind.RateAtMin => "Obs/s (min)",
        _ => "Observations",
    };

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => (int)kind;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => kind switch
    {
        Kind.RateAtMean => "Observations stored per second: the file's observations over the mean time of one import",
        Kind.RateAtMin => "Observations stored per second in the fastest import (the least disturbed by other work on the machine)",
        _ => "Observations the importer reads from the file (all stored: a fresh database each time)",
    };

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

        if (kind == Kind.Count)
        {
            return count.ToString("N0", CultureInfo.InvariantCulture);
        }

        var statistics = summary[benchmarkCase]?.ResultStatistics;
        var nanoseconds = kind == Kind.RateAtMin ? statistics?.Min : statistics?.Mean;
        return nanoseconds is > 0 ? (count / (nanoseconds.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
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
