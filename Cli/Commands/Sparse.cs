using Science.Interpolation;
using Science.Interpolation.Diagnostics;
using Science.Medida.Observations;
using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Cli.Commands;

/// <summary>Sparse observations on the command line: sensor layout, interpolator and its options.</summary>
internal static class Sparse
{
    /// <summary>
    /// The estimator for <c>--sensors RATIO --interpolator NAME</c>. The sensors are a seeded random subset (seed = --seed);
    /// the <c>oi</c> interpolator takes its prior spectrum from --interpolator-config (keys <c>prior</c>,
    /// <c>prior_snapshots</c>) or, by default, from the --state file itself — all its snapshots, including the one being
    /// interpolated, which flatters the estimate (about 2× on ∇²ψ); give a prior from other states for fair tests.
    /// </summary>
    public static IStateEstimator Estimator(Arguments a, string statePath, Grid grid, double ratio, string name, double noise, int seed,
        FftBackendKind backend)
    {
        var options = Options(a.Text("interpolator-config"), statePath, seed, backend);
        var layout = Parse(() => SensorLayout.RandomSubset(grid, ratio, seed), "--sensors");
        var interpolator = Files.Read(() => Parse(() => InterpolatorCatalogue.Create(name, options), "--interpolator"));
        return Parse(() => new SparseObservation(layout, interpolator, noise, seed, a.Has("merge-observations")), "--interpolator");
    }

    /// <summary>Interpolator options from a JSON config, with defaults for the prior, the seed and the FFT backend.</summary>
    public static InterpolatorOptions Options(string? configPath, string statePath, int seed, FftBackendKind backend)
    {
        InterpolatorOptions options;
        try
        {
            options = configPath is null ? new InterpolatorOptions() : InterpolatorOptions.Load(configPath);
        }
        catch (Exception e) when (e is ArgumentException or IOException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new CliException($"--interpolator-config {configPath}: {QgCommand.FirstLine(e.Message)}", File.Exists(configPath) ? 2 : 3);
        }
        return options with
        {
            Prior = options.Prior ?? statePath,
            Seed = options.Seed != 0 ? options.Seed : seed,
            Fft = backend,
        };
    }

    public const string InterpolateUsage =
        "medida interpolate --state STATE.h5 --sensors RATIO --interpolator NAME --output EST.h5 [--interpolator-config FILE]\n" +
        "              [--snapshot K] [--noise LEVEL] [--seed S] [--fft …] [--quiet]   (writes EST.h5 and EST.json with diagnostics)";

    /// <summary><c>medida interpolate</c>: one estimate from sensors, with its diagnostics against the truth.</summary>
    public static int Interpolate(IReadOnlyList<string> args)
    {
        var a = Arguments.Parse("medida interpolate", args,
            ["state", "sensors", "interpolator", "interpolator-config", "output", "snapshot", "noise", "seed", "fft"], ["quiet"]);
        string state = a.Required("state"), output = a.Required("output"), name = a.Required("interpolator");
        double ratio = a.Real("sensors", 1e-6, 1, 1);
        int snapshot = (int)a.Integer("snapshot", 0, 1_000_000, 0), seed = (int)a.Integer("seed", 0, int.MaxValue, 0);
        double noise = a.Real("noise", 0, 10, 0);
        var backend = QgCommand.ParseBackend(a.Choice("fft", ["auto", "managed", "fftw"], "auto"));
        var truth = Files.Read(() => Science.QgModel.IO.QgTrajectoryFile.IsTrajectory(state)
            ? Science.QgModel.IO.QgTrajectoryFile.Read(state).GetState(snapshot)
            : Files.ReadState(state).State);
        var options = Options(a.Text("interpolator-config"), state, seed, backend);
        var layout = Parse(() => SensorLayout.RandomSubset(truth.Grid, ratio, seed), "--sensors");
        var interpolator = Files.Read(() => Parse(() => InterpolatorCatalogue.Create(name, options), "--interpolator"));
        var estimator = Parse(() => new SparseObservation(layout, interpolator, noise, seed), "--interpolator");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var estimate = estimator.Estimate(truth.Grid, truth.Psi, snapshot, ObservationTime.Start);
        clock.Stop();
        var diagnostics = InterpolationDiagnostics.Compute(layout, truth.Psi, estimate, name, default, clock.Elapsed.TotalSeconds, null, backend);
        QgCommand.EnsureDirectory(output);
        var estimateState = new QgState(truth.Grid, estimate, null, truth.Time, truth.Step);
        Science.QgModel.IO.QgStateFile.Write(output, estimateState, Science.QgModel.QgParameters.Truth, new Dictionary<string, string>
        {
            ["command"] = "medida interpolate " + string.Join(' ', args),
            ["estimator"] = estimator.Name,
        });
        string json = Path.ChangeExtension(output, ".json");
        Science.QgModel.IO.AtomicFile.Write(json, tmp => File.WriteAllText(tmp, diagnostics.ToJson()));
        Summary.Table("medida interpolate", [
            ("estimator", estimator.Name),
            ("wall time", $"{clock.Elapsed.TotalSeconds:F2} s"),
            .. diagnostics.Layers.Select(l => ($"layer {l.Layer}", System.FormattableString.Invariant(
                $"ψ error {l.PsiError:E2}, ∇²ψ error {l.LaplacianError:E2}"))),
            ("output", $"{output}, {json}"),
        ]);
        return 0;
    }

    private static T Parse<T>(Func<T> f, string what)
    {
        try
        {
            return f();
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{what}: {QgCommand.FirstLine(e.Message)}");
        }
    }
}
