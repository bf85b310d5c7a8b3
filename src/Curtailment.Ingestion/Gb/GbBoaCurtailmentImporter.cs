using System.Globalization;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Gb;

/// <summary>
/// Wind curtailment in Great Britain from the Balancing Mechanism's accepted bids of wind units, as our cleaned
/// half-hourly file (<c>gb_wind_curtailment_boa_halfhourly_*.csv</c>). Only Scotland's share is read:
/// <c>scotland_curtailed_mwh</c> becomes <see cref="SeriesIds.WindCurtailment"/> of <c>GB-SCOTLAND</c> in mean MW
/// (MWh in a half hour times two). Each row's settlement date and period must name the row's UTC start.
/// Published by the region's curtailment rule unless the caller gives one.
/// </summary>
public sealed class GbBoaCurtailmentImporter : IFileImporter
{
    /// <summary>
    /// Days with no rows at the source are written as 0 in the file; whether they had curtailment is unknown, and a
    /// stored 0 would claim a calm day.
    /// </summary>
    private const string DayAbsentFlag = "day_absent_at_source";

    private const int DateIndex = 3;
    private const int PeriodIndex = 4;
    private const int ScotlandMwhIndex = 8;
    private const int FlagsIndex = 11;

    private static readonly string[] Header =
    [
        "interval_start_utc", "interval_end_utc", "interval_start_local", "settlement_date", "settlement_period",
        "wind_curtailed_mwh", "wind_curtailed_mw", "wind_units_curtailed", "scotland_curtailed_mwh",
        "scotland_units_curtailed", "source_scottish_list_curtailed_mwh", "qa_flags",
    ];

    /// <inheritdoc />
    public string Source => "gb-boa";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RegionId is not null && !context.RegionId.Equals(GbFiles.ScotlandRegionId, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportFormatException(context.FileName, 0, null,
                $"the file's curtailment column is Scotland's ({GbFiles.ScotlandRegionId}); --region '{context.RegionId}' does not apply.");
        }

        using var csv = CsvRows.Open(content, context.FileName);
        var header = csv.Header;
        CsvFile.RequireHeader(context.FileName, header, Header, "cleaned GB wind curtailment (bid-offer acceptances)");
        var region = context.ResolveRegion(GbFiles.ScotlandRegionId);
        var rule = context.Published ?? region.CurtailmentPublication;

        var builder = new BatchBuilder(Source, context.FileName);
        builder.EnsureCapacity(csv.EstimatedRows, 1);
        SettlementDay? day = null;
        string? dayText = null;
        foreach (var row in csv.Rows())
        {
            builder.CountRow();
            if (!UtcIntervalColumns.TryRead(row, header, GbFiles.HalfHour, GbFiles.London, builder, out var start))
            {
                continue;
            }

            // Rows come a day at a time: work the day out again only when its text changes.
            var text = row[DateIndex].Trim();
            if (text != dayText)
            {
                dayText = text;
                day = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? SettlementDay.Of(date)
                    : null;
            }

            if (day is not { } settlement)
            {
                builder.Reject(row.Line, header[DateIndex], $"'{text}' is not a yyyy-MM-dd settlement date", row.Raw);
                continue;
            }

            var periodText = row[PeriodIndex].Trim();
            if (!int.TryParse(periodText, NumberStyles.None, CultureInfo.InvariantCulture, out var period)
                || settlement.PeriodStart(period) is not { } periodStart)
            {
                builder.Reject(row.Line, header[PeriodIndex],
                    $"'{periodText}' is not a settlement period of {text} (1..{settlement.Periods})", row.Raw);
                continue;
            }

            if (periodStart != start)
            {
                builder.Reject(row.Line, header[PeriodIndex],
                    $"settlement period {period} of {text} starts at {periodStart:yyyy-MM-ddTHH:mm}Z, not at the row's {start:yyyy-MM-ddTHH:mm}Z", row.Raw);
                continue;
            }

            if (QaFlags.Has(row[FlagsIndex], DayAbsentFlag))
            {
                builder.Reject(row.Line, header[FlagsIndex],
                    $"flagged {DayAbsentFlag}: the source has no rows for {text}, so its curtailment is unknown, not 0", row.Raw);
                continue;
            }

            if (!Values.TryParseOptional(row[ScotlandMwhIndex], out var mwh))
            {
                builder.Reject(row.Line, header[ScotlandMwhIndex], $"'{row[ScotlandMwhIndex].Trim()}' is not a number", row.Raw);
                continue;
            }

            if (mwh is not { } energy)
            {
                continue;
            }

            if (energy < 0)
            {
                builder.Reject(row.Line, header[ScotlandMwhIndex], $"{energy} MWh is negative: curtailed energy cannot be", row.Raw);
                continue;
            }

            var end = start + GbFiles.HalfHour;
            builder.Add(row, header[ScotlandMwhIndex], new Observation(
                region.Id, SeriesIds.WindCurtailment, start, GbFiles.HalfHour, energy / GbFiles.HalfHour.TotalHours, Source,
                rule.PublishedAt(start, end, region.TimeZone)));
        }

        return builder.Batch;
    }
}
