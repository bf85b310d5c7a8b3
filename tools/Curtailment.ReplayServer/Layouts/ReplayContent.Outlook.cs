using System.Globalization;
using System.Text;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Feeds;

namespace Curtailment.ReplayServer.Layouts;

internal sealed partial class ReplayContent
{
    /// <summary>fuelsource.csv: CAISO's header → the cleaned column.</summary>
    private static readonly (string Header, string Column)[] FuelSourceColumns =
    [
        ("Solar", "solar_mw"), ("Wind", "wind_mw"), ("Geothermal", "geothermal_mw"), ("Biomass", "biomass_mw"),
        ("Biogas", "biogas_mw"), ("Small hydro", "small_hydro_mw"), ("Coal", "coal_mw"), ("Nuclear", "nuclear_mw"),
        ("Natural gas", "natural_gas_mw"), ("Large hydro", "large_hydro_mw"), ("Batteries", "batteries_mw"),
        ("Imports", "imports_mw"), ("Other", "other_mw"),
    ];

    /// <summary>demand.csv: CAISO's header → the cleaned column.</summary>
    private static readonly (string Header, string Column)[] DemandColumns =
    [
        ("Day ahead forecast", "demand_forecast_dayahead_mw"), ("Hour ahead forecast", "demand_forecast_hourahead_mw"),
        ("Current demand", "demand_mw"),
    ];

    /// <summary>
    /// <c>outlook/history/{yyyyMMdd}/{fuelsource|demand}.csv</c>: the rows whose interval ENDS in the local day
    /// (the first, <c>00:00</c>, is the previous day's last interval, as CAISO writes it), each from its end (real
    /// time). 404 before the feed's publication and for days the cleaned files do not hold.
    /// </summary>
    public ReplayRoute Outlook(string dayText, string file)
    {
        var name = file.ToLowerInvariant() switch
        {
            CaisoOutlookFeed.FuelSource => OutlookFuelSourceFeed,
            CaisoOutlookFeed.Demand => OutlookDemandFeed,
            _ => null,
        };
        if (name is null || !DateOnly.TryParseExact(dayText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ReplayRoute.Fixed(ReplayAnswer.NotFound($"outlook/history/{dayText}/{file}"));
        }

        var feed = Feed(name);
        return new ReplayRoute(feed.Name, InPeriod(feed, day), () => OutlookFile(feed, day, name == OutlookFuelSourceFeed ? FuelSourceColumns : DemandColumns));
    }

    private ReplayAnswer OutlookFile(IOperatorFeed feed, DateOnly day, (string Header, string Column)[] columns)
    {
        var zone = feed.Publication.TimeZone;
        var (dayStart, dayEnd) = LocalClock.DayBounds(day, zone);
        var table = data.Outlook.Value;
        var (from, to) = table.Range(dayStart, dayEnd);
        var (published, seen) = FileState(feed, day);
        if (from == to || !published)
        {
            return ReplayAnswer.NotFound($"{feed.Name} {day:yyyy-MM-dd} is not published at {Now:O}");
        }

        var text = new StringBuilder(64 * 300);
        text.Append("Time");
        foreach (var (header, _) in columns)
        {
            text.Append(',').Append(header);
        }

        text.Append('\n');
        var values = new string[columns.Length];
        for (var i = from; i < to; i++)
        {
            var end = table.Key(i);
            if (PublicationRule.RealTime.PublishedAt(end - FiveMinutes, end, zone) > seen)
            {
                break;
            }

            var row = table.Row(i);
            var any = false;
            for (var c = 0; c < columns.Length; c++)
            {
                values[c] = row[columns[c].Column];
                any |= values[c].Length > 0;
            }

            // A row with nothing (the unlisted second pass of the fall-back hour, a gap) is not written, as at CAISO.
            if (!any)
            {
                continue;
            }

            text.Append(TimeZoneInfo.ConvertTime(end, zone).ToString("HH:mm", CultureInfo.InvariantCulture));
            foreach (var value in values)
            {
                text.Append(',').Append(value);
            }

            text.Append('\n');
        }

        return new ReplayAnswer(200, "text/csv", Encoding.UTF8.GetBytes(text.ToString()));
    }
}
