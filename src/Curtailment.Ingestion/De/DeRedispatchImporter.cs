using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.De;

/// <summary>
/// The German TSOs' redispatch, hourly, as our cleaned wide file
/// (<c>de_tso_redispatch_hourly_2021-10_2024-12.csv</c>): UTC hours, then a down and an up column per TSO. Each
/// TSO's pair goes to its own control-area region (<c>tennet_de</c> to <c>DE-TENNET</c>, ...) as
/// <see cref="SeriesIds.RedispatchDown"/> and <see cref="SeriesIds.RedispatchUp"/>. A value is the MWh of the hour,
/// which is its mean MW. The file names its regions, so <c>--region</c> does not apply.
/// Published by each region's curtailment rule unless the caller gives one.
/// </summary>
public sealed class DeRedispatchImporter : IFileImporter
{
    /// <summary>
    /// The source series start at 2021-10-01 00:00 UTC and leave out measures that began before it, so the first
    /// day's hours are too low. They are not stored rather than stored low.
    /// </summary>
    private const string EdgeTruncatedFlag = "edge_truncated";

    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private static readonly string[] Header =
    [
        "interval_start_utc", "interval_end_utc", "interval_start_local",
        "tennet_de_down_mw", "tennet_de_up_mw", "50hertz_down_mw", "50hertz_up_mw",
        "amprion_down_mw", "amprion_up_mw", "transnetbw_down_mw", "transnetbw_up_mw", "qa_flags",
    ];

    /// <summary>The region of each TSO's column pair, in header order.</summary>
    private static readonly string[] RegionIds = ["DE-TENNET", "DE-50HERTZ", "DE-AMPRION", "DE-TRANSNETBW"];

    private const int FirstValue = UtcIntervalColumns.Count;
    private const int ValueCount = 8;
    private const int FlagsIndex = FirstValue + ValueCount;

    /// <inheritdoc />
    public string Source => "de-redispatch";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RegionId is not null)
        {
            throw new ImportFormatException(context.FileName, 0, null,
                $"the file writes each TSO's columns to its own region ({string.Join(", ", RegionIds)}); --region '{context.RegionId}' does not apply.");
        }

        using var csv = CsvRows.Open(content, context.FileName);
        var header = csv.Header;
        CsvFile.RequireHeader(context.FileName, header, Header, "cleaned German TSO redispatch");
        var regions = RegionIds.Select(id => context.Regions.Find(id)
            ?? throw new ImportFormatException(context.FileName, 0, null, $"region '{id}' is not in the region catalogue.")).ToArray();
        var berlin = regions[0].TimeZone;

        var builder = new BatchBuilder(Source, context.FileName);
        builder.EnsureCapacity(ValueCount * csv.EstimatedRows, ValueCount);
        Span<double?> values = stackalloc double?[ValueCount];
        Span<DateTimeOffset> published = stackalloc DateTimeOffset[RegionIds.Length];
        foreach (var row in csv.Rows())
        {
            builder.CountRow();
            if (!UtcIntervalColumns.TryRead(row, header, OneHour, berlin, builder, out var start))
            {
                continue;
            }

            if (QaFlags.Has(row[FlagsIndex], EdgeTruncatedFlag))
            {
                builder.Reject(row.Line, header[FlagsIndex],
                    $"flagged {EdgeTruncatedFlag}: the first day of the series misses measures that began before it, so its values are too low", row.Raw);
                continue;
            }

            if (!TryValues(row, header, builder, values))
            {
                continue;
            }

            var end = start + OneHour;
            for (var r = 0; r < regions.Length; r++)
            {
                published[r] = (context.Published ?? regions[r].CurtailmentPublication).PublishedAt(start, end, regions[r].TimeZone);
            }

            for (var i = 0; i < ValueCount; i++)
            {
                if (values[i] is { } mw)
                {
                    var region = i / 2;
                    var series = i % 2 == 0 ? SeriesIds.RedispatchDown : SeriesIds.RedispatchUp;
                    builder.Add(row, header[FirstValue + i], new Observation(regions[region].Id, series, start, OneHour, mw, Source, published[region]));
                }
            }
        }

        return builder.Batch;
    }

    /// <summary>Every value of the row, or false after rejecting it whole for its first bad cell.</summary>
    private static bool TryValues(CsvLine row, CsvLine header, BatchBuilder builder, Span<double?> values)
    {
        for (var i = 0; i < ValueCount; i++)
        {
            var index = FirstValue + i;
            if (!Values.TryParseOptional(row[index], out var value))
            {
                builder.Reject(row.Line, header[index], $"'{row[index].Trim()}' is not a number", row.Raw);
                return false;
            }

            if (value < 0)
            {
                builder.Reject(row.Line, header[index], $"{value} MW is negative: redispatch is a volume in one direction", row.Raw);
                return false;
            }

            values[i] = value;
        }

        return true;
    }
}
