using System.Globalization;
using System.Text.Json;
using Science.Assimilation.Cycling;
using Science.Assimilation.Mpi;
using Science.Assimilation.Methods;
using Science.Assimilation.Presets;
using Science.Assimilation.Runs;

using Science.Cli.Help;
using Science.Medida.Assimilated;

namespace Science.Cli.Commands;

/// <summary>
/// <c>medida assimilate</c>: a cycled twin experiment on a DAPPER preset with the EnKF, ETKF or LETKF, with progress,
/// a summary table, and a run JSON (scores + full settings, re-runnable with <c>--config</c>) and CSV series.
/// </summary>
internal static class AssimilateCommand
{
    private const string Name = "medida assimilate";

    /// <summary>Options of the qg-twin preset only (see <see cref="QgTwinSettings"/>).</summary>
    private static readonly string[] QgTwinOptions =
        ["state", "sensors", "sensor-seed", "noise", "every", "case", "climatology", "climatology-every", "initial-spread", "batch", "restart-leapfrog"];

    /// <summary>Options that set the experiment or the method (not allowed with --config).</summary>
    private static readonly string[] Settings =
        ["preset", "method", "members", "inflation", "rtps", "localisation", "cycles", "burn-in", "seed", "observe", "rotate", "no-rotate", .. QgTwinOptions];


    public const string Usage =
        "medida assimilate --preset l96-sakov2008|l63-sakov2012|ks-bocquet2019|qg-twin [--method enkf|etkf|letkf] [--members N]\n" +
        "              [--inflation F (≥ 1)] [--rtps A (0..1)] [--localisation R (GC half-width, grid points)] [--rotate|--no-rotate]\n" +
        "              [--cycles K] [--burn-in K0] [--seed S (0)] [--observe all|every:K|I,J,…] [--threads T] [--executor inprocess|mpi]\n" +
        "              --output RUN.json [--quiet]   (mpi: run under MPICH's mpiexec -n R; rank 0 writes and prints)\n" +
        "              qg-twin: [--state STATE.h5] [--sensors SPEC] [--noise LEVEL] [--every STEPS] [--case ID] [--trajectory TRAJ.h5]\n" +
        "              medida assimilate --config RUN.json --output RUN2.json   (repeats a run bit for bit)";

    public static int Run(IReadOnlyList<string> args)
    {
        var a = AssimilateOptions.Assimilate.Parse(args);
        string output = a.Required("output");
        string executor = a.Choice("executor", ["inprocess", "mpi"], "inprocess");
        if (executor == "inprocess") return Run(a, output, null);
        MpiSession mpi;
        try
        {
            mpi = MpiSession.Start();
        }
        catch (MpiUnavailableException e)
        {
            throw new CliException(e.Message);
        }
        using (mpi) return Run(a, output, mpi);
    }

    /// <summary>One run; under MPI every rank runs this, integrates its block of members, and only rank 0 writes and prints.</summary>
    private static int Run(Arguments a, string output, MpiSession? mpi)
    {
        // Under MPI the ranks on one machine share its cores unless --threads says otherwise.
        int threads = (int)a.Integer("threads", 1, 1024, mpi is null ? -1 : Math.Max(1, System.Environment.ProcessorCount / mpi.LocalRanks));
        bool root = mpi is null || mpi.IsRoot;
        var catalog = Catalog();
        RunConfig config = a.Text("config") is { } path ? FromFile(a, path) : FromOptions(a, catalog);

        Science.Assimilation.Experiments.TwinExperiment experiment;
        Preset preset;
        try
        {
            preset = catalog.Get(config.Preset, config.PresetOptions);
            experiment = config.Experiment(catalog);
            experiment.Validate();
            config.Method.Validate(experiment);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException($"the settings do not fit the {config.Preset} experiment: {QgCommand.FirstLine(e.Message)}");
        }
        catch (Science.Numerics.IO.DataFileException e)
        {
            throw new CliException($"--state: {QgCommand.FirstLine(e.Message)}", 3);
        }
        string? trajectory = a.Text("trajectory");
        if (trajectory is not null && config.Preset != QgTwin.PresetName) throw new CliException("--trajectory applies to --preset qg-twin only");
        var chrono = experiment.Chronology;
        var m = config.Method;
        bool quiet = a.Has("quiet") || !root;
        if (mpi is not null && mpi.Size > m.Members)
            throw new CliException($"--executor mpi: {mpi.Size} ranks for {m.Members} members; use mpiexec -n R with R ≤ {m.Members}");
        if (!quiet)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: {config.Preset} ({experiment.Dynamics.Name}, n = {experiment.Observation.StateSize}, m = {experiment.Observation.ObservationSize}), {m.Kind} N = {m.Members}, {chrono.Cycles} cycles of {chrono.Dko} × dt {chrono.Dt}, seed {config.Seed}"));
        var bar = new ProgressBar("assimilate", chrono.Cycles, quiet, "cycles");
        double sum = 0;
        int averaged = 0;
        TimedExecutor? timed = null;
        var options = new AssimilationOptions
        {
            Threads = threads,
            ExecutorFactory = (x, members, t) => timed = new TimedExecutor(mpi is null
                ? new InProcessExecutor(x.Dynamics.Factory, members, t)
                : new MpiEnsembleExecutor(mpi, x.Dynamics.Factory, members, t), members),
            Progress = s =>
            {
                if (s.Cycle >= chrono.BurnInCycles) { sum += s.RmseAnalysis; averaged++; }
                bar.Report(s.Cycle + 1, () => string.Create(CultureInfo.InvariantCulture,
                    $"rmse_a {s.RmseAnalysis:F3} rmse_f {s.RmseForecast:F3} spread_a {s.SpreadAnalysis:F3} {(averaged > 0 ? $"mean rmse_a {sum / averaged:F3}" : "(burn-in)")}"));
            },
        };
        var run = m.Assimilate(experiment, config.Seed, options);
        bar.Finish();
        if (!root) return 0;
        double? expected = config.ObservedIndices is null ? preset.ExpectedRmseA(m) : null;
        string csv = RunRecordWriter.Write(run, config.Preset, output, expected, config.PresetOptions);
        if (trajectory is not null)
        {
            QgAnalysisTrajectory.Write(trajectory, run, QgTwinSettings.FromOptions(config.PresetOptions!), $"medida assimilate --preset qg-twin (seed {config.Seed})");
            csv += ", " + trajectory;
        }
        if (!a.Has("no-charts"))
        {
            // RUN.html: RMSE and spread against time, forecast and analysis (Science.Visualization.AssimilationCharts).
            string chart = Path.ChangeExtension(output, ".html");
            Science.Visualization.AssimilationCharts.Write(chart, run);
            csv += ", " + chart;
        }
        PrintSummary(run, config, expected, output, csv, timed!, threads);
        return 0;
    }

    private static RunConfig FromFile(Arguments a, string path)
    {
        var given = Settings.Where(a.Has).ToArray();
        if (given.Length > 0)
            throw new CliException($"--config repeats a run as it was; it cannot be combined with {string.Join(" ", given.Select(g => "--" + g))}");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: file not found or unreadable ({e.Message})", 3);
        }
        try
        {
            return RunConfig.Read(text);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new CliException($"{path}: not a run JSON of medida assimilate ({QgCommand.FirstLine(e.Message)})", 3);
        }
    }

    /// <summary>DAPPER's presets and the toolkit's qg-twin.</summary>
    private static PresetCatalog Catalog() => new(external: new Dictionary<string, Func<IReadOnlyDictionary<string, string>, Preset>>
    {
        [QgTwin.PresetName] = options => QgTwin.Preset(QgTwinSettings.FromOptions(options)),
    });

    /// <summary>Every preset name <c>--preset</c> accepts.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = [.. PresetCatalog.Names, QgTwin.PresetName];

    /// <summary>The qg-twin settings from the command line (unset options keep <see cref="QgTwinSettings"/>' defaults).</summary>
    private static IReadOnlyDictionary<string, string> QgTwinPresetOptions(Arguments a)
    {
        string state = a.Text("state") ?? Science.Cli.Reproduce.ReproductionInputs.Locate(null).SpunUp;
        if (!File.Exists(state)) throw new CliException($"--state {state}: file not found", 3);
        var d = new QgTwinSettings { State = Path.GetFullPath(state) };
        return (d with
        {
            Sensors = a.Text("sensors") ?? d.Sensors,
            SensorSeed = (int)a.Integer("sensor-seed", 0, int.MaxValue, d.SensorSeed),
            Noise = a.Real("noise", 0, 10, d.Noise),
            Every = (int)a.Integer("every", 1, 100_000, d.Every),
            Case = (int)a.Integer("case", 1000, 1009, d.Case),
            Climatology = (int)a.Integer("climatology", 2, 10_000, d.Climatology),
            ClimatologyEvery = (int)a.Integer("climatology-every", 1, 100_000, d.ClimatologyEvery),
            InitialSpread = a.Real("initial-spread", 1e-6, 10, d.InitialSpread),
            Batch = (int)a.Integer("batch", 1, 96, d.Batch),
            Restart = a.Has("restart-leapfrog"),
        }).ToOptions();
    }

    private static RunConfig FromOptions(Arguments a, PresetCatalog catalog)
    {
        string presetName = a.Choice("preset", PresetNames, "") is { Length: > 0 } p ? p
            : throw new CliException($"'{Name}' needs --preset {string.Join("|", PresetNames)} (or --config RUN.json)");
        IReadOnlyDictionary<string, string>? presetOptions = null;
        if (presetName == QgTwin.PresetName)
        {
            if (a.Has("observe")) throw new CliException("--observe does not apply to qg-twin; use --sensors SPEC");
            presetOptions = QgTwinPresetOptions(a);
        }
        else if (QgTwinOptions.FirstOrDefault(a.Has) is { } qgOnly)
            throw new CliException($"--{qgOnly} applies to --preset qg-twin only");
        Preset preset;
        try
        {
            preset = catalog.Get(presetName, presetOptions);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException($"the settings do not fit the {presetName} experiment: {QgCommand.FirstLine(e.Message)}");
        }
        catch (Science.Numerics.IO.DataFileException e)
        {
            throw new CliException($"--state: {QgCommand.FirstLine(e.Message)}", 3);
        }
        string kind = a.Choice("method", ["enkf", "etkf", "letkf"], preset.DefaultMethod.Kind);
        // Start from the preset's tuned settings for that method, then apply the options.
        EnsembleMethod method = preset.Benchmarks.Select(b => b.Method).FirstOrDefault(x => x.Kind == kind)
            ?? (preset.DefaultMethod.Kind == kind ? preset.DefaultMethod : null) ?? kind switch
        {
            "enkf" => new Enkf { Members = 20 },
            "etkf" => new Etkf { Members = 20 },
            _ => new Letkf { Members = 20, Localisation = GaspariCohnRadius },
        };
        if (a.Has("localisation") && kind != "letkf") throw new CliException("--localisation applies to --method letkf only");
        if (a.Has("rotate") && a.Has("no-rotate")) throw new CliException("give --rotate or --no-rotate, not both");
        int members = (int)a.Integer("members", 2, 100_000, method.Members);
        double inflation = a.Real("inflation", 1, 10, method.Inflation);
        double rtps = a.Real("rtps", 0, 1, method.Rtps);
        bool rotate = a.Has("rotate") || (!a.Has("no-rotate") && method.Rotate);
        method = method with { Members = members, Inflation = inflation, Rtps = rtps, Rotate = rotate };
        if (method is Letkf letkf)
        {
            double r = a.Real("localisation", double.NegativeInfinity, double.PositiveInfinity, letkf.Localisation);
            if (!(r > 0 && r <= 1e6)) throw new CliException($"--localisation must be a number in (0, 1000000] (grid points); got '{a.Text("localisation")}'");
            method = letkf with { Localisation = r };
        }
        var chrono = preset.Experiment.Chronology;
        int cycles = (int)a.Integer("cycles", 1, 10_000_000, chrono.Cycles);
        int burnIn = (int)a.Integer("burn-in", 0, cycles - 1, Math.Min(chrono.BurnInCycles, cycles / 2));
        int seed = (int)a.Integer("seed", 0, int.MaxValue, 0);
        return new RunConfig(presetName, cycles, burnIn, method, seed, presetOptions is null ? Observed(a.Text("observe"), preset.Experiment.Observation.StateSize, presetName) : null)
        {
            PresetOptions = presetOptions,
        };
    }

    /// <summary>DAPPER's L96 LETKF loc_rad = 4 as a GC half-width (the default when a preset has no tuned LETKF).</summary>
    private const double GaspariCohnRadius = 1.82 * 4;

    private static int[]? Observed(string? spec, int n, string preset)
    {
        if (spec is null or "all") return null;
        int[] idx;
        if (spec.StartsWith("every:", StringComparison.Ordinal))
        {
            if (!int.TryParse(spec[6..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 1 || k > n)
                throw new CliException($"--observe every:K needs K in [1, {n}]; got '{spec}'");
            idx = [.. Enumerable.Range(0, n).Where(i => i % k == 0)];
        }
        else
        {
            var parts = spec.Split(',');
            idx = new int[parts.Length];
            for (int j = 0; j < parts.Length; j++)
                if (!int.TryParse(parts[j], NumberStyles.Integer, CultureInfo.InvariantCulture, out idx[j]))
                    throw new CliException($"--observe must be all, every:K or a list of state indices I,J,…; got '{spec}'");
            Array.Sort(idx);
        }
        foreach (int i in idx)
            if (i < 0 || i >= n) throw new CliException($"--observe: index {i} does not fit the {preset} state; indices must be in [0, {n - 1}]");
        if (idx.Distinct().Count() != idx.Length) throw new CliException($"--observe: repeated index in '{spec}'");
        return idx;
    }

    private static void PrintSummary(Science.Assimilation.Runs.AssimilationRun run, RunConfig config, double? expected, string output, string csv, TimedExecutor timed, int threads)
    {
        var s = run.Summary;
        var m = run.Method;
        string F(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        var rows = new List<(string, string)>
        {
            ("preset", config.Preset),
            ("method", F($"{m.Kind} N={m.Members} inflation={m.Inflation} rtps={m.Rtps} rotate={m.Rotate}") + (m.LocalisationHalfWidth is double l ? F($" localisation={l}") : "")),
            ("seed / executor", F($"{run.Seed} / {run.Executor}")),
            ("cycles (averaged)", F($"{run.Series.Count} ({s.CyclesAveraged} after a burn-in of {run.Experiment.Chronology.BurnInCycles})")),
            ("rmse_a", F($"{s.RmseAnalysis:F4}") + (expected is double e ? F($"  (DAPPER {e})") : "")),
            ("rmse_f", F($"{s.RmseForecast:F4}")),
            ("spread_a / spread_f", F($"{s.SpreadAnalysis:F4} / {s.SpreadForecast:F4}")),
            ("spread_a / rmse_a", F($"{s.SpreadRatio:F3}")),
            ("wall time", F($"{run.Wall.TotalSeconds:F2} s ({1000 * run.Wall.TotalSeconds / run.Series.Count:F3} ms/cycle)")),
            ("analysis", F($"{run.AnalysisWall.TotalSeconds:F2} s ({1000 * run.AnalysisWall.TotalSeconds / run.Series.Count:F3} ms/cycle, incl. inflation and rotation)")),
            ("forecast", F($"{timed.Elapsed.TotalSeconds:F2} s, {timed.MemberSteps / timed.Elapsed.TotalSeconds:F0} member-steps/s ({(threads == -1 ? "all cores" : $"{threads} thread{(threads == 1 ? "" : "s")}")}{(timed.Inner is MpiEnsembleExecutor mx ? $" per rank, {mx.GatherTime.TotalSeconds:F2} s in MPI_Allgatherv on rank 0" : "")})")),
            ("output", output),
            ("series", csv),
        };
        Summary.Table(Name, rows);
    }

    /// <summary>Times the forecasts of an executor (for the member-steps/s in the summary; not in the run record).</summary>
    private sealed class TimedExecutor(IEnsembleExecutor inner, int members) : IEnsembleExecutor
    {
        private readonly System.Diagnostics.Stopwatch _clock = new();

        public IEnsembleExecutor Inner => inner;
        public TimeSpan Elapsed => _clock.Elapsed;
        public long MemberSteps { get; private set; }
        public string Name => inner.Name;

        public void SetStates(Science.Models.Ensembles.Ensemble ensemble, double time, long step, Science.Models.LevelUpdate update) => inner.SetStates(ensemble, time, step, update);

        public int Forecast(Science.Models.Ensembles.Ensemble ensemble, int steps)
        {
            _clock.Start();
            int blown = inner.Forecast(ensemble, steps);
            _clock.Stop();
            MemberSteps += (long)members * steps;
            return blown;
        }

        public void Dispose() => inner.Dispose();
    }
}
