using System.Globalization;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.QgModel;
using Science.QgModel.IO;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// Notebook 02 for every case: two-layer QG, full clean observations, cases 1000–1009 (spec §7.2) discovered with the
/// reference settings, each layer checked against the tolerance of spec §13 C1–C9; L-curve and coefficient charts per
/// case and PNG maps of the increments. Quick: one snapshot (the shipped spun-up state). Paper: snapshots 0 and 5 of
/// the shipped trajectory (spec §13 C: "at least two snapshots") and the five stacked snapshots (C11).
/// </summary>
internal sealed class QgFullObservationPart : IReproductionPart
{
    /// <summary>Per case: the accepted relative coefficient error and the spec check it comes from.</summary>
    private static readonly Dictionary<int, (double Relative, string Check)> Tolerances = new()
    {
        [1000] = (0, "C1"), [1001] = (0.01, "C3"), [1002] = (0.02, "C4"), [1003] = (0.01, "C5"), [1004] = (0.025, "C6"),
        [1005] = (0.03, "C7"), [1006] = (0.02, "C8"), [1007] = (0.02, "C8"), [1008] = (0.001, "C2"), [1009] = (0.01, "C9"),
    };

    // Measured on the reference machine (2 cores): increment + discovery + charts of one case.
    private const double SecondsPerSnapshotCase = 2.0;

    public string Key => "qg";
    public string Title => "Two-layer QG, full observations (notebook 02, spec §7 and §13 C)";

    public string Description(ReproductionMode mode) =>
        "Every model-error case of the catalogue (spec §7.2) discovered from full, clean observations with the reference " +
        "settings (RVM, 16-threshold sweep, δ = 1e−3, cut 20, library at the forecast state). Each layer is checked against " +
        "the answer derived from the parameter differences, with the tolerance of spec §13 C1–C9. " +
        (mode == ReproductionMode.Quick
            ? "Quick: one snapshot, the shipped spun-up state (step 20000)."
            : "Paper: snapshots 0 and 5 of the shipped trajectory, and all five stacked (LEN_LOOP = 5, spec §13 C11).");

    private static IEnumerable<(string Key, string Label, int[] Snapshots)> Variants(ReproductionMode mode) =>
        mode == ReproductionMode.Quick
            ? [("", "spun-up state", [0])]
            : [("s0-", "snapshot 0", [0]), ("s5-", "snapshot 5", [5]), ("stack-", "snapshots 0–4 stacked", [0, 1, 2, 3, 4])];

    public IReadOnlyList<WorkUnit> Plan(ReproductionMode mode) =>
        [.. from v in Variants(mode) from c in CaseCatalogue.All
            select new WorkUnit(v.Key + "case-" + c.Id, $"case {c.Id} ({c.Name}), {v.Label}", SecondsPerSnapshotCase * (0.6 + 0.4 * v.Snapshots.Length))];

    public PartResult Run(PartWorkspace workspace)
    {
        var rows = new List<ResultRow>();
        var charts = new List<ChartFile>();
        var terms = new List<IReadOnlyList<string>>();
        var mode = workspace.Mode;
        Lazy<IReadOnlyList<QgState>> states = new(() => mode == ReproductionMode.Quick
            ? [QgStateFile.Read(workspace.Inputs.SpunUp).State]
            : Enumerable.Range(0, 6).Select(QgTrajectoryFile.Read(workspace.Inputs.Trajectory).GetState).ToArray());
        foreach (var v in Variants(mode))
            foreach (var c in CaseCatalogue.All)
            {
                string key = v.Key + "case-" + c.Id;
                var outcome = workspace.Unit(key, () => RunCase(workspace, key, c, v.Label, [.. v.Snapshots.Select(i => states.Value[i])]));
                rows.AddRange(outcome.Rows);
                charts.AddRange(outcome.Charts);
                terms.AddRange(outcome.Terms);
            }
        var tables = PartTables.WriteRows(workspace, rows).ToList();
        PartTables.WriteCsv(workspace.PathOf("terms.csv"), ["case", "snapshots", "layer", "term", "expected", "found", "std"], terms);
        tables.Add("terms.csv");
        return new PartResult
        {
            Part = Key, Mode = mode, Rows = rows, Charts = charts, Tables = tables, Seconds = workspace.Seconds,
            FinishedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static CaseOutcome RunCase(PartWorkspace workspace, string key, ModelErrorCase errorCase, string snapshots, IReadOnlyList<QgState> truth)
    {
        var increment = new IncrementBuilder(errorCase).Build(truth);
        var report = ModelErrorDiscovery.Discover(increment, errorCase, new DiscoverySettings());
        var (relative, check) = Tolerances[errorCase.Id];
        var rows = new List<ResultRow>();
        var terms = new List<IReadOnlyList<string>>();
        foreach (var layer in report.Layers)
        {
            var expected = report.Expected?.ForLayer(layer.Index) ?? [];
            string tolerance = expected.Count == 0 ? "no model error" : $"exact support, ≤ {DiscoveryText.Number(100 * relative, "G3")} %";
            rows.Add(new ResultRow($"case {errorCase.Id} ({errorCase.Name}), {snapshots}", $"layer {layer.Number}",
                DiscoveryText.Expected(expected), $"{DiscoveryText.Found(layer)}; {DiscoveryText.Verdict(layer.Comparison)}", tolerance,
                DiscoveryText.Within(layer, expected, relative), $"spec §13 {check}"));
            foreach (string label in expected.Select(t => t.Label).Union(layer.Terms.Select(t => t.Label)))
            {
                var e = expected.FirstOrDefault(t => t.Label == label);
                var f = layer.Terms.FirstOrDefault(t => t.Label == label);
                terms.Add([errorCase.Id.ToString(CultureInfo.InvariantCulture), snapshots, layer.Number.ToString(CultureInfo.InvariantCulture), label,
                    e is null ? "" : e.Coefficient.ToString("R", CultureInfo.InvariantCulture),
                    f is null ? "" : f.Coefficient.ToString("R", CultureInfo.InvariantCulture),
                    f?.Std is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : ""]);
            }
        }
        var charts = new List<ChartFile>
        {
            new(key + "-lcurve.html", $"Case {errorCase.Id}, {snapshots}: L-curve"),
            new(key + "-coefficients.html", $"Case {errorCase.Id}, {snapshots}: discovered vs expected"),
        };
        DiscoveryCharts.WriteLCurve(workspace.PathOf(charts[0].File), report);
        DiscoveryCharts.WriteCoefficients(workspace.PathOf(charts[1].File), report);
        if (truth.Count == 1 || workspace.Mode == ReproductionMode.Quick)
        {
            var g = increment.Grid;
            for (int layer = 0; layer < 2; layer++)
            {
                var chart = new ChartFile($"{key}-h{layer + 1}.png", $"Case {errorCase.Id}: increment h{layer + 1}");
                Charts.MapPng(workspace.PathOf(chart.File), $"case {errorCase.Id}: h{layer + 1} (std {increment.StandardDeviation(layer):0.00E+00})",
                    g.X.ToArray(), g.Y.ToArray(), increment.Layer(0, layer).ToArray(), width: 420, height: 260);
                charts.Add(chart);
            }
        }
        workspace.Detail($"case {errorCase.Id}: {DiscoveryText.Overall(report)}");
        return new CaseOutcome(rows, charts, terms);
    }

    /// <summary>The saved result of one case.</summary>
    private sealed record CaseOutcome(IReadOnlyList<ResultRow> Rows, IReadOnlyList<ChartFile> Charts, IReadOnlyList<IReadOnlyList<string>> Terms);
}
