using System.Globalization;
using Science.Medida.Ks;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// Notebook 06: Kuramoto–Sivashinsky discovery (spec §10.5, clean observations) for all 18 cases of
/// <see cref="KsCaseCatalogue"/> from one truth run with <see cref="KsDiscoveryOptions"/>' defaults. A case passes with
/// exactly the expected support and every coefficient within 2 % (relative). Both modes use the notebook's settings
/// (the whole study takes about half a minute).
/// </summary>
internal sealed class KsStudyPart : IReproductionPart
{
    /// <summary>The accepted relative coefficient error (notebook 06, spec §10.5).</summary>
    public const double Tolerance = 0.02;

    // Measured on the reference machine (2 cores): the truth run (~20 s) is charged to the first case.
    private const double TruthSeconds = 20, SecondsPerCase = 0.5;

    public string Key => "ks";
    public string Title => "Kuramoto–Sivashinsky discovery (notebook 06, spec §10.5)";

    public string Description(ReproductionMode mode) =>
        "All 18 KS model-error cases discovered from one clean truth run (10 samples 10 000 steps apart after a 100 000-step " +
        "spin-up, five model steps per increment). Pass: exactly the expected terms and every coefficient within 2 %. " +
        "Both modes use the notebook's settings.";

    public IReadOnlyList<WorkUnit> Plan(ReproductionMode mode) =>
        [.. KsCaseCatalogue.All.Select((c, i) => new WorkUnit("case-" + c.Id, $"KS case {c.Id} ({c.Name})", SecondsPerCase + (i == 0 ? TruthSeconds : 0)))];

    public PartResult Run(PartWorkspace workspace)
    {
        var options = new KsDiscoveryOptions();
        var truth = new Lazy<KsTruthSamples>(() => KsTruthSamples.Generate(options));
        var outcomes = KsCaseCatalogue.All.Select(c => workspace.Unit("case-" + c.Id, () => RunCase(c, truth.Value, options))).ToList();
        var rows = outcomes.Select(o => o.Row).ToList();
        var tables = PartTables.WriteRows(workspace, rows).ToList();
        PartTables.WriteCsv(workspace.PathOf("terms.csv"), ["case", "term", "expected", "found"], outcomes.SelectMany(o => o.Terms));
        tables.Add("terms.csv");
        var chart = new ChartFile("errors.html", "Largest relative coefficient error per case, against the 2 % tolerance");
        double[] ids = [.. KsCaseCatalogue.All.Select(c => (double)c.Id)];
        Charts.TimeSeries(workspace.PathOf(chart.File), chart.Title, ids,
        [
            ("max relative error (%)", [.. outcomes.Select(o => 100 * o.MaxRelativeError)]),
            ("tolerance (%)", [.. ids.Select(_ => 100 * Tolerance)]),
        ], "case", "%", logY: true);
        return new PartResult
        {
            Part = Key, Mode = workspace.Mode, Rows = rows, Charts = [chart], Tables = tables, Seconds = workspace.Seconds,
            FinishedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static CaseOutcome RunCase(KsCase c, KsTruthSamples truth, KsDiscoveryOptions options)
    {
        var layer = KsDiscovery.Run(c, truth, options).Layer(0);
        var cmp = layer.Comparison!;
        bool pass = cmp.Missing.Count == 0 && cmp.Spurious.Count == 0 && cmp.MaxRelativeError < Tolerance;
        string expected = string.Join(", ", cmp.Terms.Select(t => $"{t.Label} {DiscoveryText.Number(t.Expected, "G4", signed: true)}"));
        string found = layer.Terms.Count == 0 ? "no terms"
            : string.Join(", ", layer.Terms.Select(t => $"{t.Label} {DiscoveryText.Number(t.Coefficient, "G5", signed: true)}"));
        string verdict = cmp.Missing.Count > 0 ? "missing " + string.Join(", ", cmp.Missing)
            : cmp.Spurious.Count > 0 ? "spurious " + string.Join(", ", cmp.Spurious)
            : "max error " + DiscoveryText.Percent(cmp.MaxRelativeError);
        var row = new ResultRow($"KS case {c.Id}", c.Name, expected, $"{found}; {verdict}", "exact support, < 2 %", pass, "spec §10.5, notebook 06");
        var terms = cmp.Terms.Select(t => (IReadOnlyList<string>)[c.Id.ToString(CultureInfo.InvariantCulture), t.Label,
            t.Expected.ToString("R", CultureInfo.InvariantCulture),
            layer.Terms.FirstOrDefault(f => f.Label == t.Label)?.Coefficient.ToString("R", CultureInfo.InvariantCulture) ?? ""]).ToList();
        double error = cmp.Missing.Count > 0 ? double.NaN : cmp.MaxRelativeError;
        return new CaseOutcome(row, terms, error);
    }

    /// <summary>The saved result of one case.</summary>
    private sealed record CaseOutcome(ResultRow Row, IReadOnlyList<IReadOnlyList<string>> Terms, double MaxRelativeError);
}
