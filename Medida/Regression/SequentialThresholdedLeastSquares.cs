using Science.Numerics.LinearAlgebra;
using System.Globalization;

namespace Science.Medida.Regression;

/// <summary>Settings of <see cref="SequentialThresholdedLeastSquares"/>.</summary>
/// <param name="Threshold">λ: a term is dropped when |c_j| &lt; λ (or |c_j|·std(φ_j)/std(t) &lt; λ when
/// <paramref name="ThresholdOnStandardised"/>). Terms with c_j = 0 exactly are always dropped.</param>
/// <param name="Ridge">Ridge α added to the diagonal of the active Gram matrix ΦᵀΦ (raw units, as in PySINDy);
/// 0 = ordinary least squares.</param>
/// <param name="MaxIterations">Maximum number of least-squares solves.</param>
/// <param name="ThresholdOnStandardised">Compare λ with the standardised coefficient |c_j|·std(φ_j)/std(t)
/// (population stds of the full data) instead of |c_j|.</param>
/// <param name="Unbias">When <paramref name="Ridge"/> &gt; 0, refit the final support without ridge (PySINDy's
/// default). Ignored without ridge.</param>
public sealed record StlsqSettings(double Threshold, double Ridge = 0, int MaxIterations = 20, bool ThresholdOnStandardised = false, bool Unbias = true);

/// <summary>
/// Sequentially thresholded least squares (STLSQ, the SINDy workhorse; STRidge with a ridge, spec §6.5 — an
/// alternative to the reference's RVM, not part of the reference results). Start from (ridge) least squares on every
/// non-zero column; repeatedly drop the terms below λ and refit on the rest, by Cholesky of the (ridge-regularised)
/// Gram matrix restricted to the active set. Converged when the support stops changing (an empty support is a
/// converged, "no term" answer). A singular active Gram matrix (collinear columns without ridge) gives
/// <see cref="SparseFit.Converged"/> = false with a reason, never an exception. <see cref="SparseFit.Iterations"/>
/// counts least-squares solves.
/// </summary>
public sealed class SequentialThresholdedLeastSquares : ISparseRegressor
{
    /// <summary>Creates the regressor.</summary>
    /// <exception cref="ArgumentException">Negative or NaN threshold or ridge, or MaxIterations &lt; 1.</exception>
    public SequentialThresholdedLeastSquares(StlsqSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.Threshold >= 0)) throw new ArgumentException("Threshold must be non-negative", nameof(settings));
        if (!(settings.Ridge >= 0) || double.IsInfinity(settings.Ridge)) throw new ArgumentException("Ridge must be finite and non-negative", nameof(settings));
        if (settings.MaxIterations < 1) throw new ArgumentException("MaxIterations must be at least 1", nameof(settings));
        Settings = settings;
    }

    /// <summary>Creates the regressor with threshold λ on raw coefficients, no ridge.</summary>
    public SequentialThresholdedLeastSquares(double threshold) : this(new StlsqSettings(threshold))
    {
    }

    /// <summary>The settings.</summary>
    public StlsqSettings Settings { get; }

    /// <inheritdoc />
    public string Name => NameOf(Settings);

    /// <inheritdoc />
    public SparseFit Fit(DesignMatrix phi, ReadOnlySpan<double> target) => Fit(new RegressionProblem(phi, target));

    /// <inheritdoc />
    public SparseFit Fit(RegressionProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var scale = ThresholdScale(problem, Settings);
        var o = Solve(problem.GramFlat, problem.Xty, problem.Columns, problem.TargetSumOfSquares, scale, Settings, problem.Labels);
        return new SparseFit(Name, problem.Labels, o.Coefficients, o.Retained, null, o.Converged, o.Iterations,
            problem.Score(o.Coefficients), o.Reason);
    }

    internal static string NameOf(StlsqSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"STLSQ(λ={s.Threshold:g3}{(s.ThresholdOnStandardised ? " standardised" : "")}{(s.Ridge > 0 ? $", ridge={s.Ridge:g3}" : "")})");

    /// <summary>Per-column factor f_j so that the test is |c_j|·f_j ≥ λ.</summary>
    internal static double[] ThresholdScale(RegressionProblem problem, StlsqSettings s)
    {
        var scale = new double[problem.Columns];
        if (!s.ThresholdOnStandardised)
        {
            Array.Fill(scale, 1.0);
            return scale;
        }
        var (_, stds, _, tStd) = problem.Statistics;
        double ts = tStd > 0 ? tStd : problem.TargetRms; // constant target: scale by its rms instead
        for (int j = 0; j < scale.Length; j++) scale[j] = ts > 0 ? stds[j] / ts : 0;
        return scale;
    }

    internal sealed record Outcome(double[] Coefficients, bool[] Retained, bool Converged, int Iterations, string? Reason);

    /// <summary>STLSQ on sufficient statistics (ΦᵀΦ row-major, Φᵀt, tᵀt).</summary>
    internal static Outcome Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> xty, int mAll, double targetSumOfSquares,
        ReadOnlySpan<double> scale, StlsqSettings s, IReadOnlyList<string> labels)
    {
        var coefficients = new double[mAll];
        var retained = new bool[mAll];
        var active = new List<int>(mAll);
        for (int j = 0; j < mAll; j++)
            if (gram[j * mAll + j] > 0) active.Add(j);
        if (targetSumOfSquares == 0) return new Outcome(coefficients, retained, true, 0, "the target is identically zero: empty model");
        if (active.Count == 0) return new Outcome(coefficients, retained, true, 0, "every column is identically zero: empty model");

        var a = new double[mAll * mAll];
        var b = new double[mAll];
        var x = new double[mAll];
        var work = new double[mAll * mAll];
        for (int iteration = 1; ; iteration++)
        {
            if (!TryLeastSquares(gram, xty, mAll, active, s.Ridge, a, b, x, work))
                return new Outcome(coefficients, retained, false, iteration - 1,
                    $"the Gram matrix of the active set {{{string.Join(", ", active.Select(j => labels[j]))}}} is singular (collinear columns); use a ridge");
            var next = new List<int>(active.Count);
            for (int r = 0; r < active.Count; r++)
                if (x[r] != 0 && Math.Abs(x[r]) * scale[active[r]] >= s.Threshold) next.Add(active[r]);
            bool unchanged = next.Count == active.Count;
            if (!unchanged && next.Count == 0) return new Outcome(coefficients, retained, true, iteration, null);
            if (unchanged || iteration == s.MaxIterations)
            {
                if (unchanged && s.Ridge > 0 && s.Unbias)
                {
                    var plain = new double[mAll];
                    if (TryLeastSquares(gram, xty, mAll, active, 0, a, b, plain, work)) Array.Copy(plain, x, active.Count);
                }
                for (int r = 0; r < active.Count; r++)
                {
                    coefficients[active[r]] = x[r];
                    retained[active[r]] = true;
                }
                return unchanged
                    ? new Outcome(coefficients, retained, true, iteration, null)
                    : new Outcome(coefficients, retained, false, iteration, $"the support was still changing after {s.MaxIterations} least-squares solves");
            }
            active = next;
        }
    }

    /// <summary>Solves (G_AA + ridge·I) x = (Φᵀt)_A by Cholesky; false when singular.</summary>
    private static bool TryLeastSquares(ReadOnlySpan<double> gram, ReadOnlySpan<double> xty, int mAll, List<int> active, double ridge,
        double[] a, double[] b, double[] x, double[] work)
    {
        int k = active.Count;
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < k; c++) a[r * k + c] = gram[active[r] * mAll + active[c]];
            a[r * k + r] += ridge;
            b[r] = xty[active[r]];
        }
        return SmallDense.TrySolveSpd(a, b, k, x, work);
    }
}
