using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features.Drivers;
using Microsoft.Data.Analysis;

namespace Curtailment.Features;

/// <summary>
/// Builds the features of target intervals as known at an issue time. Every value comes through the
/// store's as-of read with <see cref="FeatureRequest.IssuedAt"/>, so nothing published later can leak
/// in. Each feature group degrades to zeros plus a <c>has_*</c> flag (or a fallback) when its source is
/// absent for a region. Split by concern into partial files.
/// </summary>
/// <param name="reader">The as-of store reader.</param>
/// <param name="seriesForecaster">
/// Extrapolates demand where the operator publishes no forecast; null keeps the 7-day same-clock-time
/// demand profile and, unless <paramref name="targetForecaster"/> is given, zeroes the <c>ssa</c> features.
/// </param>
/// <param name="targetForecaster">
/// Extrapolates the target itself (<c>ssa_target_fc</c>); null uses <paramref name="seriesForecaster"/>.
/// Demand needs a weekly window, the target's daily cycle does not, and the weekly window costs far more.
/// </param>
public sealed partial class FeatureBuilder(IObservationReader reader, ISeriesForecaster? seriesForecaster = null, ISeriesForecaster? targetForecaster = null)
{
    /// <summary>The demand series forecaster in use, if any.</summary>
    public ISeriesForecaster? SeriesForecaster => seriesForecaster;

    /// <summary>The target series forecaster in use, if any.</summary>
    public ISeriesForecaster? TargetForecaster => targetForecaster ?? seriesForecaster;

    /// <summary>A builder with the same forecasters over another reader (a backtest's or a training run's snapshot).</summary>
    public FeatureBuilder WithReader(IObservationReader other) => new(other, seriesForecaster, targetForecaster);

    /// <summary>
    /// Every series the builder reads for a region: snapshots load exactly these, and a read of any other series
    /// fails rather than silently reading nothing.
    /// </summary>
    public static IReadOnlyList<string> SeriesRead(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return
        [
            region.Target.Series, SeriesIds.DemandForecastDayAhead, SeriesIds.Demand, SeriesIds.SolarForecastDayAhead,
            SeriesIds.WindForecastDayAhead, SeriesIds.Solar, SeriesIds.Imports, SeriesIds.LargeHydro, SeriesIds.NaturalGas,
            SeriesIds.Nuclear, SeriesIds.Batteries, SeriesIds.Wind,
            .. region.TransmissionBoundaries.SelectMany(b => new[] { SeriesIds.BoundaryHeadroom(b), SeriesIds.BoundaryLimit(b) }),
            // Of the flows, only the main (first listed) boundary's is a feature.
            .. region.TransmissionBoundaries.Take(1).Select(SeriesIds.BoundaryFlow),
        ];
    }

    /// <summary>Builds one row per target interval, columns in <see cref="FeatureSchema.Names"/> order.</summary>
    public async Task<FeatureFrame> BuildAsync(FeatureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Step <= TimeSpan.Zero || request.Count <= 0)
        {
            throw new ArgumentException("The target range must hold at least one interval of a positive step.", nameof(request));
        }

        var starts = Enumerable.Range(0, request.Count).Select(i => request.TargetStart + (request.Step * i)).ToArray();
        var columns = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var context = new BuildContext(request, starts, columns);

        AddCalendar(context);
        AddSun(context);
        await AddTargetHistoryAsync(context, cancellationToken);
        await AddTargetForecastAsync(context, cancellationToken);
        await AddDemandAsync(context, cancellationToken);
        await AddRenewableForecastsAsync(context, cancellationToken);
        await AddWeekChangeAsync(context, cancellationToken);
        await AddRecentSupplyAsync(context, cancellationToken);
        await AddTransmissionAsync(context, cancellationToken);
        AddTiming(context);

        var frame = new DataFrame();
        frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("interval_start_utc", starts.Select(s => s.UtcDateTime)));
        foreach (var name in FeatureSchema.Names)
        {
            if (!columns.TryGetValue(name, out var values))
            {
                throw new InvalidOperationException($"Feature '{name}' was not built.");
            }

            frame.Columns.Add(new SingleDataFrameColumn(name, values));
        }

        return new FeatureFrame(frame, starts, request.Step, request.IssuedAt, context.LocalStarts.Select(DateOnly.FromDateTime).ToList());
    }

    private Task<DenseSeries> ReadAsync(BuildContext context, string series, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken) =>
        context.SeriesRead.Contains(series)
            ? reader.ReadDenseAsync(new ObservationQuery(context.Request.Region.Id, series, from, to, context.Request.IssuedAt), step, cancellationToken)
            : throw new InvalidOperationException($"Feature code reads '{series}', which is not in FeatureBuilder.SeriesRead for {context.Request.Region.Id}.");

    /// <summary>Per-request state: the target grid, local times and the columns built so far.</summary>
    private sealed class BuildContext
    {
        public BuildContext(FeatureRequest request, DateTimeOffset[] starts, Dictionary<string, float[]> columns)
        {
            Request = request;
            Starts = starts;
            Columns = columns;
            Zone = request.Region.TimeZone;
            LocalStarts = starts.Select(s => TimeZoneInfo.ConvertTime(s, Zone).DateTime).ToArray();
            SeriesRead = new HashSet<string>(FeatureBuilder.SeriesRead(request.Region), StringComparer.Ordinal);
        }

        public FeatureRequest Request { get; }

        /// <summary>The series the builder may read for the request's region.</summary>
        public HashSet<string> SeriesRead { get; }

        public DateTimeOffset[] Starts { get; }

        public DateTime[] LocalStarts { get; }

        public TimeZoneInfo Zone { get; }

        public Dictionary<string, float[]> Columns { get; }

        /// <summary>Actual demand from 9 days before the target day to the issue time (read once, used by two groups).</summary>
        public DenseSeries? RecentDemand { get; set; }

        /// <summary>The target history read by the history group (read once, used by the timing group too).</summary>
        public DenseSeries? TargetHistory { get; set; }

        public int Count => Starts.Length;

        public void Set(string name, float[] values) => Columns[name] = values;

        public float[] New() => new float[Starts.Length];

        /// <summary>The UTC start of the same local clock time <paramref name="daysBack"/> days before row <paramref name="row"/>.</summary>
        public DateTimeOffset SameClockTime(int row, int daysBack)
        {
            var local = LocalStarts[row].AddDays(-daysBack);
            var hour = new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0);
            // Offsets change only at daylight-saving hours, so one conversion per local hour serves every row in it.
            if (!_hourToUtc.TryGetValue(hour, out var hourUtc))
            {
                // The skipped spring hour has no same clock time; the hour after stands in for it.
                hourUtc = LocalClock.IsNonexistent(hour, Zone)
                    ? LocalClock.ToUtc(hour.AddHours(1), Zone, AmbiguousTime.Earlier)
                    : LocalClock.ToUtc(hour, Zone, AmbiguousTime.Earlier);
                _hourToUtc[hour] = hourUtc;
            }

            return hourUtc + (local - hour);
        }

        private readonly Dictionary<DateTime, DateTimeOffset> _hourToUtc = [];
        private readonly Dictionary<long, TimeSpan> _utcHourOffset = [];

        /// <summary>The local date of an instant, with one time-zone lookup per UTC hour.</summary>
        public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(LocalDateTime(instant));

        /// <summary>The local clock time of an instant in hours after local midnight (9.25 for 09:15).</summary>
        public double LocalClockHours(DateTimeOffset instant) => LocalDateTime(instant).TimeOfDay.TotalHours;

        private DateTime LocalDateTime(DateTimeOffset instant)
        {
            var hour = instant.UtcTicks / TimeSpan.TicksPerHour;
            if (!_utcHourOffset.TryGetValue(hour, out var offset))
            {
                offset = Zone.GetUtcOffset(instant);
                _utcHourOffset[hour] = offset;
            }

            return instant.UtcDateTime + offset;
        }
    }

    /// <summary>Looks up values of a dense series by instant; NaN outside it.</summary>
    private static double At(DenseSeries series, DateTimeOffset instant)
    {
        var offset = instant - series.Start;
        if (offset < TimeSpan.Zero)
        {
            return double.NaN;
        }

        var index = (long)(offset / series.Step);
        return index < series.Values.Length ? series.Values[index] : double.NaN;
    }

    private static float F(double value) => double.IsFinite(value) ? (float)value : 0f;

    private static IEnumerable<IGrouping<DateOnly, int>> RowsByLocalDay(BuildContext context) =>
        Enumerable.Range(0, context.Count).GroupBy(i => DateOnly.FromDateTime(context.LocalStarts[i]));

    private static double MeanKnown(IEnumerable<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count > 0 ? sum / count : double.NaN;
    }
}
