using System.Globalization;
using Science.Assimilation.Presets;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// The assimilation benchmarks (notebook 04, <c>medida dapper-parity</c>): every benchmark of the DAPPER parity presets,
/// time-mean analysis RMSE over the cycles after DAPPER's burn-in, mean over seeds, against DAPPER's published value
/// with the preset's tolerance (and mean spread/RMSE in [0.9, 1.3]). Quick: Lorenz-96 and Lorenz-63, two seeds each.
/// Paper: three seeds, and the Kuramoto–Sivashinsky preset as well (20 001 cycles).
/// </summary>
internal sealed class AssimilationPart : IReproductionPart
{
    /// <summary>The first seed (that of <c>medida dapper-parity</c>).</summary>
    public const int FirstSeed = 3000;

    public string Key => "assimilation";
    public string Title => "Assimilation benchmarks against DAPPER (notebook 04)";

    public string Description(ReproductionMode mode) =>
        "Each benchmark of the DAPPER parity presets: time-mean analysis RMSE after DAPPER's burn-in, mean over seeds, against " +
        "the value published in DAPPER's mods files, within the preset's tolerance, and the mean spread/RMSE ratio in [0.9, 1.3]. " +
        (mode == ReproductionMode.Quick
            ? "Quick: Lorenz-96 (Sakov & Oke 2008) and Lorenz-63 (Sakov et al. 2012), seeds 3000–3001."
            : "Paper: the Lorenz-96, Lorenz-63 and Kuramoto–Sivashinsky (Bocquet et al. 2019) presets, seeds 3000–3002.");

    private static int Seeds(ReproductionMode mode) => mode == ReproductionMode.Quick ? 2 : 3;

    // Measured on the reference machine (2 cores), seconds per seed and benchmark.
    private static readonly Dictionary<string, double> SecondsPerRun = new()
    {
        ["l96-sakov2008"] = 1.0, ["l63-sakov2012"] = 0.2, ["ks-bocquet2019"] = 40,
    };

    private static IReadOnlyList<string> Presets(ReproductionMode mode) =>
        mode == ReproductionMode.Quick ? ["l96-sakov2008", "l63-sakov2012"] : PresetCatalog.Names;

    public IReadOnlyList<WorkUnit> Plan(ReproductionMode mode) =>
        [.. Presets(mode).Select(p => new WorkUnit(p, $"DAPPER preset {p}, {Seeds(mode)} seeds", SecondsPerRun[p] * (Seeds(mode) * 3 + 1)))];

    public PartResult Run(PartWorkspace workspace)
    {
        var catalog = new PresetCatalog();
        var rows = new List<ResultRow>();
        var charts = new List<ChartFile>();
        var runs = new List<IReadOnlyList<string>>();
        foreach (string name in Presets(workspace.Mode))
        {
            var outcome = workspace.Unit(name, () => RunPreset(workspace, catalog.Get(name), Seeds(workspace.Mode)));
            rows.AddRange(outcome.Rows);
            charts.AddRange(outcome.Charts);
            runs.AddRange(outcome.Runs);
        }
        var tables = PartTables.WriteRows(workspace, rows).ToList();
        PartTables.WriteCsv(workspace.PathOf("runs.csv"), ["preset", "method", "seed", "rmse_a", "spread_ratio", "rmse_f"], runs);
        tables.Add("runs.csv");
        return new PartResult
        {
            Part = Key, Mode = workspace.Mode, Rows = rows, Charts = charts, Tables = tables, Seconds = workspace.Seconds,
            FinishedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static PresetOutcome RunPreset(PartWorkspace workspace, Preset preset, int seeds)
    {
        var results = ParityStudy.Run(preset, seeds, FirstSeed, report: workspace.Detail);
        var rows = results.Select(r => new ResultRow(preset.Name, r.Benchmark.Label,
            $"rmse_a {DiscoveryText.Number(r.Benchmark.ExpectedRmseA, "G3")}",
            string.Create(CultureInfo.InvariantCulture, $"rmse_a {r.MeanRmseA:F3} ± {r.StdRmseA:F3} ({r.RmseA.Length} seeds), spread/rmse {r.SpreadRatio.Average():F2}"),
            string.Create(CultureInfo.InvariantCulture, $"± {r.Benchmark.Tolerance:G2}; spread/rmse in [0.9, 1.3]"),
            r.Passes, preset.Source)).ToList();
        var perRun = results.SelectMany(r => r.RmseA.Select((v, s) => (IReadOnlyList<string>)[preset.Name, r.Benchmark.Label,
            (FirstSeed + s).ToString(CultureInfo.InvariantCulture), v.ToString("R", CultureInfo.InvariantCulture),
            r.SpreadRatio[s].ToString("R", CultureInfo.InvariantCulture), r.RmseF[s].ToString("R", CultureInfo.InvariantCulture)])).ToList();

        var bars = new ChartFile(preset.Name + "-rmse.html", $"{preset.Name}: our rmse_a (± std over seeds) beside DAPPER's");
        string[] labels = [.. results.Select(r => r.Benchmark.Label)];
        Charts.CoefficientBars(workspace.PathOf(bars.File), bars.Title,
            [new CoefficientPanel(preset.Name, labels, [.. results.Select(r => r.MeanRmseA)], [.. results.Select(r => r.StdRmseA)],
                [.. results.Select(r => r.Benchmark.ExpectedRmseA)])]);
        var series = new ChartFile(preset.Name + "-series.html", $"{preset.Name}: RMSE and spread of the default method, seed {FirstSeed}");
        var run = preset.DefaultMethod.Assimilate(preset.Experiment, FirstSeed);
        AssimilationCharts.Write(workspace.PathOf(series.File), run);
        return new PresetOutcome(rows, [bars, series], perRun);
    }

    /// <summary>The saved result of one preset.</summary>
    private sealed record PresetOutcome(IReadOnlyList<ResultRow> Rows, IReadOnlyList<ChartFile> Charts, IReadOnlyList<IReadOnlyList<string>> Runs);
}
