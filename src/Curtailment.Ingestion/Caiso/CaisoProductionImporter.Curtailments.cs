using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoProductionImporter
{
    private static readonly string[] CurtailmentHeader = ["Date", "Hour", "Interval", "Wind Curtailment", "Solar Curtailment"];

    /// <summary>
    /// The Curtailments sheet: one row per interval with curtailment, empty cell = none of that fuel.
    /// Columns after the fifth (an unnamed one, with one stray number in 2021) are ignored.
    /// </summary>
    private sealed class CurtailmentSheet : ISheet
    {
        private readonly Region _region;
        private readonly BatchBuilder _builder;
        private readonly HashSet<(DateOnly, int, int)> _repeats = [];
        private DateOnly? _firstDay;
        private DateOnly? _lastDay;

        public CurtailmentSheet(string fileName, CsvLine header, Region region, BatchBuilder builder)
        {
            CaisoFiles.RequireHeader(fileName, header, CurtailmentHeader, "CAISO Curtailments sheet");
            _region = region;
            _builder = builder;
        }

        public void Read(CsvLine row)
        {
            _builder.CountRow();
            if (!TryKey(row, _region, _builder, _repeats, out var date, out var start))
            {
                // A row with a readable date still tells which days the file covers.
                if (CaisoDates.TryParseDate(row[0], out var seen))
                {
                    Extend(seen);
                }

                return;
            }

            Extend(date);
            if (!TryMw(row, 3, out var wind) || !TryMw(row, 4, out var solar))
            {
                return;
            }

            var end = start + FiveMinutes;
            var published = _region.CurtailmentPublication.PublishedAt(start, end, _region.TimeZone);
            // A conflicting duplicate is reported on the first fuel that differs; the total then differs too.
            _ = Add(row, "Wind Curtailment", SeriesIds.WindCurtailment, wind)
                && Add(row, "Solar Curtailment", SeriesIds.SolarCurtailment, solar)
                && Add(row, "Wind Curtailment+Solar Curtailment", SeriesIds.TotalCurtailment, wind + solar);

            bool Add(CsvLine line, string column, string series, double value) =>
                _builder.Add(line, column,
                    new Observation(_region.Id, series, start, FiveMinutes, value, _builder.Source, published));
        }

        public void Finish()
        {
            if (_firstDay is { } first && _lastDay is { } last)
            {
                CaisoFiles.CoverDays(_builder, _region, first, last, CaisoFiles.CurtailmentSeries);
            }
        }

        /// <summary>Empty means no curtailment of that fuel: zero.</summary>
        private bool TryMw(CsvLine row, int index, out double value)
        {
            value = 0;
            if (!Values.TryParseOptional(row[index], out var parsed))
            {
                _builder.Reject(row.Line, CurtailmentHeader[index], $"'{row[index]}' is not a number", row.Raw);
                return false;
            }

            if (parsed < 0)
            {
                _builder.Reject(row.Line, CurtailmentHeader[index], $"negative curtailment {parsed} MW", row.Raw);
                return false;
            }

            value = parsed ?? 0;
            return true;
        }

        private void Extend(DateOnly day)
        {
            _firstDay = _firstDay is { } f && f <= day ? f : day;
            _lastDay = _lastDay is { } l && l >= day ? l : day;
        }
    }
}
