using Curtailment.Features;
using Curtailment.Models.Forecasting;

namespace Curtailment.Models.Baselines;

/// <summary>
/// The protocol's baselines as forecasters, read straight off the history features (which respect the
/// information cut): <c>persistence_d2</c> (same clock time on the last known day, D-2 at a 10:00
/// issue), <c>week_profile</c> (mean of the same clock time over the last 7 known days) and
/// <c>zero</c>. Their probabilities are the recent event frequencies at that clock time.
/// </summary>
public sealed class BaselineForecaster : ICurtailmentForecaster
{
    private readonly Func<FeatureFrame, int, (double Point, double Probability, double Lower, double Upper)> _rule;

    private BaselineForecaster(string name, Func<FeatureFrame, int, (double, double, double, double)> rule)
    {
        Name = name;
        _rule = rule;
    }

    /// <summary>Value at the same clock time on the last known day.</summary>
    public static BaselineForecaster PersistenceD2 { get; } = new("persistence_d2", (f, i) =>
    {
        var last = Value(f, "hist_last_day", i);
        return (last, Value(f, "hist_7d_event_freq", i), 0, Value(f, "hist_7d_max", i));
    });

    /// <summary>Mean of the same clock time over the last 7 known days.</summary>
    public static BaselineForecaster WeekProfile { get; } = new("week_profile", (f, i) =>
        (Value(f, "hist_7d_mean", i), Value(f, "hist_7d_event_freq", i), 0, Value(f, "hist_7d_max", i)));

    /// <summary>Always zero.</summary>
    public static BaselineForecaster Zero { get; } = new("zero", (_, _) => (0, 0, 0, 0));

    /// <summary>All three, in protocol order.</summary>
    public static IReadOnlyList<BaselineForecaster> All { get; } = [PersistenceD2, WeekProfile, Zero];

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<IntervalForecast> Predict(FeatureFrame features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var result = new IntervalForecast[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var (point, probability, lower, upper) = _rule(features, i);
            var start = features.IntervalStarts[i];
            result[i] = new IntervalForecast(start, start + features.Step, point, probability, Math.Min(lower, point), Math.Max(upper, point));
        }

        return result;
    }

    private static double Value(FeatureFrame features, string name, int row) => features.Column(name)[row] ?? 0;
}
