using Science.Numerics.Fft;
using System.Globalization;
using System.Text.Json;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Filters;
using Science.Medida.Increments;
using Science.Medida.Library;
using Science.Medida.Observations;
using Science.Medida.Reports;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Cli.Commands;

/// <summary><c>medida increments</c> and <c>medida discover</c>: the MEDIDA pipeline from a truth state to a report.</summary>
internal static class MedidaCommand
{
    private static readonly string[] Common =
        ["state", "case", "case-config", "output", "snapshots", "every", "library-state", "pv-bookkeeping", "noise", "seed", "smoother", "fft",
         "sensors", "sensor-seed", "interpolator", "interpolator-config"];

    private static readonly string[] DiscoverOnly =
        ["regressor", "library", "regression-filter", "delta", "thresholds", "boundary-cut", "files"];

    public const string IncrementsUsage =
        "medida increments --state STATE.h5 --case ID --output INC.h5 [--snapshots N (1) --every K (400 steps)]\n" +
        "              [--library-state forecast|estimate] [--pv-bookkeeping reference|consistent] [--noise LEVEL --seed S]\n" +
        "              [--smoother none|keep:R|gaussian:F] [--case-config FILE.json] [--fft …]\n" +
        "              [--sensors SPEC --interpolator exact|cubic|rbf|oi|mlp|rff [--interpolator-config FILE] [--sensor-seed S] [--merge-observations]]\n" +
        "              [--list-interpolators]   (SPEC: " + Science.Interpolation.SensorSpecification.Forms + ")";

    public const string DiscoverUsage =
        "medida discover --state STATE.h5 --case ID --output REPORT.json [--regressor rvm|stlsq|ensemble] [--library reference|extended|LABELS]\n" +
        "              [--library-state forecast|estimate] [--pv-bookkeeping reference|consistent] [--snapshots N --every K]\n" +
        "              [--noise LEVEL --seed S --smoother none|keep:R|gaussian:F] [--regression-filter F (0 = off; default 0, 0.08 with --sensors)] [--delta D]\n" +
        "              [--thresholds T1,T2,…] [--boundary-cut N] [--standardise] [--files DIR] [--no-charts] [--list-cases] [--quiet]\n" +
        "              [--sensors SPEC --interpolator exact|cubic|rbf|oi|mlp|rff [--interpolator-config FILE] [--sensor-seed S] [--merge-observations]]\n" +
        "              [--list-interpolators]   (SPEC: " + Science.Interpolation.SensorSpecification.Forms + ")";

    public static int Increments(IReadOnlyList<string> args)
    {
        if (args.Contains("--list-interpolators")) return ListInterpolators();
        var a = Arguments.Parse("medida increments", args, Common, ["quiet", "merge-observations"]);
        var setup = Setup(a, "medida increments", args);
        string output = a.Required("output");
        Files.CheckOutputFile(output, "--output");
        QgCommand.EnsureDirectory(output);
        var increment = setup.Build();
        IncrementFile.Write(output, increment, setup.Case.Id, setup.Provenance);
        Summary.Table("medida increments", [
            ("case", $"{setup.Case.Id} ({setup.Case.Name}): {setup.Case.Description}"),
            ("snapshots", $"{increment.Snapshots} at t = {string.Join(", ", increment.Times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}"),
            ("std h1 / h2", string.Create(CultureInfo.InvariantCulture, $"{increment.StandardDeviation(1):G4} / {increment.StandardDeviation(2):G4}")),
            ("settings", $"library state {increment.Settings.LibraryState}, PV bookkeeping {increment.Settings.Bookkeeping}, {increment.Estimator}"),
            ("output", output),
        ]);
        return 0;
    }

    public static int Discover(IReadOnlyList<string> args)
    {
        if (args.Contains("--list-cases"))
        {
            foreach (var c in CaseCatalogue.All) Console.WriteLine($"{c.Id}  {c.Name,-20} {c.Description}");
            return 0;
        }
        if (args.Contains("--list-interpolators")) return ListInterpolators();
        var a = Arguments.Parse("medida discover", args, [.. Common, .. DiscoverOnly], ["quiet", "standardise", "no-charts", "merge-observations"]);
        var setup = Setup(a, "medida discover", args);
        string output = a.Required("output");
        var settings = new DiscoverySettings
        {
            Library = Parse(() => CandidateLibrary.Parse(a.Text("library") ?? "reference"), "--library (reference, extended, or comma-separated labels)"),
            Regressor = a.Choice("regressor", ["rvm", "stlsq", "ensemble"], "rvm") switch
            {
                "stlsq" => RegressorKind.Stlsq,
                "ensemble" => RegressorKind.EnsembleStlsq,
                _ => RegressorKind.Rvm,
            },
            RegressionFilter = a.Real("regression-filter", 0, 10, setup.SparseObservations ? DiscoverySettings.SparseObservationFilter : 0),
            Delta = a.Real("delta", 0, 1e6, 1e-3),
            Thresholds = a.Text("thresholds") is { } t ? ParseList(t, "--thresholds") : null,
            Standardise = a.Has("standardise"),
            Cut = new RegionCut((int)a.Integer("boundary-cut", 0, 10_000, 20), (int)a.Integer("boundary-cut", 0, 10_000, 20)),
            Seed = setup.Seed,
        };
        string files = a.Text("files") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileNameWithoutExtension(output) + "_files");
        Files.CheckOutputFile(output, "--output");
        Files.CheckOutputFolder(files, a.Has("files") ? "--files" : "the report folder (--files)");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var increment = setup.Build();
        var report = Parse(() => ModelErrorDiscovery.Discover(increment, setup.Case, settings, setup.Provenance, setup.Backend), "discovery", SettingOptions);
        ReportWriter.WriteJson(output, report);
        var written = new List<string> { output };
        Files.CreateFolder(files, a.Has("files") ? "--files" : "the report folder");
        written.AddRange(ReportWriter.WriteCsv(files, report));
        if (!a.Has("no-charts")) written.AddRange(Science.Visualization.DiscoveryCharts.Write(files, report, increment));
        clock.Stop();

        Console.WriteLine(EquationText.Describe(report));
        Summary.Table("medida discover", [
            ("rows per layer", report.Rows.ToString(CultureInfo.InvariantCulture)),
            ("wall time", string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F2} s (library + sweeps {report.RegressionTime.TotalSeconds:F2} s)")),
            ("files", string.Join("\n" + new string(' ', 17), written)),
        ]);
        return 0;
    }

    /// <summary>Prints the interpolator names separated by spaces (the contract of <c>--list-interpolators</c>).</summary>
    private static int ListInterpolators()
    {
        Console.WriteLine(string.Join(" ", Science.Interpolation.InterpolatorCatalogue.Names));
        return 0;
    }

    private sealed record PipelineSetup(ModelErrorCase Case, IReadOnlyList<QgState> Snapshots, IncrementBuilder Builder,
        Dictionary<string, string> Provenance, Science.Numerics.Fft.FftBackendKind Backend, int Seed, Action? FinishProgress)
    {
        /// <summary>Whether the states are estimated from sensors (the progress display exists only then).</summary>
        public bool SparseObservations => FinishProgress is not null;

        public Increment Build()
        {
            var increment = Builder.Build(Snapshots);
            FinishProgress?.Invoke();
            return increment;
        }
    }

    private static PipelineSetup Setup(Arguments a, string command, IReadOnlyList<string> args)
    {
        string state = a.Required("state");
        var modelErrorCase = LoadCase(a);
        int snapshots = (int)a.Integer("snapshots", 1, 10_000, 1);
        long every = a.Integer("every", 1, 1_000_000_000, 400);
        var libraryState = a.Choice("library-state", ["forecast", "estimate"], "forecast") == "estimate" ? LibraryState.Estimate : LibraryState.Forecast;
        var bookkeeping = a.Choice("pv-bookkeeping", ["reference", "consistent"], "reference") == "consistent" ? PvBookkeeping.Consistent : PvBookkeeping.Reference;
        double noise = a.Real("noise", 0, 10, 0);
        int seed = (int)a.Integer("seed", 0, int.MaxValue, 0);
        var backend = QgCommand.ParseBackend(a.Choice("fft", ["auto", "managed", "fftw"], "auto"));
        string smoother = a.Text("smoother") ?? (noise > 0 ? "keep:0.5" : "none");
        Func<Grid, SpectralFilter>? filter = ParseSmoother(smoother);

        var truth = Files.Read(() => Parse(() => TruthSnapshots.Load(state, snapshots, every, modelErrorCase.Truth, backend), "--snapshots/--every"));
        IStateEstimator estimator;
        Action? finishProgress = null;
        if (Sparse.Requested(a))
        {
            if (a.Text("smoother") is not null) throw new CliException("--smoother applies to full observations; with --sensors the interpolator does the smoothing");
            (estimator, finishProgress) = Sparse.Estimator(a, state, truth[0].Grid, a.Text("interpolator") ?? "oi", noise, seed, 2 * truth.Count, backend);
            smoother = "none";
        }
        else
            estimator = noise > 0 || filter is not null ? new NoisyObservation(noise, seed, filter, smoother, backend) : FullObservation.Instance;
        var builder = Parse(() => new IncrementBuilder(modelErrorCase, new IncrementSettings(libraryState, bookkeeping), estimator, backend), "--case");
        var provenance = new Dictionary<string, string>
        {
            ["command"] = command + " " + string.Join(' ', args),
            ["state_file"] = state,
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["noise"] = noise.ToString("G", CultureInfo.InvariantCulture),
            ["smoother"] = smoother,
            ["estimator"] = estimator.Name,
        };
        return new PipelineSetup(modelErrorCase, truth, builder, provenance, backend, seed, finishProgress);
    }

    private static ModelErrorCase LoadCase(Arguments a)
    {
        string? config = a.Text("case-config");
        string? id = a.Text("case");
        if ((config is null) == (id is null)) throw new CliException("give exactly one of --case ID (see --list-cases) or --case-config FILE.json");
        if (id is not null)
        {
            if (!int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
                throw new CliException($"--case must be a case number; known: {string.Join(", ", CaseCatalogue.Ids)}");
            return Parse(() => CaseCatalogue.Get(n), "--case");
        }
        if (!File.Exists(config)) throw new CliException($"--case-config: file not found: {config}", 3);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(config!));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException($"the file holds a JSON {Kind(doc.RootElement)}, not an object");
            QgParameters Read(string key)
            {
                var p = QgParameters.Truth;
                if (doc.RootElement.TryGetProperty(key, out var o))
                {
                    if (o.ValueKind != JsonValueKind.Object) throw new FormatException($"\"{key}\" must be an object of parameter values; got a {Kind(o)}");
                    foreach (var prop in o.EnumerateObject())
                    {
                        if (prop.Value.ValueKind != JsonValueKind.Number)
                            throw new FormatException($"\"{key}\".\"{prop.Name}\" must be a number; got a {Kind(prop.Value)}");
                        p = p.With(prop.Name, prop.Value.GetDouble());
                    }
                }
                return p.Validated();
            }
            string name = "custom";
            if (doc.RootElement.TryGetProperty("name", out var nm))
                name = nm.ValueKind == JsonValueKind.String ? nm.GetString()! : throw new FormatException($"\"name\" must be a string; got a {Kind(nm)}");
            return CaseCatalogue.Custom(Read("truth"), Read("model"), name);
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

    private static Func<Grid, SpectralFilter>? ParseSmoother(string text)
    {
        if (text == "none") return null;
        var parts = text.Split(':');
        if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            if (parts[0] == "keep" && v > 0 && v <= 1) return g => SpectralFilter.KeepRatio(g, v);
            if (parts[0] == "gaussian" && v > 0) return g => SpectralFilter.Gaussian(g, v);
        }
        throw new CliException($"--smoother must be none, keep:R (0 < R ≤ 1, spec §9.4) or gaussian:F (F > 0); got '{text}'");
    }

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
