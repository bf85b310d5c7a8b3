using System.Text.RegularExpressions;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Gb;

/// <summary>
/// NESO's day-ahead boundary flows and limits, as our cleaned wide half-hourly file
/// (<c>gb_da_boundary_limits_flows_halfhourly_*.csv</c>): after the three time columns, a
/// <c>&lt;id&gt;_flow_mw, &lt;id&gt;_limit_mw</c> pair per boundary, as many as the header holds, then
/// <c>qa_flags</c>. Per boundary it writes <see cref="SeriesIds.BoundaryLimit"/>, <see cref="SeriesIds.BoundaryFlow"/>
/// and <see cref="SeriesIds.BoundaryHeadroom"/> (limit minus flow) into <c>GB-SCOTLAND</c>, or the region given.
/// Flows, headroom and limits are stored as published, negative or zero included; an empty cell means the boundary
/// was not reported for that half hour.
/// </summary>
public sealed partial class GbBoundaryConstraintsImporter : IFileImporter
{
    /// <summary>
    /// Limits at or above this (10,000, and the placeholder 99,999) mean "no binding limit": they are stored as
    /// published, but a headroom computed from them would be a made-up number, so none is written.
    /// </summary>
    public const double NoBindingLimitMw = 10_000;

    /// <summary>
    /// NESO calls the values day-ahead, but no publication before the day could be confirmed: the published file
    /// never held the next day. So a day's values count as known from the start of that day (Europe/London), not
    /// before, unless the caller gives a rule.
    /// </summary>
    public static PublicationRule DefaultPublication => PublicationRule.SameDayStart;

    private const string FlowSuffix = "_flow_mw";
    private const string LimitSuffix = "_limit_mw";
    private const string FlagsColumn = "qa_flags";

    private static readonly string[] TimeColumns = ["interval_start_utc", "interval_end_utc", "interval_start_local"];

    /// <inheritdoc />
    public string Source => "gb-constraints";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var csv = CsvRows.Open(content, context.FileName);
        var header = csv.Header;
        CsvFile.RequireHeader(context.FileName, header, TimeColumns, "cleaned GB day-ahead boundary flows and limits");
        var boundaries = ReadBoundaries(context.FileName, header);
        var region = context.ResolveRegion(GbFiles.ScotlandRegionId);
        // The default is a UK day whatever region the values are read into; a rule the caller gives is local to the region.
        var (rule, zone) = context.Published is { } given ? (given, region.TimeZone) : (DefaultPublication, GbFiles.London);

        var builder = new BatchBuilder(Source, context.FileName);
        var sized = false;
        var flows = new double?[boundaries.Length];
        var limits = new double?[boundaries.Length];
        foreach (var row in csv.Rows())
        {
            builder.CountRow();
            if (!UtcIntervalColumns.TryRead(row, header, GbFiles.HalfHour, GbFiles.London, builder, out var start)
                || !TryValues(row, header, boundaries, builder, flows, limits))
            {
                continue;
            }

            if (!sized)
            {
                // Only some of the boundaries are reported at a time, and which ones changes slowly: the first row's
                // count, times the rows, sizes the batch better than the header can.
                var perRow = 0;
                for (var b = 0; b < boundaries.Length; b++)
                {
                    perRow += (flows[b].HasValue ? 1 : 0) + (limits[b].HasValue ? 1 : 0) + (flows[b].HasValue && limits[b] < NoBindingLimitMw ? 1 : 0);
                }

                builder.EnsureCapacity(Math.Max(1, perRow) * csv.EstimatedRows, 3 * boundaries.Length);
                sized = true;
            }

            var published = rule.PublishedAt(start, start + GbFiles.HalfHour, zone);
            for (var b = 0; b < boundaries.Length; b++)
            {
                var boundary = boundaries[b];
                if (flows[b] is { } flow)
                {
                    builder.Add(row, header[boundary.FlowIndex], new Observation(region.Id, boundary.Flow, start, GbFiles.HalfHour, flow, Source, published));
                }

                if (limits[b] is { } limit)
                {
                    builder.Add(row, header[boundary.LimitIndex], new Observation(region.Id, boundary.Limit, start, GbFiles.HalfHour, limit, Source, published));
                    if (flows[b] is { } f && limit < NoBindingLimitMw)
                    {
                        builder.Add(row, header[boundary.LimitIndex], new Observation(region.Id, boundary.Headroom, start, GbFiles.HalfHour, limit - f, Source, published));
                    }
                }
            }
        }

        return builder.Batch;
    }

    /// <summary>Every flow and limit of the row, or false after rejecting it whole for its first unreadable cell.</summary>
    private static bool TryValues(CsvLine row, CsvLine header, Boundary[] boundaries, BatchBuilder builder, double?[] flows, double?[] limits)
    {
        for (var b = 0; b < boundaries.Length; b++)
        {
            if (!TryValue(row, header, boundaries[b].FlowIndex, builder, out flows[b])
                || !TryValue(row, header, boundaries[b].LimitIndex, builder, out limits[b]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryValue(CsvLine row, CsvLine header, int index, BatchBuilder builder, out double? value)
    {
        if (Values.TryParseOptional(row[index], out value))
        {
            return true;
        }

        builder.Reject(row.Line, header[index], $"'{row[index].Trim()}' is not a number", row.Raw);
        return false;
    }

    /// <summary>
    /// The boundaries the header names: every column between the time columns and <c>qa_flags</c> must be a
    /// boundary's flow or limit, and each boundary needs both.
    /// </summary>
    private static Boundary[] ReadBoundaries(string fileName, CsvLine header)
    {
        var last = header.Fields.Length - 1;
        if (last < TimeColumns.Length || !header[last].Trim().Equals(FlagsColumn, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportFormatException(fileName, header.Line, last + 1,
                $"expected the last column to be '{FlagsColumn}', found '{header[last].Trim()}'.");
        }

        var flowIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var limitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = TimeColumns.Length; i < last; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            var (id, columns) = name.EndsWith(FlowSuffix, StringComparison.Ordinal) ? (name[..^FlowSuffix.Length], flowIndex)
                : name.EndsWith(LimitSuffix, StringComparison.Ordinal) ? (name[..^LimitSuffix.Length], limitIndex)
                : (string.Empty, null);
            if (columns is null || !BoundaryId().IsMatch(id))
            {
                throw new ImportFormatException(fileName, header.Line, i + 1,
                    $"column '{header[i].Trim()}' is not a boundary's <id>{FlowSuffix} or <id>{LimitSuffix} (id: lower-case letters, digits, '_').");
            }

            if (!columns.TryAdd(id, i))
            {
                throw new ImportFormatException(fileName, header.Line, i + 1, $"column '{header[i].Trim()}' appears twice.");
            }
        }

        foreach (var (id, index) in flowIndex)
        {
            if (!limitIndex.ContainsKey(id))
            {
                throw new ImportFormatException(fileName, header.Line, index + 1, $"boundary '{id}' has a flow column but no '{id}{LimitSuffix}'.");
            }
        }

        foreach (var (id, index) in limitIndex)
        {
            if (!flowIndex.ContainsKey(id))
            {
                throw new ImportFormatException(fileName, header.Line, index + 1, $"boundary '{id}' has a limit column but no '{id}{FlowSuffix}'.");
            }
        }

        if (flowIndex.Count == 0)
        {
            throw new ImportFormatException(fileName, header.Line, TimeColumns.Length + 1, "the header names no boundary (<id>_flow_mw, <id>_limit_mw).");
        }

        return [.. flowIndex.OrderBy(p => p.Value).Select(p => new Boundary(
            SeriesIds.BoundaryFlow(p.Key), SeriesIds.BoundaryLimit(p.Key), SeriesIds.BoundaryHeadroom(p.Key), p.Value, limitIndex[p.Key]))];
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex BoundaryId();

    /// <summary>A boundary's series ids (made once, so every row passes the same strings) and its columns.</summary>
    private sealed record Boundary(string Flow, string Limit, string Headroom, int FlowIndex, int LimitIndex);
}
