using Science.Interpolation.Neural;
using Science.QgModel;
using Xunit.Abstractions;

namespace Science.Interpolation.Tests.Neural;

/// <summary>Tiny RFF-MLP and MLP networks (H 16–32, a few hundred steps on a few hundred points).</summary>
[Collection(TorchCollection.Name)]
public sealed class NeuralInterpolatorTests(ITestOutputHelper output)
{
    private static readonly NeuralInterpolatorOptions Tiny = NeuralInterpolatorOptions.Tiny;

    private static (SensorLayout Layout, double[] Values, double[] Truth) Smooth(double ratio = 0.8, int seed = 3)
    {
        var grid = NeuralTestData.SmallGrid;
        var truth = NeuralTestData.Smooth(grid);
        var layout = SensorLayout.RandomSubset(grid, ratio, seed);
        return (layout, layout.SampleLayers(truth), truth);
    }

    [Fact]
    public void Coordinates_are_the_scaled_grid_coordinates_in_float32()
    {
        var grid = Grid.Default;
        var v = NetworkCoordinates.ForGrid(grid);
        Assert.Equal(2 * grid.RealSize, v.Length);
        for (int p = 0; p < grid.RealSize; p += 97)
        {
            int i = p % grid.Nx, j = p / grid.Nx;
            Assert.Equal(grid.X[i] * 2 * Math.PI / grid.Lx, v[2 * p], 1e-6);
            Assert.Equal(grid.Y[j] * 2 * Math.PI / grid.Ly, v[2 * p + 1], 1e-6);
        }
        Assert.Equal((float)-Math.PI, v[0]);
        var some = NetworkCoordinates.ForIndices(grid, [5, 200]);
        Assert.Equal([v[10], v[11], v[400], v[401]], some);
    }

    [Fact]
    public void Loss_decreases_and_is_logged_fifty_times()
    {
        var (layout, values, truth) = Smooth();
        var reports = new List<(long Step, long Total, double Loss)>();
        var rff = new RffMlpInterpolator(Tiny with { Sigma = 0.5 });
        using var field = rff.Train(layout, values, new InterpolationContext(Seed: 1, Progress: (s, t, l) => reports.Add((s, t, l))));
        var log = field.Report.LossLog;
        Assert.Equal(50, log.Count);
        Assert.Equal(50, reports.Count);
        Assert.Equal(Tiny.Steps, reports[^1].Step);
        Assert.All(reports, r => Assert.Equal(Tiny.Steps, r.Total));
        Assert.True(log[^1].Loss < 0.05 * log[0].Loss, $"loss {log[0].Loss:E3} → {log[^1].Loss:E3}");
        Assert.True(field.Report.FinalLoss < 1e-2, $"final loss {field.Report.FinalLoss:E3}");
        Assert.True(field.Report.IsUnderTrained); // above 1e-8: flagged, §13 E3
        Assert.False(field.Report.Diverged);
        var psi = field.Predict(layout.Grid);
        double error = NeuralTestData.RelativeError(psi, truth);
        Assert.True(error < 0.15, $"relative error on the grid {error:E3}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_B_initial_weights_and_outputs()
    {
        var (layout, values, _) = Smooth();
        var options = Tiny with { Steps = 100 };
        var context = new InterpolationContext(Seed: 7);

        using var init1 = new RffMlpInterpolator(options with { Steps = 0 }).Train(layout, values, context);
        using var init2 = new RffMlpInterpolator(options with { Steps = 0 }).Train(layout, values, context);
        Assert.Equal(init1.FourierMatrix, init2.FourierMatrix);
        var s1 = init1.StateSnapshot();
        var s2 = init2.StateSnapshot();
        Assert.Equal(s1.Keys, s2.Keys);
        foreach (var key in s1.Keys) Assert.Equal(s1[key], s2[key]);

        var a = new RffMlpInterpolator(options).Interpolate(layout, values, context);
        var b = new RffMlpInterpolator(options).Interpolate(layout, values, context);
        Assert.Equal(a, b); // bitwise: exact double equality of every element

        var m1 = new MlpInterpolator(options).Interpolate(layout, values, context);
        var m2 = new MlpInterpolator(options).Interpolate(layout, values, context);
        Assert.Equal(m1, m2);

        // The initial B and weights are those of torch.manual_seed(NetworkSeed(7, 0)), independent of the snapshot.
        using var otherSnapshot = new RffMlpInterpolator(options with { Steps = 0 }).Train(layout, values, context with { Snapshot = 5 });
        Assert.Equal(init1.FourierMatrix, otherSnapshot.FourierMatrix);
        Assert.Equal(NeuralInterpolator.NetworkSeed(7, 0), init1.NetworkSeed);
    }

    [Fact]
    public void Training_checkpoints_see_the_network_mid_training_without_changing_the_result()
    {
        var (layout, values, _) = Smooth();
        var options = Tiny with { Steps = 30 };
        var coordinates = NetworkCoordinates.ForIndices(layout.Grid, layout.Indices);
        var seen = new List<(int Step, double Loss, double[] Psi)>();
        var checkpoints = new TrainingCheckpoints([5, 20, 99], (step, field) => seen.Add((step, field.Report.FinalLoss, field.Predict(layout.Grid))));
        using var watched = NeuralTrainer.Train(NetworkKind.RffMlp, options, coordinates, values, 11, checkpoints: checkpoints);
        using var plain = NeuralTrainer.Train(NetworkKind.RffMlp, options, coordinates, values, 11);

        Assert.Equal([5, 20], seen.Select(v => v.Step));
        Assert.True(seen[1].Loss < seen[0].Loss, $"loss {seen[0].Loss:E3} at step 5, {seen[1].Loss:E3} at step 20");
        Assert.NotEqual(seen[1].Psi, watched.Predict(layout.Grid));
        // Looking does not disturb: the watched and the unwatched run end bit for bit equal, and the view did not dispose the network.
        Assert.Equal(plain.Predict(layout.Grid), watched.Predict(layout.Grid));
        Assert.Equal(plain.Report.FinalLoss, watched.Report.FinalLoss);
    }

    [Fact]
    public void Different_seeds_or_time_levels_differ()
    {
        var (layout, values, _) = Smooth();
        var options = Tiny with { Steps = 50 };
        using var a = new RffMlpInterpolator(options).Train(layout, values, new InterpolationContext(Seed: 1));
        using var b = new RffMlpInterpolator(options).Train(layout, values, new InterpolationContext(Seed: 2));
        using var c = new RffMlpInterpolator(options).Train(layout, values, new InterpolationContext(Seed: 1, Time: 1));
        using var d = new RffMlpInterpolator(options with { Seed = 2 }).Train(layout, values, new InterpolationContext(Seed: 1));
        Assert.NotEqual(a.FourierMatrix, b.FourierMatrix);
        Assert.NotEqual(a.FourierMatrix, c.FourierMatrix);
        Assert.Equal(b.FourierMatrix, d.FourierMatrix); // Options.Seed overrides the context's seed
        Assert.NotEqual(a.Predict(layout.Grid), b.Predict(layout.Grid));
        Assert.NotEqual(a.StateSnapshot()["trunk.0.weight"], b.StateSnapshot()["trunk.0.weight"]);
    }

    [Fact]
    public void B_is_sigma_times_a_fixed_standard_normal_draw_and_is_not_trained()
    {
        var (layout, values, _) = Smooth();
        using var s1 = new RffMlpInterpolator(Tiny with { Sigma = 1, Steps = 20 }).Train(layout, values, new InterpolationContext(Seed: 4));
        using var s3 = new RffMlpInterpolator(Tiny with { Sigma = 3, Steps = 0 }).Train(layout, values, new InterpolationContext(Seed: 4));
        var b1 = s1.FourierMatrix!;
        var b3 = s3.FourierMatrix!;
        Assert.Equal(Tiny.Hidden, b1.Length); // (H/2) × 2
        for (int k = 0; k < b1.Length; k++) Assert.Equal(3.0 * b1[k], b3[k], 1e-5 * Math.Max(1, Math.Abs(b3[k])));
        double mean = b1.Average(), var = b1.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(Math.Sqrt(var), 0.6, 1.4);
        Assert.DoesNotContain(s1.StateSnapshot().Keys, k => k.StartsWith("input", StringComparison.Ordinal));
        using var mlp = new MlpInterpolator(Tiny with { Steps = 0 }).Train(layout, values, new InterpolationContext());
        Assert.Null(mlp.FourierMatrix);
        Assert.Equal(2 * Tiny.Hidden, mlp.StateSnapshot()["input.weight"].Length);
    }

    [Fact]
    public void Save_and_load_round_trip_gives_identical_predictions()
    {
        var (layout, values, _) = Smooth();
        string dir = Path.Combine(Path.GetTempPath(), $"neural-{Guid.NewGuid():N}");
        try
        {
            foreach (NeuralInterpolator net in new NeuralInterpolator[] { new RffMlpInterpolator(Tiny with { Steps = 60 }), new MlpInterpolator(Tiny with { Steps = 60 }) })
            {
                using var trained = net.Train(layout, values, new InterpolationContext(Seed: 11));
                string path = Path.Combine(dir, net.Name + ".pt");
                trained.Save(path);
                Assert.True(File.Exists(path + ".json"));
                using var loaded = NeuralField.Load(path);
                Assert.Equal(trained.Kind, loaded.Kind);
                Assert.Equal(trained.Options, loaded.Options);
                Assert.Equal(trained.NetworkSeed, loaded.NetworkSeed);
                Assert.Equal(trained.Report.FinalLoss, loaded.Report.FinalLoss);
                Assert.Equal(trained.Report.LossLog, loaded.Report.LossLog);
                Assert.Equal(trained.FourierMatrix, loaded.FourierMatrix);
                Assert.Equal(trained.Predict(layout.Grid), loaded.Predict(layout.Grid));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Rff_fits_a_high_wavenumber_cosine_that_the_plain_MLP_underfits_at_equal_budget()
    {
        // Spectral bias in miniature: cos(10 X) (10 waves across the domain) and a layer-2 partner, on 400 of 512 points.
        var grid = NeuralTestData.WideGrid;
        var truth = NeuralTestData.Field(grid, (x, y, k) => k == 0 ? Math.Cos(10 * x) : 0.5 * Math.Sin(10 * x));
        var layout = SensorLayout.RandomSubset(grid, 400.0 / grid.RealSize, 5);
        var values = layout.SampleLayers(truth);
        var options = Tiny with { Hidden = 32, Depth = 2, Steps = 400, Sigma = 1 };
        var context = new InterpolationContext(Seed: 0);

        using var rff = new RffMlpInterpolator(options).Train(layout, values, context);
        using var mlp = new MlpInterpolator(options).Train(layout, values, context);
        double rffLoss = rff.Report.FinalLoss, mlpLoss = mlp.Report.FinalLoss;
        double rffError = NeuralTestData.RelativeError(rff.Predict(grid), truth);
        double mlpError = NeuralTestData.RelativeError(mlp.Predict(grid), truth);
        string all = $"RFF loss {rffLoss:E2}, grid error {rffError:E2}; MLP loss {mlpLoss:E2}, grid error {mlpError:E2}";
        output.WriteLine(all);
        Assert.True(rffLoss < 1e-2 && rffLoss < mlpLoss / 100, all); // the RFF network fits the sensors ...
        Assert.True(mlpLoss > 0.3, all);                              // ... the plain MLP cannot at this budget
        Assert.True(rffError < 0.5 && mlpError > 0.8, all);           // and on the whole grid
    }

    [Fact]
    public void Interpolate_fills_the_whole_grid_and_names_are_rff_and_mlp()
    {
        var (layout, values, _) = Smooth(0.5);
        IInterpolator rff = new RffMlpInterpolator(Tiny with { Steps = 10 });
        IInterpolator mlp = new MlpInterpolator(Tiny with { Steps = 10 });
        Assert.Equal("rff", rff.Name);
        Assert.Equal("mlp", mlp.Name);
        var psi = rff.Interpolate(layout, values, new InterpolationContext());
        Assert.Equal(2 * layout.Grid.RealSize, psi.Length);
        Assert.All(psi, x => Assert.True(double.IsFinite(x)));
        Assert.Throws<ArgumentException>(() => mlp.Interpolate(layout, values.AsSpan(1).ToArray(), new InterpolationContext()));
    }

    [Fact]
    public void Penalties_schedules_and_LBFGS_polishing_run()
    {
        var (layout, values, _) = Smooth();
        var context = new InterpolationContext(Seed: 2);
        using var plain = new RffMlpInterpolator(Tiny with { Steps = 40 }).Train(layout, values, context);
        using var penalised = new RffMlpInterpolator(Tiny with { Steps = 40, GammaDiff = 1, GammaLapl = 1e-3 }).Train(layout, values, context);
        Assert.True(double.IsFinite(penalised.Report.FinalLoss));
        Assert.NotEqual(plain.Report.FinalLoss, penalised.Report.FinalLoss);

        foreach (var schedule in new[] { LearningRateSchedule.Cosine, LearningRateSchedule.Step })
        {
            using var f = new RffMlpInterpolator(Tiny with { Steps = 40, Schedule = schedule }).Train(layout, values, context);
            Assert.True(f.Report.FinalLoss < f.Report.LossLog[0].Loss);
            Assert.NotEqual(plain.Report.FinalLoss, f.Report.FinalLoss); // the schedule changed the run
        }
        // The schedule really drives Adam's rate: decaying it to ~0 after 5 steps freezes the network.
        using var frozen = new RffMlpInterpolator(Tiny with { Steps = 40, LogEvery = 1, Schedule = LearningRateSchedule.Step, DecayEvery = 5, DecayFactor = 1e-30 })
            .Train(layout, values, context);
        var late = frozen.Report.LossLog.Where(e => e.Step > 6).Select(e => e.Loss).Distinct().ToArray();
        Assert.Single(late);
        Assert.True(frozen.Report.LossLog[0].Loss > frozen.Report.LossLog[5].Loss);
        using var cosine = new RffMlpInterpolator(Tiny with { Steps = 40, LogEvery = 1, Schedule = LearningRateSchedule.Cosine, LearningRate = 0.05, MinLearningRate = 0 })
            .Train(layout, values, context);
        Assert.Equal(cosine.Report.LossLog[^1].Loss, cosine.Report.FinalLoss, 1e-3 * cosine.Report.FinalLoss); // rate 0 at the last step

        using var normalised = new RffMlpInterpolator(Tiny with { Steps = 40, NormalizeTargets = true }).Train(layout, values, context);
        var scale = normalised.StateSnapshot()["out_scale"];
        var shift = normalised.StateSnapshot()["out_shift"];
        for (int k = 0; k < 2; k++)
        {
            var layer = values.AsSpan(k * layout.Count, layout.Count).ToArray();
            double mean = layer.Average(), std = Math.Sqrt(layer.Select(x => (x - mean) * (x - mean)).Average());
            Assert.Equal(mean, shift[k], 1e-5);
            Assert.Equal(std, scale[k], 1e-5);
        }
        Assert.Equal([1f, 1f], plain.StateSnapshot()["out_scale"]);
        Assert.True(normalised.Report.FinalLoss < normalised.Report.LossLog[0].Loss);

        using var polished = new RffMlpInterpolator(Tiny with { Steps = 40, LbfgsSteps = 30 }).Train(layout, values, context);
        Assert.Equal(30, polished.Report.LbfgsSteps);
        Assert.Equal(70, polished.Report.LossLog[^1].Step);
        Assert.True(polished.Report.FinalLoss < plain.Report.FinalLoss, $"{polished.Report.FinalLoss:E3} vs {plain.Report.FinalLoss:E3}");
    }

    [Fact]
    public void Presets_and_validation()
    {
        var paper = NeuralInterpolatorOptions.Preset("paper");
        Assert.Equal((1000, 4, 10.0, 200_000, 0.01), (paper.Hidden, paper.Depth, paper.Sigma, paper.Steps, paper.LearningRate));
        Assert.Equal(LearningRateSchedule.Constant, paper.Schedule);
        Assert.Equal(0, paper.GammaDiff);
        Assert.Equal(0, paper.GammaLapl);
        Assert.Equal(4000, paper.EffectiveLogEvery);
        foreach (var name in NeuralInterpolatorOptions.PresetNames) NeuralInterpolatorOptions.Preset(name).Validate();
        Assert.Throws<ArgumentException>(() => NeuralInterpolatorOptions.Preset("huge"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RffMlpInterpolator(Tiny with { Hidden = 31 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpInterpolator(Tiny with { Depth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpInterpolator(Tiny with { Threads = 0 }));
    }

    [Fact]
    public void Held_out_validation_picks_a_sigma_that_resolves_the_signal()
    {
        var grid = NeuralTestData.WideGrid;
        var truth = NeuralTestData.Field(grid, (x, y, k) => (k == 0 ? 1 : 0.5) * Math.Cos(10 * x));
        var layout = SensorLayout.RandomSubset(grid, 0.8, 1);
        var values = layout.SampleLayers(truth);
        var lines = new List<string>();
        var result = SigmaSelection.Select(layout, values, Tiny with { Steps = 200 }, new InterpolationContext(Seed: 3),
            sigmas: [0.05, 1], holdoutFraction: 0.1, holdoutSeed: 9, log: lines.Add);
        lines.ForEach(output.WriteLine);
        Assert.True(1 == result.BestSigma, string.Join("; ", lines));
        Assert.Equal(2, result.Trials.Count);
        Assert.Equal(2, lines.Count);
        Assert.Equal(41, result.HeldOutCount);
        Assert.Equal(layout.Count, result.HeldOutCount + result.TrainingCount);
        Assert.True(result.Trials[0].HeldOutRelativeError > 1.2 * result.Trials[1].HeldOutRelativeError, string.Join("; ", lines));

        var (training, heldOut) = SigmaSelection.Split(100, 0.05, 1);
        Assert.Equal(5, heldOut.Length);
        Assert.Equal(Enumerable.Range(0, 100), training.Concat(heldOut).Order());
        Assert.Equal(heldOut, SigmaSelection.Split(100, 0.05, 1).HeldOut);
    }
}

/// <summary>rff and mlp in the interpolator catalogue, configured through the shared config file's extra keys.</summary>
[Collection(TorchCollection.Name)]
public sealed class NeuralCatalogueTests
{
    [Fact]
    public void Rff_and_mlp_are_registered_and_read_their_config_keys()
    {
        Assert.True(InterpolatorCatalogue.Contains("rff"));
        Assert.True(InterpolatorCatalogue.Contains("mlp"));
        NeuralInterpolators.Register(); // idempotent
        Assert.Equal(1, InterpolatorCatalogue.Names.Count(n => n == "rff"));

        var rff = Assert.IsType<RffMlpInterpolator>(InterpolatorCatalogue.Create("rff"));
        Assert.Equal(NeuralInterpolatorOptions.CpuSmall, rff.Options);

        var options = InterpolatorOptions.Parse("""
            { "neural_preset": "tiny", "hidden": 16, "deep": 3, "rff_sigma": 2.5, "adam_steps": 77, "lr": 0.005,
              "lr_schedule": "cosine", "lr_min": 1e-5, "lbfgs_steps": 3, "gamma_diff": 0.5, "normalize_targets": true,
              "threads": 2, "seed": 9 }
            """);
        var mlp = Assert.IsType<MlpInterpolator>(InterpolatorCatalogue.Create("mlp", options));
        Assert.Equal(NeuralInterpolatorOptions.Tiny with
        {
            Hidden = 16, Depth = 3, Sigma = 2.5, Steps = 77, LearningRate = 0.005, Schedule = LearningRateSchedule.Cosine,
            MinLearningRate = 1e-5, LbfgsSteps = 3, GammaDiff = 0.5, NormalizeTargets = true, Threads = 2, Seed = 9,
        }, mlp.Options);

        Assert.Throws<ArgumentException>(() => InterpolatorCatalogue.Create("rff", InterpolatorOptions.Parse("""{ "neural_preset": "huge" }""")));
        Assert.Throws<FormatException>(() => InterpolatorCatalogue.Create("rff", InterpolatorOptions.Parse("""{ "hidden": "wide" }""")));
        Assert.Throws<ArgumentOutOfRangeException>(() => InterpolatorCatalogue.Create("rff", InterpolatorOptions.Parse("""{ "hidden": 15 }""")));
    }
}
