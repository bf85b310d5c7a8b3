using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Gb;

/// <summary>
/// Great Britain's wind and demand forecasts, as our cleaned half-hourly file
/// (<c>gb_wind_demand_forecast_halfhourly_*.csv</c>), into <c>GB-SCOTLAND</c> or the region given:
/// <list type="bullet">
/// <item><c>wind_forecast_mw</c> (Elexon WINDFOR "latest") as <see cref="SeriesIds.WindForecastLatest"/>;</item>
/// <item><c>demand_forecast_mw</c> (NESO's day-ahead demand forecast) as <see cref="SeriesIds.DemandForecastDayAhead"/>.</item>
/// </list>
/// Both are national forecasts. Each series has its own fixed publication time (below), whatever rule the caller
/// gives: one rule could not fit both. An empty cell is no forecast, not zero.
/// </summary>
public sealed class GbForecastImporter : IFileImporter
{
    /// <summary>
    /// The "latest" endpoint keeps, for each hour, the last forecast published before it, with a lead that is not
    /// known: only once the interval has passed can the value be taken as known.
    /// </summary>
    public static PublicationRule WindPublication => PublicationRule.RealTime;

    /// <summary>
    /// The next day's demand forecast was seen in the source between 18:26 and 19:21 UTC on the day before; 20:00 UK
    /// time is later than both in winter and summer (when in doubt, later).
    /// </summary>
    public static PublicationRule DemandPublication { get; } = PublicationRule.Parse("dayahead@20:00");

    private const int WindIndex = 3;
    private const int DemandIndex = 4;

    private static readonly string[] Header =
    [
        "interval_start_utc", "interval_end_utc", "interval_start_local", "wind_forecast_mw", "demand_forecast_mw", "qa_flags",
    ];

    /// <inheritdoc />
    public string Source => "gb-forecasts";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var csv = CsvRows.Open(content, context.FileName);
        var header = csv.Header;
        CsvFile.RequireHeader(context.FileName, header, Header, "cleaned GB wind and demand forecasts");
        var region = context.ResolveRegion(GbFiles.ScotlandRegionId);

        var builder = new BatchBuilder(Source, context.FileName);
        builder.EnsureCapacity(2 * csv.EstimatedRows, 2);
        foreach (var row in csv.Rows())
        {
            builder.CountRow();
            if (!UtcIntervalColumns.TryRead(row, header, GbFiles.HalfHour, GbFiles.London, builder, out var start)
                || !TryValue(row, header, WindIndex, builder, out var wind)
                || !TryValue(row, header, DemandIndex, builder, out var demand))
            {
                continue;
            }

            var end = start + GbFiles.HalfHour;
            if (wind is { } w)
            {
                builder.Add(row, header[WindIndex], new Observation(
                    region.Id, SeriesIds.WindForecastLatest, start, GbFiles.HalfHour, w, Source, WindPublication.PublishedAt(start, end, GbFiles.London)));
            }

            if (demand is { } d)
            {
                builder.Add(row, header[DemandIndex], new Observation(
                    region.Id, SeriesIds.DemandForecastDayAhead, start, GbFiles.HalfHour, d, Source, DemandPublication.PublishedAt(start, end, GbFiles.London)));
            }
        }

        return builder.Batch;
    }

    /// <summary>A forecast MW (null when empty), or false after rejecting the row: neither forecast can be negative.</summary>
    private static bool TryValue(CsvLine row, CsvLine header, int index, BatchBuilder builder, out double? value)
    {
        if (!Values.TryParseOptional(row[index], out value))
        {
            builder.Reject(row.Line, header[index], $"'{row[index].Trim()}' is not a number", row.Raw);
            return false;
        }

        if (value < 0)
        {
            builder.Reject(row.Line, header[index], $"{value} MW is negative: a forecast of generation or demand cannot be", row.Raw);
            return false;
        }

        return true;
    }
}
