using System.Numerics.Tensors;

namespace Science.Medida.Regression;

/// <summary>A coefficient of a fitted term with its uncertainty where the method provides one.</summary>
/// <param name="Label">Column label, e.g. "psi1".</param>
/// <param name="Value">Coefficient (posterior mean for the RVM).</param>
/// <param name="Std">Posterior standard deviation (RVM) or bootstrap spread (ensemble); null when the method gives none.</param>
public sealed record Coefficient(string Label, double Value, double? Std);

/// <summary>Mean squared error and normalised MSE (spec §6.2).</summary>
/// <param name="Mse">mean((t − ŷ)²).</param>
/// <param name="Nmse">MSE / mean(t²); 0 when both vanish, +∞ when only mean(t²) does.</param>
public sealed record FitScore(double Mse, double Nmse)
{
    /// <summary>The score of a residual sum of squares over <paramref name="rows"/> rows.</summary>
    public static FitScore FromResidual(double residualSumOfSquares, int rows, double targetMeanSquare)
    {
        double mse = residualSumOfSquares / rows;
        double nmse = targetMeanSquare > 0 ? mse / targetMeanSquare : mse == 0 ? 0 : double.PositiveInfinity;
        return new FitScore(mse, nmse);
    }
}

/// <summary>
/// The result of a sparse regression, common to all <see cref="ISparseRegressor"/>s. Coefficients are in the units of
/// the raw columns and target (standardised fits are converted back). Pruned terms have coefficient 0.
/// A fit with <see cref="Converged"/> = false carries its last iterate for diagnosis only; the reference has no result
/// in that case and a <see cref="ThresholdSweep"/> treats it as missing.
/// </summary>
public sealed class SparseFit
{
    private readonly string[] _labels;
    private readonly double[] _coefficients;
    private readonly double[]? _stds;
    private readonly bool[] _retained;
    private readonly double[]? _inclusion;
    private readonly double[,]? _covariance;

    /// <summary>Creates a fit result.</summary>
    /// <param name="method">Name of the method and its main setting, e.g. "RVM(threshold=1e5)".</param>
    /// <param name="labels">Labels of all columns, in column order.</param>
    /// <param name="coefficients">One coefficient per column, 0 for terms outside the support.</param>
    /// <param name="retained">Support mask, one entry per column.</param>
    /// <param name="standardDeviations">One std per column, or null.</param>
    /// <param name="converged">Whether the method's convergence test was met.</param>
    /// <param name="iterations">Method-specific iteration count (see the regressor).</param>
    /// <param name="trainingScore">MSE and nMSE on the training data.</param>
    /// <param name="reason">Why the fit did not converge (or a note on a degenerate input); null otherwise.</param>
    /// <param name="noisePrecision">RVM noise precision β in raw target units, else null.</param>
    /// <param name="posteriorCovariance">RVM posterior covariance of the support terms (support order), else null.</param>
    /// <param name="inclusionProbabilities">Ensemble inclusion probability per column, else null.</param>
    public SparseFit(string method, IReadOnlyList<string> labels, IReadOnlyList<double> coefficients, IReadOnlyList<bool> retained,
        IReadOnlyList<double>? standardDeviations, bool converged, int iterations, FitScore trainingScore, string? reason = null,
        double? noisePrecision = null, double[,]? posteriorCovariance = null, IReadOnlyList<double>? inclusionProbabilities = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(retained);
        ArgumentNullException.ThrowIfNull(trainingScore);
        int m = labels.Count;
        if (coefficients.Count != m || retained.Count != m || (standardDeviations is not null && standardDeviations.Count != m)
            || (inclusionProbabilities is not null && inclusionProbabilities.Count != m))
            throw new ArgumentException("every per-column array must have one entry per label");
        Method = method;
        _labels = labels.ToArray();
        _coefficients = coefficients.ToArray();
        _retained = retained.ToArray();
        _stds = standardDeviations?.ToArray();
        _inclusion = inclusionProbabilities?.ToArray();
        int s = _retained.Count(x => x);
        if (posteriorCovariance is not null && (posteriorCovariance.GetLength(0) != s || posteriorCovariance.GetLength(1) != s))
            throw new ArgumentException("the posterior covariance must be support × support", nameof(posteriorCovariance));
        _covariance = (double[,]?)posteriorCovariance?.Clone();
        Converged = converged;
        Iterations = iterations;
        TrainingScore = trainingScore;
        Reason = reason;
        NoisePrecision = noisePrecision;
    }

    /// <summary>Name of the method and its main setting.</summary>
    public string Method { get; }

    /// <summary>Labels of all columns, in column order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>One coefficient per column (0 outside the support).</summary>
    public IReadOnlyList<double> Coefficients => _coefficients;

    /// <summary>One standard deviation per column (0 outside the support), or null when the method gives none.</summary>
    public IReadOnlyList<double>? StandardDeviations => _stds;

    /// <summary>Support mask, one entry per column.</summary>
    public IReadOnlyList<bool> Retained => _retained;

    /// <summary>Labels of the selected terms, in column order.</summary>
    public IReadOnlyList<string> Support => _labels.Where((_, j) => _retained[j]).ToArray();

    /// <summary>Number of selected terms ‖c‖₀.</summary>
    public int TermCount => _retained.Count(x => x);

    /// <summary>The selected terms with their values and uncertainties, in column order.</summary>
    public IReadOnlyList<Coefficient> Terms =>
        Enumerable.Range(0, _labels.Length).Where(j => _retained[j]).Select(j => new Coefficient(_labels[j], _coefficients[j], _stds?[j])).ToArray();

    /// <summary>Whether the method's convergence test was met. False fits carry diagnostics only.</summary>
    public bool Converged { get; }

    /// <summary>Method-specific iteration count (RVM: posterior evaluations; STLSQ: least-squares solves).</summary>
    public int Iterations { get; }

    /// <summary>Why the fit did not converge, or a note on a degenerate input; null for a regular fit.</summary>
    public string? Reason { get; }

    /// <summary>RVM noise precision β_noise (in raw target units, 1/variance), else null.</summary>
    public double? NoisePrecision { get; }

    /// <summary>Ensemble inclusion probability per column, else null.</summary>
    public IReadOnlyList<double>? InclusionProbabilities => _inclusion;

    /// <summary>MSE and nMSE of these coefficients on the training data (no intercept, as in the reference).</summary>
    public FitScore TrainingScore { get; }

    /// <summary>The coefficient of a label (0 when not in the support).</summary>
    /// <exception cref="ArgumentException">Unknown label.</exception>
    public double this[string label]
    {
        get
        {
            int j = Array.IndexOf(_labels, label);
            if (j < 0) throw new ArgumentException($"the fit has no column '{label}'", nameof(label));
            return _coefficients[j];
        }
    }

    /// <summary>A copy of the posterior covariance of the support terms (support order, raw units), or null.</summary>
    public double[,]? GetPosteriorCovariance() => (double[,]?)_covariance?.Clone();

    /// <summary>ŷ = Σ_{j ∈ support} c_j φ_j, matching columns of <paramref name="phi"/> by label.</summary>
    /// <exception cref="ArgumentException"><paramref name="phi"/> lacks a support label.</exception>
    public double[] Predict(DesignMatrix phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        var y = new double[phi.Rows];
        for (int j = 0; j < _labels.Length; j++)
        {
            if (!_retained[j] || _coefficients[j] == 0) continue;
            TensorPrimitives.MultiplyAdd(phi.ColumnSpan(phi.RequireIndex(_labels[j], nameof(phi))), _coefficients[j], y, y);
        }
        return y;
    }

    /// <summary>MSE = mean((t − ŷ)²) and nMSE = MSE / mean(t²), computed directly from Φ (one pass).</summary>
    /// <exception cref="ArgumentException">Length mismatch or a missing support label.</exception>
    public FitScore Score(DesignMatrix phi, ReadOnlySpan<double> target)
    {
        if (target.Length != phi.Rows) throw new ArgumentException($"target has {target.Length} entries, the design matrix {phi.Rows} rows", nameof(target));
        var residual = Predict(phi);
        TensorPrimitives.Subtract(target, residual, residual);
        return FitScore.FromResidual(TensorPrimitives.Dot(residual, residual), phi.Rows, TensorPrimitives.Dot(target, target) / phi.Rows);
    }

    /// <summary>
    /// RVM posterior predictive variance per row, 1/β + φᵢᵀΣφᵢ over the support (the reference's <c>post_pred_var</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The method provides no posterior.</exception>
    public double[] PredictiveVariance(DesignMatrix phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (_covariance is null || NoisePrecision is null) throw new InvalidOperationException($"{Method} provides no posterior covariance");
        var support = Enumerable.Range(0, _labels.Length).Where(j => _retained[j]).Select(j => phi.RequireIndex(_labels[j], nameof(phi))).ToArray();
        var v = new double[phi.Rows];
        Array.Fill(v, 1 / NoisePrecision.Value);
        for (int a = 0; a < support.Length; a++)
            for (int b = 0; b < support.Length; b++)
            {
                double s = _covariance[a, b];
                if (s == 0) continue;
                var x = phi.ColumnSpan(support[a]);
                var y = phi.ColumnSpan(support[b]);
                for (int i = 0; i < v.Length; i++) v[i] += s * x[i] * y[i];
            }
        return v;
    }

    /// <summary>A one-line summary: method, convergence, terms and nMSE.</summary>
    public override string ToString()
    {
        var terms = string.Join(", ", Terms.Select(t => $"{t.Label} {t.Value:+0.#####e+0;-0.#####e+0}"));
        return $"{Method}: {(Converged ? "converged" : "NOT converged")} after {Iterations}, [{terms}], nMSE {TrainingScore.Nmse:g3}";
    }
}

/// <summary>A sparse linear regression t ≈ Φc over labelled candidate columns.</summary>
public interface ISparseRegressor
{
    /// <summary>Name of the method and its main setting.</summary>
    string Name { get; }

    /// <summary>Fits a prepared problem (sufficient statistics shared across fits). Never throws on non-convergence.</summary>
    SparseFit Fit(RegressionProblem problem);

    /// <summary>Fits Φ and t (prepares the problem, then fits it).</summary>
    SparseFit Fit(DesignMatrix phi, ReadOnlySpan<double> target);
}
