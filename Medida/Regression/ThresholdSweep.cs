using System.Globalization;

namespace Science.Medida.Regression;

/// <summary>
/// Runs a regressor over a list of thresholds on one prepared problem (ΦᵀΦ, Φᵀt and the QR factors are formed once
/// and shared by every fit), records the L-curve table and selects a model with the δ-rule of spec §6.4
/// (see <see cref="SweepResult.Select"/>). The fits are independent and run in parallel; the table is in threshold
/// order whatever the schedule.
/// </summary>
public sealed class ThresholdSweep
{
    /// <summary>
    /// The reference RVM thresholds: 10^linspace(−7, 7, 15) ∪ {1e12}, i.e. 1e−7, 1e−6, …, 1e7, 1e12 (16 fits; spec §6.4).
    /// The reference list also starts with 1e−12, but that slot only holds the dummy zero model, so it is not a fit here.
    /// </summary>
    public static IReadOnlyList<double> DefaultRvmThresholds { get; } =
        Enumerable.Range(-7, 15).Select(e => double.Parse($"1e{e}", CultureInfo.InvariantCulture)).Append(1e12).ToArray();

    private readonly Func<double, ISparseRegressor> _factory;
    private readonly double[] _thresholds;

    /// <summary>A sweep of <paramref name="factory"/>(threshold) over <paramref name="thresholds"/>.</summary>
    /// <exception cref="ArgumentException">No thresholds.</exception>
    public ThresholdSweep(Func<double, ISparseRegressor> factory, IEnumerable<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(thresholds);
        _factory = factory;
        _thresholds = thresholds.ToArray();
        if (_thresholds.Length == 0) throw new ArgumentException("a sweep needs at least one threshold", nameof(thresholds));
    }

    /// <summary>
    /// The reference RVM sweep: <see cref="DefaultRvmThresholds"/> (or the given list) with tol 1e−3 and 3000 iterations,
    /// raw columns; <paramref name="template"/> overrides tolerance, iterations or standardisation (its threshold is
    /// replaced by each sweep value).
    /// </summary>
    public static ThresholdSweep Rvm(RelevanceVectorSettings? template = null, IEnumerable<double>? thresholds = null)
    {
        var t = template ?? new RelevanceVectorSettings(1);
        return new ThresholdSweep(th => new RelevanceVectorMachine(t with { ThresholdAlpha = th }), thresholds ?? DefaultRvmThresholds);
    }

    /// <summary>An STLSQ sweep over λ; <paramref name="template"/>'s threshold is replaced by each sweep value.</summary>
    public static ThresholdSweep Stlsq(IEnumerable<double> thresholds, StlsqSettings? template = null)
    {
        var t = template ?? new StlsqSettings(0);
        return new ThresholdSweep(th => new SequentialThresholdedLeastSquares(t with { Threshold = th }), thresholds);
    }

    /// <summary>The thresholds, in table order.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>Run the fits in parallel (default). The output is identical either way.</summary>
    public bool RunInParallel { get; init; } = true;

    /// <summary>δ of the selection rule used for <see cref="SweepResult.Selection"/> (default 1e−3).</summary>
    public double Delta { get; init; } = SweepResult.DefaultDelta;

    /// <summary>Prepares Φ and t once, then runs the sweep.</summary>
    public SweepResult Run(DesignMatrix phi, ReadOnlySpan<double> target) => Run(new RegressionProblem(phi, target));

    /// <summary>Runs every threshold on the shared problem and selects a model.</summary>
    public SweepResult Run(RegressionProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var entries = new SweepEntry[_thresholds.Length];
        void One(int i)
        {
            var fit = _factory(_thresholds[i]).Fit(problem);
            entries[i] = SweepEntry.FromFit(_thresholds[i], fit);
        }
        if (RunInParallel) Parallel.For(0, _thresholds.Length, One);
        else for (int i = 0; i < _thresholds.Length; i++) One(i);
        return new SweepResult(entries, problem.TargetRms, problem.DesignRms, Delta);
    }
}
