using Science.Medida.Regression;
using Science.Medida.Increments;
using Science.Medida.Library;

namespace Science.Medida.Discovery;

/// <summary>The sparse regressor family used in the threshold sweep.</summary>
public enum RegressorKind
{
    /// <summary>Relevance vector machine (spec §6), sweeping the pruning threshold on α (1/coefficient²).</summary>
    Rvm,
    /// <summary>Sequentially thresholded least squares, sweeping the threshold on |coefficient|.</summary>
    Stlsq,
    /// <summary>Bagged STLSQ with inclusion probabilities, sweeping the threshold on |coefficient|.</summary>
    EnsembleStlsq,
}

/// <summary>How to turn increments into a discovered equation.</summary>
public sealed record DiscoverySettings
{
    /// <summary>The candidate library (default: the reference's 10 terms).</summary>
    public CandidateLibrary Library { get; init; } = CandidateLibrary.Reference;
    /// <summary>The regressor family (default RVM); command-line sugar for the built-in regressors.</summary>
    public RegressorKind Regressor { get; init; } = RegressorKind.Rvm;
    /// <summary>
    /// Any sparse regressor: a factory from a sweep threshold to an <see cref="ISparseRegressor"/>. When set it
    /// replaces <see cref="Regressor"/>, and <see cref="Thresholds"/> must be given.
    /// </summary>
    public Func<double, ISparseRegressor>? RegressorFactory { get; init; }
    /// <summary>The regressor's name in reports (defaults to the family's word, "custom" for a factory).</summary>
    public string RegressorName => RegressorFactory is not null ? CustomRegressorName ?? "custom" : Regressor.ToString().ToLowerInvariant();
    /// <summary>The name of a custom <see cref="RegressorFactory"/> in reports.</summary>
    public string? CustomRegressorName { get; init; }
    /// <summary>Thresholds of the sweep; null = the family's default (RVM: 1e-7…1e7 and 1e12; STLSQ: 1e-4…1 in half decades).</summary>
    public IReadOnlyList<double>? Thresholds { get; init; }
    /// <summary>δ of the selection rule (spec §6.4).</summary>
    public double Delta { get; init; } = 1e-3;
    /// <summary>ε of the noise-aware selection rule: the tolerance is δ + ε·nMSE_min (0 = the spec's rule; see SweepResult.Select).</summary>
    public double RelativeDelta { get; init; }
    /// <summary>RVM convergence tolerance on α.</summary>
    public double Tolerance { get; init; } = 1e-3;
    /// <summary>Regress standardised columns and back-transform (spec §6.3; the reference regresses raw columns).</summary>
    public bool Standardise { get; init; }
    /// <summary>The boundary frame dropped before regression.</summary>
    public RegionCut Cut { get; init; } = RegionCut.Reference;
    /// <summary>
    /// Filtered (weak-form) regression: the Gaussian spectral low-pass exp(−(K/(F·K_max))²) applied to the increment
    /// and to every library column before the cut; 0 = off (the reference).
    /// </summary>
    public double RegressionFilter { get; init; }

    /// <summary>
    /// The regression filter the command line uses for sparse observations unless told otherwise: F = 0.08. Measured on
    /// the shipped trajectory (Interpolation/README.md): with the spectral OI interpolator it gives the exact support of
    /// cases 1001 and 1004 at SR 0.95, 0.75 and 0.5 (coefficients within 0.7%), where F = 0 fails below SR 0.95, and it
    /// is also the best of {0.3, 0.15, 0.08} for the cubic interpolator at SR 0.95 and 0.75.
    /// </summary>
    public const double SparseObservationFilter = 0.08;
    /// <summary>Seed of randomised regressors (bagging).</summary>
    public int Seed { get; init; }

    /// <summary>STLSQ default thresholds: 10^−4 … 10^0 in half decades.</summary>
    public static IReadOnlyList<double> DefaultStlsqThresholds { get; } =
        Enumerable.Range(0, 9).Select(i => Math.Pow(10, -4 + 0.5 * i)).ToArray();

    /// <summary>Checks the settings and names the offending one.</summary>
    public DiscoverySettings Validated()
    {
        if (!(Delta >= 0) || double.IsInfinity(Delta)) throw new ArgumentOutOfRangeException(nameof(Delta), Delta, "δ must be a finite number ≥ 0");
        if (!(RelativeDelta is >= 0 and <= 10)) throw new ArgumentOutOfRangeException(nameof(RelativeDelta), RelativeDelta, "the relative δ must be in [0, 10]");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "the tolerance must be > 0");
        if (!(RegressionFilter >= 0) || double.IsInfinity(RegressionFilter))
            throw new ArgumentOutOfRangeException(nameof(RegressionFilter), RegressionFilter, "the regression filter must be 0 (off) or a fraction > 0 of the largest wavenumber");
        if (Thresholds is { Count: 0 }) throw new ArgumentException("the threshold list is empty", nameof(Thresholds));
        if (RegressorFactory is not null && Thresholds is null)
            throw new ArgumentException("a custom regressor (RegressorFactory) needs its sweep thresholds", nameof(Thresholds));
        return this;
    }
}
