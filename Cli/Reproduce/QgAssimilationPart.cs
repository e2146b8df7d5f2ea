using System.Globalization;
using Science.Assimilation.Cycling;
using Science.Assimilation.Methods;
using Science.Medida.Assimilated;
using Science.Medida.Experiments;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// Notebook 04's QG half: the qg-twin LETKF (SR 0.25, σ = 10 % of each layer's ψ std, N = 20, RTPS 0.5) with its
/// per-layer analysis RMSE against the observation σ and its spread/RMSE, and MEDIDA from assimilated increments on
/// 1 %-noise sensors (case 1001; paper mode adds case 1004 and uses 10 snapshots). The expectations are the assimilation
/// issue's acceptance: rmse_a below σ in both layers, spread/RMSE in [0.7, 1.3], exact support within 5 % (10 % with the
/// quick mode's 3 snapshots).
/// </summary>
internal sealed class QgAssimilationPart : IReproductionPart
{
    public string Key => "qg-assimilation";
    public string Title => "QG assimilation: LETKF twin and discovery from assimilated increments (notebook 04)";

    private static bool Quick(ReproductionMode mode) => mode == ReproductionMode.Quick;
    private static int Cycles(ReproductionMode mode) => Quick(mode) ? 60 : 100;
    private static int Snapshots(ReproductionMode mode) => Quick(mode) ? 3 : 10;
    private static double Tolerance(ReproductionMode mode) => Quick(mode) ? 0.10 : 0.05;
    private static int[] Cases(ReproductionMode mode) => Quick(mode) ? [1001] : [1001, 1004];

    public string Description(ReproductionMode mode) =>
        $"A QG twin (preset qg-twin): ψ observed at 25 % of the grid points in both layers with σ = 10 % of each layer's ψ std every " +
        $"10 steps, LETKF N = 20, RTPS 0.5, GC half-width 6 Δx, {Cycles(mode)} cycles (scores after the first {(Quick(mode) ? "half" : "third")}). " +
        $"Then MEDIDA with the states from the same filter on 1 %-noise sensors: {Snapshots(mode)} snapshots 40 steps apart " +
        "(command: medida discover --analysis letkf).";

    public IReadOnlyList<WorkUnit> Plan(ReproductionMode mode) =>
    [
        new("twin", $"qg-twin LETKF, {Cycles(mode)} cycles", 1.0 * Cycles(mode) + 10),
        .. Cases(mode).Select(c => new WorkUnit($"case-{c}", $"case {c} from assimilated increments, {Snapshots(mode)} snapshots", 25.0 + 8 * Snapshots(mode))),
    ];

    public PartResult Run(PartWorkspace workspace)
    {
        var mode = workspace.Mode;
        var rows = new List<ResultRow>();
        var charts = new List<ChartFile>();
        var twin = workspace.Unit("twin", () => RunTwin(workspace));
        rows.AddRange(twin.Rows);
        charts.AddRange(twin.Charts);
        foreach (int c in Cases(mode))
        {
            var outcome = workspace.Unit($"case-{c}", () => RunCase(workspace, c));
            rows.AddRange(outcome.Rows);
            charts.AddRange(outcome.Charts);
        }
        return new PartResult
        {
            Part = Key, Mode = mode, Rows = rows, Charts = charts, Tables = PartTables.WriteRows(workspace, rows), Seconds = workspace.Seconds,
            FinishedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static Outcome RunTwin(PartWorkspace workspace)
    {
        int cycles = Cycles(workspace.Mode);
        var settings = new QgTwinSettings { State = workspace.Inputs.SpunUp, Sensors = "0.25", Noise = 0.1 };
        var experiment = QgTwin.Experiment(settings, cycles, Quick(workspace.Mode) ? cycles / 2 : cycles / 3);
        var run = CycledAssimilation.Run(experiment, new Letkf { Members = 20, Inflation = 1.0, Rtps = 0.5, Localisation = 6 }, 0, new AssimilationOptions());
        var layers = run.LayerSummaries();
        int m = experiment.Observation.ObservationSize;
        var rows = new List<ResultRow>();
        for (int l = 0; l < 2; l++)
        {
            double sigma = experiment.Noise.StandardDeviations[l * m / 2];
            double ratio = layers[l].SpreadAnalysis / layers[l].RmseAnalysis;
            string group = $"qg-twin SR 0.25, noise 10 %, LETKF N = 20: layer {l + 1}";
            rows.Add(new ResultRow(group, "time-mean rmse_a of ψ", $"< observation σ = {DiscoveryText.Number(sigma, "G3")}",
                DiscoveryText.Number(layers[l].RmseAnalysis, "G3"), "below σ", layers[l].RmseAnalysis < sigma, "assimilation issue, acceptance 1"));
            rows.Add(new ResultRow(group, "spread_a / rmse_a", "≈ 1", DiscoveryText.Number(ratio, "F2"), "in [0.7, 1.3]", ratio is >= 0.7 and <= 1.3,
                "assimilation issue, acceptance 1"));
        }
        var chart = new ChartFile("twin.html", "qg-twin: RMSE and spread against time");
        AssimilationCharts.Write(workspace.PathOf(chart.File), run, $"qg-twin LETKF N = 20: rmse_a {DiscoveryText.Number(run.Summary.RmseAnalysis, "G3")}");
        workspace.Detail(string.Create(CultureInfo.InvariantCulture, $"qg-twin: rmse_a {layers[0].RmseAnalysis:G3} / {layers[1].RmseAnalysis:G3}, {run.Wall.TotalSeconds:F1} s"));
        return new Outcome(rows, [chart]);
    }

    private static Outcome RunCase(PartWorkspace workspace, int id)
    {
        var experiment = new MedidaExperiment
        {
            State = workspace.Inputs.SpunUp,
            Case = CaseSpecification.Catalogue(id),
            Snapshots = Snapshots(workspace.Mode),
            Every = 40,
            Observation = new ObservationSettings { Sensors = "0.25", Noise = 0.01 },
            Assimilation = new AssimilationSettings(),
        };
        var report = experiment.Run().Report;
        double relative = Tolerance(workspace.Mode);
        var rows = new List<ResultRow>();
        foreach (var layer in report.Layers)
        {
            var expected = report.Expected?.ForLayer(layer.Index) ?? [];
            rows.Add(new ResultRow($"case {id} from assimilated increments (SR 0.25, noise 1 %, {experiment.Snapshots} snapshots)", $"layer {layer.Number}",
                DiscoveryText.Expected(expected), $"{DiscoveryText.Found(layer)}; {DiscoveryText.Verdict(layer.Comparison)}",
                $"exact support, ≤ {DiscoveryText.Number(100 * relative, "G3")} %", DiscoveryText.Within(layer, expected, relative),
                "assimilation issue, acceptance 2"));
        }
        var chart = new ChartFile($"case-{id}-coefficients.html", $"Case {id} from assimilated increments: discovered vs expected");
        DiscoveryCharts.WriteCoefficients(workspace.PathOf(chart.File), report);
        workspace.Detail($"case {id} (assimilated): {DiscoveryText.Overall(report)}");
        return new Outcome(rows, [chart]);
    }

    /// <summary>The saved result of one step.</summary>
    private sealed record Outcome(IReadOnlyList<ResultRow> Rows, IReadOnlyList<ChartFile> Charts);
}
