using Science.Numerics.IO;
using Science.Numerics.Fft;
using Science.Interpolation;
using Science.Interpolation.Diagnostics;
using Science.Medida.Observations;
using Science.QgModel;
using Science.QgModel.Spectral;

using Science.Cli.Help;

namespace Science.Cli.Commands;

/// <summary>Sparse observations on the command line: sensor layout, interpolator and its options.</summary>
internal static class Sparse
{
    /// <summary>
    /// The estimator for <c>--sensors SPEC --interpolator NAME</c>. SPEC is a ratio (a seeded random subset), <c>full</c>,
    /// <c>regular:SX,SY[,OX,OY]</c> or a point-list file (<see cref="SensorSpecification"/>). The random subset is drawn
    /// with --sensor-seed (default: --seed); the noise and the networks use --seed. The <c>oi</c> interpolator takes its
    /// prior spectrum from --interpolator-config (keys <c>prior</c>, <c>prior_snapshots</c>) or, by default, from the
    /// --state file itself — all its snapshots, including the one being interpolated, which flatters the estimate
    /// (about 2× on ∇²ψ); give a prior from other states for fair tests. One progress bar covers the
    /// <paramref name="fields"/> interpolations: training steps and loss for the neural interpolators, completed fields
    /// for the others; the caller ends it with the returned action.
    /// </summary>
    public static (SparseObservation Estimator, Action Finish) Estimator(Arguments a, string statePath, Grid grid,
        string name, double noise, int seed, int fields, FftBackendKind backend)
    {
        var options = Options(a.Text("interpolator-config"), statePath, seed, backend, noise);
        var layout = Layout(a, grid, seed);
        var interpolator = Files.Read(() => Parse(() => InterpolatorCatalogue.Create(name, options), "--interpolator"));
        bool quiet = a.Has("quiet") || interpolator is ExactInterpolator;
        Action<InterpolationProgress>? training = null;
        Action<SparseObservationCall>? completed = null;
        Action finish;
        if (interpolator is Science.Interpolation.Neural.NeuralInterpolator neural)
        {
            var bar = new TrainingProgress($"training {neural.Name}", fields, neural.Options.Steps + neural.Options.LbfgsSteps, quiet);
            (training, finish) = (bar.Report, bar.Finish);
        }
        else
        {
            var bar = new InterpolationCallProgress($"interpolating ({interpolator.Name})", fields, quiet);
            (completed, finish) = (bar.Report, bar.Finish);
        }
        var estimator = Parse(() => new SparseObservation(layout, interpolator, noise, seed, a.Has("merge-observations"), training) { Completed = completed },
            "--interpolator");
        return (estimator, finish);
    }

    /// <summary>The layout of <c>--sensors SPEC</c> (default <c>full</c>) with <c>--sensor-seed</c> (default <paramref name="seed"/>).</summary>
    public static SensorLayout Layout(Arguments a, Grid grid, int seed)
    {
        string text = a.Text("sensors") ?? "full";
        int sensorSeed = (int)a.Integer("sensor-seed", 0, int.MaxValue, seed);
        try
        {
            return SensorSpecification.Parse(grid, text, sensorSeed);
        }
        catch (FileNotFoundException e)
        {
            throw new CliException($"--sensors: {e.Message}", 3);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            throw new CliException($"--sensors {text}: {QgCommand.FirstLine(e.Message)}");
        }
    }

    /// <summary>
    /// Interpolator options from a JSON config, with defaults for the prior, the seed, the FFT backend and the
    /// observation-noise level (the --noise level, as in data assimilation the observation error is known, unless the
    /// config sets <c>noise_level</c> or <c>noise_variance</c>).
    /// </summary>
    public static InterpolatorOptions Options(string? configPath, string statePath, int seed, FftBackendKind backend, double noise) =>
        LoadOptions(configPath).WithRunDefaults(statePath, seed, backend, noise);

    /// <summary>The options of an interpolator config file (defaults when null); a bad file is a one-line error naming
    /// <c>--interpolator-config</c> (exit 3 when it cannot be read, 2 when its content is wrong).</summary>
    public static InterpolatorOptions LoadOptions(string? configPath)
    {
        InterpolatorOptions options;
        try
        {
            options = configPath is null ? new InterpolatorOptions() : InterpolatorOptions.Load(configPath);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            string why = (e as System.Text.Json.JsonException ?? e.InnerException as System.Text.Json.JsonException) is { } j
                ? CliErrors.Json(j)
                : QgCommand.FirstLine(e.Message);
            bool fileError = !File.Exists(configPath) || e is IOException or UnauthorizedAccessException;
            throw new CliException($"--interpolator-config {configPath}: {why}", fileError ? 3 : 2);
        }
        return options;
    }

    public const string InterpolateUsage =
        "medida interpolate --state STATE.h5 --sensors RATIO --interpolator NAME --output EST.h5 [--interpolator-config FILE]\n" +
        "              [--snapshot K] [--noise LEVEL] [--seed S] [--sensor-seed S] [--fft …] [--no-charts] [--quiet] [--list-interpolators]\n" +
        "              (--sensors: " + SensorSpecification.Forms + ")\n" +
        "              (writes EST.h5, EST.json with diagnostics, EST.sensors.csv with the sensor points, EST.spectra.html, EST.maps.html)";

    /// <summary><c>medida interpolate</c>: one estimate from sensors, with its diagnostics against the truth.</summary>
    public static int Interpolate(IReadOnlyList<string> args)
    {
        if (args.Contains("--list-interpolators"))
        {
            Console.WriteLine(string.Join(" ", InterpolatorCatalogue.Names));
            return 0;
        }
        var a = InterpolateOptions.Interpolate.Parse(args);
        string state = a.Required("state"), output = a.Required("output"), name = a.Required("interpolator");
        int snapshot = (int)a.Integer("snapshot", 0, 1_000_000, 0), seed = (int)a.Integer("seed", 0, int.MaxValue, 0);
        double noise = a.Real("noise", 0, 10, 0);
        var backend = QgCommand.ParseBackend(a.Choice("fft", ["auto", "managed", "fftw"], "auto"));
        Files.CheckOutputFile(output, "--output");
        var truth = Files.Read(() =>
        {
            if (!Science.QgModel.IO.QgTrajectoryFile.IsTrajectory(state)) return Files.ReadState(state).State;
            var trajectory = Science.QgModel.IO.QgTrajectoryFile.Read(state);
            if (snapshot >= trajectory.Count)
                throw new CliException($"--snapshot must be in [0, {trajectory.Count - 1}] for {state} ({trajectory.Count} snapshots); got {snapshot}");
            return trajectory.GetState(snapshot);
        });
        var (estimator, finish) = Estimator(a, state, truth.Grid, name, noise, seed, 1, backend);
        var layout = estimator.Layout;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var estimate = estimator.Estimate(truth.Grid, truth.Psi, snapshot, ObservationTime.Start);
        clock.Stop();
        finish();
        var diagnostics = InterpolationDiagnostics.Compute(layout, truth.Psi, estimate, name, default, clock.Elapsed.TotalSeconds, null, backend);
        QgCommand.EnsureDirectory(output);
        var estimateState = new QgState(truth.Grid, estimate, null, truth.Time, truth.Step);
        Science.QgModel.IO.QgStateFile.Write(output, estimateState, Science.QgModel.QgParameters.Truth, new Dictionary<string, string>
        {
            ["command"] = "medida interpolate " + string.Join(' ', args),
            ["estimator"] = estimator.Name,
        });
        string json = Path.ChangeExtension(output, ".json"), sensorsFile = Path.ChangeExtension(output, ".sensors.csv");
        Science.Numerics.IO.AtomicFile.Write(json, tmp => File.WriteAllText(tmp, diagnostics.ToJson()));
        layout.WriteFile(sensorsFile);
        var written = new List<string> { output, json, sensorsFile };
        if (!a.Has("no-charts")) written.AddRange(Charts(output, truth, estimate, layout, diagnostics));
        Summary.Table("medida interpolate", [
            ("estimator", estimator.Name),
            ("wall time", $"{clock.Elapsed.TotalSeconds:F2} s"),
            .. diagnostics.Layers.Select(l => ($"layer {l.Number}", System.FormattableString.Invariant(
                $"ψ error {l.PsiError:E2}, ∇²ψ error {l.LaplacianError:E2}"))),
            ("sensors", $"{layout.Count} ({layout.Description})"),
            ("files", string.Join("\n" + new string(' ', 17), written)),
        ]);
        return 0;
    }

    /// <summary>EST.spectra.html (jet-core zonal amplitude spectra, both layers) and EST.maps.html (truth, estimate,
    /// difference of ψ1 and the sensor mask).</summary>
    private static string[] Charts(string output, QgState truth, double[] estimate, SensorLayout layout, InterpolationDiagnostics d)
    {
        var grid = truth.Grid;
        int n = grid.RealSize;
        string spectra = Path.ChangeExtension(output, ".spectra.html"), maps = Path.ChangeExtension(output, ".maps.html");
        var m = Enumerable.Range(1, grid.Nk - 1).Select(k => (double)k).ToArray();
        Science.Visualization.Charts.Spectra(spectra, $"Zonal amplitude spectra (jet core, §9.5): truth and {d.Interpolator}, SR {d.SensorRatio:G3}", m,
            [.. d.Layers.SelectMany(l => new[] { ($"truth ψ{l.Number}", l.TruthSpectrum[1..]), ($"{d.Interpolator} ψ{l.Number}", l.EstimateSpectrum[1..]) })],
            "zonal wavenumber m", "S(m)", logX: false);
        var difference = new double[n];
        for (int p = 0; p < n; p++) difference[p] = estimate[p] - truth.Psi[p];
        var mask = layout.Mask().Select(b => b ? 1.0 : 0.0).ToArray();
        Science.Visualization.Charts.Maps(maps, $"ψ1 from {layout.Count} sensors ({d.Interpolator})", grid.X.ToArray(), grid.Y.ToArray(),
            [("truth ψ1", truth.Psi[..n].ToArray()), ($"{d.Interpolator} ψ1", estimate[..n]), ("estimate − truth", difference), ("sensors", mask)]);
        return [spectra, maps];
    }

    private static T Parse<T>(Func<T> f, string what)
    {
        try
        {
            return f();
        }
        catch (ArgumentException e)
        {
            throw new CliException(CliErrors.Argument(e, what));
        }
    }
}
