using Curtailment.Core.Observations;

namespace Curtailment.Features;

public sealed partial class FeatureBuilder
{
    /// <summary>How many days of boundary history the transmission group reads before the target day.</summary>
    public const int TransmissionHistoryDays = 8;

    /// <summary>A boundary whose headroom is below this share of its limit counts as binding.</summary>
    public const double BindingHeadroomShare = 0.1;

    /// <summary>How many of the latest known hours of the main boundary describe where its flow stands at issue.</summary>
    public const int MainBoundaryRecentHours = 6;

    /// <summary>
    /// Headroom (limit minus flow) of the region's transmission boundaries as known at issue time. Operators
    /// publish a day's limits no earlier than that day, so the target day's own limits are unknown at a
    /// day-ahead issue: the group describes the most recent known days at the same clock time (how close the
    /// boundaries ran to their limits, how many were binding, whether limits have just been cut by an outage).
    /// Headroom is compared across boundaries as a share of each one's limit, since their sizes differ tenfold.
    /// </summary>
    private async Task AddTransmissionAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var boundaries = request.Region.TransmissionBoundaries;
        var has = context.New();
        var headroomMin = context.New();
        var shareMin = context.New();
        var shareWeek = context.New();
        var binding = context.New();
        var dayBinding = context.New();
        var limitChange = context.New();
        var mainFlow = context.New();
        var mainLoading = context.New();
        if (boundaries.Count > 0)
        {
            var from = request.TargetStart.AddDays(-TransmissionHistoryDays);
            var series = new List<(DenseSeries Headroom, DenseSeries Limit)>(boundaries.Count);
            (DenseSeries Headroom, DenseSeries Limit)? main = null;
            foreach (var boundary in boundaries)
            {
                var headroom = await ReadAsync(context, SeriesIds.BoundaryHeadroom(boundary), from, request.TargetStart, request.Step, cancellationToken);
                if (headroom.KnownCount == 0)
                {
                    continue;
                }

                series.Add((headroom, await ReadAsync(context, SeriesIds.BoundaryLimit(boundary), from, request.TargetStart, request.Step, cancellationToken)));
                if (boundary == boundaries[0])
                {
                    main = series[^1];
                }
            }

            if (series.Count > 0)
            {
                var days = new List<BoundaryReading>(TransmissionHistoryDays);
                for (var i = 0; i < context.Count; i++)
                {
                    days.Clear();
                    for (var k = 1; k <= TransmissionHistoryDays && days.Count < 7; k++)
                    {
                        if (ReadBoundaries(series, context.SameClockTime(i, k)) is { } reading)
                        {
                            days.Add(reading);
                        }
                    }

                    if (days.Count == 0)
                    {
                        continue;
                    }

                    var last = days[0];
                    has[i] = 1;
                    headroomMin[i] = (float)last.HeadroomMin;
                    shareMin[i] = (float)last.ShareMin;
                    binding[i] = last.Binding;
                    shareWeek[i] = (float)days.Average(d => d.ShareMin);
                    var limitMean = days.Average(d => d.LimitSum);
                    limitChange[i] = limitMean > 0 ? (float)((last.LimitSum / limitMean) - 1) : 0;
                }

                var lastDayBinding = LastKnownDayBindingShare(series, context);
                var (flow, loading) = main is { } pair
                    ? LatestFlow(await ReadAsync(context, SeriesIds.BoundaryFlow(boundaries[0]), from, request.TargetStart, request.Step, cancellationToken), pair.Headroom, pair.Limit)
                    : (0, 0);
                for (var i = 0; i < context.Count; i++)
                {
                    dayBinding[i] = has[i] > 0 ? lastDayBinding : 0;
                    mainFlow[i] = has[i] > 0 ? (float)flow : 0;
                    mainLoading[i] = has[i] > 0 ? (float)loading : 0;
                }
            }
        }

        context.Set("has_transmission", has);
        context.Set("transmission_headroom_min", headroomMin);
        context.Set("transmission_headroom_share_min", shareMin);
        context.Set("transmission_headroom_share_7d_mean", shareWeek);
        context.Set("transmission_binding_count", binding);
        context.Set("transmission_binding_share_last_day", dayBinding);
        context.Set("transmission_limit_change", limitChange);
        context.Set("transmission_main_flow_recent_mw", mainFlow);
        context.Set("transmission_main_loading_recent", mainLoading);
    }

    /// <summary>
    /// Mean flow of the main boundary (the region's first listed) over its latest
    /// <see cref="MainBoundaryRecentHours"/> known hours, the instants nearest the target day, and its mean share of the
    /// limit where a binding limit was published. Behind a boundary the flow follows the generation that must cross it
    /// (Scottish wind heading south), and a weather regime outlasts the day between, so where the flow stood at the end
    /// of the last known day is where the next day starts.
    /// </summary>
    private static (double Flow, double Loading) LatestFlow(DenseSeries flow, DenseSeries headroom, DenseSeries limit)
    {
        var last = Array.FindLastIndex(flow.Values, v => !double.IsNaN(v));
        var first = Math.Max(0, last + 1 - Math.Max(1, (int)Math.Round(TimeSpan.FromHours(MainBoundaryRecentHours) / flow.Step)));
        double flowSum = 0, loadingSum = 0;
        int flows = 0, loadings = 0;
        for (var index = first; index <= last; index++)
        {
            var value = flow.Values[index];
            if (double.IsNaN(value))
            {
                continue;
            }

            flowSum += value;
            flows++;
            var at = flow.TimeAt(index);
            var cap = At(limit, at);
            if (!double.IsNaN(At(headroom, at)) && cap > 0)
            {
                loadingSum += Math.Clamp(value / cap, -2, 2);
                loadings++;
            }
        }

        return (flows > 0 ? flowSum / flows : 0, loadings > 0 ? loadingSum / loadings : 0);
    }

    /// <summary>The boundaries at one instant: null when no boundary's headroom is known then.</summary>
    private static BoundaryReading? ReadBoundaries(List<(DenseSeries Headroom, DenseSeries Limit)> series, DateTimeOffset at)
    {
        double headroomMin = double.PositiveInfinity, shareMin = double.PositiveInfinity, limitSum = 0;
        var binding = 0;
        var known = 0;
        foreach (var (headroomSeries, limitSeries) in series)
        {
            var headroom = At(headroomSeries, at);
            if (double.IsNaN(headroom))
            {
                continue;
            }

            known++;
            headroomMin = Math.Min(headroomMin, headroom);
            var limit = At(limitSeries, at);
            if (limit > 0)
            {
                var share = Math.Clamp(headroom / limit, -1, 1);
                shareMin = Math.Min(shareMin, share);
                binding += share < BindingHeadroomShare ? 1 : 0;
                limitSum += limit;
            }
        }

        return known == 0 ? null : new BoundaryReading(headroomMin, double.IsPositiveInfinity(shareMin) ? 1 : shareMin, binding, limitSum);
    }

    /// <summary>Share of the intervals of the most recent local day with known headroom in which some boundary was binding.</summary>
    private static float LastKnownDayBindingShare(List<(DenseSeries Headroom, DenseSeries Limit)> series, BuildContext context)
    {
        var first = series[0].Headroom;
        DateOnly? lastDay = null;
        int intervals = 0, bindingIntervals = 0;
        for (var index = first.Values.Length - 1; index >= 0; index--)
        {
            var at = first.TimeAt(index);
            if (ReadBoundaries(series, at) is not { } state)
            {
                continue;
            }

            var day = context.LocalDate(at);
            lastDay ??= day;
            if (day != lastDay)
            {
                break;
            }

            intervals++;
            bindingIntervals += state.Binding > 0 ? 1 : 0;
        }

        return intervals > 0 ? (float)bindingIntervals / intervals : 0;
    }

    private readonly record struct BoundaryReading(double HeadroomMin, double ShareMin, int Binding, double LimitSum);
}
