using Science.Assimilation.Cycling;
using Science.Assimilation.Methods;
using Science.Medida.Assimilated;
using Science.Medida.Observations;
using Science.Observing;
using Science.QgModel;

namespace Science.Medida.Tests;

/// <summary>
/// The QG twin experiment (preset qg-twin) and the assimilated increments built on it: the LETKF beats the observation
/// noise in both layers, the run is bit-identical whatever the thread count, the leapfrog continuation is a real choice,
/// and the schedule puts an analysis at every snapshot and one step later.
/// </summary>
public sealed class QgTwinTests
{
    private static QgTwinSettings Small => new()
    {
        State = Science.Tests.Shared.RepositoryPaths.SpunUp,
        Sensors = "regular:2,2",
        Noise = 0.1,
        Every = 5,
        Climatology = 6,
        ClimatologyEvery = 40,
        Batch = 8,
    };

    private static readonly Letkf Filter = new() { Members = 6, Inflation = 1.05, Localisation = 6 };

    [Fact]
    public void TheLetkfBeatsTheObservationNoiseInBothLayersAndIsIndependentOfTheThreadCount()
    {
        var xp = QgTwin.Experiment(Small, cycles: 8, burnIn: 3);
        Assert.Equal(2, xp.Layers);
        Assert.Equal(2 * 96 * 192, xp.Observation.StateSize);
        Assert.Equal(2 * 48 * 96, xp.Observation.ObservationSize);
        var one = CycledAssimilation.Run(xp, Filter, 3, new AssimilationOptions { Threads = 1 });
        var two = CycledAssimilation.Run(xp, Filter, 3, new AssimilationOptions { Threads = 2 });
        Assert.Equal(one.AnalysisMeans, two.AnalysisMeans);

        var layers = one.LayerSummaries();
        Assert.Equal(2, layers.Count);
        for (int l = 0; l < 2; l++)
        {
            // σ_l = 10 % of the layer's ψ std in the start state.
            double sigma = xp.Noise.StandardDeviations[l * xp.Observation.ObservationSize / 2];
            double std = QgTwin.FieldStd(xp.X0.Mean.Skip(l * 96 * 192).Take(96 * 192).ToArray());
            Assert.Equal(0.1 * std, sigma, 12);
            Assert.True(layers[l].RmseAnalysis < sigma / 2, $"layer {l + 1}: rmse_a {layers[l].RmseAnalysis} vs σ {sigma}");
            Assert.True(layers[l].RmseAnalysis < layers[l].RmseForecast, $"layer {l + 1}: the analysis must improve on the forecast");
        }
        // The whole-state score is the root-mean of the two layers' (equal sizes).
        var s = one.Series[5];
        var a = one.LayerSeries![5 * 2];
        var b = one.LayerSeries![5 * 2 + 1];
        Assert.Equal(s.RmseAnalysis, Math.Sqrt((a.RmseAnalysis * a.RmseAnalysis + b.RmseAnalysis * b.RmseAnalysis) / 2), 12);
    }

    [Fact]
    public void ContinuingTheLeapfrogDiffersFromRestartingIt()
    {
        var xp = QgTwin.Experiment(Small, cycles: 3, burnIn: 1);
        var restart = QgTwin.Experiment(Small with { Restart = true }, cycles: 3, burnIn: 1);
        Assert.Equal(Models.LevelUpdate.Continue, xp.AnalysisUpdate);
        Assert.Equal(Models.LevelUpdate.Restart, restart.AnalysisUpdate);
        var c = CycledAssimilation.Run(xp, Filter, 1, new AssimilationOptions());
        var r = CycledAssimilation.Run(restart, Filter, 1, new AssimilationOptions());
        int n = c.StateSize;
        // Same truth, same first forecast (both start with a forward step), different second forecast.
        Assert.Equal(c.Truth.Truth, r.Truth.Truth);
        Assert.Equal(c.ForecastMeans.AsSpan(0, n).ToArray(), r.ForecastMeans.AsSpan(0, n).ToArray());
        Assert.NotEqual(c.ForecastMeans.AsSpan(n, n).ToArray(), r.ForecastMeans.AsSpan(n, n).ToArray());
    }

    [Fact]
    public void TheScheduleAnalysesAtEverySnapshotAndOneStepLater()
    {
        var (steps, start, end) = AssimilatedTruth.Schedule(spinup: 3, analysisEvery: 10, snapshots: 3, every: 25);
        // 3 × 10 spin-up, then per gap: 1 + 10 + 10 + 4 = 25 steps, and the last snapshot's one step.
        Assert.Equal([10, 10, 10, 1, 10, 10, 4, 1, 10, 10, 4, 1], steps);
        Assert.Equal([2, 6, 10], start);
        Assert.Equal([3, 7, 11], end);
        long Step(int cycle) => steps.Take(cycle + 1).Sum();
        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(30 + 25L * s, Step(start[s]));
            Assert.Equal(Step(start[s]) + 1, Step(end[s]));
        }
    }

    [Fact]
    public void AssimilatedStatesAreTheAnalysesAtTheSnapshotAndOneStepLater()
    {
        var start = Science.QgModel.IO.QgStateFile.Read(Science.Tests.Shared.RepositoryPaths.SpunUp).State;
        var settings = new AssimilationSettings { Members = 5, Spinup = 3, AnalysisEvery = 5, Climatology = 6, ClimatologyEvery = 40, Batch = 8 };
        var result = AssimilatedTruth.Run(start, Cases.CaseCatalogue.Get(1001), "regular:2,2", 0, 0.01, 7, snapshots: 2, every: 6, settings);
        Assert.Equal(2, result.Snapshots.Count);
        var (_, startCycles, endCycles) = AssimilatedTruth.Schedule(3, 5, 2, 6);
        int n = result.Run.StateSize;
        for (int s = 0; s < 2; s++)
        {
            Assert.Equal(result.Run.Truth.TruthAt(startCycles[s]).ToArray(), result.Snapshots[s].Psi.ToArray());
            var a0 = result.Estimator.Estimate(start.Grid, result.Snapshots[s].Psi, s, ObservationTime.Start);
            var a1 = result.Estimator.Estimate(start.Grid, result.Snapshots[s].Psi, s, ObservationTime.End);
            Assert.Equal(result.Run.AnalysisMeans.AsSpan(startCycles[s] * n, n).ToArray(), a0);
            Assert.Equal(result.Run.AnalysisMeans.AsSpan(endCycles[s] * n, n).ToArray(), a1);
            // One step apart: the analyses differ, by much less than the field.
            double change = Math.Sqrt(a0.Zip(a1, (x, y) => (x - y) * (x - y)).Average());
            Assert.InRange(change, 1e-6, 0.05 * QgTwin.FieldStd(a0));
        }
        // A snapshot that is not the assimilated truth is refused.
        var other = start.Psi.ToArray();
        Assert.Throws<ArgumentException>(() => result.Estimator.Estimate(start.Grid, other, 1, ObservationTime.Start));
    }

    [Fact]
    public void BatchCentresGiveOneDistancePerBatch()
    {
        var grid = Grid.Default;
        var domain = QgTwin.Domain(grid, [0, grid.RealSize + 5 * 96 + 7], batch: 4);
        Assert.True(domain.HasBatchCentres);
        Assert.Equal(24 * 48, domain.Batches.Count);
        Assert.Equal(2 * 16, domain.Batches[0].Length);
        // Batch 0 covers columns 0–3 of rows 0–3 (both layers): centre (1.5, 1.5·Δy/Δx); observation 1 sits at (7, 5·Δy/Δx).
        double aspect = grid.Dy / grid.Dx;
        Assert.Equal(Math.Sqrt(1.5 * 1.5 + Math.Pow(1.5 * aspect, 2)), domain.BatchDistance(0, 0), 12);
        Assert.Equal(Math.Sqrt(5.5 * 5.5 + Math.Pow(3.5 * aspect, 2)), domain.BatchDistance(0, 1), 12);
        // Periodic in x: the last batch column (columns 92–95, centre 93.5) is 2.5 spacings from column 0.
        Assert.Equal(Math.Sqrt(2.5 * 2.5 + Math.Pow(1.5 * aspect, 2)), domain.BatchDistance(23, 0), 12);
    }

    [Fact]
    public void BadSettingsNameTheSettingAndTheRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Small with { Noise = -0.1 });
        Assert.Contains("noise", e.Message);
        Assert.Contains("[0, 10]", e.Message);
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => QgTwin.Experiment(Small with { Sensors = "1.5" }));
        Assert.Equal("sensors", s.ParamName);
        var c = Assert.Throws<ArgumentOutOfRangeException>(() => QgTwin.Experiment(Small with { Case = 1234 }));
        Assert.Equal("case", c.ParamName);
        var u = Assert.Throws<ArgumentOutOfRangeException>(() => QgTwinSettings.FromOptions(new Dictionary<string, string> { ["state"] = "x", ["nosie"] = "1" }));
        Assert.Contains("nosie", u.Message);
    }
}
