using System.IO.Compression;
using System.Text.Json;
using Curtailment.Core.ModelRegistry;
using Curtailment.Features;
using Curtailment.Models.Artifacts;
using Curtailment.Models.Forecasting;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Curtailment.Models.Trees;

/// <summary>
/// A trained region model: point forecast, event probability and 80% interval per target interval.
/// Scoring runs whole frames through the ML.NET pipeline (no per-row engines), so one instance can
/// serve concurrent callers.
/// </summary>
public sealed class CurtailmentModel : ICurtailmentForecaster
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly MLContext _context;
    private readonly ITransformer _regression;
    private readonly ITransformer? _classifier;
    private readonly ResidualIntervals? _intervals;
    private readonly EventCalibration _calibration;
    private readonly PointBlend _blend;
    private readonly EventProbabilityModel? _events;
    private readonly DayLevelModel? _dayLevel;
    private readonly QuantileForest? _forest;
    private readonly SolarShape? _shape;

    internal CurtailmentModel(
        MLContext context, ITransformer regression, ITransformer? classifier, ResidualIntervals? intervals, EventCalibration calibration, ModelManifest manifest,
        PointBlend? blend = null, EventProbabilityModel? events = null, DayLevelModel? dayLevel = null, QuantileForest? forest = null, SolarShape? shape = null)
    {
        _context = context;
        _regression = regression;
        _classifier = classifier;
        _intervals = intervals;
        _calibration = calibration;
        _blend = blend ?? PointBlend.Identity;
        _events = events;
        _dayLevel = dayLevel;
        _forest = forest;
        _shape = shape;
        Manifest = manifest;
    }

    /// <summary>What the model is.</summary>
    public ModelManifest Manifest { get; private set; }

    /// <inheritdoc />
    public string Name => new ModelVersion(Manifest.Kind, Manifest.Version).ToString();

    /// <summary>Event rate in training, used when every training row was (or was not) an event.</summary>
    internal double BaseEventRate { get; init; }

    internal CurtailmentModel With(
        ResidualIntervals intervals, EventCalibration calibration, ModelManifest manifest, PointBlend blend, EventProbabilityModel? events, DayLevelModel? dayLevel,
        QuantileForest? forest = null, SolarShape? shape = null) =>
        new(_context, _regression, _classifier, intervals, calibration, manifest, blend, events, dayLevel, forest, shape) { BaseEventRate = BaseEventRate };

    /// <summary>The stacking weights of trees, week profile and recent level fitted at training.</summary>
    public PointBlend Blend => _blend;

    /// <summary>Returns the model with backtest metrics recorded in its manifest.</summary>
    public CurtailmentModel WithMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        Manifest = Manifest with { Metrics = new Dictionary<string, double>(metrics) };
        return this;
    }

    /// <inheritdoc />
    public IReadOnlyList<IntervalForecast> Predict(FeatureFrame features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var options = Manifest.Options;
        var threshold = Manifest.EventThreshold;
        var rows = Enumerable.Range(0, features.Count).Select(i => CurtailmentModelTrainer.Mask(options, features.Row(i))).ToList();
        var raw = PredictPoints(rows);
        var probabilities = options.Probability == ProbabilitySource.Classifier ? PredictRawProbabilities(rows) : null;
        var points = Enumerable.Range(0, rows.Count).Select(i => _blend.Apply(raw[i], rows[i][CurtailmentModelTrainer.WeekProfileIndex], rows[i][CurtailmentModelTrainer.RecentLevelIndex])).ToArray();
        CurtailmentModelTrainer.ApplyDayLevel(_dayLevel, options, rows, features.LocalDays, [.. Enumerable.Range(0, rows.Count)], points);
        _shape?.Apply(rows, features.LocalDays, points);
        var result = new IntervalForecast[features.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var point = points[i];
            // The forest is fitted only when the options ask for it (and had the rows to); otherwise the banded residuals.
            var (lower, upper) = _forest?.Around(rows[i], point) ?? _intervals?.Around(point) ?? (point, point);
            var start = features.IntervalStarts[i];
            var probability = (options.Probability, _intervals, _events) switch
            {
                (ProbabilitySource.Logistic, _, { } events) => events.Apply(EventProbabilityModel.Scores(point, threshold, rows[i][CurtailmentModelTrainer.MainBoundaryFlowIndex])),
                (ProbabilitySource.Logistic or ProbabilitySource.Residuals, { } intervals, _) => intervals.ProbabilityAtLeast(point, threshold),
                (ProbabilitySource.Classifier, _, _) => _calibration.Apply(probabilities![i], rows[i], threshold, options.ClimatologyShare),
                _ => BaseEventRate,
            };
            result[i] = new IntervalForecast(start, start + features.Step, point, probability, lower, upper);
        }

        return result;
    }

    /// <summary>
    /// Per row of <paramref name="features"/>, each feature's contribution to the regression trees' raw score, with the
    /// same masking as <see cref="Predict"/>. The stacking blend and the day-level model are not part of it.
    /// </summary>
    internal float[][] FeatureContributions(FeatureFrame features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
        {
            return [];
        }

        var data = ModelRow.ToDataView(
            _context,
            Enumerable.Range(0, features.Count).Select(i => new ModelRow { Features = CurtailmentModelTrainer.TreeInputs(CurtailmentModelTrainer.Mask(Manifest.Options, features.Row(i))) }),
            FeatureSchema.Names.Count);
        var predictor = (_regression as TransformerChain<ITransformer>)?.LastTransformer ?? _regression;
        if (predictor is not ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> trees)
        {
            throw new InvalidOperationException($"The regression of {Name} cannot report feature contributions.");
        }

        var count = FeatureSchema.Names.Count;
        var calculator = _context.Transforms.CalculateFeatureContribution(trees, count, count, normalize: false).Fit(data);
        return [.. calculator.Transform(data).GetColumn<float[]>("FeatureContributions")];
    }

    internal double[] PredictPoints(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var scored = _regression.Transform(ModelRow.ToDataView(_context, rows.Select(r => new ModelRow { Features = CurtailmentModelTrainer.TreeInputs(r) }), FeatureSchema.Names.Count));
        return scored.GetColumn<float>("Score").Select((s, i) => CurtailmentModelTrainer.Untransform(Manifest.Options, s, rows[i])).ToArray();
    }

    internal double[] PredictRawProbabilities(IReadOnlyList<float[]> rows)
    {
        if (_classifier is null || rows.Count == 0)
        {
            return rows.Select(_ => BaseEventRate).ToArray();
        }

        var scored = _classifier.Transform(ModelRow.ToDataView(_context, rows.Select(r => new ModelRow { Features = CurtailmentModelTrainer.TreeInputs(r) }), FeatureSchema.Names.Count));
        return scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray();
    }

    /// <summary>
    /// Writes the artifact: one zip holding the ML.NET models (<c>regression.zip</c>,
    /// <c>classifier.zip</c>), the interval and calibration parameters and <c>manifest.json</c>.
    /// </summary>
    public void Save(Stream destination)
    {
        using var archive = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var schema = ModelRow.ToDataView(_context, [], FeatureSchema.Names.Count).Schema;
        using (var entry = archive.CreateEntry("regression.zip").Open())
        {
            _context.Model.Save(_regression, schema, entry);
        }

        if (_classifier is not null)
        {
            using var entry = archive.CreateEntry("classifier.zip").Open();
            _context.Model.Save(_classifier, schema, entry);
        }

        WriteJson(archive, "manifest.json", Manifest);
        WriteJson(archive, "parameters.json", new SavedParameters(_intervals, _calibration.Platt, BaseEventRate, _blend, _events, _dayLevel, _calibration.Isotonic, _forest, _calibration.Stacking, _shape));
    }

    /// <summary>Reads an artifact and checks that its feature list is the one this code builds.</summary>
    public static CurtailmentModel Load(Stream source)
    {
        using var archive = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        var manifest = ReadJson<ModelManifest>(archive, "manifest.json");
        if (manifest.FeatureSchemaVersion != FeatureSchema.Version || !manifest.Features.SequenceEqual(FeatureSchema.Names))
        {
            throw new InvalidDataException(
                $"Model {manifest.Region} {manifest.Version} was trained on feature schema {manifest.FeatureSchemaVersion} " +
                $"({manifest.Features.Count} features); this build uses schema {FeatureSchema.Version} ({FeatureSchema.Names.Count} features). Retrain it.");
        }

        var parameters = ReadJson<SavedParameters>(archive, "parameters.json");
        if (parameters.Stacking is { ReadsTheseHistoryInputs: false } stacking)
        {
            throw new InvalidDataException(
                $"Model {manifest.Region} {manifest.Version} stacks {stacking.History.Length - 1} history inputs into its event probability; " +
                $"this build reads {EventStacking.HistoryInputNames.Count} ({string.Join(", ", EventStacking.HistoryInputNames)}). Retrain it.");
        }

        var context = new MLContext(manifest.Options.Seed);
        var regression = LoadModel(context, archive, "regression.zip")
            ?? throw new InvalidDataException("The model artifact has no regression.zip.");
        var classifier = LoadModel(context, archive, "classifier.zip");
        return new CurtailmentModel(context, regression, classifier, parameters.Intervals, new EventCalibration(manifest.Options.Calibration, parameters.Calibration ?? PlattCalibration.Identity, parameters.Isotonic, parameters.Stacking), manifest, parameters.Blend, parameters.Events, parameters.DayLevel, parameters.Forest, parameters.Shape)
        {
            BaseEventRate = parameters.BaseEventRate,
        };
    }

    private static ITransformer? LoadModel(MLContext context, ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name);
        if (entry is null)
        {
            return null;
        }

        // ML.NET needs a seekable stream.
        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        var model = context.Model.Load(buffer, out var schema);
        var features = schema.GetColumnOrNull(nameof(ModelRow.Features));
        if (features is null || features.Value.Type is not VectorDataViewType { Size: var size } || size != FeatureSchema.Names.Count)
        {
            throw new InvalidDataException($"{name}: the model's input schema does not have {FeatureSchema.Names.Count} features.");
        }

        return model;
    }

    private static void WriteJson<T>(ZipArchive archive, string name, T value)
    {
        using var entry = archive.CreateEntry(name).Open();
        JsonSerializer.Serialize(entry, value, Json);
    }

    private static T ReadJson<T>(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidDataException($"The model artifact has no {name}.");
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{name} is empty.");
    }

    private sealed record SavedParameters(ResidualIntervals? Intervals, PlattCalibration? Calibration, double BaseEventRate, PointBlend? Blend, EventProbabilityModel? Events, DayLevelModel? DayLevel, IsotonicCalibration? Isotonic = null, QuantileForest? Forest = null, EventStacking? Stacking = null, SolarShape? Shape = null);
}
