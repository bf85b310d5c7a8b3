using Curtailment.Features;

namespace Curtailment.Models.Trees;

/// <summary>
/// Labelled feature rows for training: the features of past target days as known at their own issue
/// times, and the actual target values as known at the training time.
/// </summary>
public sealed class TrainingSet
{
    private readonly List<float[]> _features = [];
    private readonly List<float> _labels = [];
    private readonly List<DateOnly> _days = [];
    private readonly List<int> _slots = [];
    private readonly List<TimeSpan> _steps = [];

    /// <summary>Number of rows.</summary>
    public int Count => _labels.Count;

    /// <summary>Distinct target days, ascending.</summary>
    public IReadOnlyList<DateOnly> Days => _days.Distinct().Order().ToList();

    /// <summary>Feature rows.</summary>
    public IReadOnlyList<float[]> Features => _features;

    /// <summary>Actual target values.</summary>
    public IReadOnlyList<float> Labels => _labels;

    /// <summary>The target day of each row.</summary>
    public IReadOnlyList<DateOnly> RowDays => _days;

    /// <summary>The position of each row within its day (0 = the first interval of the day).</summary>
    public IReadOnlyList<int> Slots => _slots;

    /// <summary>The interval length of each row: a day's rows are at the step its target was published in.</summary>
    public IReadOnlyList<TimeSpan> RowSteps => _steps;

    /// <summary>The finest interval length of the rows (the step a model trained on them forecasts at).</summary>
    public TimeSpan Step { get; private set; }

    /// <summary>Adds a day's rows; intervals whose actual is unknown (NaN) are left out.</summary>
    public void AddDay(DateOnly day, FeatureFrame features, IReadOnlyList<double> actuals)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(actuals);
        if (actuals.Count != features.Count)
        {
            throw new ArgumentException($"{actuals.Count} actuals for {features.Count} feature rows.", nameof(actuals));
        }

        if (Step == TimeSpan.Zero || features.Step < Step)
        {
            Step = features.Step;
        }

        for (var i = 0; i < features.Count; i++)
        {
            if (double.IsNaN(actuals[i]))
            {
                continue;
            }

            _features.Add(features.Row(i));
            _labels.Add((float)actuals[i]);
            _days.Add(day);
            _slots.Add(i);
            _steps.Add(features.Step);
        }
    }

    /// <summary>The rows of the given days only.</summary>
    public TrainingSet Where(Func<DateOnly, bool> keepDay)
    {
        ArgumentNullException.ThrowIfNull(keepDay);
        var subset = new TrainingSet { Step = Step };
        for (var i = 0; i < Count; i++)
        {
            if (keepDay(_days[i]))
            {
                subset._features.Add(_features[i]);
                subset._labels.Add(_labels[i]);
                subset._days.Add(_days[i]);
                subset._slots.Add(_slots[i]);
                subset._steps.Add(_steps[i]);
            }
        }

        return subset;
    }
}
