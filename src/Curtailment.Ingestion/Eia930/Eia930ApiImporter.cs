using System.Globalization;
using System.Text.Json;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Eia930;

/// <summary>
/// EIA-930 hourly region data as EIA's open data API v2 answers it (<c>electricity/rto/region-data</c>):
/// <c>{"response": {"data": [{"period": "2021-03-14T08", "respondent": "CISO", "type": "D", "value": "23000"}, ...]}}</c>.
/// <c>period</c> is the UTC hour, stamped by its end as EIA-930 does; <c>type</c> D is demand, DF the day-ahead demand
/// forecast, NG net generation, TI total interchange; <c>value</c> is MW (MWh over the hour), as a number or a string.
/// The respondent names the region (CISO → CAISO). A rejected record is named by its 1-based position in
/// <c>response.data</c> (JSON has no useful line per record); a broken document by its line.
/// </summary>
public sealed class Eia930ApiImporter : IFileImporter
{
    /// <summary>Series id of EIA-930 net generation (NG), MW.</summary>
    public const string NetGeneration = "net_generation_mw";

    /// <summary>Series id of EIA-930 total interchange (TI, positive out of the area), MW.</summary>
    public const string TotalInterchange = "total_interchange_mw";

    private static readonly PublicationRule ActualsRule = PublicationRule.Parse("realtime+PT1H");

    private static readonly Dictionary<string, string> SeriesByType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["D"] = SeriesIds.Demand,
        ["DF"] = SeriesIds.DemandForecastDayAhead,
        ["NG"] = NetGeneration,
        ["TI"] = TotalInterchange,
    };

    /// <inheritdoc />
    public string Source => "eia930-api";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(context);
        var data = ReadData(content, context.FileName, out var document);
        using (document)
        {
            var builder = new BatchBuilder(Source, context.FileName);
            var record = 0;
            foreach (var row in data.EnumerateArray())
            {
                record++;
                builder.CountRow();
                ReadRecord(row, record, context, builder);
            }

            return builder.Batch;
        }
    }

    /// <summary>The <c>response.data</c> array; a document that is empty, broken or of another shape fails the file.</summary>
    private static JsonElement ReadData(Stream content, string fileName, out JsonDocument document)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            throw new ImportFormatException(fileName, 0, null, "the file is empty.");
        }

        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            throw new ImportFormatException(fileName, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1,
                $"not whole JSON (truncated?): {e.Message}");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("response", out var response)
            || !response.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new ImportFormatException(fileName, 1, 1, "not an EIA API v2 answer: expected an object with response.data, an array of records.");
        }

        return data;
    }

    private static void ReadRecord(JsonElement row, int record, ImportContext context, BatchBuilder builder)
    {
        var raw = row.GetRawText();
        var period = Text(row, "period");
        if (!DateTimeOffset.TryParseExact(period, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var end))
        {
            builder.Reject(record, "period", $"record {record}: '{period}' is not a UTC hour like 2021-03-14T08", raw);
            return;
        }

        var respondent = Text(row, "respondent") ?? string.Empty;
        var region = BalancingAuthorities.RegionFor(respondent) is { } id ? context.Regions.Find(id) : null;
        if (region is null)
        {
            builder.Reject(record, "respondent",
                $"record {record}: balancing authority '{respondent}' has no region in the catalogue (known: {string.Join(", ", BalancingAuthorities.Codes)})", raw);
            return;
        }

        var type = Text(row, "type") ?? string.Empty;
        if (!SeriesByType.TryGetValue(type, out var series))
        {
            builder.Reject(record, "type", $"record {record}: '{type}' is not one of {string.Join(", ", SeriesByType.Keys)}", raw);
            return;
        }

        var valueText = Text(row, "value");
        if (!Values.TryParseOptional(valueText ?? string.Empty, out var value))
        {
            builder.Reject(record, "value", $"record {record}: '{valueText}' is not a number", raw);
            return;
        }

        if (value is null)
        {
            // EIA sends null where the BA reported nothing.
            return;
        }

        var start = end - TimeSpan.FromHours(1);
        var rule = series == SeriesIds.DemandForecastDayAhead ? PublicationRule.DayAheadTen : ActualsRule;
        builder.Add(record, raw, "value",
            new Observation(region.Id, series, start, end - start, value.Value, builder.Source, rule.PublishedAt(start, end, region.TimeZone)));
    }

    /// <summary>A property as text, whether EIA wrote it as a string or a number; null when absent or null.</summary>
    private static string? Text(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
