using System.Text.Json;
using Curtailment.Models.Ssa;
using Curtailment.Testing;

namespace Curtailment.Models.Tests.Ssa;

/// <summary>
/// Parity with ML.NET's published SSA outputs (shared/eval/ssa_reference_vectors.json): forecasts and bounds after
/// training, after online updates and after a save/reload, all from our own Exact rank selection, noise variances and
/// update rule (nothing injected or pinned; see docs/adr/0002-ssa-written-here.md). The cases are embedded so parity is
/// checked even without ../shared; the JSON test re-checks every case and step of the file.
/// </summary>
public class SsaReferenceVectorsTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;


    private static readonly double[] Period5 = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4];

    private static readonly double[] Sawtooth = [.. Enumerable.Range(0, 22).Select(i => (double)(i % 10))];

    [Fact]
    public void Train_DocsSamplePeriod5_MatchesPublishedModelForecastAndBounds()
    {
        var model = SsaForecaster.Train(Period5, Options(5, 11, 15));

        Assert.Equal(3, model.Rank);
        AssertClose([0.79931, -0.424425, -0.370196, 1.09699], [.. model.RecurrenceCoefficients], 1e-5);
        Assert.Equal(0.453978, model.ObservationNoiseVariance, 1e-5);
        Assert.Equal(0.239458, model.AutoregressionNoiseVariance, 1e-5);
        var forecast = model.Forecast(5);
        AssertClose([1.977226, 1.020494, 1.760543, 3.437509, 4.266461], forecast.Point, Tolerance);
        AssertClose([0.3451088, -0.7967533, -0.058467, 1.61505, 2.349299], forecast.Lower, Tolerance);
        AssertClose([3.609343, 2.83774, 3.579552, 5.259968, 6.183623], forecast.Upper, Tolerance);
    }

    [Fact]
    public void Update_DocsSampleFourZerosThenSaveAndReload_MatchesPublishedForecastAndBounds()
    {
        var model = SsaForecaster.Train(Period5, Options(5, 11, 15));
        model.Update([0.0, 0.0, 0.0, 0.0]);
        var reloaded = SaveAndLoad(model);

        foreach (var m in new[] { model, reloaded })
        {
            var forecast = m.Forecast(5);
            AssertClose([1.791331, 1.255525, 0.3060154, -0.200446, 0.5657795], forecast.Point, Tolerance);
            AssertClose([0.1592142, -0.5617217, -1.512994, -2.022905, -1.351382], forecast.Lower, Tolerance);
            AssertClose([3.423448, 3.072772, 2.125025, 1.622013, 2.482941], forecast.Upper, Tolerance);
        }
    }

    [Fact]
    public void Train_PredictionEngineCase_SelectsRankFourClipsRootsAndMatchesPublishedVariancesForecastAndBounds()
    {
        var model = SsaForecaster.Train(Sawtooth, Options(10, 11, 22));

        Assert.Equal(4, model.Rank);
        Assert.Equal(1.55388, model.ObservationNoiseVariance, 1e-5);
        Assert.Equal(2.96341, model.AutoregressionNoiseVariance, 1e-5);
        var forecast = model.Forecast(5);
        AssertClose([-1.02245092, 0.08333033, 2.6073704, 5.397318, 7.5008316], forecast.Point, Tolerance);
        AssertClose([-5.1881413, -4.82533741, -2.563095, 0.21317233, 2.29317045], forecast.Lower, Tolerance);
        AssertClose([3.1432397, 4.991998, 7.777836, 10.581464, 12.708492], forecast.Upper, Tolerance);
    }

    [Fact]
    public void Update_PredictionEngineTwoPointsThenCheckpointAndOnePoint_MatchesPublishedForecastsAndBounds()
    {
        var model = SsaForecaster.Train(Sawtooth, Options(10, 11, 22));
        model.Update([2.0]);
        model.Update([2.0]);

        var afterTwo = model.Forecast(4);
        AssertClose([4.310586, 6.397167, 7.73934, 8.029469], afterTwo.Point, Tolerance);
        AssertClose([0.14489543, 1.48849952, 2.5688744, 2.845323], afterTwo.Lower, Tolerance);
        AssertClose([8.476276, 11.305835, 12.909805, 13.2136145], afterTwo.Upper, Tolerance);

        var reloaded = SaveAndLoad(model);
        model.Update([3.0]);
        reloaded.Update([3.0]);
        foreach (var m in new[] { model, reloaded })
        {
            var forecast = m.Forecast(5);
            AssertClose([6.006588, 7.506871, 7.964249, 7.1751432, 5.0265527], forecast.Point, Tolerance);
            AssertClose([1.84089744, 2.5982034, 2.7937837, 1.9909977, -0.1811084], forecast.Lower, Tolerance);
            AssertClose([10.172278, 12.415539, 13.1347151, 12.359289, 10.234214], forecast.Upper, Tolerance);
        }
    }

    [Fact]
    public void Update_BatchTransformFirstRow_MatchesPublishedForecastAndBounds()
    {
        var model = SsaForecaster.Train(Sawtooth, Options(10, 11, 22));

        model.Update([0.0]);

        var forecast = model.Forecast(4);
        AssertClose([0.191492021, 2.5399406, 5.26454258, 7.37313938], forecast.Point, Tolerance);
        AssertClose([-3.9741986, -2.36872721, 0.09407699, 2.18899393], forecast.Lower, Tolerance);
        AssertClose([4.3571825, 7.4486084, 10.435008, 12.5572853], forecast.Upper, Tolerance);
    }

    [Fact]
    public void ReferenceFile_EveryCaseAndStep_MatchesPublishedModelForecastsAndBounds()
    {
        string path = Requires.Shared(Path.Combine("eval", "ssa_reference_vectors.json"));

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var seriesByName = new Dictionary<string, double[]>();
        var rankByName = new Dictionary<string, int>();
        int checkedSteps = 0;
        var failures = new List<string>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            var seriesElement = c.GetProperty("series");
            string source = seriesElement.ValueKind == JsonValueKind.Array
                ? name
                : seriesElement.GetString()!.Replace("same as ", string.Empty, StringComparison.Ordinal);
            if (seriesElement.ValueKind == JsonValueKind.Array)
            {
                seriesByName[name] = [.. seriesElement.EnumerateArray().Select(e => e.GetDouble())];
            }

            double[] series = seriesByName[source];
            bool hasInternals = c.TryGetProperty("internals_for_debugging", out var internals);
            if (hasInternals)
            {
                rankByName[name] = internals.GetProperty("rank_chosen").GetInt32();
            }

            var p = c.GetProperty("params");
            var options = Options(p.GetProperty("windowSize").GetInt32(), p.GetProperty("seriesLength").GetInt32(), p.GetProperty("trainSize").GetInt32())
                with { ConfidenceLevel = p.GetProperty("confidenceLevel").GetDouble() };
            var model = SsaForecaster.Train(series.AsSpan(0, options.TrainSize!.Value), options);
            int defaultHorizon = p.GetProperty("horizon").GetInt32();

            if (model.Rank != rankByName[source])
            {
                failures.Add($"{name}: rank {model.Rank}, published {rankByName[source]}");
            }

            if (hasInternals)
            {
                var published = (
                    Rank: rankByName[name],
                    Obs: internals.GetProperty("obs_noise_variance").GetDouble(),
                    Ar: internals.GetProperty("ar_noise_variance").GetDouble());
                if (model.Rank != published.Rank
                    || Math.Abs(model.ObservationNoiseVariance - published.Obs) > 1e-5
                    || Math.Abs(model.AutoregressionNoiseVariance - published.Ar) > 1e-5)
                {
                    failures.Add($"{name}: model (rank {model.Rank}, obs {model.ObservationNoiseVariance:G6}, ar {model.AutoregressionNoiseVariance:G6}) vs published {published}");
                }
            }

            double caseError = 0;
            foreach (var step in c.GetProperty("steps").EnumerateArray())
            {
                string action = step.GetProperty("action").GetString()!;
                string note = step.TryGetProperty("note", out var n) ? n.GetString()! : string.Empty;
                bool checkpoint = action.StartsWith("checkpoint", StringComparison.Ordinal);
                var models = new List<SsaModel> { model };
                if (checkpoint)
                {
                    models.Add(SaveAndLoad(model)); // saved and reloaded before observing; both must agree.
                }

                if (step.TryGetProperty("observe", out var obs))
                {
                    double[] points = [.. obs.EnumerateArray().Select(e => e.GetDouble())];
                    foreach (var m in models)
                    {
                        m.Update(points);
                    }
                }

                if (!checkpoint && note.Contains("reload", StringComparison.Ordinal))
                {
                    models.Add(SaveAndLoad(model)); // saved and reloaded after observing (the docs sample).
                }

                int horizon = step.TryGetProperty("horizon", out var h) ? h.GetInt32() : defaultHorizon;
                foreach (var m in models)
                {
                    var forecast = m.Forecast(horizon);
                    foreach (var (column, actual) in new[] { ("forecast", forecast.Point), ("lower", forecast.Lower), ("upper", forecast.Upper) })
                    {
                        double[] expected = [.. step.GetProperty(column).EnumerateArray().Select(e => e.GetDouble())];
                        Assert.Equal(expected.Length, actual.Length);
                        double error = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
                        caseError = Math.Max(caseError, error);
                        if (error > Tolerance)
                        {
                            failures.Add($"{name} / {action} / {column}: max |diff| {error:G3}");
                        }
                    }
                }

                checkedSteps++;
            }

            output.WriteLine($"{name} (rank {model.Rank}): max abs error over forecasts and bounds {caseError:G3}");
        }

        Assert.Equal(6, checkedSteps);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    internal static SsaOptions Options(int windowSize, int seriesLength, int trainSize) => new()
    {
        WindowSize = windowSize,
        SeriesLength = seriesLength,
        TrainSize = trainSize,
        ConfidenceLevel = 0.95,
        RankSelection = SsaRankSelection.Exact,
        ShouldStabilize = true,
    };

    internal static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"index {i}: expected {expected[i]}, got {actual[i]} (|diff| {Math.Abs(expected[i] - actual[i]):G3})");
        }
    }

    private static SsaModel SaveAndLoad(SsaModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return SsaModel.Load(stream);
    }
}
