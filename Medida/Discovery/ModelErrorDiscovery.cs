using Science.Numerics.Fft;
using System.Diagnostics;
using System.Globalization;
using Science.Medida.Cases;
using Science.Medida.Filters;
using Science.Medida.Increments;
using Science.Medida.Library;
using Science.Medida.Regression;
using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Medida.Discovery;

/// <summary>
/// Fits increments with a sparse regressor over a candidate library (spec §5–§6): the library is evaluated on the
/// library state of every snapshot, both increment and columns are optionally low-pass filtered (weak form), the
/// boundary frame is cut, snapshots are stacked, and one threshold sweep with automatic selection runs per layer.
/// </summary>
public static class ModelErrorDiscovery
{
    /// <summary>Runs the regression and compares with the case's known answer.</summary>
    public static DiscoveryReport Discover(Increment increment, ModelErrorCase modelErrorCase, DiscoverySettings settings,
        IReadOnlyDictionary<string, string>? provenance = null, FftBackendKind backend = FftBackendKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(increment);
        ArgumentNullException.ThrowIfNull(modelErrorCase);
        settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validated();
        var clock = Stopwatch.StartNew();
        var (design, targets) = BuildProblem(increment, modelErrorCase.Model, settings, backend);
        var info = new Dictionary<string, string>
        {
            ["library_state"] = increment.Settings.LibraryState.ToString().ToLowerInvariant(),
            ["pv_bookkeeping"] = increment.Settings.Bookkeeping.ToString().ToLowerInvariant(),
            ["snapshots"] = increment.Snapshots.ToString(CultureInfo.InvariantCulture),
            ["snapshot_times"] = string.Join(",", increment.Times.Select(t => t.ToString("G6", CultureInfo.InvariantCulture))),
            ["estimator"] = increment.Estimator,
            ["grid"] = increment.Grid.ToString(),
            ["boundary_cut"] = $"{settings.Cut.Rows},{settings.Cut.Columns}",
        };
        if (provenance is not null) foreach (var (k, v) in provenance) info[k] = v;
        var report = Discover(modelErrorCase, design, targets, modelErrorCase.Expected(increment.Settings.Bookkeeping), settings, info);
        clock.Stop();
        return report with { RegressionTime = clock.Elapsed };
    }

    /// <summary>
    /// The model-independent core: one threshold sweep with automatic selection per target (layer) over the labelled
    /// columns of <paramref name="design"/>, compared with <paramref name="expected"/> when given. Any model supplies
    /// its own design matrix and targets (cut, filtered and stacked as it needs); <paramref name="settingsInfo"/> adds
    /// model-specific settings to the report.
    /// </summary>
    public static DiscoveryReport Discover(IErrorCase errorCase, DesignMatrix design, IReadOnlyList<double[]> targets, ExpectedAnswer? expected,
        DiscoverySettings settings, IReadOnlyDictionary<string, string>? settingsInfo = null)
    {
        ArgumentNullException.ThrowIfNull(errorCase);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(targets);
        settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validated();
        if (targets.Count == 0) throw new ArgumentException("at least one target (layer) is needed", nameof(targets));
        if (expected is not null && expected.Layers.Count != targets.Count)
            throw new ArgumentException($"the expected answer has {expected.Layers.Count} layers but there are {targets.Count} targets", nameof(expected));
        var clock = Stopwatch.StartNew();
        DesignChecks.RequireFullRank(design);
        var thresholdSweep = Sweep(settings);
        var layers = new LayerDiscovery[targets.Count];
        for (int layer = 0; layer < targets.Count; layer++)
        {
            var sweep = thresholdSweep.Run(design, targets[layer]);
            layers[layer] = Summarise(layer, sweep, settings, targets[layer], expected);
        }
        clock.Stop();

        var info = new Dictionary<string, string>
        {
            ["library"] = settings.Library.Name,
            ["labels"] = string.Join(",", settings.Library.Labels),
            ["regressor"] = settings.RegressorName,
            ["thresholds"] = string.Join(",", thresholdSweep.Thresholds.Select(t => t.ToString("G3", CultureInfo.InvariantCulture))),
            ["delta"] = settings.Delta.ToString("G", CultureInfo.InvariantCulture),
            ["delta_relative"] = settings.RelativeDelta.ToString("G", CultureInfo.InvariantCulture),
            ["tolerance"] = settings.Tolerance.ToString("G", CultureInfo.InvariantCulture),
            ["standardise"] = settings.Standardise ? "true" : "false",
            ["regression_filter"] = settings.RegressionFilter.ToString("G", CultureInfo.InvariantCulture),
        };
        if (settingsInfo is not null) foreach (var (k, v) in settingsInfo) info[k] = v;
        return new DiscoveryReport
        {
            Case = errorCase,
            Settings = info,
            Layers = layers,
            Expected = expected,
            Rows = design.Rows,
            RegressionTime = clock.Elapsed,
        };
    }

    /// <summary>
    /// The stacked design matrix (library columns) and the two targets (h1, h2) after filtering and cutting, rows in
    /// snapshot-major, then row-major (y, x) order.
    /// </summary>
    public static (DesignMatrix Design, double[][] Targets) BuildProblem(Increment increment, QgParameters model, DiscoverySettings settings,
        FftBackendKind backend = FftBackendKind.Auto)
    {
        var grid = increment.Grid;
        var cut = settings.Cut;
        cut.Validate(grid);
        var terms = settings.Library.Terms;
        int per = cut.Count(grid), rows = per * increment.Snapshots, n = grid.RealSize;
        var columns = terms.Select(_ => new double[rows]).ToArray();
        var targets = new[] { new double[rows], new double[rows] };
        var jet = new JetProfile(grid, model.Sigma, model.U1);
        var filter = settings.RegressionFilter > 0 ? SpectralFilter.Gaussian(grid, settings.RegressionFilter) : null;

        Parallel.For(0, increment.Snapshots, () => new Worker(grid, jet, backend), (s, _, w) =>
        {
            var full = w.Field;
            w.Context.SetState(increment.LibraryState(s));
            for (int j = 0; j < terms.Count; j++)
            {
                terms[j].Evaluate(w.Context, full);
                filter?.Apply(w.Spectral, full, w.Scratch);
                cut.Extract(grid, full, columns[j].AsSpan(s * per, per));
            }
            for (int layer = 0; layer < 2; layer++)
            {
                increment.Layer(s, layer).CopyTo(full);
                filter?.Apply(w.Spectral, full, w.Scratch);
                cut.Extract(grid, full, targets[layer].AsSpan(s * per, per));
            }
            return w;
        }, w => w.Dispose());
        return (new DesignMatrix(settings.Library.Labels, columns), targets);
    }

    private static ThresholdSweep Sweep(DiscoverySettings s) => s.RegressorFactory is { } factory
        ? new ThresholdSweep(factory, s.Thresholds ?? throw new ArgumentException("a custom regressor needs its thresholds", nameof(s)))
        : s.Regressor switch
    {
        RegressorKind.Rvm => ThresholdSweep.Rvm(new RelevanceVectorSettings(1.0, s.Tolerance, Standardise: s.Standardise), s.Thresholds),
        RegressorKind.Stlsq => ThresholdSweep.Stlsq(s.Thresholds ?? DiscoverySettings.DefaultStlsqThresholds,
            new StlsqSettings(1.0, ThresholdOnStandardised: s.Standardise)),
        RegressorKind.EnsembleStlsq => new ThresholdSweep(
            t => new EnsembleStlsq(new EnsembleStlsqSettings(new StlsqSettings(t, ThresholdOnStandardised: s.Standardise), Seed: s.Seed)),
            s.Thresholds ?? DiscoverySettings.DefaultStlsqThresholds),
        _ => throw new ArgumentOutOfRangeException(nameof(s), s.Regressor, "unknown regressor"),
    };

    private static LayerDiscovery Summarise(int layer, SweepResult sweep, DiscoverySettings settings, double[] target, ExpectedAnswer? expected)
    {
        var selection = sweep.Select(settings.Delta, settings.RelativeDelta);
        var terms = new List<DiscoveredTerm>();
        double nmse = double.NaN;
        if (!selection.NoModelError && selection.Fit is { } fit)
        {
            nmse = selection.Selected!.Nmse;
            foreach (var c in fit.Terms)
                terms.Add(new DiscoveredTerm(c.Label, settings.Library.Terms.FirstOrDefault(t => t.Label == c.Label)?.Symbol ?? c.Label, c.Value, c.Std));
        }
        double std = FieldMath.StandardDeviation(target);
        var comparison = expected is null ? null : Compare(expected.ForLayer(layer), terms);
        return new LayerDiscovery(layer, selection.NoModelError, selection.Reason, nmse, terms, sweep, selection.SelectedIndex, std, comparison);
    }

    /// <summary>Found versus expected terms of one layer.</summary>
    public static LayerComparison Compare(IReadOnlyList<ExpectedTerm> expected, IReadOnlyList<DiscoveredTerm> found)
    {
        var foundByLabel = found.ToDictionary(t => t.Label, t => t.Coefficient);
        var missing = expected.Where(e => !foundByLabel.ContainsKey(e.Label)).Select(e => e.Label).ToArray();
        var spurious = found.Where(f => expected.All(e => e.Label != f.Label)).Select(f => f.Label).ToArray();
        var rows = expected.Select(e =>
        {
            double f = foundByLabel.TryGetValue(e.Label, out var v) ? v : double.NaN;
            return new TermComparison(e.Label, e.Coefficient, f, Math.Abs(f - e.Coefficient) / Math.Abs(e.Coefficient));
        }).ToArray();
        double maxError = rows.Where(r => double.IsFinite(r.RelativeError)).Select(r => r.RelativeError).DefaultIfEmpty(0).Max();
        var verdict = missing.Length > 0 ? Verdict.Missing : spurious.Length > 0 ? Verdict.Spurious : Verdict.ExactSupport;
        return new LayerComparison(verdict, missing, spurious, rows, maxError);
    }

    private sealed class Worker(Grid grid, JetProfile jet, FftBackendKind backend) : IDisposable
    {
        public QgSpectral Spectral { get; } = new(grid, backend);
        public double[] Field { get; } = new double[grid.RealSize];
        public SpectralField Scratch { get; } = new(grid);
        private LibraryContext? _context;
        public LibraryContext Context => _context ??= new LibraryContext(Spectral, jet);
        public void Dispose() => Spectral.Dispose();
    }
}
