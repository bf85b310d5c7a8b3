using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features;
using Curtailment.Models.Trees;
using Microsoft.Data.Analysis;

namespace Curtailment.Models.Tests.Trees;

public sealed class CurtailmentModelTests
{
    private static readonly Region Caiso = new(
        "CAISO", "California ISO", "CAISO", "America/Los_Angeles", 36.78, -119.42, TimeSpan.FromMinutes(5),
        new RegionTarget("total_curtailment_mw", 500), PublicationRule.NextDayTen);

    private static readonly CurtailmentModelOptions Fast = new() { Trees = 30, MinRowsPerLeaf = 10, CalibrationDays = 5 };

    /// <summary>
    /// A day of hourly rows whose curtailment follows the solar forecast above a threshold; every third day
    /// has a deeper net-load trough than its week and twice the curtailment (only the day-level model sees it).
    /// </summary>
    /// <param name="index">The day after 1 March 2021.</param>
    /// <param name="random">How sunny each day is.</param>
    /// <param name="operatorForecast">Whether the solar forecast is the operator's (<c>has_re_fc</c>), which the solar shape step reads.</param>
    /// <param name="atTheSolarPeak">Curtailment following the fourth power of the solar forecast, the week profile flat over the daylight hours.</param>
    private static (FeatureFrame Frame, double[] Actual) Day(int index, Random random, bool operatorForecast = false, bool atTheSolarPeak = false)
    {
        var deepTrough = index % 3 == 2;
        var start = new DateTimeOffset(2021, 3, 1, 8, 0, 0, TimeSpan.Zero).AddDays(index);
        var columns = FeatureSchema.Names.ToDictionary(n => n, _ => new float[24]);
        var actual = new double[24];
        var sunny = 0.5 + (random.NextDouble() * 0.5);
        for (var h = 0; h < 24; h++)
        {
            var solar = (float)(Math.Max(0, Math.Sin((h - 6) / 12.0 * Math.PI)) * 9000 * sunny);
            columns["solar_fc"][h] = solar;
            columns["has_re_fc"][h] = operatorForecast ? 1 : 0;
            columns["tod_sin"][h] = (float)Math.Sin(2 * Math.PI * h / 24);
            columns["hist_7d_mean"][h] = atTheSolarPeak ? (solar > 0 ? 250 : 0) : (float)Math.Max(0, solar - 5000) * 0.8f;
            columns["hist_days_known"][h] = 28;
            columns["wk_net_load_day_min_change"][h] = deepTrough ? -0.4f : 0.02f;
            actual[h] = atTheSolarPeak ? 1000 * sunny * Math.Pow(solar / (9000 * sunny), 4) : Math.Max(0, solar - 5000) * (deepTrough ? 2 : 1);
        }

        var frame = new DataFrame();
        frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("interval_start_utc", Enumerable.Range(0, 24).Select(h => start.AddHours(h).UtcDateTime)));
        foreach (var name in FeatureSchema.Names)
        {
            frame.Columns.Add(new SingleDataFrameColumn(name, columns[name]));
        }

        return (new FeatureFrame(frame, Enumerable.Range(0, 24).Select(h => start.AddHours(h)).ToList(), TimeSpan.FromHours(1), start.AddHours(-14)), actual);
    }

    /// <param name="operatorForecast">Whether the solar forecast is the operator's (<c>has_re_fc</c>), which the solar shape step reads.</param>
    private static (TrainingSet Data, FeatureFrame Test, double[] TestActual) Data(bool operatorForecast = false)
    {
        var random = new Random(11);
        var data = new TrainingSet();
        for (var d = 0; d < 30; d++)
        {
            var (frame, actual) = Day(d, random, operatorForecast);
            data.AddDay(new DateOnly(2021, 3, 1).AddDays(d), frame, actual);
        }

        var (test, testActual) = Day(31, random, operatorForecast);
        return (data, test, testActual);
    }

    [Fact]
    public void Train_LearnsTheRelationAndBeatsTheBaselineFeature()
    {
        var (data, test, actual) = Data();

        var model = CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1");
        var forecast = model.Predict(test);

        var modelMae = forecast.Select((f, i) => Math.Abs(f.PredictedMw - actual[i])).Average();
        var baselineMae = Enumerable.Range(0, 24).Select(i => Math.Abs((test.Column("hist_7d_mean")[i] ?? 0) - actual[i])).Average();
        Assert.True(modelMae < baselineMae * 0.6, $"model MAE {modelMae:F1} vs baseline {baselineMae:F1}");
        Assert.Equal("fasttree@v1", model.Name);
        Assert.Equal(30, model.Manifest.TrainingTo.DayNumber - model.Manifest.TrainingFrom.DayNumber + 1);
        Assert.All(forecast, f => Assert.True(f.LowerMw <= f.PredictedMw && f.PredictedMw <= f.UpperMw));
        var night = forecast[0];
        var noon = forecast.MaxBy(f => f.PredictedMw)!;
        Assert.True(noon.EventProbability > night.EventProbability);
    }

    [Fact]
    public void Train_DayLevelModel_LiftsADeepTroughDayThatTheTreesCannotSee()
    {
        var (data, _, _) = Data();
        var (deepDay, actual) = Day(32, new Random(5));

        var withDayLevel = CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1").Predict(deepDay);
        var treesOnly = CurtailmentModelTrainer.Train(Caiso, data, Fast with { DayLevelShare = 0 }, "v1").Predict(deepDay);

        var (mean, treesMean) = (withDayLevel.Average(f => f.PredictedMw), treesOnly.Average(f => f.PredictedMw));
        Assert.True(mean > treesMean * 1.1, $"day-level {mean:F0} MW vs trees only {treesMean:F0} MW");
        Assert.True(Mae(withDayLevel, actual) < Mae(treesOnly, actual));
    }

    [Fact]
    public void Predict_Classifier_BlendsItsProbabilityWithTheRowsRecentEventFrequency()
    {
        var (data, test, _) = Data();
        var classifier = Fast with { Probability = ProbabilitySource.Classifier };
        var model = CurtailmentModelTrainer.Train(Caiso, data, classifier with { ClimatologyShare = 0 }, "v1");
        var blended = CurtailmentModelTrainer.Train(Caiso, data, classifier, "v1");
        var frequency = test.Column("hist_28d_event_freq");
        for (var i = 0; i < test.Count; i++)
        {
            frequency[i] = i % 2 == 0 ? 1f : 0f;
        }

        var alone = model.Predict(test);
        var withFrequency = blended.Predict(test);

        for (var i = 0; i < test.Count; i++)
        {
            Assert.Equal((0.5 * alone[i].EventProbability) + (0.5 * (i % 2 == 0 ? 1 : 0)), withFrequency[i].EventProbability, 6);
        }
    }

    private static double Mae(IReadOnlyList<Forecasting.IntervalForecast> forecast, double[] actual) =>
        forecast.Select((f, i) => Math.Abs(f.PredictedMw - actual[i])).Average();

    [Fact]
    public void Train_SameInputs_SameForecasts()
    {
        var (data, test, _) = Data();

        var first = CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1").Predict(test);
        var second = CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1").Predict(test);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_WithFitCache_ReusesAnEarlierTrainingsFitsOnIdenticalRowsAndForecastsTheSame()
    {
        var (data, test, _) = Data();
        var earlier = data.Where(d => d < new DateOnly(2021, 3, 24)); // 23 days: one held-out block fit (days < 03-19) and the final fit
        var later = data.Where(d => d < new DateOnly(2021, 3, 29));   // 28 days: block fits on days < 03-19 and < 03-24, then the final
        var fits = new FitCache();

        CurtailmentModelTrainer.Train(Caiso, earlier, Fast, "v1", fits);
        var cached = CurtailmentModelTrainer.Train(Caiso, later, Fast, "v2", fits);
        var fresh = CurtailmentModelTrainer.Train(Caiso, later, Fast, "v2");

        Assert.Equal((3, 2), (fits.Misses, fits.Hits));
        Assert.Equal(fresh.Predict(test), cached.Predict(test));
    }

    [Fact]
    public void FitCache_RowsThatDifferInOneLabel_AreFittedAgain()
    {
        var (data, _, _) = Data();
        var revised = new TrainingSet();
        var random = new Random(11);
        for (var d = 0; d < 30; d++)
        {
            var (frame, actual) = Day(d, random);
            if (d == 3)
            {
                actual[12] += 1; // one revised value, early in the window
            }

            revised.AddDay(new DateOnly(2021, 3, 1).AddDays(d), frame, actual);
        }

        var fits = new FitCache();
        CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1", fits);
        var missesBefore = fits.Misses;
        CurtailmentModelTrainer.Train(Caiso, revised, Fast, "v1", fits);

        Assert.Equal(0, fits.Hits);
        Assert.Equal(2 * missesBefore, fits.Misses);
    }

    [Fact]
    public void Train_OneThreadOrSeveral_SameForecastsAndTheManifestLeavesTheCountOut()
    {
        var (data, test, _) = Data();

        var perCore = CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1");
        var one = CurtailmentModelTrainer.Train(Caiso, data, Fast with { Threads = 1 }, "v1");
        var three = CurtailmentModelTrainer.Train(Caiso, data, Fast with { Threads = 3 }, "v1");

        Assert.Equal(perCore.Predict(test), one.Predict(test));
        Assert.Equal(perCore.Predict(test), three.Predict(test));
        Assert.Null(SavedAndLoaded(one).Manifest.Options.Threads);
    }

    [Fact]
    public void SaveThenLoad_GivesIdenticalForecasts()
    {
        var (data, test, _) = Data();
        var model = CurtailmentModelTrainer.Train(Caiso, data, Fast, "v7");
        var loaded = SavedAndLoaded(model);

        Assert.Equal(model.Predict(test), loaded.Predict(test));
        Assert.Equal(FeatureSchema.Names, loaded.Manifest.Features);
        Assert.Equal("v7", loaded.Manifest.Version);
    }

    [Fact]
    public void LightGbm_PointAndIsotonicClassifier_SaveThenLoad_GivesIdenticalForecastsAndKeepsTheOptions()
    {
        var (data, test, actual) = Data();
        var options = Fast with
        {
            PointLearner = TreeLearner.LightGbm,
            ClassifierLearner = TreeLearner.LightGbm,
            Probability = ProbabilitySource.Classifier,
            ClimatologyShare = 0,
            Calibration = CalibrationMethod.Isotonic,
        };
        var model = CurtailmentModelTrainer.Train(Caiso, data, options, "v3");
        var loaded = SavedAndLoaded(model);

        var forecast = model.Predict(test);
        Assert.Equal(forecast, loaded.Predict(test));
        Assert.Equal(options, loaded.Manifest.Options with { ExcludedFeatureGroups = options.ExcludedFeatureGroups });
        var baselineMae = Enumerable.Range(0, 24).Select(i => Math.Abs((test.Column("hist_7d_mean")[i] ?? 0) - actual[i])).Average();
        Assert.True(Mae(forecast, actual) < baselineMae * 0.6, $"LightGBM MAE {Mae(forecast, actual):F1} vs baseline {baselineMae:F1}");
        // The classifier separates the day's event hours from the rest.
        var events = forecast.Where((_, i) => actual[i] >= 500).Select(f => f.EventProbability).ToList();
        var others = forecast.Where((_, i) => actual[i] < 500).Select(f => f.EventProbability).ToList();
        Assert.NotEmpty(events);
        Assert.True(events.Average() > others.Average() + 0.3, $"events {events.Average():F3} on average, others {others.Average():F3}");
    }

    [Fact]
    public void StackedClassifier_SaveThenLoad_GivesIdenticalProbabilitiesThatFollowTheRowsHistory()
    {
        var (data, test, _) = Data();
        var options = Fast with { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked };
        var model = CurtailmentModelTrainer.Train(Caiso, data, options, "v1");
        var loaded = SavedAndLoaded(model);
        var forecast = model.Predict(test);

        Assert.Equal(forecast, loaded.Predict(test));
        Assert.Equal(CalibrationMethod.Stacked, loaded.Manifest.Options.Calibration);
        Assert.All(forecast, f => Assert.InRange(f.EventProbability, 1e-4, 1 - 1e-4));
        // Not the fixed mix: the stacked probability differs from Platt blended half and half with the 28-day frequency.
        var fixedMix = CurtailmentModelTrainer.Train(Caiso, data, options with { Calibration = CalibrationMethod.Platt }, "v1").Predict(test);
        Assert.NotEqual(fixedMix.Select(f => f.EventProbability), forecast.Select(f => f.EventProbability));
        Assert.Equal(fixedMix.Select(f => f.PredictedMw), forecast.Select(f => f.PredictedMw));
    }

    [Fact]
    public void SolarShape_CurtailmentFollowingTheSolarForecast_ReshapesTheDayKeepingItsTotal_AndSurvivesSaveAndLoad()
    {
        var random = new Random(5);
        var data = new TrainingSet();
        for (var d = 0; d < 30; d++)
        {
            var (frame, curtailed) = Day(d, random, operatorForecast: true, atTheSolarPeak: true);
            data.AddDay(new DateOnly(2021, 3, 1).AddDays(d), frame, curtailed);
        }

        var (test, actual) = Day(31, random, operatorForecast: true, atTheSolarPeak: true);
        var model = CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1");
        var unshaped = CurtailmentModelTrainer.Train(Caiso, data, Fast with { SolarShapeShare = 0 }, "v1").Predict(test);
        var forecast = model.Predict(test);

        Assert.Equal(forecast, SavedAndLoaded(model).Predict(test));
        Assert.NotEqual(unshaped.Select(f => f.PredictedMw), forecast.Select(f => f.PredictedMw));
        Assert.Equal(unshaped.Sum(f => f.PredictedMw), forecast.Sum(f => f.PredictedMw), 6);
        // Curtailment that follows the sharpened solar forecast is forecast better for it.
        Assert.True(Mae(forecast, actual) < Mae(unshaped, actual), $"MAE {Mae(forecast, actual)} shaped against {Mae(unshaped, actual)}");
    }

    [Fact]
    public void QuantileForestIntervals_SaveThenLoad_GivesIdenticalForecastsWithTheirOwnBands()
    {
        var (data, test, _) = Data();
        var options = Fast with { Intervals = IntervalMethod.QuantileForest, IntervalDays = 0 };
        var model = CurtailmentModelTrainer.Train(Caiso, data, options, "v1");
        var conformal = CurtailmentModelTrainer.Train(Caiso, data, options with { Intervals = IntervalMethod.Conformal }, "v1").Predict(test);
        var loaded = SavedAndLoaded(model);
        var forecast = model.Predict(test);

        Assert.Equal(forecast, loaded.Predict(test));
        Assert.Equal(conformal.Select(f => f.PredictedMw), forecast.Select(f => f.PredictedMw));
        Assert.NotEqual(conformal.Select(f => (f.LowerMw, f.UpperMw)), forecast.Select(f => (f.LowerMw, f.UpperMw)));
        Assert.All(forecast, f => Assert.True(f.LowerMw <= f.PredictedMw && f.PredictedMw <= f.UpperMw));
    }

    [Fact]
    public void LightGbm_OneThreadOrSeveral_SameForecasts()
    {
        var (data, test, _) = Data();
        var options = Fast with { PointLearner = TreeLearner.LightGbm, ClassifierLearner = TreeLearner.LightGbm, Probability = ProbabilitySource.Classifier };

        var one = CurtailmentModelTrainer.Train(Caiso, data, options with { Threads = 1 }, "v1");
        var three = CurtailmentModelTrainer.Train(Caiso, data, options with { Threads = 3 }, "v1");

        Assert.Equal(one.Predict(test), three.Predict(test));
    }

    [Fact]
    public void Manifest_RecordsTheLearnersAndCalibrationByName()
    {
        var (data, _, _) = Data();
        var model = CurtailmentModelTrainer.Train(Caiso, data, Fast with { PointLearner = TreeLearner.LightGbm, Calibration = CalibrationMethod.Isotonic }, "v1");

        var options = JsonNode.Parse(model.Manifest.ToJson())!["options"]!;

        Assert.Equal("LightGbm", options["pointLearner"]!.GetValue<string>());
        Assert.Equal("FastTree", options["classifierLearner"]!.GetValue<string>());
        Assert.Equal("Isotonic", options["calibration"]!.GetValue<string>());
        Assert.Equal("Conformal", options["intervals"]!.GetValue<string>());
    }

    [Fact]
    public void Train_LightGbmWithTweedie_IsRefusedWithAReason()
    {
        var (data, _, _) = Data();

        var error = Assert.Throws<NotSupportedException>(() =>
            CurtailmentModelTrainer.Train(Caiso, data, Fast with { PointLearner = TreeLearner.LightGbm, Transform = TargetTransform.Tweedie }, "v1"));

        Assert.Contains("Tweedie", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestWithAnotherFeatureList_IsRefusedWithAReason()
    {
        var (data, _, _) = Data();
        using var artifact = Edited(CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1"), "manifest.json", manifest => manifest["features"]!.AsArray().RemoveAt(0));

        var error = Assert.Throws<InvalidDataException>(() => CurtailmentModel.Load(artifact));

        Assert.Contains("Retrain it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StackingFittedOnAnotherHistoryList_IsRefusedNamingTheInputs()
    {
        var (data, _, _) = Data();
        var model = CurtailmentModelTrainer.Train(Caiso, data, Fast with { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked }, "v1");
        using var artifact = Edited(model, "parameters.json", parameters => parameters["stacking"]!["history"]!.AsArray().RemoveAt(1));

        var error = Assert.Throws<InvalidDataException>(() => CurtailmentModel.Load(artifact));

        Assert.Contains("weekend_or_holiday", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retrain it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_TooFewDays_ThrowsInsufficientHistory()
    {
        var random = new Random(1);
        var data = new TrainingSet();
        for (var d = 0; d < 5; d++)
        {
            var (frame, actual) = Day(d, random);
            data.AddDay(new DateOnly(2021, 3, 1).AddDays(d), frame, actual);
        }

        var error = Assert.Throws<InsufficientHistoryException>(() => CurtailmentModelTrainer.Train(Caiso, data, Fast, "v1"));

        Assert.Equal(5, error.Days);
        Assert.Equal(CurtailmentModelTrainer.MinimumTrainingDays, error.Needed);
    }

    /// <summary>The model's artifact with one of its JSON entries changed by <paramref name="edit"/>, positioned to be read.</summary>
    private static MemoryStream Edited(CurtailmentModel model, string entryName, Action<JsonNode> edit)
    {
        var artifact = new MemoryStream();
        model.Save(artifact);
        using (var archive = new ZipArchive(artifact, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry(entryName)!;
            JsonNode json;
            using (var read = entry.Open())
            {
                json = JsonNode.Parse(read)!;
            }

            edit(json);
            entry.Delete();
            using var write = archive.CreateEntry(entryName).Open();
            JsonSerializer.Serialize(write, json);
        }

        artifact.Position = 0;
        return artifact;
    }

    /// <summary>The model written to an artifact and read back, as the registry stores and serves it.</summary>
    private static CurtailmentModel SavedAndLoaded(CurtailmentModel model)
    {
        using var artifact = new MemoryStream();
        model.Save(artifact);
        artifact.Position = 0;
        return CurtailmentModel.Load(artifact);
    }
}
