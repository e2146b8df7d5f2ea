using Science.Numerics.Fft;
using System.Globalization;
using Science.QgModel;
using Science.QgModel.IO;
using Science.QgModel.Runs;
using Science.QgModel.Spectral;

using Science.Cli.Help;

namespace Science.Cli.Commands;

/// <summary>
/// <c>medida qg run</c> and <c>medida qg spinup</c>: integrate the two-layer QG model from a state file, a checkpoint
/// or the analytic initial condition, with progress, trajectory, checkpoints, a summary table and plots.
/// </summary>
internal static class QgCommand
{
    public const string RunUsage =
        "medida qg run --init STATE.h5 --steps N --output OUT.h5 [--set NAME=VALUE …] [--snapshot-every K --trajectory TRAJ.h5]\n" +
        "              [--checkpoint-every K --checkpoint CKPT.h5] [--resume CKPT.h5] [--seed S] [--fft auto|managed|fftw]\n" +
        "              [--plots DIR] [--max-cfl C] [--quiet]";

    public const string SpinupUsage =
        "medida qg spinup --output STATE.h5 [--steps N (20000)] [--seed S (0 = the oracle's analytic IC)] [--set NAME=VALUE …]\n" +
        "              [--snapshot-every K --trajectory TRAJ.h5] [--checkpoint-every K --checkpoint CKPT.h5] [--fft …] [--plots DIR] [--quiet]";

    public static int Run(IReadOnlyList<string> args, bool spinup)
    {
        string name = spinup ? "medida qg spinup" : "medida qg run";
        var a = (spinup ? QgOptions.Spinup : QgOptions.Run).Parse(args);

        // Validate everything before touching any file.
        long steps = spinup ? a.Integer("steps", 1, 1_000_000_000, 20_000) : a.Integer("steps", 1, 1_000_000_000);
        string output = a.Required("output");
        long seed = a.Integer("seed", 0, int.MaxValue, 0);
        long snapshotEvery = a.Integer("snapshot-every", 1, 1_000_000_000, 0);
        long checkpointEvery = a.Integer("checkpoint-every", 1, 1_000_000_000, 0);
        string? trajectory = a.Text("trajectory"), checkpoint = a.Text("checkpoint");
        if ((snapshotEvery > 0) != (trajectory is not null))
            throw new CliException("--snapshot-every and --trajectory go together: give both or neither");
        if ((checkpointEvery > 0) != (checkpoint is not null))
            throw new CliException("--checkpoint-every and --checkpoint go together: give both or neither");
        var backend = ParseBackend(a.Choice("fft", ["auto", "managed", "fftw"], "auto"));
        double maxCfl = a.Real("max-cfl", 1e-6, 100, 1.0);
        string? resume = spinup ? null : a.Text("resume");
        string? init = spinup ? null : a.Text("init");
        if (!spinup && (init is null) == (resume is null))
            throw new CliException("give exactly one of --init STATE.h5 (a new run) or --resume CKPT.h5 (continue a checkpointed run)");
        if (resume is not null && a.All("set").Count > 0)
            throw new CliException("--set cannot be combined with --resume: a resumed run continues with the checkpoint's parameters");
        // Initial state and parameters.
        QgSolver solver;
        QgParameters parameters;
        string origin;
        if (resume is not null)
        {
            var c = Files.Read(() => QgCheckpointFile.Read(resume));
            parameters = c.Parameters;
            solver = new QgSolver(c.Grid, parameters, backend);
            solver.Restore(c);
            origin = $"checkpoint {resume} (step {c.Step}, t = {c.Time:G6})";
        }
        else
        {
            QgState start;
            QgParameters baseParameters;
            if (init is not null)
            {
                var content = Files.ReadState(init);
                start = content.State;
                baseParameters = content.Parameters ?? QgParameters.Truth;
                origin = $"{init} (step {start.Step}, t = {start.Time:G6})";
            }
            else
            {
                start = InitialConditions.Analytic(Grid.Default, (int)seed);
                baseParameters = QgParameters.Truth;
                origin = seed == 0 ? "analytic IC of the oracle" : $"analytic IC with phases from seed {seed}";
            }
            parameters = ApplySets(baseParameters, a.All("set"));
            solver = new QgSolver(start.Grid, parameters, backend);
            solver.Initialize(start);
        }
        solver.MaxCfl = maxCfl;
        string? plots = a.Text("plots");
        Files.CheckOutputFile(output, "--output");
        if (trajectory is not null) Files.CheckOutputFile(trajectory, "--trajectory");
        if (checkpoint is not null) Files.CheckOutputFile(checkpoint, "--checkpoint");
        if (plots is not null) Files.CheckOutputFolder(plots, "--plots");
        foreach (var path in new[] { output, trajectory, checkpoint })
            if (path is not null) EnsureDirectory(path);

        var provenance = new Dictionary<string, string>
        {
            ["command"] = "medida " + string.Join(' ', spinup ? ["qg", "spinup", .. args] : (string[])["qg", "run", .. args]),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["origin"] = origin,
        };
        var options = new QgRunOptions
        {
            Steps = steps,
            SnapshotEvery = snapshotEvery,
            TrajectoryPath = trajectory,
            CheckpointEvery = checkpointEvery,
            CheckpointPath = checkpoint,
            Provenance = provenance,
        };

        bool quiet = a.Has("quiet");
        if (!quiet)
            Console.Error.WriteLine($"{name}: {solver.Grid}, {steps} steps of dt = {parameters.Dt} from {origin}; FFT {solver.Spectral.Backend}");
        var bar = new ProgressBar(spinup ? "spin-up" : "run", steps, quiet);
        QgRunResult result;
        using (solver)
        {
            try
            {
                result = QgRunner.Run(solver, options, (done, d) => bar.Report(done, () =>
                    string.Create(CultureInfo.InvariantCulture, $"KE1 {d.Ke1:G4} KE2 {d.Ke2:G4} CFL {d.Cfl:G3}")));
            }
            catch (QgBlowUpException e)
            {
                bar.Finish();
                string lastGood = Path.ChangeExtension(output, null) + ".lastgood.h5";
                var good = e.LastGood ?? solver.Previous;
                EnsureDirectory(lastGood);
                QgStateFile.Write(lastGood, good, parameters, provenance);
                throw new CliException($"{e.Message}; the last good state (step {good.Step}) was written to {lastGood}", 4);
            }
            bar.Finish();
            QgStateFile.Write(output, solver.Current, parameters, provenance);
            if (plots is not null)
            {
                Files.CreateFolder(plots, "--plots");
                QgPlots.Write(plots, solver, result);
            }
        }
        Summary.Print(name, result, output, trajectory, checkpoint);
        return 0;
    }

    internal static QgParameters ApplySets(QgParameters p, IReadOnlyList<string> sets)
    {
        foreach (var s in sets)
        {
            try
            {
                p = p.WithAssignment(s);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"--set {s}: {FirstLine(e.Message)}");
            }
        }
        return p;
    }

    internal static FftBackendKind ParseBackend(string text) => text switch
    {
        "managed" => FftBackendKind.Managed,
        "fftw" => FftwRealFft2D.IsAvailable ? FftBackendKind.Fftw
            : throw new CliException("--fft fftw: libfftw3 is not installed (Debian package libfftw3-double3); use --fft managed or auto"),
        _ => FftBackendKind.Auto,
    };

    /// <summary>Creates the folder an output file goes into; a failure is a file error (exit code 3).</summary>
    internal static void EnsureDirectory(string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Files.CreateFolder(dir, path);
    }

    internal static string FirstLine(string message) => CliErrors.Clean(message);
}
