using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Science.Interpolation;
using Science.Interpolation.Diagnostics;
using System.Text.Json.Nodes;
using Science.Medida.Experiments;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel;

namespace Science.Bench;

/// <summary>
/// The sparse-observation discovery table: <c>dotnet run -c Release --project bench -- sparse-table [--quick]
/// [--out DIR] [--only KEY[,KEY…]]</c>.
/// </summary>
/// <remarks>
/// <para>Protocol (one table row = one sensor ratio SR, interpolator and noise level):</para>
/// <list type="number">
/// <item>Truth: snapshot 0 of <c>data/qg_trajectory.h5</c> (<see cref="TruthSnapshots"/>); the state at t + Δt is the
/// truth's one forward step, taken inside <see cref="IncrementBuilder"/> as in <c>medida discover</c>.</item>
/// <item>Sensors: <see cref="SensorLayout.RandomSubset"/>(grid, SR, seed 0), the same at both times and in both layers.
/// Noise (when &gt; 0): the pipeline's i.i.d. Gaussian noise of relative level a, seed 0 (<see cref="SparseObservation"/>);
/// <c>oi</c> is told the same level through <see cref="InterpolatorOptions.NoiseLevel"/> (the CLI needs
/// <c>noise_level</c> in <c>--interpolator-config</c> for that).</item>
/// <item>Prior of <c>oi</c>: the climatological spectrum of snapshots 1–5 of the same file (not snapshot 0).</item>
/// <item>Each (case, filter) cell is one <see cref="MedidaExperiment"/> (<see cref="Experiment"/>), the record that
/// <c>medida discover --config</c> runs; the bench only adds a memoising decorator (<see cref="ExperimentHooks.DecorateEstimator"/>)
/// so that the interpolation runs once per row and time level and is shared by the cells of the row (cases 1001 and
/// 1004 have the same truth). The ∇²ψ errors of the estimate at t come from
/// <see cref="InterpolationDiagnostics"/>.</item>
/// <item>Per case: increments with the reference settings (library at the forecast state, reference PV bookkeeping),
/// then <see cref="ModelErrorDiscovery"/> with RVM, the reference library, default cut and δ, and regression filter
/// F ∈ {0 (off), 0.3, 0.15, 0.08}.</item>
/// <item>Reported per case and filter: the verdict over both layers (exact support / spurious / missing), the largest
/// relative coefficient error over the expected terms of both layers when the support is exact, the selected term
/// counts otherwise, and the wall time of the case = half the row's interpolation time + increment + discovery.</item>
/// </list>
/// <para>Rows run one after another; the 1-minute load average is recorded at the start and end of each row, since
/// wall times on a shared machine depend on it. After every row the markdown table and the JSON are rewritten, merged
/// by row key with rows already in the output directory, so rows can be (re)measured separately with <c>--only</c>.</para>
/// </remarks>
public static class SparseTable
{
    private const string TrajectoryFile = "data/qg_trajectory.h5";
    private const int Seed = 0;
    private static readonly int[] PriorSnapshots = [1, 2, 3, 4, 5];
    private static readonly double[] AllFilters = [0, 0.3, 0.15, 0.08];
    private static readonly int[] AllCases = [1001, 1004];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The measured rows, cheapest first: the oi consistency rows, SR 0.25, noise-free cubic baselines at SR 0.75 and
    /// 0.5, 0.1 % noise, then the neural route at CPU budgets (RFF-MLP first).
    /// </summary>
    public static IReadOnlyList<RowSpec> Rows { get; } =
    [
        new("oi-0.75", 0.75, "oi"),
        new("oi-0.5", 0.5, "oi"),
        new("cubic-0.25", 0.25, "cubic"),
        new("rbf-0.25", 0.25, "rbf"),
        new("oi-0.25", 0.25, "oi"),
        new("cubic-0.75", 0.75, "cubic"),
        new("cubic-0.5", 0.5, "cubic"),
        new("cubic-0.75-noise", 0.75, "cubic", 0.001),
        new("oi-0.75-noise", 0.75, "oi", 0.001),
        new("cubic-0.5-noise", 0.5, "cubic", 0.001),
        new("oi-0.5-noise", 0.5, "oi", 0.001),
        new("rff-small-0.75", 0.75, "rff", 0, "cpu-small"),
        new("mlp-small-0.75", 0.75, "mlp", 0, "cpu-small"),
        new("rff-medium-0.75", 0.75, "rff", 0, "cpu-medium"),
    ];

    /// <summary>The <c>--quick</c> smoke configuration: one cheap row, one filter, one case.</summary>
    public static RowSpec QuickRow { get; } = new("quick-cubic-0.75", 0.75, "cubic");

    /// <summary>Runs the table; returns the process exit code (0, or 1 when a row failed, 2 on bad arguments).</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        RunOptions options;
        List<RowSpec> rows;
        try
        {
            options = RunOptions.Parse(args);
            rows = SelectRows(options);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"sparse-table: {e.Message}");
            Console.Error.WriteLine("usage: dotnet run -c Release --project bench -- sparse-table [--quick] [--out DIR] [--only KEY[,KEY…]]");
            Console.Error.WriteLine($"keys: {string.Join(" ", Rows.Select(r => r.Key))}");
            return 2;
        }
        string root = RepositoryRoot();
        var filters = options.Quick ? new[] { 0.08 } : AllFilters;
        var cases = options.Quick ? new[] { 1001 } : AllCases;
        string outDir = options.OutDir ?? Path.Combine(root, "bench", "results");
        string stem = Path.Combine(outDir, options.Quick ? "sparse-table-quick" : "sparse-table");
        Directory.CreateDirectory(outDir);

        var clock = Stopwatch.StartNew();
        Log($"sparse-table: {rows.Count} row(s), filters {string.Join(", ", filters.Select(F))}, cases {string.Join(", ", cases)}; output {stem}.md/.json");
        var truth = TruthSnapshots.Load(Path.Combine(root, TrajectoryFile), 1, 1, QgParameters.Truth)[0];
        var results = LoadExisting(stem + ".json");
        int failures = 0;
        foreach (var spec in rows)
        {
            var result = MeasureRow(spec, truth, filters, cases);
            if (result.Error is not null) failures++;
            results[spec.Key] = result;
            Write(stem, Ordered(results));
        }
        Log($"sparse-table: done in {clock.Elapsed.TotalMinutes:F1} min, {failures} failed row(s); wrote {stem}.md and {stem}.json");
        return failures == 0 ? 0 : 1;
    }

    private static List<RowSpec> SelectRows(RunOptions options)
    {
        if (options.Quick) return [QuickRow];
        if (options.Only is null) return [.. Rows];
        var unknown = options.Only.Where(k => Rows.All(r => r.Key != k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"unknown row key(s) {string.Join(", ", unknown)}; known: {string.Join(" ", Rows.Select(r => r.Key))}");
        return [.. Rows.Where(r => options.Only.Contains(r.Key))];
    }

    /// <summary>Measures one row; a failure is recorded in <see cref="RowResult.Error"/> instead of aborting the table.</summary>
    private static RowResult MeasureRow(RowSpec spec, QgState truth, IReadOnlyList<double> filters, IReadOnlyList<int> cases)
    {
        var started = DateTime.UtcNow;
        double loadStart = LoadAverage();
        Log($"row {spec.Key}: started (SR {spec.Ratio}, {spec.Label}, noise {spec.Noise:G3}; load {loadStart:F2})");
        var clock = Stopwatch.StartNew();
        var result = new RowResult
        {
            Key = spec.Key, SensorRatio = spec.Ratio, Interpolator = spec.Interpolator, Preset = spec.Preset, Noise = spec.Noise,
            StartedUtc = started.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), LoadStart = loadStart,
        };
        try
        {
            var layout = SensorLayout.RandomSubset(truth.Grid, spec.Ratio, Seed);
            result.Sensors = layout.Count;
            // Every (case, filter) cell is one MedidaExperiment (the record `medida discover --config` re-runs); the row's
            // interpolations are shared by its cells through a memoising decorator (same truth, sensors, noise and seed).
            MemoisingEstimator? memo = null;
            var hooks = new ExperimentHooks(Training: ProgressSink(spec), DecorateEstimator: inner => memo ??= SolverReports.Wrap(inner));
            foreach (int id in cases) result.Cases.Add(MeasureCase(spec, id, hooks, () => memo, filters));
            var estimator = memo ?? throw new InvalidOperationException("no experiment ran");
            RecordInterpolation(result, layout, truth, estimator);
            foreach (var c in result.Cases)
                foreach (var f in c.Filters) f.CaseSeconds = result.InterpolationSeconds / 2 + c.IncrementSeconds + f.DiscoverySeconds;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException or TypeInitializationException
                                       or DllNotFoundException or ArithmeticException)
        {
            result.Error = $"{e.GetType().Name}: {e.Message}";
            Log($"row {spec.Key}: FAILED — {result.Error}");
        }
        result.WallSeconds = clock.Elapsed.TotalSeconds;
        result.LoadEnd = LoadAverage();
        Log($"row {spec.Key}: finished in {result.WallSeconds:F1} s (interpolation {result.InterpolationSeconds:F1} s, ∇²ψ1 error " +
            $"{result.LaplacianError1:E2}; load {result.LoadEnd:F2}) — {Summary(result)}");
        return result;
    }

    /// <summary>
    /// The experiment of one table cell: snapshot 0 of the trajectory, the row's sensors (seeded random subset), noise
    /// and interpolator (<c>oi</c> with the climatological prior of snapshots 1–5, the neural ones with their preset),
    /// the reference increment and discovery settings, and regression filter <paramref name="filter"/>.
    /// </summary>
    public static MedidaExperiment Experiment(RowSpec spec, int caseId, double filter, string? trajectory = null)
    {
        trajectory ??= Path.Combine(RepositoryRoot(), TrajectoryFile);
        var options = new JsonObject();
        if (spec.Interpolator == "oi")
        {
            options["prior"] = trajectory;
            options["prior_snapshots"] = new JsonArray([.. PriorSnapshots.Select(k => (JsonNode)k)]);
        }
        if (spec.Preset is not null) options["neural_preset"] = spec.Preset;
        return new MedidaExperiment
        {
            State = trajectory,
            Snapshots = 1,
            Every = 1,
            Case = CaseSpecification.Catalogue(caseId),
            Observation = new ObservationSettings
            {
                Sensors = spec.Ratio.ToString("R", CultureInfo.InvariantCulture),
                SensorSeed = Seed,
                Noise = spec.Noise,
                Interpolator = spec.Interpolator,
                InterpolatorOptions = options,
            },
            RegressionFilter = filter,
            Seed = Seed,
        };
    }

    /// <summary>Increments and discovery of one case at every filter, each filter one experiment.</summary>
    private static CaseResult MeasureCase(RowSpec spec, int caseId, ExperimentHooks hooks, Func<MemoisingEstimator?> memo,
        IReadOnlyList<double> filters)
    {
        var result = new CaseResult { Case = caseId };
        foreach (double f in filters)
        {
            double interpolationBefore = memo()?.InnerSeconds ?? 0;
            var clock = Stopwatch.StartNew();
            var run = Experiment(spec, caseId, f).Run(hooks);
            double interpolation = (memo()?.InnerSeconds ?? 0) - interpolationBefore;
            double discovery = run.Report.RegressionTime.TotalSeconds;
            if (result.Filters.Count == 0) result.IncrementSeconds = clock.Elapsed.TotalSeconds - interpolation - discovery;
            result.Filters.Add(Describe(run.Report, f, discovery));
            Log($"row {spec.Key}: case {caseId}, F {F(f)}: {Cell(result.Filters[^1])}");
        }
        return result;
    }

    /// <summary>The table cell of one report.</summary>
    private static FilterResult Describe(DiscoveryReport report, double filter, double seconds)
    {
        var layers = report.Layers.Select(l => new LayerResult
        {
            Layer = l.Number,
            Verdict = l.Comparison?.Verdict.ToText(),
            Nmse = l.Nmse,
            MaxRelativeError = l.Comparison?.MaxRelativeError,
            Terms = l.Terms.ToDictionary(t => t.Label, t => t.Coefficient),
            Missing = l.Comparison?.Missing ?? [],
            Spurious = l.Comparison?.Spurious ?? [],
        }).ToList();
        string verdict = report.Verdict?.ToText() ?? "no known answer";
        return new FilterResult
        {
            Filter = filter,
            Verdict = verdict,
            MaxRelativeError = verdict == "exact support" ? layers.Max(l => l.MaxRelativeError ?? 0) : null,
            TermCounts = [.. layers.Select(l => l.Terms.Count)],
            DiscoverySeconds = seconds,
            Layers = layers,
        };
    }

    /// <summary>Interpolation time of both levels, the §9.5 errors of the estimate at t and the neural final losses.</summary>
    private static void RecordInterpolation(RowResult result, SensorLayout layout, QgState truth, MemoisingEstimator estimator)
    {
        var start = estimator.Cached(0, ObservationTime.Start);
        var end = estimator.Cached(0, ObservationTime.End);
        result.InterpolationSecondsStart = start.Seconds;
        result.InterpolationSecondsEnd = end.Seconds;
        result.InterpolationSeconds = start.Seconds + end.Seconds;
        result.SolverStart = SolverReports.Of(estimator, 0, ObservationTime.Start);
        result.SolverEnd = SolverReports.Of(estimator, 0, ObservationTime.End);
        var d = InterpolationDiagnostics.Compute(layout, truth.Psi, start.Estimate, result.Interpolator);
        result.PsiError1 = d.Layers[0].PsiError;
        result.PsiError2 = d.Layers[1].PsiError;
        result.LaplacianError1 = d.Layers[0].LaplacianError;
        result.LaplacianError2 = d.Layers[1].LaplacianError;
    }

    /// <summary>
    /// The interpolator's progress reports, kept by <see cref="SolverReports"/>: for the neural interpolators (50
    /// loss logs per network) the last one is kept and about five per network are printed; for <c>oi</c> the CG report of
    /// each layer (iterations, iteration limit, relative residual) is kept and printed.
    /// </summary>
    private static Action<InterpolationProgress> ProgressSink(RowSpec spec)
    {
        int calls = 0;
        bool neural = spec.Preset is not null;
        return p =>
        {
            var (done, total, value) = (p.Done, p.Total, p.Value);
            SolverReports.Report(new SolverReport(done, total, value), keepOnlyLast: neural);
            if (!neural || Interlocked.Increment(ref calls) % 10 == 0 || done == total)
                Log(string.Create(CultureInfo.InvariantCulture,
                    $"row {spec.Key}: {(neural ? "training step" : "CG iterations")} {done}/{total}, {(neural ? "loss" : "residual")} {value:E3}"));
        };
    }

    // ---- output -------------------------------------------------------------------------------------------------

    private static Dictionary<string, RowResult> LoadExisting(string jsonPath)
    {
        if (!File.Exists(jsonPath)) return [];
        try
        {
            var table = JsonSerializer.Deserialize<TableFile>(File.ReadAllText(jsonPath), Json);
            return table?.Rows.ToDictionary(r => r.Key) ?? [];
        }
        catch (JsonException e)
        {
            Log($"sparse-table: ignoring unreadable {jsonPath} ({e.Message})");
            return [];
        }
    }

    /// <summary>Rows in the order of <see cref="Rows"/>, unknown keys (e.g. the quick row) last.</summary>
    private static List<RowResult> Ordered(Dictionary<string, RowResult> results) =>
        [.. results.Values.OrderBy(r => Rows.Select(s => s.Key).ToList().IndexOf(r.Key) is int i && i >= 0 ? i : int.MaxValue)];

    private static void Write(string stem, List<RowResult> rows)
    {
        var table = new TableFile { Protocol = ProtocolText, Rows = rows };
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(table, Json) + "\n");
        File.WriteAllText(stem + ".md", Markdown(rows));
    }

    private const string ProtocolText =
        "truth: data/qg_trajectory.h5 snapshot 0 and its one-step truth forecast; sensors SensorLayout.RandomSubset(grid, SR, seed 0); " +
        "noise seed 0; oi prior: climatological spectrum of snapshots 1-5; one interpolation per row and time level shared by cases 1001 and 1004; " +
        "increments with reference settings; RVM, reference library, default cut and delta; regression filter F in {0, 0.3, 0.15, 0.08}; " +
        "case wall time = half the row's interpolation + increment + discovery; load = 1-minute load average (2 cores, shared).";

    /// <summary>The markdown table: two lines per row (cases 1001 and 1004), one column per filter.</summary>
    public static string Markdown(IReadOnlyList<RowResult> rows)
    {
        var filters = rows.SelectMany(r => r.Cases).SelectMany(c => c.Filters).Select(f => f.Filter).Distinct().ToArray();
        var sb = new StringBuilder();
        sb.AppendLine("# Sparse-observation discovery table");
        sb.AppendLine();
        sb.AppendLine("Generated by `dotnet run -c Release --project bench -- sparse-table` (protocol in `bench/SparseTable.cs`). Truth: snapshot 0 of");
        sb.AppendLine("`data/qg_trajectory.h5`; random sensors (seed 0); `oi` prior from snapshots 1–5; RVM on the reference library with");
        sb.AppendLine("regression filter F (0 = off). Cell: verdict over both layers, then the largest relative coefficient error over the");
        sb.AppendLine("expected terms when the support is exact, or the selected term counts (layer 1/layer 2) otherwise, then the case's wall");
        sb.AppendLine("time (half the row's interpolation + increment + discovery). ∇²ψ1 err: relative L2 error of the estimate at t.");
        sb.AppendLine("Interp.: wall time of both interpolations (t and t + Δt). Load: 1-minute load average at the start/end of the row");
        sb.AppendLine("(2 cores, shared with another job, so wall times are inflated).");
        sb.AppendLine();
        sb.Append("| row | SR | interpolator | noise | ∇²ψ1 err | interp. s | load | case |");
        foreach (double f in filters) sb.Append(CultureInfo.InvariantCulture, $" F = {F(f)} |");
        sb.AppendLine();
        sb.Append("|---|---|---|---|---|---|---|---|");
        foreach (double _ in filters) sb.Append("---|");
        sb.AppendLine();
        foreach (var r in rows) AppendRow(sb, r, filters);
        var notes = rows.Select(SolverNote).OfType<string>().ToList();
        if (notes.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Interpolator notes (from the solver reports in the JSON):");
            sb.AppendLine();
            foreach (string note in notes) sb.AppendLine($"- {note}");
        }
        return sb.ToString();
    }

    /// <summary>
    /// A note when an interpolator did not finish its job: neural final losses above 1e−8 (under-trained, spec §13 E3)
    /// or CG solves of <c>oi</c> stopped by the iteration limit.
    /// </summary>
    private static string? SolverNote(RowResult r)
    {
        var reports = (r.SolverStart ?? []).Concat(r.SolverEnd ?? []).ToList();
        if (reports.Count == 0) return null;
        if (r.Preset is not null)
        {
            if (reports.All(x => x.Value <= 1e-8)) return null;
            return string.Create(CultureInfo.InvariantCulture,
                $"{r.Key}: final training loss {string.Join(" (t) / ", reports.Select(x => x.Value.ToString("E1", CultureInfo.InvariantCulture)))} (t + Δt) after {reports[0].Done} steps, above 1e-8: under-trained (spec §13 E3).");
        }
        var capped = reports.Where(x => x.Done >= x.Total).ToList();
        if (capped.Count == 0) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Key}: CG stopped at the iteration limit ({capped[0].Total}) in {capped.Count} of {reports.Count} layer solves; largest final relative residual {capped.Max(x => x.Value):E1}.");
    }

    private static void AppendRow(StringBuilder sb, RowResult r, double[] filters)
    {
        string head = string.Create(CultureInfo.InvariantCulture,
            $"| {r.Key} | {r.SensorRatio:G} | {r.Label} | {(r.Noise > 0 ? $"{r.Noise * 100:G}%" : "0")} | ");
        if (r.Error is not null)
        {
            sb.Append(head).Append(CultureInfo.InvariantCulture, $"— | — | {r.LoadStart:F1}/{r.LoadEnd:F1} | — |");
            sb.Append(" failed: ").Append(r.Error.Replace('|', '/').Replace('\n', ' ')).Append(" |");
            for (int i = 1; i < filters.Length; i++) sb.Append(" |");
            sb.AppendLine();
            return;
        }
        bool first = true;
        foreach (var c in r.Cases)
        {
            sb.Append(first
                ? head + string.Create(CultureInfo.InvariantCulture, $"{r.LaplacianError1:G2} | {r.InterpolationSeconds:F1} | {r.LoadStart:F1}/{r.LoadEnd:F1} |")
                : "| | | | | | | |");
            sb.Append(CultureInfo.InvariantCulture, $" {c.Case} |");
            foreach (double f in filters)
            {
                var cell = c.Filters.FirstOrDefault(x => x.Filter == f);
                sb.Append(' ').Append(cell is null ? "—" : Cell(cell) + string.Create(CultureInfo.InvariantCulture, $", {cell.CaseSeconds:F1} s")).Append(" |");
            }
            sb.AppendLine();
            first = false;
        }
    }

    private static string Cell(FilterResult f) => f.Verdict switch
    {
        "exact support" => string.Create(CultureInfo.InvariantCulture, $"exact {f.MaxRelativeError * 100:F2}%"),
        _ => $"{f.Verdict} ({string.Join("/", f.TermCounts)} terms)",
    };

    private static string Summary(RowResult r) => r.Error is not null ? "failed"
        : string.Join("; ", r.Cases.Select(c => $"{c.Case}: " + string.Join(", ", c.Filters.Select(f => $"F {F(f.Filter)} {Cell(f)}"))));

    private static string F(double f) => f == 0 ? "0" : f.ToString("G", CultureInfo.InvariantCulture);

    // ---- environment --------------------------------------------------------------------------------------------

    private static void Log(string message) =>
        Console.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");

    /// <summary>The 1-minute load average (as <c>uptime</c> prints it), NaN where /proc/loadavg does not exist.</summary>
    private static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    /// <summary>The repository root: the first directory, from the working directory upwards, that holds the trajectory.</summary>
    private static string RepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, TrajectoryFile))) return dir.FullName;
        throw new FileNotFoundException($"{TrajectoryFile} not found above the working directory; run from the repository");
    }

    // ---- types --------------------------------------------------------------------------------------------------

    /// <summary>A row to measure.</summary>
    /// <param name="Key">Name for <c>--only</c> and the output.</param>
    /// <param name="Ratio">Sensor ratio SR.</param>
    /// <param name="Interpolator">Catalogue name.</param>
    /// <param name="Noise">Relative observation-noise level a (0 = clean).</param>
    /// <param name="Preset">Neural preset, for <c>mlp</c> and <c>rff</c>.</param>
    public sealed record RowSpec(string Key, double Ratio, string Interpolator, double Noise = 0, string? Preset = null)
    {
        /// <summary>Interpolator with its preset.</summary>
        public string Label => Preset is null ? Interpolator : $"{Interpolator} {Preset}";
    }

    private sealed record RunOptions(bool Quick, string? OutDir, IReadOnlyList<string>? Only)
    {
        public static RunOptions Parse(IReadOnlyList<string> args)
        {
            bool quick = false;
            string? outDir = null;
            List<string>? only = null;
            for (int i = 0; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--quick": quick = true; break;
                    case "--out" when i + 1 < args.Count: outDir = args[++i]; break;
                    case "--only" when i + 1 < args.Count:
                        (only ??= []).AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        break;
                    default: throw new ArgumentException($"unexpected argument '{args[i]}'");
                }
            }
            if (quick && only is not null) throw new ArgumentException("--quick and --only exclude each other");
            return new RunOptions(quick, outDir, only);
        }
    }

    /// <summary>The JSON file: the protocol and every row.</summary>
    public sealed class TableFile
    {
        /// <summary>The protocol in one paragraph.</summary>
        public string Protocol { get; set; } = "";
        /// <summary>The rows.</summary>
        public List<RowResult> Rows { get; set; } = [];
    }

    /// <summary>Everything measured for one row.</summary>
    public sealed class RowResult
    {
        /// <summary>Row key.</summary>
        public string Key { get; set; } = "";
        /// <summary>Sensor ratio SR.</summary>
        public double SensorRatio { get; set; }
        /// <summary>Sensors per layer.</summary>
        public int Sensors { get; set; }
        /// <summary>Interpolator name.</summary>
        public string Interpolator { get; set; } = "";
        /// <summary>Neural preset, if any.</summary>
        public string? Preset { get; set; }
        /// <summary>Relative noise level.</summary>
        public double Noise { get; set; }
        /// <summary>Start time (UTC).</summary>
        public string StartedUtc { get; set; } = "";
        /// <summary>1-minute load average at the start.</summary>
        public double LoadStart { get; set; }
        /// <summary>1-minute load average at the end.</summary>
        public double LoadEnd { get; set; }
        /// <summary>Wall time of the whole row.</summary>
        public double WallSeconds { get; set; }
        /// <summary>Wall time of both interpolations.</summary>
        public double InterpolationSeconds { get; set; }
        /// <summary>Wall time of the interpolation at t.</summary>
        public double InterpolationSecondsStart { get; set; }
        /// <summary>Wall time of the interpolation at t + Δt.</summary>
        public double InterpolationSecondsEnd { get; set; }
        /// <summary>Interpolator reports at t: the final training step and loss (neural), the CG iterations and residual per layer (oi).</summary>
        public List<SolverReport>? SolverStart { get; set; }
        /// <summary>The same at t + Δt.</summary>
        public List<SolverReport>? SolverEnd { get; set; }
        /// <summary>Relative L2 error of ψ1 at t.</summary>
        public double PsiError1 { get; set; }
        /// <summary>Relative L2 error of ψ2 at t.</summary>
        public double PsiError2 { get; set; }
        /// <summary>Relative L2 error of ∇²ψ1 at t.</summary>
        public double LaplacianError1 { get; set; }
        /// <summary>Relative L2 error of ∇²ψ2 at t.</summary>
        public double LaplacianError2 { get; set; }
        /// <summary>Per case.</summary>
        public List<CaseResult> Cases { get; set; } = [];
        /// <summary>Why the row failed, if it did.</summary>
        public string? Error { get; set; }

        /// <summary>Interpolator with its preset.</summary>
        [JsonIgnore]
        public string Label => Preset is null ? Interpolator : $"{Interpolator} {Preset}";
    }

    /// <summary>A progress report of an interpolator.</summary>
    /// <param name="Done">Training steps or CG iterations done.</param>
    /// <param name="Total">Their total or limit.</param>
    /// <param name="Value">Training loss or relative CG residual.</param>
    public sealed record SolverReport(long Done, long Total, double Value);

    /// <summary>One case of a row.</summary>
    public sealed class CaseResult
    {
        /// <summary>Catalogue id.</summary>
        public int Case { get; set; }
        /// <summary>Wall time of the increment without the (shared) interpolation.</summary>
        public double IncrementSeconds { get; set; }
        /// <summary>Per regression filter.</summary>
        public List<FilterResult> Filters { get; set; } = [];
    }

    /// <summary>One discovery.</summary>
    public sealed class FilterResult
    {
        /// <summary>Regression filter F (0 = off).</summary>
        public double Filter { get; set; }
        /// <summary>Verdict over both layers.</summary>
        public string Verdict { get; set; } = "";
        /// <summary>Largest relative coefficient error over the expected terms, when the support is exact.</summary>
        public double? MaxRelativeError { get; set; }
        /// <summary>Selected terms per layer.</summary>
        public List<int> TermCounts { get; set; } = [];
        /// <summary>Wall time of the discovery.</summary>
        public double DiscoverySeconds { get; set; }
        /// <summary>Half the row's interpolation + the increment + this discovery.</summary>
        public double CaseSeconds { get; set; }
        /// <summary>Per layer.</summary>
        public List<LayerResult> Layers { get; set; } = [];
    }

    /// <summary>One layer of a discovery.</summary>
    public sealed class LayerResult
    {
        /// <summary>1 or 2.</summary>
        public int Layer { get; set; }
        /// <summary>Verdict of the layer.</summary>
        public string? Verdict { get; set; }
        /// <summary>Normalised MSE of the selected fit.</summary>
        public double Nmse { get; set; }
        /// <summary>Largest relative error over the matched expected terms.</summary>
        public double? MaxRelativeError { get; set; }
        /// <summary>Selected terms and coefficients.</summary>
        public Dictionary<string, double> Terms { get; set; } = [];
        /// <summary>Expected terms not selected.</summary>
        public IReadOnlyList<string> Missing { get; set; } = [];
        /// <summary>Selected terms not expected.</summary>
        public IReadOnlyList<string> Spurious { get; set; } = [];
    }

    /// <summary>
    /// Wraps an estimator so that each (snapshot, time) is interpolated once: both cases of a row see the same truth,
    /// which is checked on every hit (a different true ψ for a cached key is an error, not a silent reuse).
    /// </summary>
    /// <summary>
    /// The interpolator's progress reports per memoised estimate: <see cref="ProgressSink"/> collects the reports of the
    /// interpolation under way (rows run one at a time, interpolations one at a time), and the memoising estimator's
    /// hooks clear them before and file them after each computation.
    /// </summary>
    private static class SolverReports
    {
        private static readonly List<SolverReport> Current = [];
        private static readonly Dictionary<(MemoisingEstimator, int, ObservationTime), List<SolverReport>?> Filed = [];

        public static void Report(SolverReport report, bool keepOnlyLast)
        {
            lock (Current)
            {
                if (keepOnlyLast) Current.Clear();
                Current.Add(report);
            }
        }

        public static MemoisingEstimator Wrap(IStateEstimator inner)
        {
            MemoisingEstimator? memo = null;
            memo = new MemoisingEstimator(inner)
            {
                Computing = (_, _) => { lock (Current) Current.Clear(); },
                Computed = (snapshot, time, _) =>
                {
                    lock (Current) lock (Filed) Filed[(memo!, snapshot, time)] = Current.Count > 0 ? [.. Current] : null;
                },
            };
            return memo;
        }

        public static List<SolverReport>? Of(MemoisingEstimator memo, int snapshot, ObservationTime time)
        {
            lock (Filed) return Filed.GetValueOrDefault((memo, snapshot, time));
        }
    }
}
