using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Feeds;

namespace Curtailment.ReplayServer.Layouts;

internal sealed partial class ReplayContent
{
    /// <summary>
    /// <c>aemo/data/nem/priceanddemand/PRICE_AND_DEMAND_{yyyyMM}_SA1.csv</c>: AEMO's monthly file, the intervals whose
    /// settlement (end, NEM time) is in the month (the last one ends 00:00 on the 1st of the next), each from its end
    /// (real time). 404 before the month starts, for months the cleaned files lack and for other regions.
    /// </summary>
    public ReplayRoute Aemo(string name)
    {
        var match = AemoName().Match(name);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups[1].Value + "01", "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || !match.Groups[2].Value.Equals("SA1", StringComparison.Ordinal))
        {
            return ReplayRoute.Fixed(ReplayAnswer.NotFound($"aemo/data/nem/priceanddemand/{name}"));
        }

        var feed = Feed(AemoFeed);
        return new ReplayRoute(feed.Name, InPeriod(feed, month), () => AemoFile(feed, month));
    }

    private ReplayAnswer AemoFile(IOperatorFeed feed, DateOnly month)
    {
        var zone = feed.Publication.TimeZone;
        var table = data.Aemo.Value;
        var one = TimeSpan.FromTicks(1);
        var (from, to) = table.Range(LocalClock.DayBounds(month, zone).Start + one, LocalClock.DayBounds(month.AddMonths(1), zone).Start + one);
        var (published, seen) = FileState(feed, month);
        if (from == to || !published)
        {
            return ReplayAnswer.NotFound($"{feed.Name} {month:yyyy-MM} is not published at {Now:O}");
        }

        var now = Now;
        var text = new StringBuilder(48 * (to - from + 1));
        text.Append("REGION,SETTLEMENTDATE,TOTALDEMAND,RRP,PERIODTYPE\n");
        for (var i = from; i < to; i++)
        {
            var end = table.Key(i);
            if (end > seen)
            {
                break;
            }

            var row = table.Row(i);
            var start = row.Instant("interval_start_utc");
            var (never, delay) = faults.Publication(feed.Name, LocalClock.LocalDate(start, zone));
            if (never || PublicationRule.RealTime.PublishedAt(start, end, zone) + delay > now)
            {
                continue;
            }

            var settlement = TimeZoneInfo.ConvertTime(end, zone).ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
            text.Append("SA1,").Append(settlement).Append(',').Append(row["total_demand_mw"]).Append(',')
                .Append(row["rrp_aud_per_mwh"]).Append(",TRADE\n");
        }

        return new ReplayAnswer(200, "text/csv", Encoding.UTF8.GetBytes(text.ToString()));
    }

    [GeneratedRegex(@"^PRICE_AND_DEMAND_(\d{6})_([A-Z]{2,3}1)\.csv$")]
    private static partial Regex AemoName();
}
