using System.Diagnostics;
using System.Globalization;
using Science.Interpolation;
using Science.Interpolation.Diagnostics;
using Science.Interpolation.Spectral;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel.IO;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// Notebook 03: snapshot 0 of the shipped trajectory observed at a seeded random 75 % of the grid points (spec §8.1),
/// filled in by <c>cubic</c> and by <c>oi</c> (prior: the spectrum of snapshots 1–5), scored with the §9.5 diagnostics,
/// and case 1001 discovered from the <c>oi</c> reconstruction with the filtered regression (F = 0.08). The notebook's
/// checks: <c>oi</c> reconstructs ∇²ψ1 better than <c>cubic</c>, and the discovery has the exact support with every
/// coefficient within 1 %. Both modes use the notebook's settings.
/// </summary>
internal sealed class SparseObservationPart : IReproductionPart
{
    private const double SensorRatio = 0.75, Tolerance = 0.01;
    private const int CaseId = 1001;

    public string Key => "sparse";
    public string Title => "Sparse observations: interpolation and discovery (notebook 03, spec §8–§9)";

    public string Description(ReproductionMode mode) =>
        "Snapshot 0 of the shipped trajectory observed at a seeded random 75 % of the grid (spec §8.1), reconstructed by " +
        "cubic (Delaunay + Clough–Tocher) and by oi (spectral optimal interpolation, prior from snapshots 1–5), scored by the " +
        "relative errors of ψ and ∇²ψ (§9.5); then case 1001 discovered from the oi reconstruction with the filtered " +
        "regression F = 0.08. Both modes use the notebook's settings.";

    public IReadOnlyList<WorkUnit> Plan(ReproductionMode mode) =>
        [new("interpolate", "cubic and oi at 75 % sensors", 15), new("discover", "case 1001 from oi, F = 0.08", 10)];

    public PartResult Run(PartWorkspace workspace)
    {
        var trajectory = new Lazy<QgTrajectory>(() => QgTrajectoryFile.Read(workspace.Inputs.Trajectory));
        var setup = new Lazy<(Science.QgModel.QgState Truth, SensorLayout Layout, IInterpolator Cubic, IInterpolator Oi)>(() =>
        {
            var t = trajectory.Value;
            var truth = t.GetState(0);
            var prior = SpectralPrior.FromStates([.. Enumerable.Range(1, t.Count - 1).Select(t.GetState)], "snapshots 1-5");
            return (truth, SensorLayout.RandomSubset(truth.Grid, SensorRatio, seed: 0),
                InterpolatorCatalogue.Create("cubic", new InterpolatorOptions()),
                InterpolatorCatalogue.Create("oi", new InterpolatorOptions { PriorSpectrum = prior }));
        });
        var scores = workspace.Unit("interpolate", () => Interpolate(workspace, setup.Value.Truth, setup.Value.Layout, [setup.Value.Cubic, setup.Value.Oi]));
        var found = workspace.Unit("discover", () => Discover(workspace, setup.Value.Truth, setup.Value.Layout, setup.Value.Oi));

        var rows = new List<ResultRow>();
        foreach (var layer in new[] { 0, 1 })
        {
            var cubic = scores.Single(s => s.Interpolator == "cubic" && s.Layer == layer + 1);
            var oi = scores.Single(s => s.Interpolator == "oi" && s.Layer == layer + 1);
            rows.Add(new ResultRow("interpolation, 75 % sensors", $"∇²ψ{layer + 1} relative L2 error",
                "oi below cubic", $"oi {DiscoveryText.Number(oi.LaplacianError, "0.000E+00")}, cubic {DiscoveryText.Number(cubic.LaplacianError, "0.000E+00")} " +
                $"(ψ: oi {DiscoveryText.Number(oi.PsiError, "0.00E+00")}, cubic {DiscoveryText.Number(cubic.PsiError, "0.00E+00")})",
                "oi < cubic", oi.LaplacianError < cubic.LaplacianError, "notebook 03, spec §9.5"));
        }
        rows.AddRange(found.Rows);
        var tables = PartTables.WriteRows(workspace, rows).ToList();
        PartTables.WriteCsv(workspace.PathOf("interpolation.csv"), ["interpolator", "layer", "psi_error", "laplacian_error", "seconds"],
            scores.Select(s => (IReadOnlyList<string>)[s.Interpolator, s.Layer.ToString(CultureInfo.InvariantCulture),
                s.PsiError.ToString("R", CultureInfo.InvariantCulture), s.LaplacianError.ToString("R", CultureInfo.InvariantCulture),
                s.Seconds.ToString("F2", CultureInfo.InvariantCulture)]));
        tables.Add("interpolation.csv");
        return new PartResult
        {
            Part = Key, Mode = workspace.Mode, Rows = rows, Tables = tables, Seconds = workspace.Seconds,
            Charts =
            [
                new("spectra.html", "Zonal amplitude spectrum of ψ1 at the jet core: truth, cubic, oi"),
                new("maps.html", "ψ1 from 75 % sensors (oi): truth, estimate, difference"),
                .. found.Charts,
            ],
            FinishedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static List<InterpolationScore> Interpolate(PartWorkspace workspace, Science.QgModel.QgState truth, SensorLayout layout, IInterpolator[] interpolators)
    {
        var values = layout.SampleLayers(truth.Psi);
        var grid = truth.Grid;
        var scores = new List<InterpolationScore>();
        var spectra = new List<(string, double[])>();
        double[]? oiEstimate = null;
        foreach (var interpolator in interpolators)
        {
            var clock = Stopwatch.StartNew();
            var estimate = interpolator.Interpolate(layout, values, new InterpolationContext());
            double seconds = clock.Elapsed.TotalSeconds;
            var d = InterpolationDiagnostics.Compute(layout, truth.Psi, estimate, interpolator.Name, values, seconds);
            if (spectra.Count == 0) spectra.Add(("truth", d.Layers[0].TruthSpectrum[1..]));
            spectra.Add((interpolator.Name, d.Layers[0].EstimateSpectrum[1..]));
            scores.AddRange(d.Layers.Select(l => new InterpolationScore(interpolator.Name, l.Number, l.PsiError, l.LaplacianError, seconds)));
            workspace.Detail($"{interpolator.Name}: ∇²ψ1 error {d.Layers[0].LaplacianError:E3} ({seconds:F1} s)");
            if (interpolator.Name == "oi") oiEstimate = estimate;
        }
        double[] m = [.. Enumerable.Range(1, grid.Nk - 1).Select(k => (double)k)];
        Charts.Spectra(workspace.PathOf("spectra.html"), "Zonal amplitude spectrum of ψ1, 75 % sensors", m, spectra, "zonal wavenumber m", "S(m)", logX: false);
        int n = grid.RealSize;
        var difference = new double[n];
        for (int p = 0; p < n; p++) difference[p] = oiEstimate![p] - truth.Psi[p];
        Charts.Maps(workspace.PathOf("maps.html"), "ψ1 from 75 % sensors (oi)", grid.X.ToArray(), grid.Y.ToArray(),
            [("truth ψ1", truth.Psi[..n].ToArray()), ("oi ψ1", oiEstimate![..n]), ("oi − truth", difference)]);
        return scores;
    }

    private static DiscoveryOutcome Discover(PartWorkspace workspace, Science.QgModel.QgState truth, SensorLayout layout, IInterpolator oi)
    {
        var errorCase = CaseCatalogue.Get(CaseId);
        var increment = new IncrementBuilder(errorCase, IncrementSettings.Reference, new SparseObservation(layout, oi)).Build([truth]);
        var report = ModelErrorDiscovery.Discover(increment, errorCase, new DiscoverySettings { RegressionFilter = DiscoverySettings.SparseObservationFilter });
        var rows = report.Layers.Select(layer =>
        {
            var expected = report.Expected?.ForLayer(layer.Index) ?? [];
            return new ResultRow($"case {CaseId} from oi, F = 0.08", $"layer {layer.Number}", DiscoveryText.Expected(expected),
                $"{DiscoveryText.Found(layer)}; {DiscoveryText.Verdict(layer.Comparison)}", "exact support, ≤ 1 %",
                DiscoveryText.Within(layer, expected, Tolerance), "notebook 03");
        }).ToList();
        var chart = new ChartFile("coefficients.html", $"Case {CaseId} from 75 % sensors (oi, F = 0.08): discovered vs expected");
        DiscoveryCharts.WriteCoefficients(workspace.PathOf(chart.File), report);
        workspace.Detail($"case {CaseId}: {DiscoveryText.Overall(report)}");
        return new DiscoveryOutcome(rows, [chart]);
    }

    /// <summary>The §9.5 scores of one interpolator and layer (1 = upper).</summary>
    private sealed record InterpolationScore(string Interpolator, int Layer, double PsiError, double LaplacianError, double Seconds);

    /// <summary>The saved discovery step.</summary>
    private sealed record DiscoveryOutcome(IReadOnlyList<ResultRow> Rows, IReadOnlyList<ChartFile> Charts);
}
