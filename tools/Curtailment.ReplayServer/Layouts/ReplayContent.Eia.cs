using System.Globalization;
using System.Text.Json;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Feeds;
using Microsoft.AspNetCore.Http;

namespace Curtailment.ReplayServer.Layouts;

internal sealed partial class ReplayContent
{
    /// <summary>EIA-930 hourly values are out about an hour after the hour ends (the importer's rule too).</summary>
    private static readonly PublicationRule EiaRule = PublicationRule.Parse("realtime+PT1H");

    /// <summary>
    /// <c>v2/electricity/rto/region-data/data/?frequency=hourly&amp;facets[respondent][]=CISO&amp;start={d}T00&amp;end={d}T23&amp;...</c>:
    /// EIA's JSON with a D record (and DF where the cleaned file has a forecast) for each hour whose period (its end)
    /// lies in <c>[start, end]</c> and that EIA had published: an hour after it ends. Nothing published yet is an
    /// empty <c>data</c> array, as at EIA. Without <c>api_key</c> EIA's 403 error.
    /// </summary>
    public ReplayRoute Eia(IQueryCollection query)
    {
        if (string.IsNullOrEmpty(query["api_key"]))
        {
            return ReplayRoute.Fixed(EiaError(403, "API_KEY_MISSING", "No api_key was supplied. Please register for one at https://www.eia.gov/opendata/register.php"));
        }

        if (!query["frequency"].ToString().Equals("hourly", StringComparison.Ordinal))
        {
            return ReplayRoute.Fixed(EiaError(400, "INVALID_FREQUENCY", $"frequency '{query["frequency"]}' is not served by the replay (hourly)."));
        }

        if (!TryEiaHour(query["start"], out var start) || !TryEiaHour(query["end"], out var end) || end < start)
        {
            return ReplayRoute.Fixed(EiaError(400, "INVALID_DATE",
                $"start '{query["start"]}' and end '{query["end"]}' must be UTC hours like 2021-03-14T08, the end not before the start."));
        }

        var offset = int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var length = int.TryParse(query["length"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 5000;
        var respondent = query["facets[respondent][]"].ToString();
        var feed = Feed(EiaFeed);
        var day = DateOnly.FromDateTime(start.UtcDateTime);
        return new ReplayRoute(feed.Name, InPeriod(feed, day), () => EiaJson(feed, day, respondent, start, end, offset, length));
    }

    private ReplayAnswer EiaJson(IOperatorFeed feed, DateOnly day, string respondent, DateTimeOffset start, DateTimeOffset end, int offset, int length)
    {
        var records = new List<(string Period, string Type, string Value)>();
        var (published, seen) = FileState(feed, day);
        // Only CISO is in the cleaned files; another respondent simply has no rows, as a facet EIA does not know.
        if (published && respondent.Equals("CISO", StringComparison.OrdinalIgnoreCase))
        {
            var table = data.Eia.Value;
            var (from, to) = table.Range(start, end + TimeSpan.FromTicks(1));
            for (var i = from; i < to; i++)
            {
                var hourEnd = table.Key(i);
                if (EiaRule.PublishedAt(hourEnd - TimeSpan.FromHours(1), hourEnd, TimeZoneInfo.Utc) > seen)
                {
                    break;
                }

                var row = table.Row(i);
                var period = hourEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture);
                if (row["demand_mw"] is { Length: > 0 } demand)
                {
                    records.Add((period, "D", demand));
                }

                if (row["demand_forecast_mw"] is { Length: > 0 } forecast)
                {
                    records.Add((period, "DF", forecast));
                }
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("response");
            json.WriteString("total", records.Count.ToString(CultureInfo.InvariantCulture));
            json.WriteString("dateFormat", "YYYY-MM-DD\"T\"HH24");
            json.WriteString("frequency", "hourly");
            json.WriteStartArray("data");
            foreach (var (period, type, value) in records.Skip(offset).Take(length))
            {
                json.WriteStartObject();
                json.WriteString("period", period);
                json.WriteString("respondent", "CISO");
                json.WriteString("respondent-name", "California Independent System Operator");
                json.WriteString("type", type);
                json.WriteString("type-name", type == "D" ? "Demand" : "Day-ahead demand forecast");
                json.WriteString("value", value);
                json.WriteString("value-units", "megawatthours");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("description", "Hourly demand, day-ahead demand forecast, net generation, and interchange by balancing authority (replayed).");
            json.WriteEndObject();
            json.WriteString("apiVersion", "2.1.8");
            json.WriteEndObject();
        }

        return new ReplayAnswer(200, "application/json", buffer.ToArray());
    }

    private static bool TryEiaHour(string? text, out DateTimeOffset hour) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out hour);

    private static ReplayAnswer EiaError(int status, string code, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new ReplayAnswer(status, "application/json", buffer.ToArray());
    }
}
