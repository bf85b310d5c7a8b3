using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoProductionImporter
{
    private static readonly string[] CleanedHeader =
    [
        "interval_start_utc", "interval_end_utc", "interval_start_local", "date_local", "hour_ending_local",
        "interval_in_hour", "wind_curtailment_mw", "solar_curtailment_mw", "total_curtailment_mw", "dst_flag",
    ];

    private const int CleanedWind = 6;
    private const int CleanedSolar = 7;
    private const int CleanedTotal = 8;

    /// <summary>The cleaned file: already in UTC, sparse like the sheet it came from.</summary>
    private static void ParseCleaned(IReadOnlyList<CsvLine> records, int firstRow, Region region, BatchBuilder builder)
    {
        DateOnly? firstDay = null;
        DateOnly? lastDay = null;
        for (var i = firstRow; i < records.Count; i++)
        {
            var row = records[i];
            if (row.IsBlank)
            {
                continue;
            }

            builder.CountRow();
            if (!Values.TryParseInstant(row[0], naiveIsUtc: true, out var start))
            {
                builder.Reject(row.Line, CleanedHeader[0], $"'{row[0]}' is not an ISO-8601 instant", row.Raw);
                continue;
            }

            var day = LocalClock.LocalDate(start, region.TimeZone);
            firstDay = firstDay is { } f && f <= day ? f : day;
            lastDay = lastDay is { } l && l >= day ? l : day;
            if (!Values.TryParseInstant(row[1], naiveIsUtc: true, out var end) || end <= start)
            {
                builder.Reject(row.Line, CleanedHeader[1], $"'{row[1]}' is not an ISO-8601 instant after the interval start", row.Raw);
                continue;
            }

            if (!TryCleanedMw(row, CleanedWind, builder, out var wind)
                || !TryCleanedMw(row, CleanedSolar, builder, out var solar)
                || !TryCleanedMw(row, CleanedTotal, builder, out var total))
            {
                continue;
            }

            var published = region.CurtailmentPublication.PublishedAt(start, end, region.TimeZone);
            var duration = end - start;
            _ = Add(CleanedWind, SeriesIds.WindCurtailment, wind ?? 0)
                && Add(CleanedSolar, SeriesIds.SolarCurtailment, solar ?? 0)
                && Add(CleanedTotal, SeriesIds.TotalCurtailment, total ?? (wind ?? 0) + (solar ?? 0));

            bool Add(int column, string series, double value) =>
                builder.Add(row, CleanedHeader[column],
                    new Observation(region.Id, series, start, duration, value, builder.Source, published));
        }

        if (firstDay is { } first && lastDay is { } last)
        {
            CaisoFiles.CoverDays(builder, region, first, last, CaisoFiles.CurtailmentSeries);
        }
    }

    private static bool TryCleanedMw(CsvLine row, int index, BatchBuilder builder, out double? value)
    {
        if (!Values.TryParseOptional(row[index], out value))
        {
            builder.Reject(row.Line, CleanedHeader[index], $"'{row[index]}' is not a number", row.Raw);
            return false;
        }

        if (value < 0)
        {
            builder.Reject(row.Line, CleanedHeader[index], $"negative curtailment {value} MW", row.Raw);
            return false;
        }

        return true;
    }
}
