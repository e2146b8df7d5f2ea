using System.Globalization;
using Science.Assimilation.Cycling;
using Science.Assimilation.Presets;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// The twin experiments notebook 04 will show, as DAPPER's published benchmarks (the <c>dapper-parity</c> presets):
/// Lorenz-96 (Sakov &amp; Oke 2008) with the ETKF, the perturbed-observation EnKF and the LETKF, and Lorenz-63 (Sakov et
/// al. 2012) with the ETKF and the EnKF; paper mode adds the Kuramoto–Sivashinsky LETKF/ETKF of Bocquet et al. 2019
/// (20 001 cycles). Each benchmark passes when the mean rmse_a over the seeds is within its tolerance of DAPPER's and
/// the mean spread/RMSE is in [0.9, 1.3] (<see cref="ParityRow.Passes"/>).
/// </summary>
internal sealed class AssimilationPart : IReproductionPart
{
    private const int FirstSeed = 3000;

    // Measured on the reference machine: seconds per run of each benchmark, in the presets' order.
    private static readonly Dictionary<string, double[]> SecondsPerRun = new()
    {
        ["l96-sakov2008"] = [0.6, 1.4, 0.2],
        ["l63-sakov2012"] = [0.3, 0.2],
        ["ks-bocquet2019"] = [14, 6],
    };

    public string Key => "assimilation";
    public string Title => "Data assimilation: DAPPER's benchmarks (for notebook 04, spec G and the assimilation anchors)";

    private static int Seeds(ReproductionMode mode) => mode == ReproductionMode.Quick ? 5 : 10;

    private static IReadOnlyList<(string Preset, int Seeds)> Presets(ReproductionMode mode) => mode == ReproductionMode.Quick
        ? [("l96-sakov2008", Seeds(mode)), ("l63-sakov2012", Seeds(mode))]
        : [("l96-sakov2008", Seeds(mode)), ("l63-sakov2012", Seeds(mode)), ("ks-bocquet2019", 3)];

    public string Description(ReproductionMode mode) =>
        "Cycled twin experiments with DAPPER's settings (mods files): time-mean analysis RMSE after DAPPER's burn-in against " +
        "the published value, and the spread/RMSE ratio, mean over seeds " + FirstSeed + " onwards; 1001 analyses for " +
        "Lorenz-96 and Lorenz-63. " +
        (mode == ReproductionMode.Quick
            ? $"Quick: {Seeds(mode)} seeds per benchmark (one run takes 0.1–1.4 s; fewer seeds leave the mean of Lorenz-63 noisier than its tolerance)."
            : $"Paper: {Seeds(mode)} seeds, and the Kuramoto–Sivashinsky benchmark (20 001 analyses) with 3 seeds.");

    public IReadOnlyList<WorkUnit> Plan(ReproductionMode mode)
    {
        var catalog = new PresetCatalog();
        var units = new List<WorkUnit>();
        foreach (var (name, seeds) in Presets(mode))
        {
            var benchmarks = PresetBenchmarks(catalog, name);
            for (int b = 0; b < benchmarks.Count; b++)
                units.Add(new WorkUnit($"{name}-{b + 1}", $"{name} {benchmarks[b]} × {seeds} seeds", SecondsPerRun[name][b] * seeds));
        }
        return units;
    }

    private static IReadOnlyList<string> PresetBenchmarks(PresetCatalog catalog, string name) => [.. catalog.Get(name).Benchmarks.Select(b => b.Label)];

    public PartResult Run(PartWorkspace workspace)
    {
        var catalog = new PresetCatalog();
        var rows = new List<ResultRow>();
        var charts = new List<ChartFile>();
        var table = new List<IReadOnlyList<string>>();
        foreach (var (name, seeds) in Presets(workspace.Mode))
        {
            var preset = new Lazy<Preset>(() => catalog.Get(name));
            int count = PresetBenchmarks(catalog, name).Count;
            for (int b = 0; b < count; b++)
            {
                string key = $"{name}-{b + 1}";
                int index = b;
                var outcome = workspace.Unit(key, () => RunBenchmark(workspace, key, preset.Value, preset.Value.Benchmarks[index], seeds));
                rows.AddRange(outcome.Rows);
                charts.Add(outcome.Chart);
                table.AddRange(outcome.Table);
            }
        }
        var tables = PartTables.WriteRows(workspace, rows).ToList();
        PartTables.WriteCsv(workspace.PathOf("runs.csv"), ["preset", "method", "seed", "rmse_a", "spread_a_over_rmse_a", "rmse_f", "seconds"], table);
        tables.Add("runs.csv");
        return new PartResult
        {
            Part = Key, Mode = workspace.Mode, Rows = rows, Charts = charts, Tables = tables, Seconds = workspace.Seconds,
            FinishedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static Outcome RunBenchmark(PartWorkspace workspace, string key, Preset preset, PresetBenchmark benchmark, int seeds)
    {
        var xp = preset.Experiment;
        double[] ra = new double[seeds], ratio = new double[seeds], rf = new double[seeds];
        var table = new List<IReadOnlyList<string>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var chart = new ChartFile(key + ".html", $"{preset.Name} {benchmark.Label}: RMSE and spread, seed {FirstSeed}");
        for (int s = 0; s < seeds; s++)
        {
            var run = benchmark.Method.Assimilate(xp, FirstSeed + s, new AssimilationOptions());
            ra[s] = run.Summary.RmseAnalysis;
            ratio[s] = run.Summary.SpreadRatio;
            rf[s] = run.Summary.RmseForecast;
            table.Add([preset.Name, benchmark.Label, (FirstSeed + s).ToString(CultureInfo.InvariantCulture), R(ra[s]), R(ratio[s]), R(rf[s]),
                run.Wall.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)]);
            workspace.Detail(string.Create(CultureInfo.InvariantCulture, $"{preset.Name} {benchmark.Label} seed {FirstSeed + s}: rmse_a {ra[s]:F4}, spread/rmse {ratio[s]:F3}"));
            if (s == 0) AssimilationCharts.Write(workspace.PathOf(chart.File), run, $"{preset.Name} {benchmark.Label}, seed {FirstSeed}: rmse_a {ra[0]:G3} (DAPPER {benchmark.ExpectedRmseA:G3})");
        }
        var row = new ParityRow(preset.Name, benchmark, xp.Chronology.Cycles, ra, ratio, rf, clock.Elapsed.TotalSeconds / seeds);
        string group = $"{preset.Name}: {benchmark.Label}";
        ResultRow[] rows =
        [
            new(group, $"rmse_a, mean over {seeds} seeds", DiscoveryText.Number(benchmark.ExpectedRmseA, "G3"),
                $"{DiscoveryText.Number(row.MeanRmseA, "F3")} ± {DiscoveryText.Number(row.StdRmseA, "F3")} (std over seeds)",
                $"± {DiscoveryText.Number(benchmark.Tolerance, "G2")}", Math.Abs(row.MeanRmseA - benchmark.ExpectedRmseA) <= benchmark.Tolerance,
                "DAPPER " + preset.Source.Split("DAPPER ").Last()),
            new(group, "spread_a / rmse_a, mean over seeds", "≈ 1 (a calibrated ensemble)", DiscoveryText.Number(ratio.Average(), "F2"), "in [0.9, 1.3]",
                ratio.Average() is >= 0.9 and <= 1.3, "dapper-parity"),
        ];
        return new Outcome(rows, chart, table);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The saved result of one benchmark.</summary>
    private sealed record Outcome(IReadOnlyList<ResultRow> Rows, ChartFile Chart, IReadOnlyList<IReadOnlyList<string>> Table);
}
