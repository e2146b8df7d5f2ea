using System.Numerics.Tensors;

namespace Science.Medida.Regression;

/// <summary>
/// A design matrix Φ and target t with the sufficient statistics every regressor needs, computed once in O(n_s·M²)
/// and then shared (read-only, thread-safe) by all fits of a threshold sweep:
/// <list type="bullet">
/// <item>the Gram matrix ΦᵀΦ, Φᵀt and tᵀt, by SIMD dot products over the contiguous columns;</item>
/// <item>a Householder QR factorisation of the augmented matrix [Φ | t]: Φ = QR, c = Qᵀt (first M entries) and
/// ρ² = ‖t − Φ m_LS‖², the least-squares residual of the full library.</item>
/// </list>
/// <para>
/// <b>Residuals.</b> For any coefficient vector m, ‖t − Φm‖² = ‖c − Rm‖² + ρ² exactly (Pythagoras in the basis Q).
/// This costs O(M²) instead of a pass over Φ, and it is as accurate as the direct sum over rows: the error of c − Rm
/// is ~ε‖t‖ per entry and ρ is the norm of a transformed residual column with error ~ε‖t‖ absolute, so the relative
/// error of the residual is ~ε/√nMSE (≈ 1e−8 at nMSE = 1e−16). The Gram form tᵀt − 2mᵀΦᵀt + mᵀΦᵀΦm is <i>not</i> used, because it cancels catastrophically:
/// its absolute error ~ε·tᵀt is as large as the whole residual at nMSE ≈ 1e−16 (spec §7.4, case 1008).
/// </para>
/// </summary>
public sealed class RegressionProblem
{
    private readonly double[] _target;
    private readonly double[] _gram;    // M·M row-major
    private readonly double[] _xty;     // M
    private readonly double[] _r;       // M·M row-major, upper triangular
    private readonly double[] _qtt;     // M, c = Qᵀt (first M entries)
    private readonly Lazy<StandardisedProblem> _standardised;
    private readonly Lazy<(double[] Means, double[] Stds, double TargetMean, double TargetStd)> _statistics;

    /// <summary>Prepares the problem: validates the target, then forms ΦᵀΦ, Φᵀt, tᵀt and the QR factorisation.</summary>
    /// <param name="design">The design matrix Φ.</param>
    /// <param name="target">The target t (copied); one entry per row of Φ, all finite.</param>
    /// <exception cref="ArgumentException">Length mismatch or a non-finite target value.</exception>
    public RegressionProblem(DesignMatrix design, ReadOnlySpan<double> target)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (target.Length != design.Rows)
            throw new ArgumentException($"target has {target.Length} entries, the design matrix {design.Rows} rows", nameof(target));
        for (int i = 0; i < target.Length; i++)
            if (!double.IsFinite(target[i])) throw new ArgumentException($"target has a non-finite value ({target[i]}) at row {i}", nameof(target));
        Design = design;
        _target = target.ToArray();
        int m = design.Columns;
        _gram = new double[m * m];
        _xty = new double[m];
        TargetSumOfSquares = GramKernel.Compute(design, _target, default, _gram, _xty);
        _r = new double[m * m];
        _qtt = new double[m];
        LeastSquaresResidual = HouseholderAugmented(design, _target, _r, _qtt);
        double trace = 0;
        for (int j = 0; j < m; j++) trace += _gram[j * m + j];
        DesignRms = Math.Sqrt(trace / ((double)design.Rows * m));
        _standardised = new Lazy<StandardisedProblem>(BuildStandardised, LazyThreadSafetyMode.ExecutionAndPublication);
        _statistics = new(ComputeStatistics, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The design matrix Φ.</summary>
    public DesignMatrix Design { get; }

    /// <summary>The target t.</summary>
    public ReadOnlySpan<double> Target => _target;

    /// <summary>Number of rows n_s.</summary>
    public int Rows => Design.Rows;

    /// <summary>Number of columns M.</summary>
    public int Columns => Design.Columns;

    /// <summary>The column labels.</summary>
    public IReadOnlyList<string> Labels => Design.Labels;

    /// <summary>tᵀt.</summary>
    public double TargetSumOfSquares { get; }

    /// <summary>mean(t²), the MSE of the all-zero model and the denominator of nMSE (spec §6.2).</summary>
    public double TargetMeanSquare => TargetSumOfSquares / Rows;

    /// <summary>rms(t) = sqrt(mean(t²)).</summary>
    public double TargetRms => Math.Sqrt(TargetMeanSquare);

    /// <summary>rms(Φ): the root mean square of all entries of Φ, sqrt(trace(ΦᵀΦ)/(n_s·M)).</summary>
    public double DesignRms { get; }

    /// <summary>ρ² = min_m ‖t − Φm‖², the residual sum of squares of ordinary least squares on every column.</summary>
    public double LeastSquaresResidual { get; }

    /// <summary>A copy of the Gram matrix ΦᵀΦ.</summary>
    public double[,] GetGram()
    {
        int m = Columns;
        var g = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) g[i, j] = _gram[i * m + j];
        return g;
    }

    /// <summary>A copy of Φᵀt.</summary>
    public double[] GetDesignTransposeTarget() => (double[])_xty.Clone();

    /// <summary>
    /// ‖t − Φm‖² for a full-length coefficient vector, in O(M²) from the QR factors. Relative accuracy ≈ ε/√nMSE,
    /// like the direct sum over rows (≈ 1e−8 at nMSE = 1e−16), where the Gram form would have ≈ ε/nMSE (≈ 1).
    /// </summary>
    /// <exception cref="ArgumentException">Wrong length.</exception>
    public double ResidualSumOfSquares(ReadOnlySpan<double> coefficients)
    {
        if (coefficients.Length != Columns) throw new ArgumentException($"{coefficients.Length} coefficients for {Columns} columns", nameof(coefficients));
        int m = Columns;
        Span<int> all = m <= 256 ? stackalloc int[m] : new int[m];
        for (int j = 0; j < m; j++) all[j] = j;
        return ResidualSumOfSquares(all, coefficients);
    }

    /// <summary>Mean squared error and nMSE of a full-length coefficient vector on this problem (QR form).</summary>
    public FitScore Score(ReadOnlySpan<double> coefficients) => FitScore.FromResidual(ResidualSumOfSquares(coefficients), Rows, TargetMeanSquare);

    internal ReadOnlySpan<double> GramFlat => _gram;
    internal ReadOnlySpan<double> Xty => _xty;

    /// <summary>Column means, column population stds, target mean and target population std (computed once).</summary>
    internal (double[] Means, double[] Stds, double TargetMean, double TargetStd) Statistics => _statistics.Value;

    /// <summary>The standardised problem (centred, population-std-scaled columns and target), built once on demand.</summary>
    internal StandardisedProblem Standardised => _standardised.Value;

    /// <summary>‖t − Σ_k Φ[:, active_k] m_k‖² = Σ_i (c_i − Σ_k R[i, active_k] m_k)² + ρ².</summary>
    internal double ResidualSumOfSquares(ReadOnlySpan<int> active, ReadOnlySpan<double> m)
    {
        int mm = Columns;
        double s = LeastSquaresResidual;
        for (int i = 0; i < mm; i++)
        {
            double d = _qtt[i];
            for (int k = 0; k < active.Length; k++)
            {
                int j = active[k];
                if (j >= i) d -= _r[i * mm + j] * m[k];
            }
            s += d * d;
        }
        return s;
    }

    /// <summary>
    /// Householder QR of [Φ | t] on a column-major copy. Fills R (M·M, upper) and c = Qᵀt (first M entries) and returns
    /// ρ² = ‖(Qᵀt)[M:]‖². Columns that become zero are skipped (identity reflector), so rank deficiency is harmless.
    /// </summary>
    private static double HouseholderAugmented(DesignMatrix design, double[] target, double[] r, double[] qtt)
    {
        int n = design.Rows, m = design.Columns, p = m + 1;
        var a = new double[checked((long)n * p)];
        for (int j = 0; j < m; j++) design.ColumnSpan(j).CopyTo(a.AsSpan(j * n, n));
        target.CopyTo(a, m * n);
        for (int k = 0; k < m && k < n; k++)
        {
            var v = a.AsSpan(k * n + k, n - k);
            double norm = TensorPrimitives.Norm(v);
            if (norm == 0 || !double.IsFinite(norm)) continue;
            double x0 = v[0];
            double alpha = x0 >= 0 ? -norm : norm;
            v[0] = x0 - alpha;
            double vtv = 2 * norm * (norm + Math.Abs(x0));
            for (int j = k + 1; j < p; j++)
            {
                var col = a.AsSpan(j * n + k, n - k);
                double f = 2 * TensorPrimitives.Dot(v, col) / vtv;
                if (f != 0) TensorPrimitives.MultiplyAdd(v, -f, col, col);
            }
            v[0] = alpha; // R[k, k]; the rest of v is no longer needed
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = i; j < m; j++) r[i * m + j] = i < n ? a[j * n + i] : 0;
            qtt[i] = i < n ? a[m * n + i] : 0;
        }
        if (m >= n) return 0;
        var tail = a.AsSpan(m * n + m, n - m);
        return TensorPrimitives.Dot(tail, tail);
    }

    private (double[] Means, double[] Stds, double TargetMean, double TargetStd) ComputeStatistics()
    {
        int m = Columns;
        var means = new double[m];
        var stds = new double[m];
        for (int j = 0; j < m; j++)
        {
            var x = Design.ColumnSpan(j);
            (means[j], stds[j]) = DesignMatrix.MeanAndStd(x);
            if (IsEffectivelyConstant(x, stds[j])) stds[j] = 0;
        }
        var (tMean, tStd) = DesignMatrix.MeanAndStd(_target);
        if (IsEffectivelyConstant(_target, tStd)) tStd = 0;
        return (means, stds, tMean, tStd);
    }

    private StandardisedProblem BuildStandardised()
    {
        int n = Rows, m = Columns;
        var (means, stds, tMean, tStd) = Statistics;
        var columns = new double[m][];
        for (int j = 0; j < m; j++)
        {
            var x = Design.ColumnSpan(j);
            var z = new double[n];
            // A constant column (std 0, or at round-off level) stays identically zero, so its coefficient is 0.
            if (stds[j] > 0)
                for (int i = 0; i < n; i++) z[i] = (x[i] - means[j]) / stds[j];
            columns[j] = z;
        }
        var tz = new double[n];
        if (tStd > 0)
            for (int i = 0; i < n; i++) tz[i] = (_target[i] - tMean) / tStd;
        var design = new DesignMatrix(Design.Labels.ToArray(), Flatten(columns, n), n);
        return new StandardisedProblem(new RegressionProblem(design, tz), means, stds, tMean, tStd);
    }

    /// <summary>A population std at round-off level relative to the column's rms: the mean's rounding dominates.</summary>
    private static bool IsEffectivelyConstant(ReadOnlySpan<double> x, double std)
    {
        if (std == 0) return true;
        double rms = Math.Sqrt(TensorPrimitives.Dot(x, x) / x.Length);
        return std <= 1e-13 * rms;
    }

    private static double[] Flatten(double[][] columns, int n)
    {
        var data = new double[checked(columns.Length * n)];
        for (int j = 0; j < columns.Length; j++) columns[j].CopyTo(data, j * n);
        return data;
    }
}

/// <summary>The standardised version of a problem with the statistics to convert coefficients back.</summary>
/// <param name="Problem">Centred columns and target scaled by their population std (constant columns become zero).</param>
/// <param name="ColumnMeans">Column means of the raw problem.</param>
/// <param name="ColumnStds">Population std of the raw columns (0 for constant columns).</param>
/// <param name="TargetMean">Mean of the raw target.</param>
/// <param name="TargetStd">Population std of the raw target (0 when constant).</param>
internal sealed record StandardisedProblem(RegressionProblem Problem, double[] ColumnMeans, double[] ColumnStds, double TargetMean, double TargetStd)
{
    /// <summary>The factor c_j / m_j = std(t)/std(φ_j) (spec §6.3); 0 for constant columns.</summary>
    public double BackScale(int j) => ColumnStds[j] > 0 ? TargetStd / ColumnStds[j] : 0;
}
