using Curtailment.Core.Observations;
using Curtailment.Features;

namespace Curtailment.Ingestion.Tests.Contract;

/// <summary>
/// Every series a feature reads is one an importer writes: a typo in a series id, or an importer renaming a series,
/// would otherwise zero a feature without any error.
/// </summary>
public sealed class SeriesReadAreWrittenTests
{
    private static readonly string[] BoundarySuffixes = ["_limit_mw", "_flow_mw", "_headroom_mw"];

    [Fact]
    public void SeriesRead_EveryRegion_EachSeriesIsWrittenByAnImporterOfItsOperatorLayouts()
    {
        var written = WrittenByImporters();

        var unwritten = TestFiles.Regions.All
            .SelectMany(region => FeatureBuilder.SeriesRead(region).Select(series => (Region: region.Id, Series: series)))
            .Where(read => !written.Contains(Generic(read.Series)))
            .Select(read => $"{read.Region}: {read.Series}")
            .Distinct()
            .ToList();

        Assert.True(unwritten.Count == 0, $"Read by the features but written by no importer: {string.Join(", ", unwritten)}.");
    }

    [Fact]
    public void WrittenByImporters_ContractFixtures_CoverEveryImporterSource()
    {
        var sources = Contracts().Select(c => c.GoodFiles.Select(c.Parse).First().Source).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["caiso-production", "caiso-outlook", "caiso-oasis", "eia930", "aemo", "gb-constraints"]), sources);
    }

    /// <summary>Series the operator-layout importers write, boundaries folded to their generic form.</summary>
    private static HashSet<string> WrittenByImporters() =>
        Contracts()
            .Where(c => c is not TidyCsvImporterContractTests) // The tidy layout writes whatever its columns are named.
            .SelectMany(c => c.GoodFiles.SelectMany(f => c.Parse(f).Observations.Select(o => Generic(o.Series))))
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<ImporterContract> Contracts() =>
        typeof(ImporterContract).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ImporterContract)) && !t.IsAbstract)
            .Select(t => (ImporterContract)Activator.CreateInstance(t)!);

    /// <summary>A boundary series of any boundary (<c>boundary_scotex_limit_mw</c>) as <c>boundary_*_limit_mw</c>.</summary>
    private static string Generic(string series)
    {
        if (series.StartsWith(SeriesIds.BoundaryPrefix, StringComparison.Ordinal))
        {
            foreach (var suffix in BoundarySuffixes.Where(s => series.EndsWith(s, StringComparison.Ordinal)))
            {
                return $"{SeriesIds.BoundaryPrefix}*{suffix}";
            }
        }

        return series;
    }
}
