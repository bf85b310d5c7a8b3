using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoProductionImporter
{
    /// <summary>
    /// Production sheet column → series id. The check column "Load Less (Generation+Imports)" maps to
    /// null: it is CAISO's own balance check, not a quantity.
    /// </summary>
    private static readonly Dictionary<string, string?> ProductionColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Load"] = SeriesIds.Demand,
        ["Solar"] = SeriesIds.Solar,
        ["Wind"] = SeriesIds.Wind,
        ["Net Load"] = SeriesIds.NetLoad,
        ["Renewables"] = "renewables_mw",
        ["Nuclear"] = "nuclear_mw",
        ["Large Hydro"] = "large_hydro_mw",
        ["Imports"] = SeriesIds.Imports,
        ["Generation"] = "generation_mw",
        ["Thermal"] = "thermal_mw",
        ["Load Less (Generation+Imports)"] = null,
    };

    /// <summary>
    /// The Production sheet: every interval, MW by technology, published in real time. No real export
    /// has been seen, so the header is matched by name (CAISO's readme lists the columns), any order.
    /// </summary>
    private sealed class ProductionSheet : ISheet
    {
        private readonly Region _region;
        private readonly BatchBuilder _builder;
        private readonly HashSet<(DateOnly, int, int)> _repeats = [];
        private readonly (int Index, string Name, string Series)[] _columns;
        private readonly double?[] _values;

        public ProductionSheet(string fileName, CsvLine header, Region region, BatchBuilder builder)
        {
            CaisoFiles.RequireHeader(fileName, header, KeyColumns, "CAISO Production sheet");
            var columns = new List<(int, string, string)>();
            for (var i = KeyColumns.Length; i < header.Fields.Length; i++)
            {
                var name = header[i].Trim();
                if (name.Length == 0)
                {
                    continue;
                }

                if (!ProductionColumns.TryGetValue(name, out var series))
                {
                    throw new ImportFormatException(fileName, header.Line, i + 1,
                        $"unexpected column '{name}' in the CAISO Production sheet (known: {string.Join(", ", ProductionColumns.Keys)}).");
                }

                if (series is not null)
                {
                    columns.Add((i, name, series));
                }
            }

            _columns = [.. columns];
            _values = new double?[_columns.Length];
            _region = region;
            _builder = builder;
        }

        public void Read(CsvLine row)
        {
            _builder.CountRow();
            if (!TryKey(row, _region, _builder, _repeats, out _, out var start))
            {
                return;
            }

            // Parse the whole row first, so a bad cell refuses the row rather than half of it.
            for (var c = 0; c < _columns.Length; c++)
            {
                var (index, name, _) = _columns[c];
                if (!Values.TryParseOptional(row[index], out _values[c]))
                {
                    _builder.Reject(row.Line, name, $"'{row[index]}' is not a number", row.Raw);
                    return;
                }
            }

            var end = start + FiveMinutes;
            for (var c = 0; c < _columns.Length; c++)
            {
                if (_values[c] is { } value
                    && !_builder.Add(row, _columns[c].Name,
                        new Observation(_region.Id, _columns[c].Series, start, FiveMinutes, value, _builder.Source, end)))
                {
                    return;
                }
            }
        }

        public void Finish()
        {
        }
    }
}
