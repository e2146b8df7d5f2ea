using Science.Numerics.Fft;
using System.Globalization;
using System.Text.Json;
using Science.Medida.Cases;
using Science.Medida.Experiments;
using Science.Medida.Discovery;
using Science.Medida.Filters;
using Science.Medida.Increments;
using Science.Medida.Library;
using Science.Medida.Observations;
using Science.Medida.Reports;
using Science.QgModel;
using Science.QgModel.IO;

using Science.Cli.Help;

namespace Science.Cli.Commands;

/// <summary><c>medida increments</c> and <c>medida discover</c>: the MEDIDA pipeline from a truth state to a report.</summary>
internal static class MedidaCommand
{
    // The value options of the experiment, from the option tables (Cli/Help/MedidaOptions.cs).
    private static readonly string[] Common = [.. MedidaOptions.Common.Where(o => !o.IsFlag).Select(o => o.Name)];

    private static readonly string[] DiscoverOnly = [.. MedidaOptions.DiscoverOnly.Where(o => !o.IsFlag).Select(o => o.Name)];

    public const string IncrementsUsage =
        "medida increments --state STATE.h5 --case ID --output INC.h5 [--snapshots N (1) --every K (400 steps)]\n" +
        "              [--library-state forecast|estimate] [--pv-bookkeeping reference|consistent] [--noise LEVEL --seed S]\n" +
        "              [--smoother none|keep:R|gaussian:F] [--case-config FILE.json] [--fft …]\n" +
        "              [--sensors SPEC --interpolator exact|cubic|rbf|oi|mlp|rff [--interpolator-config FILE] [--sensor-seed S] [--merge-observations]]\n" +
        "              [--sensors SPEC --noise LEVEL --analysis letkf|etkf|enkf [--members N] [--inflation F] [--localisation R] [--analysis-every STEPS]\n" +
        "               [--analysis-spinup CYCLES] [--analysis-model truth|model] [--increment-form analysis-state] [--rtps A]]\n" +
        "              [--list-interpolators]   (SPEC: " + Science.Interpolation.SensorSpecification.Forms + ")";

    public const string DiscoverUsage =
        "medida discover --state STATE.h5 --case ID --output REPORT.json [--regressor rvm|stlsq|ensemble] [--library reference|extended|LABELS]\n" +
        "medida discover --config REPORT.json --output OTHER.json   (re-runs the experiment a report embeds, bit for bit)\n" +
        "medida discover --model ks --case N --output REPORT.json [--samples 10 --beta 10000 --spinup 100000 --noise L --derivatives fd|spectral --thresholds T,…]\n" +
        "              [--increment residual|reference] [--library-state midpoint|u0|target] [--reference]   (ks: --reference = the reference's h, u_a, 1e2)\n" +
        "              [--noise L --analysis letkf|etkf|enkf [--members N] [--localisation R] [--inflation F] [--rtps A] [--analysis-every STEPS]\n" +
        "               [--analysis-spinup CYCLES] [--observe-every K] [--increment-form analysis-state|one-shot] [--regression-filter F (0.04)]]   (ks)\n" +
        "              [--library-state forecast|estimate] [--pv-bookkeeping reference|consistent] [--snapshots N --every K]\n" +
        "              [--noise LEVEL --seed S --smoother none|keep:R|gaussian:F] [--regression-filter F (0 = off; default 0, 0.08 with --sensors)] [--delta D]\n" +
        "              [--thresholds T1,T2,…] [--boundary-cut N] [--standardise] [--files DIR] [--no-charts] [--list-cases] [--quiet]\n" +
        "              [--sensors SPEC --interpolator exact|cubic|rbf|oi|mlp|rff [--interpolator-config FILE] [--sensor-seed S] [--merge-observations]]\n" +
        "              [--sensors SPEC --noise LEVEL --analysis letkf|etkf|enkf [--members N] [--inflation F] [--localisation R] [--analysis-every STEPS]\n" +
        "               [--analysis-spinup CYCLES] [--analysis-model truth|model] [--increment-form analysis-state] [--rtps A]] [--delta-relative E]\n" +
        "              [--list-interpolators]   (SPEC: " + Science.Interpolation.SensorSpecification.Forms + ")";

    public static int Increments(IReadOnlyList<string> args)
    {
        if (args.Contains("--list-interpolators")) return ListInterpolators();
        var a = MedidaOptions.Increments.Parse(args);
        var experiment = Experiment(a, discover: false);
        string output = a.Required("output");
        Files.CheckOutputFile(output, "--output");
        var (setup, finish) = Prepare(experiment, a.Has("quiet"));
        QgCommand.EnsureDirectory(output);
        var increment = setup.Builder.Build(setup.Snapshots);
        finish();
        IncrementFile.Write(output, increment, setup.Case.Id, Provenance(experiment, setup, "medida increments", args));
        Summary.Table("medida increments", [
            ("case", $"{setup.Case.Id} ({setup.Case.Name}): {setup.Case.Description}"),
            ("snapshots", $"{increment.Snapshots} at t = {string.Join(", ", increment.Times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}"),
            ("std h1 / h2", string.Create(CultureInfo.InvariantCulture, $"{increment.StandardDeviation(0):G4} / {increment.StandardDeviation(1):G4}")),
            ("settings", $"library state {increment.Settings.LibraryState}, PV bookkeeping {increment.Settings.Bookkeeping}, {increment.Estimator}"),
            ("output", output),
        ]);
        return 0;
    }

    public static int Discover(IReadOnlyList<string> args)
    {
        string model = ModelOption(args);
        if (args.Contains("--list-cases"))
        {
            if (model == "ks")
                foreach (var c in Science.Medida.Ks.KsCaseCatalogue.All) Console.WriteLine($"{c.Id}  {c.Name,-20} {c.Description}");
            else
                foreach (var c in CaseCatalogue.All) Console.WriteLine($"{c.Id}  {c.Name,-20} {c.Description}");
            return 0;
        }
        if (model == "ks") return DiscoverKs(args);
        if (args.Contains("--list-interpolators")) return ListInterpolators();
        var a = MedidaOptions.Discover.Parse(args);
        var experiment = Experiment(a, discover: true);
        string output = a.Required("output");
        string files = ReportFolder(a, output);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (setup, finish) = Prepare(experiment, a.Has("quiet"));
        ExperimentResult result;
        try
        {
            result = setup.Run(new Dictionary<string, string> { ["command"] = "medida discover " + string.Join(' ', args) }, finish);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.ParamName is { } p && SettingOptions.ContainsKey(p) ? CliErrors.Argument(e, options: SettingOptions) : CliErrors.Argument(e, "discovery"));
        }
        var (report, increment) = (result.Report, result.Increment);
        var written = WriteReport(a, output, files, report);
        if (!a.Has("no-charts")) written.AddRange(Science.Visualization.DiscoveryCharts.Write(files, report, increment));
        clock.Stop();

        Console.WriteLine(EquationText.Describe(report));
        Summary.Table("medida discover", [
            ("rows per layer", report.Rows.ToString(CultureInfo.InvariantCulture)),
            ("wall time", string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F2} s (library + sweeps {report.RegressionTime.TotalSeconds:F2} s)")),
            ("re-run", $"medida discover --config {output} --output OTHER.json"),
            ("files", string.Join("\n" + new string(' ', 17), written)),
        ]);
        return 0;
    }

    // The report's folder (--files, default OUTPUT_files beside the report), checked with the report path before any work.
    private static string ReportFolder(Arguments a, string output)
    {
        string files = a.Text("files") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileNameWithoutExtension(output) + "_files");
        Files.CheckOutputFile(output, "--output");
        Files.CheckOutputFolder(files, a.Has("files") ? "--files" : "the report folder (--files)");
        return files;
    }

    // The JSON report and its CSV tables (terms, sweep); returns the files written.
    private static List<string> WriteReport(Arguments a, string output, string files, DiscoveryReport report)
    {
        ReportWriter.WriteJson(output, report);
        var written = new List<string> { output };
        Files.CreateFolder(files, a.Has("files") ? "--files" : "the report folder");
        written.AddRange(ReportWriter.WriteCsv(files, report));
        return written;
    }

    // --model qg (default) or ks, read before the full parse so that each model's option set can be checked.
    private static string ModelOption(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string? value = args[i] == "--model" && i + 1 < args.Count ? args[i + 1]
                : args[i].StartsWith("--model=", StringComparison.Ordinal) ? args[i][8..] : null;
            if (value is null) continue;
            if (value is not ("qg" or "ks")) throw new CliException($"--model must be one of qg|ks; got '{value}'");
            return value;
        }
        return "qg";
    }

    /// <summary>
    /// <c>medida discover --model ks --case N --output REPORT.json</c>: the first MEDIDA paper's Kuramoto–Sivashinsky
    /// study with clean observations (spec §10): ETDRK4 truth (N 1024, L 100, dt 1e-3), one CNAB2 step of 5e-3 of the
    /// imperfect model per sample, the 24-term library with the reference's finite differences, RVM tol 0.1. By default
    /// the CNAB2-residual increment, the library at the CN midpoint and a 1e2…1e7 sweep (every case within 2 %; see
    /// <see cref="Science.Medida.Ks.KsDiscoveryOptions"/>); <c>--reference</c> gives the reference's h, library at u_a
    /// and threshold 1e2. The same JSON report as QG, with one entry in <c>layers</c>.
    /// </summary>
    private static int DiscoverKs(IReadOnlyList<string> args)
    {
        foreach (var qgOnly in new[] { "state", "sensors", "interpolator", "library", "pv-bookkeeping", "snapshots", "every", "regressor" })
            if (args.Contains("--" + qgOnly))
                throw new CliException($"--{qgOnly} applies to the QG model; with --model ks use --case, --samples, --beta, --spinup, --noise, --derivatives fd|spectral, --thresholds, --increment, --library-state midpoint|u0|target, --reference, --seed, --analysis …");
        var a = MedidaOptions.DiscoverKs.Parse(args);
        string idText = a.Required("case");
        if (!int.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id))
            throw new CliException($"--case must be a case number; known: {string.Join(", ", Science.Medida.Ks.KsCaseCatalogue.All.Select(c => c.Id))}");
        var ksCase = Parse(() => Science.Medida.Ks.KsCaseCatalogue.Get(id), "--case");
        string output = a.Required("output");
        string files = ReportFolder(a, output);
        // --reference starts from the reference's increment, library state and single threshold; explicit options win.
        var defaults = a.Has("reference") ? Science.Medida.Ks.KsDiscoveryOptions.Reference : new Science.Medida.Ks.KsDiscoveryOptions();
        var options = defaults with
        {
            Seed = (int)a.Integer("seed", 0, int.MaxValue, 0),
            Samples = (int)a.Integer("samples", 1, 1000, defaults.Samples),
            Beta = (int)a.Integer("beta", 1, 10_000_000, defaults.Beta),
            SpinUpSteps = (int)a.Integer("spinup", 0, 100_000_000, defaults.SpinUpSteps),
            NoiseMagnitude = a.Real("noise", 0, 10, 0),
            Derivatives = a.Choice("derivatives", ["fd", "spectral"], "fd") == "spectral"
                ? Science.Medida.Ks.KsDerivativeKind.Spectral : Science.Medida.Ks.KsDerivativeKind.FiniteDifference,
            Thresholds = a.Text("thresholds") is { } t ? ParseList(t, "--thresholds") : defaults.Thresholds,
            Increment = a.Choice("increment", ["residual", "reference"], defaults.Increment == Science.Medida.Ks.KsIncrementKind.Residual ? "residual" : "reference") == "residual"
                ? Science.Medida.Ks.KsIncrementKind.Residual : Science.Medida.Ks.KsIncrementKind.Reference,
            LibraryState = a.Choice("library-state", ["midpoint", "u0", "target"], defaults.LibraryState switch
            {
                Science.Medida.Ks.KsLibraryState.Start => "u0",
                Science.Medida.Ks.KsLibraryState.Target => "target",
                _ => "midpoint",
            }) switch
            {
                "u0" => Science.Medida.Ks.KsLibraryState.Start,
                "target" => Science.Medida.Ks.KsLibraryState.Target,
                _ => Science.Medida.Ks.KsLibraryState.Midpoint,
            },
        };
        if (a.Text("analysis") is { } method)
        {
            if (!(options.NoiseMagnitude > 0)) throw new CliException("--analysis needs observation noise: give --noise L with L > 0 (e.g. 0.01)");
            // With an analysis the paper's increment, library state (the estimate at t_a) and threshold are the defaults.
            var r = Science.Medida.Ks.KsDiscoveryOptions.Reference;
            options = options with
            {
                Increment = a.Has("increment") ? options.Increment : r.Increment,
                LibraryState = a.Has("library-state") ? options.LibraryState : r.LibraryState,
                Thresholds = a.Has("thresholds") ? options.Thresholds : r.Thresholds,
                RegressionFilter = a.Real("regression-filter", 0, 10, 0.04),
            };
            if (a.Choice("increment-form", ["analysis-state", "one-shot"], "analysis-state") == "one-shot")
            {
                // enkf = the paper's KS-reference EnKF; etkf/letkf = its ensemble-space generalisation on a noisy observation.
                foreach (var cycledOnly in new[] { "inflation", "rtps", "analysis-every", "analysis-spinup", "observe-every" })
                    if (a.Has(cycledOnly)) throw new CliException($"--{cycledOnly} applies to the cycled filter (--increment-form analysis-state), not to the one-shot analysis");
                if (method != "letkf" && a.Has("localisation")) throw new CliException("--localisation applies to --analysis letkf");
                int members = (int)a.Integer("members", 2, 100_000, method == "enkf" ? 10 * 1024 : 64);
                options = options with
                {
                    EnsembleMembers = members,
                    OneShotMethod = method switch
                    {
                        "etkf" => new Science.Assimilation.Methods.Etkf { Members = members },
                        "letkf" => new Science.Assimilation.Methods.Letkf { Members = members, Localisation = a.Real("localisation", 1e-6, 1000, 30) },
                        _ => null,
                    },
                };
            }
            else
            {
                options = options with
                {
                    Analysis = FilterSettings(a, method, Science.Medida.Ks.KsDiscoveryOptions.KsFilter),
                    ObserveEvery = (int)a.Integer("observe-every", 1, 512, 1),
                };
            }
        }
        else
        {
            foreach (var daOnly in new[] { "increment-form", "members", "inflation", "rtps", "localisation", "analysis-every", "analysis-spinup", "observe-every" })
                if (a.Has(daOnly)) throw new CliException($"--{daOnly} needs --analysis enkf|etkf|letkf");
            options = options with { RegressionFilter = a.Real("regression-filter", 0, 10, 0) };
        }
        Parse(options.Validated, "--model ks");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ProgressBar? bar = options.Analysis is { } filter
            ? new ProgressBar($"assimilating ({filter.Method} N={filter.Members})", Science.Medida.Ks.KsAssimilatedSamples.Cycles(options, filter), a.Has("quiet"), "cycles")
            : null;
        var report = Parse(() => Science.Medida.Ks.KsDiscovery.Run(ksCase.Id, options,
            s => bar?.Report(s.Cycle + 1, () => string.Create(CultureInfo.InvariantCulture, $"rmse_a {s.RmseAnalysis:G3} spread_a {s.SpreadAnalysis:G3}"))), "--model ks") with
        {
            Provenance = new Dictionary<string, string> { ["command"] = "medida discover " + string.Join(' ', args) },
        };
        clock.Stop();
        bar?.Finish();
        var written = WriteReport(a, output, files, report);
        Console.WriteLine(EquationText.Describe(report));
        Summary.Table("medida discover --model ks", [
            ("rows", report.Rows.ToString(CultureInfo.InvariantCulture)),
            ("wall time", string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F2} s (truth + library + regression)")),
            ("files", string.Join("\n" + new string(' ', 17), written)),
        ]);
        return 0;
    }

    // The increment file's provenance: the command line and the settings of the experiment.
    private static Dictionary<string, string> Provenance(MedidaExperiment experiment, ExperimentSetup setup, string command, IReadOnlyList<string> args) => new()
    {
        ["command"] = command + " " + string.Join(' ', args),
        ["state_file"] = experiment.State,
        ["seed"] = experiment.Seed.ToString(CultureInfo.InvariantCulture),
        ["noise"] = experiment.Observation.Noise.ToString("G", CultureInfo.InvariantCulture),
        ["estimator"] = setup.Estimator.Name,
        ["experiment"] = experiment.ToJson().ToJsonString(),
    };

    /// <summary>Prints the interpolator names separated by spaces (the contract of <c>--list-interpolators</c>).</summary>
    private static int ListInterpolators()
    {
        Console.WriteLine(string.Join(" ", Science.Interpolation.InterpolatorCatalogue.Names));
        return 0;
    }

    /// <summary>
    /// The experiment the options describe (<c>--config FILE.json</c>: a report or an experiment file; otherwise the
    /// individual options). Values are checked here with the option names in the messages.
    /// </summary>
    private static MedidaExperiment Experiment(Arguments a, bool discover)
    {
        if (a.Text("config") is { } config)
        {
            var given = ExperimentOptions.Where(o => a.Has(o)).Select(o => "--" + o).ToArray();
            if (given.Length > 0)
                throw new CliException($"--config {config} describes the whole experiment; drop {string.Join(" ", given)} (or drop --config)");
            if (!File.Exists(config)) throw new CliException($"--config: file not found: {config}", 3);
            try
            {
                return MedidaExperiment.Load(config);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                string why = (e as JsonException ?? e.InnerException as JsonException) is { } j ? CliErrors.Json(j) : CliErrors.Clean(e.Message);
                throw new CliException($"--config {config}: {why} (expected a report written by medida discover, or its \"experiment\" object)");
            }
        }
        double noise = a.Real("noise", 0, 10, 0);
        if (a.Text("smoother") is { } smoother) Parse(() => SpectralFilter.Parse(smoother), "--smoother");
        var observation = new ObservationSettings
        {
            Sensors = a.Text("sensors"),
            SensorSeed = a.Has("sensor-seed") ? (int)a.Integer("sensor-seed", 0, int.MaxValue) : null,
            Noise = noise,
            Smoother = a.Text("smoother"),
            Interpolator = a.Text("interpolator"),
            MergeObservations = a.Has("merge-observations"),
        };
        if (observation.IsSparse && a.Text("smoother") is not null)
            throw new CliException("--smoother applies to full observations; with --sensors the interpolator does the smoothing");
        if (a.Text("interpolator-config") is { } interpolatorConfig)
        {
            Sparse.LoadOptions(interpolatorConfig);   // checks the file with the option's error messages
            observation = observation with
            {
                InterpolatorOptions = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(interpolatorConfig),
                    documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject(),
                InterpolatorOptionsDirectory = Path.GetDirectoryName(interpolatorConfig) is { Length: > 0 } d ? d : ".",
            };
        }
        var experiment = new MedidaExperiment
        {
            State = a.Required("state"),
            Case = LoadCase(a),
            Snapshots = (int)a.Integer("snapshots", 1, 10_000, 1),
            Every = a.Integer("every", 1, 1_000_000_000, 400),
            LibraryState = a.Choice("library-state", ["forecast", "estimate"], "forecast") == "estimate" ? LibraryState.Estimate : LibraryState.Forecast,
            PvBookkeeping = a.Choice("pv-bookkeeping", ["reference", "consistent"], "reference") == "consistent" ? PvBookkeeping.Consistent : PvBookkeeping.Reference,
            Observation = observation,
            Assimilation = AssimilationOptions(a),
            Seed = (int)a.Integer("seed", 0, int.MaxValue, 0),
            Fft = QgCommand.ParseBackend(a.Choice("fft", ["auto", "managed", "fftw"], "auto")),
        };
        if (!discover) return experiment;
        string library = a.Text("library") ?? "reference";
        Parse(() => CandidateLibrary.Parse(library), "--library (reference, extended, or comma-separated labels)");
        int cut = (int)a.Integer("boundary-cut", 0, 10_000, 20);
        return experiment with
        {
            Library = library,
            Regressor = a.Choice("regressor", ["rvm", "stlsq", "ensemble"], "rvm") switch
            {
                "stlsq" => ExperimentRegressor.Stlsq,
                "ensemble" => ExperimentRegressor.Ensemble,
                _ => ExperimentRegressor.Rvm,
            },
            RegressionFilter = a.Has("regression-filter") ? a.Real("regression-filter", 0, 10, 0) : null,
            Delta = a.Real("delta", 0, 1e6, 1e-3),
            RelativeDelta = a.Has("delta-relative") ? a.Real("delta-relative", 0, 10, 0) : null,
            Thresholds = a.Text("thresholds") is { } t ? ParseList(t, "--thresholds") : null,
            Standardise = a.Has("standardise"),
            BoundaryRows = cut,
            BoundaryColumns = cut,
        };
    }

    /// <summary>The assimilated-increment settings of <c>--analysis</c>, or null; the filter options need --analysis.</summary>
    private static Science.Medida.Assimilated.AssimilationSettings? AssimilationOptions(Arguments a)
    {
        string[] filterOptions = ["members", "inflation", "rtps", "localisation", "analysis-every", "analysis-spinup", "analysis-model", "increment-form"];
        if (!a.Has("analysis"))
        {
            if (filterOptions.FirstOrDefault(a.Has) is { } orphan) throw new CliException($"--{orphan} applies with --analysis enkf|etkf|letkf only");
            return null;
        }
        string method = a.Choice("analysis", ["enkf", "etkf", "letkf"], "letkf");
        if (a.Has("interpolator")) throw new CliException("--analysis builds the states by assimilation; it cannot be combined with --interpolator");
        if (a.Has("localisation") && method != "letkf") throw new CliException("--localisation applies to --analysis letkf only");
        return FilterSettings(a, method, new Science.Medida.Assimilated.AssimilationSettings());
    }

    /// <summary>The filter settings of <c>--analysis METHOD</c>: <paramref name="d"/> with the options given.</summary>
    private static Science.Medida.Assimilated.AssimilationSettings FilterSettings(Arguments a, string method, Science.Medida.Assimilated.AssimilationSettings d)
    {
        return d with
        {
            Method = method,
            Members = (int)a.Integer("members", 2, 1000, d.Members),
            Inflation = a.Real("inflation", 1, 10, d.Inflation),
            Rtps = a.Real("rtps", 0, 1, d.Rtps),
            Localisation = a.Real("localisation", 1e-6, 1000, d.Localisation),
            AnalysisEvery = (int)a.Integer("analysis-every", 1, 100_000, d.AnalysisEvery),
            Spinup = (int)a.Integer("analysis-spinup", 1, 100_000, d.Spinup),
            Background = a.Choice("analysis-model", ["truth", "model"], d.Background),
            IncrementForm = a.Choice("increment-form", ["analysis-state"], d.IncrementForm),
        };
    }

    /// <summary>The options that describe an experiment (refused together with --config).</summary>
    private static readonly string[] ExperimentOptions =
        [.. Common.Where(o => o != "output"), .. DiscoverOnly.Where(o => o != "files"), "standardise", "merge-observations"];

    /// <summary>Prepares the experiment with progress displays for sparse observations; errors name the options.</summary>
    private static (ExperimentSetup Setup, Action Finish) Prepare(MedidaExperiment experiment, bool quiet)
    {
        Action<InterpolationProgress>? training = null;
        Action<SparseObservationCall>? completed = null;
        ProgressBar? filterBar = null;
        if (experiment.Assimilation is { } assimilation)
        {
            int cycles = Science.Medida.Assimilated.AssimilatedTruth.Schedule(assimilation.Spinup, assimilation.AnalysisEvery, experiment.Snapshots, Math.Max(2, experiment.Every)).Steps.Length;
            filterBar = new ProgressBar($"assimilating ({assimilation.Method} N={assimilation.Members})", cycles, quiet, "cycles");
        }
        var hooks = new ExperimentHooks(p => training?.Invoke(p), c => completed?.Invoke(c),
            Assimilation: s => filterBar?.Report(s.Cycle + 1, () => string.Create(CultureInfo.InvariantCulture, $"rmse_a {s.RmseAnalysis:G3} spread_a {s.SpreadAnalysis:G3}")));
        ExperimentSetup setup;
        try
        {
            setup = Files.Read(() => experiment.Prepare(hooks));
        }
        catch (ExperimentSettingException e)
        {
            throw SettingError(e, experiment);
        }
        filterBar?.Finish();
        Action finish = () => { };
        int fields = 2 * setup.Snapshots.Count;
        if (setup.Estimator is SparseObservation sparse)
        {
            bool silent = quiet || sparse.Interpolator is Science.Interpolation.ExactInterpolator;
            if (sparse.Interpolator is Science.Interpolation.Neural.NeuralInterpolator neural)
            {
                var bar = new TrainingProgress($"training {neural.Name}", fields, neural.Options.Steps + neural.Options.LbfgsSteps, silent);
                (training, finish) = (bar.Report, bar.Finish);
            }
            else
            {
                var bar = new InterpolationCallProgress($"interpolating ({sparse.Interpolator.Name})", fields, silent);
                (completed, finish) = (bar.Report, bar.Finish);
            }
        }
        if (!quiet)
            foreach (var note in setup.Notes) Console.WriteLine($"note: {note}");
        return (setup, finish);
    }

    // The CLI's wording for a bad experiment setting: the option, then the reason (exit 3 for a missing file).
    private static CliException SettingError(ExperimentSettingException e, MedidaExperiment experiment)
    {
        var inner = e.InnerException!;
        string reason = inner is ArgumentException ae ? CliErrors.Argument(ae) : QgCommand.FirstLine(inner.Message);
        return e.Setting switch
        {
            "sensors" when inner is FileNotFoundException => new CliException($"--sensors: {inner.Message}", 3),
            "sensors" => new CliException($"--sensors {experiment.Observation.Sensors}: {QgCommand.FirstLine(inner.Message)}"),
            "snapshots" => new CliException($"--snapshots/--every: {reason}"),
            "interpolator" or "interpolator_options" when inner is FileNotFoundException => new CliException($"--interpolator: {inner.Message}", 3),
            "interpolator" or "interpolator_options" => new CliException($"--interpolator: {reason}"),
            "discovery" => new CliException(inner is ArgumentException d ? CliErrors.Argument(d, "discovery", SettingOptions) : reason),
            _ => new CliException($"--{e.Setting.Replace('_', '-')}: {reason}"),
        };
    }

    private static CaseSpecification LoadCase(Arguments a)
    {
        string? config = a.Text("case-config");
        string? id = a.Text("case");
        if ((config is null) == (id is null)) throw new CliException("give exactly one of --case ID (see --list-cases) or --case-config FILE.json");
        if (id is not null)
        {
            if (!int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
                throw new CliException($"--case must be a case number; known: {string.Join(", ", CaseCatalogue.Ids)}");
            var catalogue = CaseSpecification.Catalogue(n);
            Parse(catalogue.Resolve, "--case");
            return catalogue;
        }
        if (!File.Exists(config)) throw new CliException($"--case-config: file not found: {config}", 3);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(config!));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException($"the file holds a JSON {Kind(doc.RootElement)}, not an object");
            Dictionary<string, double> Read(string key)
            {
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                var p = QgParameters.Truth;
                if (doc.RootElement.TryGetProperty(key, out var o))
                {
                    if (o.ValueKind != JsonValueKind.Object) throw new FormatException($"\"{key}\" must be an object of parameter values; got a {Kind(o)}");
                    foreach (var prop in o.EnumerateObject())
                    {
                        if (prop.Value.ValueKind != JsonValueKind.Number)
                            throw new FormatException($"\"{key}\".\"{prop.Name}\" must be a number; got a {Kind(prop.Value)}");
                        p = p.With(prop.Name, prop.Value.GetDouble());
                        values[prop.Name] = prop.Value.GetDouble();
                    }
                }
                p.Validated();
                return values;
            }
            string name = "custom";
            if (doc.RootElement.TryGetProperty("name", out var nm))
                name = nm.ValueKind == JsonValueKind.String ? nm.GetString()! : throw new FormatException($"\"name\" must be a string; got a {Kind(nm)}");
            var specification = new CaseSpecification { Name = name, Truth = Read("truth"), Model = Read("model") };
            specification.Resolve();
            return specification;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            string why = e is JsonException j ? CliErrors.Json(j) : CliErrors.Clean(e.Message);
            throw new CliException($"--case-config {config}: {why} (expected {{\"name\": …, \"truth\": {{\"beta\": 0.196, …}}, \"model\": {{\"tau_d\": 0.11, …}}}})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--case-config {config}: cannot read the file ({CliErrors.Clean(e.Message)})", 3);
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    private static double[] ParseList(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new double[items.Length];
        for (int i = 0; i < items.Length; i++)
            if (!double.TryParse(items[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !(values[i] > 0))
                throw new CliException($"{option} must be a comma-separated list of positive numbers; got '{items[i]}'");
        return values;
    }

    /// <summary>The options behind the <see cref="DiscoverySettings"/> and <see cref="RegionCut"/> parameters that the library validates.</summary>
    private static readonly Dictionary<string, string> SettingOptions = new(StringComparer.Ordinal)
    {
        [nameof(RegionCut.Rows)] = "--boundary-cut",
        [nameof(RegionCut.Columns)] = "--boundary-cut",
        [nameof(DiscoverySettings.Delta)] = "--delta",
        [nameof(DiscoverySettings.RelativeDelta)] = "--delta-relative",
        [nameof(DiscoverySettings.Thresholds)] = "--thresholds",
        [nameof(DiscoverySettings.RegressionFilter)] = "--regression-filter",
        [nameof(DiscoverySettings.Library)] = "--library",
    };

    /// <summary>Runs <paramref name="f"/>; a bad argument becomes a usage error naming the option (from its parameter name) or <paramref name="what"/>.</summary>
    private static T Parse<T>(Func<T> f, string what, IReadOnlyDictionary<string, string>? options = null)
    {
        try
        {
            return f();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.ParamName is { } p && options is not null && options.ContainsKey(p)
                ? CliErrors.Argument(e, options: options)
                : CliErrors.Argument(e, what));
        }
    }
}
