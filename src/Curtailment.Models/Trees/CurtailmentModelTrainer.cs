using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Artifacts;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Curtailment.Models.Trees;

/// <summary>
/// Trains the per-region model: FastTree regression of MW (on a transformed target) and FastTree
/// classification of the event, with 80% intervals and probability calibration fitted on the most
/// recent days held out from a first fit, then a final fit on all days.
/// </summary>
public static class CurtailmentModelTrainer
{
    /// <summary>The fewest labelled days a model is trained on; below it, forecasts fall back to a baseline.</summary>
    public const int MinimumTrainingDays = 14;

    /// <summary>Trains on <paramref name="data"/>; throws when it holds fewer than <see cref="MinimumTrainingDays"/> days.</summary>
    public static CurtailmentModel Train(Region region, TrainingSet data, CurtailmentModelOptions options, string version)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var days = data.Days;
        if (days.Count < MinimumTrainingDays)
        {
            throw new InsufficientHistoryException(region.Id, days.Count, MinimumTrainingDays);
        }

        var calibrationDays = Math.Min(options.CalibrationDays, days.Count / 4);
        var firstCalibrationDay = days[^calibrationDays];
        var fitPart = data.Where(d => d < firstCalibrationDay);
        var holdout = data.Where(d => d >= firstCalibrationDay);

        // First fit without the held-out days: its errors on them are honest out-of-sample errors.
        var probe = Fit(region, fitPart, options);
        var probePoint = probe.PredictPoints(holdout.Features);
        var probeProbability = probe.PredictRawProbabilities(holdout.Features);
        var intervals = ResidualIntervals.Fit(probePoint, holdout.Labels.Select(l => (double)l).ToList());
        var calibration = PlattCalibration.Fit(probeProbability, holdout.Labels.Select(l => region.Target.IsEvent(l)).ToList());

        var final = Fit(region, data, options);
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
        return final.With(intervals, calibration, manifest);
    }

    private static CurtailmentModel Fit(Region region, TrainingSet data, CurtailmentModelOptions options)
    {
        var context = new MLContext(options.Seed);
        var lastDay = data.Days[^1];
        var rows = data.Features.Select((f, i) => new ModelRow
        {
            Features = f,
            Label = Transform(options, data.Labels[i], f),
            IsEvent = region.Target.IsEvent(data.Labels[i]),
            Weight = (float)Math.Pow(0.5, (lastDay.DayNumber - data.RowDays[i].DayNumber) / options.RecencyHalfLifeDays),
        }).ToList();
        var view = ModelRow.ToDataView(context, rows, FeatureSchema.Names.Count);

        var regressionTrainer = options.Transform == TargetTransform.Tweedie
            ? (Microsoft.ML.IEstimator<ITransformer>)context.Regression.Trainers.FastTreeTweedie(new FastTreeTweedieTrainer.Options
            {
                LabelColumnName = nameof(ModelRow.Label),
                FeatureColumnName = nameof(ModelRow.Features),
                ExampleWeightColumnName = nameof(ModelRow.Weight),
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
                LearningRate = options.LearningRate,
                Seed = options.Seed,
            })
            : context.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                LabelColumnName = nameof(ModelRow.Label),
                FeatureColumnName = nameof(ModelRow.Features),
                ExampleWeightColumnName = nameof(ModelRow.Weight),
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
                LearningRate = options.LearningRate,
                Seed = options.Seed,
            });
        var regression = regressionTrainer.Fit(view);

        ITransformer? classifier = null;
        var events = rows.Count(r => r.IsEvent);
        if (options.Probability == ProbabilitySource.Classifier && events > 0 && events < rows.Count)
        {
            classifier = context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(ModelRow.IsEvent),
                FeatureColumnName = nameof(ModelRow.Features),
                ExampleWeightColumnName = nameof(ModelRow.Weight),
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
                LearningRate = options.LearningRate,
                Seed = options.Seed,
            }).Fit(view);
        }

        var manifest = new ModelManifest { Region = region.Id, Options = options, EventThreshold = region.Target.EventThreshold };
        return new CurtailmentModel(context, regression, classifier, null, PlattCalibration.Identity, manifest)
        {
            BaseEventRate = (double)events / rows.Count,
        };
    }

    private static readonly int WeekProfileIndex = IndexOfFeature("hist_7d_mean");

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

    private static int IndexOfFeature(string name)
    {
        var index = FeatureSchema.Names.ToList().IndexOf(name);
        return index >= 0 ? index : throw new InvalidOperationException($"Feature '{name}' is missing from the schema.");
    }
}
