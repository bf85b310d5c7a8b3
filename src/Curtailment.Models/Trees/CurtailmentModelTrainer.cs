using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Artifacts;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Curtailment.Models.Trees;

/// <summary>
/// Trains the per-region model: FastTree regression of MW (on a transformed target; with a classifier of the event
/// where the options ask for one), with the blend, day-level factors, 80% intervals and event probabilities fitted on
/// forward-chained blocks of recent days held out from earlier fits, then a final fit on all days (ADR 0010).
/// </summary>
public static class CurtailmentModelTrainer
{
    /// <summary>The fewest labelled days a model is trained on; below it, forecasts fall back to a baseline.</summary>
    public const int MinimumTrainingDays = 14;


    /// <summary>Trains on <paramref name="data"/>; throws when it holds fewer than <see cref="MinimumTrainingDays"/> days.</summary>
    /// <param name="region">The region (its event threshold).</param>
    /// <param name="data">Labelled rows, as known at the training time.</param>
    /// <param name="options">Hyper-parameters.</param>
    /// <param name="version">Version recorded in the manifest.</param>
    /// <param name="fits">Fits of earlier trainings to reuse where the rows are identical (a rolling backtest); null fits every time.</param>
    public static CurtailmentModel Train(Region region, TrainingSet data, CurtailmentModelOptions options, string version, FitCache? fits = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var days = data.Days;
        if (days.Count < MinimumTrainingDays)
        {
            throw new InsufficientHistoryException(region.Id, days.Count, MinimumTrainingDays);
        }

        // Out-of-sample predictions of the last training days, each block forecast by a fit on the days before
        // it: the blend, intervals and probabilities are fitted on errors made as in use.
        var (holdout, probeRaw, rawProbabilities, blockLevels) = OutOfSamplePredictions(region, data, options, fits);
        var holdoutRows = holdout.Features.Select(f => Mask(options, f)).ToList();
        var actual = holdout.Labels.Select(l => (double)l).ToList();
        var outcomes = holdout.Labels.Select(l => region.Target.IsEvent(l)).ToList();
        var weekProfile = holdoutRows.Select(r => (double)r[WeekProfileIndex]).ToList();
        var recentLevel = holdoutRows.Select(r => (double)r[RecentLevelIndex]).ToList();
        var lastDay = days[^1];
        var recency = holdout.RowDays.Select(d => options.CalibrationHalfLifeDays > 0 ? Math.Pow(0.5, (lastDay.DayNumber - d.DayNumber) / options.CalibrationHalfLifeDays) : 1).ToList();
        var blend = options.BlendWithBaseline ? PointBlend.Fit(probeRaw, weekProfile, recentLevel, actual, recency) : PointBlend.Identity;
        var probePoint = probeRaw.Select((p, i) => blend.Apply(p, weekProfile[i], recentLevel[i])).ToArray();
        foreach (var (from, to, level) in blockLevels)
        {
            var blockRows = Enumerable.Range(0, holdout.Count).Where(i => holdout.RowDays[i] >= from && holdout.RowDays[i] < to).ToList();
            ApplyDayLevel(level, options, blockRows.Select(i => holdoutRows[i]).ToList(), blockRows.Select(i => holdout.RowDays[i]).ToList(), blockRows, probePoint);
        }

        var shape = SolarShape.Fit(holdoutRows, holdout.RowDays, probePoint, actual, recency, options.SolarShapeShare, options.SolarShapeExponent);
        shape?.Apply(holdoutRows, holdout.RowDays, probePoint);

        var recent = RecentRows(holdout, options.IntervalDays);
        var intervals = ResidualIntervals.Fit(recent.Select(i => probePoint[i]).ToList(), recent.Select(i => actual[i]).ToList());
        var forest = options.Intervals == IntervalMethod.QuantileForest
            ? QuantileForest.Fit(recent.Select(i => holdoutRows[i]).ToList(), recent.Select(i => probePoint[i]).ToList(), recent.Select(i => actual[i]).ToList(), options.Seed)
            : null;
        var events = options.Probability == ProbabilitySource.Logistic
            ? EventProbabilityModel.Fit(probePoint.Select((p, i) => EventProbabilityModel.Scores(p, region.Target.EventThreshold, holdoutRows[i][MainBoundaryFlowIndex])).ToList(), outcomes, recency)
            : null;
        var calibration = EventCalibration.Fit(options, rawProbabilities, outcomes, recency, holdoutRows, region.Target, data);

        var final = Fit(region, data, options, fits);
        var dayLevel = FitDayLevel(data, options, lastDay);
        var manifest = new ModelManifest
        {
            Region = region.Id,
            Kind = "fasttree",
            Version = version,
            FeatureSchemaVersion = FeatureSchema.Version,
            Features = [.. FeatureSchema.Names],
            TrainingFrom = days[0],
            TrainingTo = days[^1],
            TrainingRows = data.Count,
            EventThreshold = region.Target.EventThreshold,
            Options = options,
        };
        return final.With(intervals, calibration, manifest, blend, events, dayLevel, forest, shape);
    }

    /// <summary>
    /// The rows whose predictions come from models that did not see their day, those raw point predictions and
    /// the classifier's raw probabilities (in row order), which the calibration is fitted on. The last <see cref="CurtailmentModelOptions.HoldoutBlocks"/>
    /// blocks of <see cref="CurtailmentModelOptions.CalibrationDays"/> days are each predicted by a fit on every
    /// day before the block (forward chaining): the errors are those of forecasting forward across a change of
    /// season, as in use, and several blocks give the stacking layers more than one block's worth of events.
    /// </summary>
    private static (TrainingSet Rows, double[] Raw, double[] RawProbabilities, List<(DateOnly From, DateOnly To, DayLevelModel? Level)> BlockLevels) OutOfSamplePredictions(
        Region region, TrainingSet data, CurtailmentModelOptions options, FitCache? fits)
    {
        var days = data.Days;
        var blockDays = Math.Max(1, Math.Min(options.CalibrationDays, days.Count / 4));
        // Each block's fit needs as many days before it as the block, and the first block at least a quarter of the days.
        var blocks = Math.Max(1, Math.Min(options.HoldoutBlocks, (days.Count - MinimumTrainingDays) / blockDays));
        var firstHeldOut = days[^(blocks * blockDays)];
        var holdout = data.Where(d => d >= firstHeldOut);
        var raw = new double[holdout.Count];
        var rawProbabilities = new double[holdout.Count];
        var levels = new List<(DateOnly From, DateOnly To, DayLevelModel? Level)>(blocks);
        for (var block = 0; block < blocks; block++)
        {
            var from = days[^((blocks - block) * blockDays)];
            var to = block == blocks - 1 ? DateOnly.MaxValue : days[^((blocks - block - 1) * blockDays)];
            var before = data.Where(d => d < from);
            var model = Fit(region, before, options, fits);
            levels.Add((from, to, FitDayLevel(before, options, before.Days[^1])));
            var indices = Enumerable.Range(0, holdout.Count).Where(i => holdout.RowDays[i] >= from && holdout.RowDays[i] < to).ToList();
            var rows = indices.Select(i => Mask(options, holdout.Features[i])).ToList();
            var predicted = model.PredictPoints(rows);
            var probabilities = model.PredictRawProbabilities(rows);
            for (var j = 0; j < indices.Count; j++)
            {
                (raw[indices[j]], rawProbabilities[indices[j]]) = (predicted[j], probabilities[j]);
            }
        }

        return (holdout, raw, rawProbabilities, levels);
    }

    /// <summary>
    /// The day-level model of the labelled days up to <paramref name="lastDay"/> that have a week profile, recent
    /// days weighted more; null when <see cref="CurtailmentModelOptions.DayLevelShare"/> is 0 or too few days qualify.
    /// </summary>
    internal static DayLevelModel? FitDayLevel(TrainingSet data, CurtailmentModelOptions options, DateOnly lastDay)
    {
        if (options.DayLevelShare <= 0)
        {
            return null;
        }

        var maxAgeDays = options.MaxRowAgeHalfLives * options.RecencyHalfLifeDays;
        var days = new List<(double[] Inputs, double ActualMean, double WeekProfileMean, double Weight)>();
        foreach (var day in Enumerable.Range(0, data.Count).GroupBy(i => data.RowDays[i]))
        {
            var age = lastDay.DayNumber - day.Key.DayNumber;
            if (maxAgeDays > 0 && age > maxAgeDays)
            {
                continue;
            }

            var rows = day.Select(i => Mask(options, data.Features[i])).ToList();
            if (!DayLevelModel.HasWeekProfile(rows))
            {
                continue;
            }

            var weight = options.DayLevelHalfLifeDays > 0 ? Math.Pow(0.5, age / options.DayLevelHalfLifeDays) : 1;
            days.Add((DayLevelModel.Inputs(rows), day.Average(i => (double)data.Labels[i]), rows.Average(r => (double)r[WeekProfileIndex]), weight));
        }

        return DayLevelModel.Fit(days);
    }

    /// <summary>
    /// Moves each day's <paramref name="points"/> (at <paramref name="indices"/>, one per row) towards the level
    /// <paramref name="level"/> expects for that day; nothing without a model.
    /// </summary>
    internal static void ApplyDayLevel(DayLevelModel? level, CurtailmentModelOptions options, IReadOnlyList<float[]> rows, IReadOnlyList<DateOnly> rowDays, IReadOnlyList<int> indices, double[] points)
    {
        if (level is null)
        {
            return;
        }

        foreach (var day in Enumerable.Range(0, rows.Count).GroupBy(j => rowDays[j]))
        {
            var dayRows = day.Select(j => rows[j]).ToList();
            var factor = level.Factor(
                DayLevelModel.Inputs(dayRows), dayRows.Average(r => (double)r[WeekProfileIndex]), day.Average(j => points[indices[j]]), options.DayLevelShare);
            foreach (var j in day)
            {
                points[indices[j]] *= factor;
            }
        }
    }

    /// <summary>Indices of the rows of the last <paramref name="days"/> days (all rows when 0 or fewer days exist).</summary>
    private static List<int> RecentRows(TrainingSet rows, int days)
    {
        var distinct = rows.Days;
        var first = days > 0 && distinct.Count > days ? distinct[^days] : DateOnly.MinValue;
        return Enumerable.Range(0, rows.Count).Where(i => rows.RowDays[i] >= first).ToList();
    }

    private static CurtailmentModel Fit(Region region, TrainingSet data, CurtailmentModelOptions options, FitCache? fits)
    {
        var rows = TrainingRows(region, data, options, data.Days[^1]);
        return fits is null ? Fit(region, rows, options) : fits.GetOrFit(rows, options, region.Target.EventThreshold, () => Fit(region, rows, options));
    }

    private static CurtailmentModel Fit(Region region, List<ModelRow> rows, CurtailmentModelOptions options)
    {
        var context = new MLContext(options.Seed);
        var view = ModelRow.ToDataView(context, rows, FeatureSchema.Names.Count);

        var regression = RegressionTrainer(context, options).Fit(view);
        ITransformer? classifier = null;
        var events = rows.Count(r => r.IsEvent);
        if (options.Probability == ProbabilitySource.Classifier && events > 0 && events < rows.Count)
        {
            classifier = ClassifierTrainer(context, options).Fit(view);
        }

        var manifest = new ModelManifest { Region = region.Id, Options = options, EventThreshold = region.Target.EventThreshold };
        return new CurtailmentModel(context, regression, classifier, null, EventCalibration.Identity, manifest)
        {
            BaseEventRate = (double)events / rows.Count,
        };
    }

    /// <summary>The point regression's trainer: the one place <see cref="CurtailmentModelOptions.PointLearner"/> is read.</summary>
    private static IEstimator<ITransformer> RegressionTrainer(MLContext context, CurtailmentModelOptions options) => (options.PointLearner, options.Transform) switch
    {
        (TreeLearner.LightGbm, TargetTransform.Tweedie) => throw new NotSupportedException(
            $"{nameof(CurtailmentModelOptions.PointLearner)} {TreeLearner.LightGbm} has no Tweedie objective in ML.NET; use {TargetTransform.Log1P} or {TreeLearner.FastTree}."),
        (TreeLearner.LightGbm, _) => context.Regression.Trainers.LightGbm(Configure(new LightGbmRegressionTrainer.Options(), options, nameof(ModelRow.Label))),
        (_, TargetTransform.Tweedie) => context.Regression.Trainers.FastTreeTweedie(Configure(new FastTreeTweedieTrainer.Options(), options, nameof(ModelRow.Label))),
        _ => context.Regression.Trainers.FastTree(Configure(new FastTreeRegressionTrainer.Options(), options, nameof(ModelRow.Label))),
    };

    /// <summary>The event classifier's trainer: the one place <see cref="CurtailmentModelOptions.ClassifierLearner"/> is read.</summary>
    private static IEstimator<ITransformer> ClassifierTrainer(MLContext context, CurtailmentModelOptions options) => options.ClassifierLearner switch
    {
        TreeLearner.LightGbm => context.BinaryClassification.Trainers.LightGbm(Configure(new LightGbmBinaryTrainer.Options(), options, nameof(ModelRow.IsEvent))),
        _ => context.BinaryClassification.Trainers.FastTree(Configure(new FastTreeBinaryTrainer.Options(), options, nameof(ModelRow.IsEvent))),
    };

    /// <summary>The hyper-parameters every FastTree flavour shares, set in one place.</summary>
    private static T Configure<T>(T trainer, CurtailmentModelOptions options, string label)
        where T : BoostedTreeOptions
    {
        trainer.LabelColumnName = label;
        trainer.FeatureColumnName = nameof(ModelRow.Features);
        trainer.ExampleWeightColumnName = nameof(ModelRow.Weight);
        trainer.NumberOfTrees = options.Trees;
        trainer.NumberOfLeaves = options.Leaves;
        trainer.MinimumExampleCountPerLeaf = options.MinRowsPerLeaf;
        trainer.LearningRate = options.LearningRate;
        trainer.Seed = options.Seed;
        trainer.NumberOfThreads = options.Threads;
        return trainer;
    }

    /// <summary>
    /// The same hyper-parameters for LightGBM's regression. Deterministic and column-wise, so a seeded fit is the same
    /// whatever the thread count (the <see cref="FitCache"/> and the manifest rely on it).
    /// </summary>
    private static LightGbmRegressionTrainer.Options Configure(LightGbmRegressionTrainer.Options trainer, CurtailmentModelOptions options, string label)
    {
        (trainer.LabelColumnName, trainer.FeatureColumnName, trainer.ExampleWeightColumnName) = (label, nameof(ModelRow.Features), nameof(ModelRow.Weight));
        (trainer.NumberOfIterations, trainer.NumberOfLeaves, trainer.MinimumExampleCountPerLeaf, trainer.LearningRate) = (options.Trees, options.Leaves, options.MinRowsPerLeaf, options.LearningRate);
        (trainer.Seed, trainer.Deterministic, trainer.ForceColumnWise, trainer.NumberOfThreads, trainer.Silent) = (options.Seed, true, true, options.Threads, true);
        return trainer;
    }

    /// <summary>The same hyper-parameters for LightGBM's binary classifier (see the regression's).</summary>
    private static LightGbmBinaryTrainer.Options Configure(LightGbmBinaryTrainer.Options trainer, CurtailmentModelOptions options, string label)
    {
        (trainer.LabelColumnName, trainer.FeatureColumnName, trainer.ExampleWeightColumnName) = (label, nameof(ModelRow.Features), nameof(ModelRow.Weight));
        (trainer.NumberOfIterations, trainer.NumberOfLeaves, trainer.MinimumExampleCountPerLeaf, trainer.LearningRate) = (options.Trees, options.Leaves, options.MinRowsPerLeaf, options.LearningRate);
        (trainer.Seed, trainer.Deterministic, trainer.ForceColumnWise, trainer.NumberOfThreads, trainer.Silent) = (options.Seed, true, true, options.Threads, true);
        return trainer;
    }

    internal static readonly int WeekProfileIndex = FeatureSchema.IndexOf("hist_7d_mean");

    /// <summary>The target's level over the last hours known at issue, the blend's second baseline (<see cref="PointBlend"/>).</summary>
    internal static readonly int RecentLevelIndex = FeatureSchema.IndexOf("hist_recent_6h_mean");

    /// <summary>The main boundary's recent flow, the event model's second input (<see cref="EventProbabilityModel"/>).</summary>
    internal static readonly int MainBoundaryFlowIndex = FeatureSchema.IndexOf("transmission_main_flow_recent_mw");
    private static readonly int SunIndex = FeatureSchema.IndexOf("sun_elevation_deg");

    /// <summary>
    /// Feature groups only the day-level model reads. The trees carry the shape of a day; fed the same day-level
    /// drivers as well, they split on them with a few months of days and their level wanders.
    /// </summary>
    internal static IReadOnlyList<string> DayLevelOnlyGroups { get; } = ["week_change"];

    private static readonly int[] DayLevelOnlyIndices =
        [.. Enumerable.Range(0, FeatureSchema.Names.Count).Where(j => DayLevelOnlyGroups.Contains(FeatureSchema.GroupOf(FeatureSchema.Names[j])))];

    /// <summary>What the trees see of a (masked) row: a copy with the day-level-only features zeroed.</summary>
    internal static float[] TreeInputs(float[] row)
    {
        var copy = (float[])row.Clone();
        foreach (var j in DayLevelOnlyIndices)
        {
            copy[j] = 0;
        }

        return copy;
    }

    /// <summary>The row with the features of excluded groups zeroed (a copy), or the row itself.</summary>
    internal static float[] Mask(CurtailmentModelOptions options, float[] row)
    {
        if (options.ExcludedFeatureGroups.Count == 0)
        {
            return row;
        }

        var masked = (float[])row.Clone();
        for (var j = 0; j < FeatureSchema.Names.Count; j++)
        {
            if (options.ExcludedFeatureGroups.Contains(FeatureSchema.GroupOf(FeatureSchema.Names[j])))
            {
                masked[j] = 0;
            }
        }

        return masked;
    }

    /// <summary>
    /// The rows a fit sees: a rotating one-in-k stride within each day and one in n of the zero-target
    /// night rows, each kept row weighted by the time it stands for (so an hourly day counts as much as a
    /// 5-minute one), times its day's weight (<see cref="DayWeight"/>); rows whose day weight is below that
    /// of a day <see cref="CurtailmentModelOptions.MaxRowAgeHalfLives"/> half-lives old are left out.
    /// </summary>
    internal static List<ModelRow> TrainingRows(Region region, TrainingSet data, CurtailmentModelOptions options, DateOnly lastDay)
    {
        var finest = data.Step > TimeSpan.Zero ? data.Step : TimeSpan.FromHours(1);
        var night = Math.Max(1, options.NightZeroRowsKeptEvery);
        var minimumWeight = options.MaxRowAgeHalfLives > 0 ? Math.Pow(0.5, options.MaxRowAgeHalfLives) : 0;
        var dayWeights = new Dictionary<DateOnly, double>();
        var rows = new List<ModelRow>(data.Count / Stride(options, finest));
        for (var i = 0; i < data.Count; i++)
        {
            var day = data.RowDays[i].DayNumber;
            var slot = data.Slots[i];
            var step = data.RowSteps[i];
            var stride = Stride(options, step);
            if ((slot + day) % stride != 0)
            {
                continue;
            }

            if (!dayWeights.TryGetValue(data.RowDays[i], out var dayWeight))
            {
                dayWeight = DayWeight(options, data.RowDays[i], lastDay);
                dayWeights[data.RowDays[i]] = dayWeight;
            }

            if (dayWeight < minimumWeight)
            {
                continue;
            }

            var features = Mask(options, data.Features[i]);
            var label = data.Labels[i];
            var weight = stride * (step / finest);
            if (night > 1 && label <= 0 && features[SunIndex] < 0 && features[WeekProfileIndex] <= 0)
            {
                if (((slot / stride) + day) % night != 0)
                {
                    continue;
                }

                weight *= night;
            }

            rows.Add(new ModelRow
            {
                Features = TreeInputs(features),
                Label = Transform(options, label, features),
                IsEvent = region.Target.IsEvent(label),
                Weight = (float)weight * (float)dayWeight,
            });
        }

        return rows;
    }

    /// <summary>Rows of one step kept per stride (1: every row): the stride in minutes over the step, when it is longer.</summary>
    private static int Stride(CurtailmentModelOptions options, TimeSpan step) =>
        options.TrainingStrideMinutes > step.TotalMinutes ? (int)Math.Round(options.TrainingStrideMinutes / step.TotalMinutes) : 1;

    /// <summary>
    /// The weight of a training day for a fit whose last labelled day is <paramref name="lastDay"/>: its recency
    /// (half-life <see cref="CurtailmentModelOptions.RecencyHalfLifeDays"/>) plus <see cref="CurtailmentModelOptions.SameSeasonShare"/>
    /// times how close its day of year is to that of the first day the model forecasts (two days on), in any year. The
    /// recent weeks, being in season too, gain a little; raising only what recency leaves did worse on every range.
    /// </summary>
    internal static double DayWeight(CurtailmentModelOptions options, DateOnly day, DateOnly lastDay)
    {
        var recency = Math.Pow(0.5, (lastDay.DayNumber - day.DayNumber) / options.RecencyHalfLifeDays);
        if (options.SameSeasonShare <= 0)
        {
            return recency;
        }

        var apart = Math.Abs(day.DayOfYear - lastDay.AddDays(2).DayOfYear);
        apart = Math.Min(apart, 365 - apart);
        return recency + (options.SameSeasonShare * Math.Pow(0.5, apart / options.SameSeasonHalfWidthDays));
    }

    internal static float Transform(CurtailmentModelOptions options, float value, float[] features)
    {
        if (options.Transform != TargetTransform.Log1P)
        {
            return Math.Max(0, value);
        }

        var log = double.LogP1(Math.Max(0, value));
        return (float)(options.RelativeToWeekProfile ? log - double.LogP1(Math.Max(0, features[WeekProfileIndex])) : log);
    }

    internal static double Untransform(CurtailmentModelOptions options, float score, float[] features)
    {
        if (options.Transform != TargetTransform.Log1P)
        {
            return Math.Max(0, score);
        }

        var log = options.RelativeToWeekProfile ? score + double.LogP1(Math.Max(0, features[WeekProfileIndex])) : score;
        return Math.Max(0, double.ExpM1(log));
    }
}
