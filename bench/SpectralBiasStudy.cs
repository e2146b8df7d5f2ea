using Science.Numerics.IO;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Science.Interpolation;
using Science.Interpolation.Diagnostics;
using Science.Interpolation.Neural;
using Science.QgModel;
using Science.QgModel.IO;
using Science.Visualization;

namespace Science.Bench;

/// <summary>
/// The spectral-bias study of issue 4 / spec §13 E1–E2 at CPU budgets:
/// <c>dotnet run -c Release --project bench -- spectral-bias [--preset cpu-small] [--steps N] [--sigma S|auto]
/// [--checkpoints 250,500,…] [--sensors 0.75] [--out DIR]</c>.
/// </summary>
/// <remarks>
/// Protocol: truth = snapshot 0 of data/qg_trajectory.h5; sensors = the seeded random subset (seed 0) at the ratio;
/// both networks get the same trunk, optimiser, schedule and number of Adam steps (equal budgets); σ of the RFF layer
/// is chosen by held-out validation (5% of the sensors, 400 steps per σ over {0.5, 1, 2, 5, 10}) unless given. At
/// each checkpoint the network is evaluated on the whole grid and scored with <see cref="InterpolationDiagnostics"/>:
/// relative L2 errors of ψ1 and ∇²ψ1, the ratio of the estimate's zonal amplitude spectrum to the truth's
/// (S_est/S_true, spec §9.5) and the error ratio S_err/S_true (S_err = spectrum of estimate − truth: below 1 means the
/// network has learned that scale). Writes spectral-bias.md, .json and an HTML chart of the final spectra.
/// </remarks>
public static class SpectralBiasStudy
{
    private static readonly int[] ReportedM = [5, 10, 20, 30, 40, 48];

    /// <summary>One network evaluated at one training step.</summary>
    public sealed record Checkpoint(string Network, int Step, double Loss, double TrainingSeconds, double PsiError, double LaplacianError,
        double[] SpectrumRatio, double[] ErrorRatio);

    /// <summary>Runs the study with command-line arguments (after the mode name).</summary>
    public static int Run(string[] args)
    {
        string preset = Option(args, "--preset") ?? "cpu-small";
        var options = NeuralInterpolatorOptions.Preset(preset);
        if (Option(args, "--steps") is { } s) options = options with { Steps = int.Parse(s, CultureInfo.InvariantCulture) };
        double ratio = double.Parse(Option(args, "--sensors") ?? "0.75", CultureInfo.InvariantCulture);
        string outDir = Option(args, "--out") ?? Path.Combine("bench", "results");
        int[] checkpoints = (Option(args, "--checkpoints") ?? DefaultCheckpoints(options.Steps))
            .Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).Where(k => k >= 1 && k <= options.Steps).Distinct().Order().ToArray();
        Directory.CreateDirectory(outDir);

        var truth = QgTrajectoryFile.Read(Path.Combine("data", "qg_trajectory.h5")).GetState(0);
        var grid = truth.Grid;
        var layout = SensorLayout.RandomSubset(grid, ratio, 0);
        var values = layout.SampleLayers(truth.Psi);
        var coordinates = NetworkCoordinates.ForIndices(grid, layout.Indices);
        long seed = NeuralInterpolator.NetworkSeed(0, 0);
        Console.WriteLine(Invariant($"spectral-bias: preset {preset}, H {options.Hidden}, depth {options.Depth}, {options.Steps} Adam steps, {options.Schedule} lr {options.LearningRate}, SR {ratio} ({layout.Count} sensors)"));

        string sigmaText = Option(args, "--sigma") ?? "auto";
        double sigma;
        IReadOnlyList<SigmaTrial> trials = [];
        if (sigmaText == "auto")
        {
            var selection = SigmaSelection.Select(layout, values, options with { Steps = 400, Schedule = LearningRateSchedule.Constant },
                new InterpolationContext(), log: line => Console.WriteLine("  " + line));
            sigma = selection.BestSigma;
            trials = selection.Trials;
        }
        else sigma = double.Parse(sigmaText, CultureInfo.InvariantCulture);
        Console.WriteLine(Invariant($"σ = {sigma}"));

        var results = new List<Checkpoint>();
        var finalSpectra = new List<(string Name, double[] Values)>();
        double[] truthSpectrum = QgDiagnostics.ZonalAmplitudeSpectrum(grid, truth.PsiLayer(0));
        finalSpectra.Add(("truth", truthSpectrum));
        foreach (var (kind, name) in new[] { (NetworkKind.Mlp, "MLP"), (NetworkKind.RffMlp, Invariant($"RFF-MLP σ {sigma}")) })
        {
            var clock = Stopwatch.StartNew();
            var visits = new TrainingCheckpoints(checkpoints, (step, field) =>
            {
                var c = Score(name, step, field, layout, truth);
                results.Add(c);
                Console.WriteLine(Invariant($"  {name} step {step}: loss {c.Loss:E2}, ψ1 {c.PsiError:E2}, ∇²ψ1 {c.LaplacianError:E2}, S_est/S_true at m = {string.Join(", ", ReportedM)}: {string.Join(", ", c.SpectrumRatio.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)))}"));
            });
            using var field = NeuralTrainer.Train(kind, options with { Sigma = sigma }, coordinates, values, seed, checkpoints: visits);
            clock.Stop();
            finalSpectra.Add((name, QgDiagnostics.ZonalAmplitudeSpectrum(grid, field.Predict(grid).AsSpan(0, grid.RealSize))));
            Console.WriteLine(Invariant($"  {name}: {field.Report.StepsPerSecond:F2} steps/s, {clock.Elapsed.TotalSeconds:F0} s wall"));
        }

        Write(outDir, preset, options, ratio, sigma, trials, results, finalSpectra);
        var m = Enumerable.Range(0, truthSpectrum.Length).Select(k => (double)k).ToArray();
        Charts.Spectra(Path.Combine(outDir, "spectral-bias.html"), Invariant($"Zonal amplitude spectrum of ψ1, SR {ratio}, {preset} ({options.Steps} steps)"),
            m[1..], [.. finalSpectra.Select(f => (f.Name, f.Values[1..]))], "zonal wavenumber m", "S(m) (amplitude, §9.5)", logX: false);
        return 0;
    }

    private static Checkpoint Score(string name, int step, NeuralField field, SensorLayout layout, QgState truth)
    {
        var grid = layout.Grid;
        int n = grid.RealSize;
        var estimate = field.Predict(grid);
        var d = InterpolationDiagnostics.Compute(layout, truth.Psi, estimate, name).Layers[0];
        var error = new double[n];
        for (int p = 0; p < n; p++) error[p] = estimate[p] - truth.Psi[p];
        var errorSpectrum = QgDiagnostics.ZonalAmplitudeSpectrum(grid, error);
        return new Checkpoint(name, step, field.Report.FinalLoss, field.Report.Seconds, d.PsiError, d.LaplacianError,
            [.. ReportedM.Select(m => d.EstimateSpectrum[m] / d.TruthSpectrum[m])],
            [.. ReportedM.Select(m => errorSpectrum[m] / d.TruthSpectrum[m])]);
    }

    private static void Write(string dir, string preset, NeuralInterpolatorOptions o, double ratio, double sigma, IReadOnlyList<SigmaTrial> trials,
        IReadOnlyList<Checkpoint> results, IReadOnlyList<(string Name, double[] Values)> spectra)
    {
        var truthSpectrum = spectra[0].Values;
        // The largest factor between the final estimate's spectrum and the truth's over m = 1 … 40 (E2's range), per network.
        var worstFactor = spectra.Skip(1).ToDictionary(f => f.Name, f => Enumerable.Range(1, Math.Min(40, truthSpectrum.Length - 1))
            .Max(m => Math.Max(f.Values[m] / truthSpectrum[m], truthSpectrum[m] / f.Values[m])));
        var md = new StringBuilder();
        md.AppendLine(Invariant($"# Spectral bias at equal CPU budgets (SR {ratio}, preset {preset}: H {o.Hidden}, depth {o.Depth}, {o.Steps} Adam steps, {o.Schedule})"));
        md.AppendLine();
        if (trials.Count > 0)
            md.AppendLine("σ by held-out validation (400 steps each): " + string.Join(", ", trials.Select(t => Invariant($"σ {t.Sigma}: {t.HeldOutRelativeError:P1}"))) + Invariant($" → σ = {sigma}"));
        md.AppendLine();
        md.AppendLine("Final spectra, largest factor between estimate and truth over m = 1…40: " +
            string.Join(", ", worstFactor.Select(w => Invariant($"{w.Key} {w.Value:G3}"))));
        md.AppendLine();
        string ms = string.Join(" | ", ReportedM.Select(m => $"m={m}"));
        md.AppendLine($"| network | step | train s | loss | ψ1 err | ∇²ψ1 err | S_est/S_true: {ms} | S_err/S_true: {ms} |");
        md.AppendLine("|---|---|---|---|---|---|" + string.Concat(Enumerable.Repeat("---|", 2 * ReportedM.Length)));
        foreach (var c in results)
            md.AppendLine(Invariant($"| {c.Network} | {c.Step} | {c.TrainingSeconds:F0} | {c.Loss:E2} | {c.PsiError:E2} | {c.LaplacianError:E2} | ") +
                string.Join(" | ", c.SpectrumRatio.Concat(c.ErrorRatio).Select(r => r.ToString("G3", CultureInfo.InvariantCulture))) + " |");
        AtomicFile.Write(Path.Combine(dir, "spectral-bias.md"), t => File.WriteAllText(t, md.ToString()));
        var json = JsonSerializer.Serialize(new
        {
            preset, options = o, ratio, sigma, reported_m = ReportedM, trials, checkpoints = results,
            final_spectra = spectra.ToDictionary(f => f.Name, f => f.Values), worst_factor_m1_40 = worstFactor,
        },
            new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        AtomicFile.Write(Path.Combine(dir, "spectral-bias.json"), t => File.WriteAllText(t, json));
        Console.WriteLine(md.ToString());
    }

    private static string DefaultCheckpoints(int steps) =>
        string.Join(",", new[] { steps / 8, steps / 4, steps / 2, 3 * steps / 4, steps }.Where(k => k > 0));

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
