using System.Globalization;
using System.IO.Compression;
using System.Text;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Feeds;
using Microsoft.AspNetCore.Http;

namespace Curtailment.ReplayServer.Layouts;

internal sealed partial class ReplayContent
{
    private const string OasisTimeFormat = "yyyyMMdd'T'HH':'mm'-0000'";
    private const string ZipType = "application/x-zip-compressed";

    /// <summary>
    /// <c>oasisapi/SingleZip?queryname=SLD_REN_FCST|SLD_FCST&amp;market_run_id=DAM&amp;startdatetime=...&amp;enddatetime=...</c>:
    /// a zip of one CSV for the hours in <c>[start, end)</c>, from the feed's publication on the day before the
    /// Pacific day of <c>start</c>; before it, or for hours the cleaned files lack, the error zip OASIS sends for
    /// "no data" (code 1000). A malformed query gets OASIS's error zip with another code.
    /// </summary>
    public ReplayRoute Oasis(IQueryCollection query)
    {
        var name = query["queryname"].ToString() switch
        {
            CaisoOasisFeed.RenewablesForecast => OasisRenewablesFeed,
            CaisoOasisFeed.LoadForecast => OasisLoadFeed,
            _ => null,
        };
        if (name is null)
        {
            return ReplayRoute.Fixed(OasisError("1002", $"queryname '{query["queryname"]}' is not served by the replay ({CaisoOasisFeed.RenewablesForecast}, {CaisoOasisFeed.LoadForecast})"));
        }

        if (!query["market_run_id"].ToString().Equals("DAM", StringComparison.Ordinal))
        {
            return ReplayRoute.Fixed(OasisError("1002", $"market_run_id '{query["market_run_id"]}' is not served by the replay (DAM)"));
        }

        if (!TryOasisTime(query["startdatetime"], out var start) || !TryOasisTime(query["enddatetime"], out var end) || end <= start)
        {
            return ReplayRoute.Fixed(OasisError("1002",
                $"startdatetime '{query["startdatetime"]}' and enddatetime '{query["enddatetime"]}' must be times like 20210314T08:00-0000, the end after the start"));
        }

        var feed = Feed(name);
        var day = LocalClock.LocalDate(start, feed.Publication.TimeZone);
        return new ReplayRoute(feed.Name, InPeriod(feed, day), () => OasisZipFor(feed, day, start, end));
    }

    private ReplayAnswer OasisZipFor(IOperatorFeed feed, DateOnly day, DateTimeOffset start, DateTimeOffset end)
    {
        var (published, _) = FileState(feed, day);
        if (!published)
        {
            return OasisError("1000", "No data returned for the specified selection");
        }

        var zone = feed.Publication.TimeZone;
        var dayStart = LocalClock.DayBounds(day, zone).Start;
        var renewables = feed.Name == OasisRenewablesFeed;
        var csv = new StringBuilder(renewables
            ? "INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,OPR_DT,OPR_HR,TRADING_HUB,RENEWABLE_TYPE,LABEL,XML_DATA_ITEM,MARKET_RUN_ID_POS,RENEW_POS,MW,MARKET_RUN_ID,GROUP\n"
            : "INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,OPR_DT,OPR_HR,OPR_INTERVAL,LOAD_TYPE,TAC_AREA_NAME,LABEL,XML_DATA_ITEM,POS,MW,EXECUTION_TYPE,MARKET_RUN_ID,GROUP\n");
        var rows = renewables ? RenewableRows(csv, start, end, dayStart, zone) : LoadRows(csv, start, end, dayStart, zone);
        if (rows == 0)
        {
            return OasisError("1000", "No data returned for the specified selection");
        }

        var stamp = feed.Publication.ExpectedAt(day).ToString("yyyyMMdd'_'HH'_'mm'_'ss", CultureInfo.InvariantCulture);
        var query = renewables ? CaisoOasisFeed.RenewablesForecast : CaisoOasisFeed.LoadForecast;
        var entry = $"{day:yyyyMMdd}_{day.AddDays(1):yyyyMMdd}_{query}_DAM_{stamp}_v1.csv";
        return new ReplayAnswer(200, ZipType, Zip(entry, Encoding.UTF8.GetBytes(csv.ToString())));
    }

    /// <summary>
    /// SLD_REN_FCST rows: the cleaned file holds only CAISO's total per hour, not the split by trading hub, so each
    /// hour has one Solar and one Wind row under the hub name <c>CAISO</c> (the importer adds up the hubs of an hour).
    /// </summary>
    private int RenewableRows(StringBuilder csv, DateTimeOffset start, DateTimeOffset end, DateTimeOffset dayStart, TimeZoneInfo zone)
    {
        var table = data.DayAhead.Value;
        var (from, to) = table.Range(start, end);
        var count = 0;
        for (var i = from; i < to; i++)
        {
            var row = table.Row(i);
            var hourStart = table.Key(i);
            var hourEnd = row.Instant("interval_end_utc");
            foreach (var (type, column, position) in new[] { ("Solar", "solar_forecast_dayahead_mw", 1), ("Wind", "wind_forecast_dayahead_mw", 2) })
            {
                var mw = row[column];
                if (mw.Length == 0)
                {
                    continue;
                }

                csv.Append(OasisRowStart(hourStart, hourEnd, dayStart, zone))
                    .Append(",CAISO,").Append(type).Append(",Renewable Forecast Day Ahead,RENEW_FCST_DA_MW,1,")
                    .Append(position).Append(',').Append(mw).Append(",DAM,1\n");
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// SLD_FCST rows of the ISO total (<c>CA ISO-TAC</c>): CAISO's day-ahead load forecast as Today's Outlook shows it
    /// (demand.csv's "Day ahead forecast", one value per hour), the only copy of that forecast in the cleaned files.
    /// </summary>
    private int LoadRows(StringBuilder csv, DateTimeOffset start, DateTimeOffset end, DateTimeOffset dayStart, TimeZoneInfo zone)
    {
        var table = data.Outlook.Value;
        var count = 0;
        for (var hour = start; hour < end; hour += TimeSpan.FromHours(1))
        {
            // Outlook rows are keyed by their end: the hour's twelve intervals end in (hour, hour + 1 h].
            var (from, to) = table.Range(hour + FiveMinutes, hour + TimeSpan.FromHours(1) + FiveMinutes);
            string? mw = null;
            for (var i = from; i < to && mw is null; i++)
            {
                var value = table.Row(i)["demand_forecast_dayahead_mw"];
                mw = value.Length > 0 ? value : null;
            }

            if (mw is null)
            {
                continue;
            }

            csv.Append(OasisRowStart(hour, hour + TimeSpan.FromHours(1), dayStart, zone))
                .Append(",0,0,CA ISO-TAC,Demand Forecast,SYS_FCST_DA_MW,1,").Append(mw).Append(",DAM,DAM,1\n");
            count++;
        }

        return count;
    }

    /// <summary>The interval columns OASIS starts each row with: GMT start and end, operating date and hour-ending.</summary>
    private static string OasisRowStart(DateTimeOffset start, DateTimeOffset end, DateTimeOffset dayStart, TimeZoneInfo zone)
    {
        var operatingDay = LocalClock.LocalDate(start, zone);
        var hourEnding = (int)((start - dayStart).TotalHours) + 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"{start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}-00:00,{end.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}-00:00,{operatingDay:yyyy-MM-dd},{hourEnding}");
    }

    private static bool TryOasisTime(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, OasisTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>The zip OASIS answers when it has no CSV: one <c>INVALID_REQUEST.xml</c> with its error code.</summary>
    private static ReplayAnswer OasisError(string code, string description)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <m:OASISReport xmlns:m="http://www.caiso.com/soa/OASISReport_v1.xsd">
            <m:MessageHeader><m:Source>OASIS</m:Source><m:Version>v20131201</m:Version></m:MessageHeader>
            <m:MessagePayload><m:RTO><m:name>CAISO</m:name><m:ERROR><m:ERR_CODE>{code}</m:ERR_CODE><m:ERR_DESC>{System.Security.SecurityElement.Escape(description)}</m:ERR_DESC></m:ERROR></m:RTO></m:MessagePayload>
            </m:OASISReport>
            """;
        return new ReplayAnswer(200, ZipType, Zip("INVALID_REQUEST.xml", Encoding.UTF8.GetBytes(xml)));
    }

    private static byte[] Zip(string entryName, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry(entryName, CompressionLevel.Fastest).Open();
            entry.Write(content);
        }

        return buffer.ToArray();
    }
}
