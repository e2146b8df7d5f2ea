using Science.Numerics.LinearAlgebra;
using System.Globalization;

namespace Science.Medida.Regression;

/// <summary>Settings of <see cref="RelevanceVectorMachine"/> (spec §6.1, §6.4).</summary>
/// <param name="ThresholdAlpha">Prune term j when α_j ≥ this (strict "keep if α &lt; threshold"). In raw units α is
/// 1/coefficient², so a coefficient c survives only if threshold ≳ 1/c².</param>
/// <param name="Tolerance">Convergence when δ = max_j |α_j − α_old,j| &lt; tol (absolute) and iteration &gt; 1.</param>
/// <param name="MaxIterations">Maximum number of iterations (posterior evaluations), reference n_iter = 3000.</param>
/// <param name="Standardise">Fit centred, population-std-scaled columns and target and convert back with
/// c_j = m_j·std(t)/std(φ_j) (spec §6.3). Off by default: the reference's regressions run on raw columns, and
/// thresholds mean something different when standardised.</param>
public sealed record RelevanceVectorSettings(double ThresholdAlpha, double Tolerance = 1e-3, int MaxIterations = 3000, bool Standardise = false)
{
    /// <summary>Initial prior precision α_j (reference: 1e−6).</summary>
    public const double InitialAlpha = 1e-6;

    /// <summary>Initial noise precision β_noise (reference: 1e−6). β is re-estimated every iteration, never fixed.</summary>
    public const double InitialBeta = 1e-6;
}

/// <summary>
/// Relevance vector regression without a kernel, exactly as the MEDIDA reference implements it (Tipping's RVM with
/// MacKay updates; spec §6.1). Per iteration, with the current columns:
/// Σ = (diag α + β ΦᵀΦ)⁻¹, m = β Σ Φᵀt, γ_j = 1 − α_j Σ_jj, α_j ← γ_j/m_j², β ← (n − Σγ)/‖t − Φm‖², prune
/// α_j ≥ threshold (keeping the first remaining column if none survive), and stop when
/// δ = max|α − α_old| &lt; tol and it &gt; 1.
/// <para>
/// Implementation: ΦᵀΦ, Φᵀt and the residual come from the shared <see cref="RegressionProblem"/>, so every iteration
/// costs O(M³) on M×M matrices, independent of n_s. Σ is the inverse through a Cholesky factorisation (the reference
/// uses an LU-based explicit inverse; differences are at round-off); if Cholesky meets a non-positive pivot a
/// partial-pivoting Gauss–Jordan inverse is used, like numpy. ‖t − Φm‖² uses the QR form, accurate at nMSE ≈ 1e−16.
/// </para>
/// <para>
/// Degenerate inputs never throw; they give <see cref="SparseFit.Converged"/> = false with a <see cref="SparseFit.Reason"/>:
/// an identically zero target (the reference divides by m = 0 and never converges), all columns zero, an exactly
/// singular posterior matrix (numpy would raise), or a non-finite β or retained α (NaN/∞ propagate in the reference,
/// which then can no longer converge, so the loop stops early). Exactly-zero columns are excluded from the start:
/// in the reference they get α = 0/0 = NaN at the first pruning, which removes them.
/// </para>
/// <para>
/// Output: coefficients are the posterior means m of the last posterior evaluation, pruned; posterior std =
/// sqrt(diag Σ) of that posterior for the surviving terms (0 for pruned terms); <see cref="SparseFit.NoisePrecision"/>
/// is the final β; <see cref="SparseFit.Iterations"/> counts posterior evaluations (it + 1 at the break).
/// </para>
/// </summary>
public sealed class RelevanceVectorMachine : ISparseRegressor
{
    /// <summary>Creates the regressor.</summary>
    /// <exception cref="ArgumentException">Non-positive or NaN threshold, negative or NaN tolerance, or MaxIterations &lt; 1.</exception>
    public RelevanceVectorMachine(RelevanceVectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.ThresholdAlpha > 0)) throw new ArgumentException("ThresholdAlpha must be positive", nameof(settings));
        if (!(settings.Tolerance >= 0)) throw new ArgumentException("Tolerance must be non-negative", nameof(settings));
        if (settings.MaxIterations < 1) throw new ArgumentException("MaxIterations must be at least 1", nameof(settings));
        Settings = settings;
    }

    /// <summary>Creates the regressor with a threshold and the reference defaults (tol 1e−3, 3000 iterations, raw columns).</summary>
    public RelevanceVectorMachine(double thresholdAlpha) : this(new RelevanceVectorSettings(thresholdAlpha))
    {
    }

    /// <summary>The settings.</summary>
    public RelevanceVectorSettings Settings { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"RVM(threshold={Settings.ThresholdAlpha:g3}{(Settings.Standardise ? ", standardised" : "")})");

    /// <inheritdoc />
    public SparseFit Fit(DesignMatrix phi, ReadOnlySpan<double> target) => Fit(new RegressionProblem(phi, target));

    /// <inheritdoc />
    public SparseFit Fit(RegressionProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int mAll = problem.Columns;
        StandardisedProblem? std = Settings.Standardise ? problem.Standardised : null;
        var outcome = Iterate(std?.Problem ?? problem, Settings.ThresholdAlpha, Settings.Tolerance, Settings.MaxIterations);

        var coefficients = new double[mAll];
        var stds = new double[mAll];
        var retained = new bool[mAll];
        int k = outcome.Active.Length;
        var scale = new double[k];
        for (int a = 0; a < k; a++)
        {
            int j = outcome.Active[a];
            scale[a] = std is null ? 1 : std.BackScale(j);
            retained[j] = true;
            coefficients[j] = outcome.Mean[a] * scale[a];
            stds[j] = Math.Sqrt(outcome.Covariance[a * k + a]) * Math.Abs(scale[a]);
        }
        var covariance = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) covariance[a, b] = outcome.Covariance[a * k + b] * scale[a] * scale[b];
        double beta = outcome.Beta;
        if (std is not null) beta = std.TargetStd > 0 ? beta / (std.TargetStd * std.TargetStd) : double.NaN;

        return new SparseFit(Name, problem.Labels, coefficients, retained, stds, outcome.Converged, outcome.Iterations,
            problem.Score(coefficients), outcome.Reason, beta, covariance);
    }

    /// <summary>The last committed state of the iteration.</summary>
    internal sealed record Outcome(bool Converged, int Iterations, string? Reason, int[] Active, double[] Mean, double[] Covariance, double Beta);

    /// <summary>The reference iteration on a prepared problem (raw or standardised).</summary>
    internal static Outcome Iterate(RegressionProblem p, double threshold, double tol, int maxIterations)
    {
        int mAll = p.Columns, n = p.Rows;
        var g = p.GramFlat;
        var xty = p.Xty;

        // Last committed (pruned) posterior, reported on exit.
        int[] lastActive = [];
        double[] lastMean = [], lastSigma = [];
        double lastBeta = double.NaN;
        var active = new int[mAll];
        int k = 0;
        for (int j = 0; j < mAll; j++)
            if (g[j * mAll + j] > 0) active[k++] = j;
        if (k == 0) return Fail(0, "every column is identically zero");
        if (p.TargetSumOfSquares == 0)
            return Fail(0, "the target is identically zero: m = 0, so α = γ/m² and β are infinite and the reference iteration never converges");

        var alpha = new double[k];
        var alphaOld = new double[k];
        Array.Fill(alpha, RelevanceVectorSettings.InitialAlpha);
        Array.Fill(alphaOld, RelevanceVectorSettings.InitialAlpha);
        double beta = RelevanceVectorSettings.InitialBeta;
        var a = new double[mAll * mAll];
        var work = new double[mAll * mAll];
        var sigma = new double[mAll * mAll];
        var m = new double[mAll];
        var gamma = new double[mAll];
        var alphaNew = new double[mAll];
        var keep = new bool[mAll];
        double delta = double.NaN;

        for (int it = 0; it < maxIterations; it++)
        {
            // 1. Posterior with the α and β of this iteration.
            for (int r = 0; r < k; r++)
            {
                int jr = active[r];
                for (int c = 0; c < k; c++) a[r * k + c] = beta * g[jr * mAll + active[c]];
                a[r * k + r] += alpha[r];
            }
            if (!SmallDense.TryInverseSpd(a, k, sigma, work) && !SmallDense.TryInverseGaussJordan(a, k, sigma, work))
                return Fail(it, $"the posterior precision matrix diag(α) + βΦᵀΦ is singular at iteration {it}");
            bool finite = true;
            for (int r = 0; r < k; r++)
            {
                double s = 0;
                for (int c = 0; c < k; c++) s += sigma[r * k + c] * xty[active[c]];
                m[r] = beta * s;
                finite &= double.IsFinite(m[r]) && double.IsFinite(sigma[r * k + r]);
            }
            if (!finite) return Fail(it, $"the posterior became non-finite at iteration {it}");

            // 2–4. γ with the α of this iteration, then α and β updates (β uses all current columns, before pruning).
            double sumGamma = 0;
            for (int r = 0; r < k; r++)
            {
                gamma[r] = 1 - alpha[r] * sigma[r * k + r];
                alphaNew[r] = gamma[r] / (m[r] * m[r]);
                sumGamma += gamma[r];
            }
            double rss = p.ResidualSumOfSquares(active.AsSpan(0, k), m.AsSpan(0, k));
            beta = (n - sumGamma) / rss;

            // 5. Prune: keep α < threshold (NaN is pruned); if none survive, keep the first remaining column.
            int kept = 0;
            for (int r = 0; r < k; r++)
            {
                keep[r] = alphaNew[r] < threshold;
                if (keep[r]) kept++;
            }
            if (kept == 0)
            {
                keep[0] = true;
                kept = 1;
            }
            int w = 0;
            for (int r = 0; r < k; r++)
            {
                if (!keep[r]) continue;
                active[w] = active[r];
                alphaNew[w] = alphaNew[r];
                alphaOld[w] = alphaOld[r];
                m[w] = m[r];
                w++;
            }
            CompactSquare(sigma, k, keep);
            k = kept;
            lastActive = active[..k];
            lastMean = m[..k];
            lastSigma = sigma[..(k * k)];
            lastBeta = beta;

            // 6. Convergence on the absolute change of the surviving α.
            delta = 0;
            bool alphaFinite = true;
            for (int r = 0; r < k; r++)
            {
                double d = Math.Abs(alphaNew[r] - alphaOld[r]);
                delta = double.IsNaN(d) || double.IsNaN(delta) ? double.NaN : Math.Max(delta, d);
                alphaFinite &= double.IsFinite(alphaNew[r]);
            }
            if (delta < tol && it > 1)
                return new Outcome(true, it + 1, null, lastActive, lastMean, lastSigma, lastBeta);
            if (!double.IsFinite(beta))
                return Fail(it + 1, $"the noise precision β became {beta} at iteration {it} (residual {rss:g3}); NaN/∞ then propagate and the reference never converges");
            if (!alphaFinite)
                return Fail(it + 1, $"a retained precision α became non-finite at iteration {it} (a coefficient m = 0); NaN/∞ then propagate and the reference never converges");

            // 7.
            Array.Copy(alphaNew, alpha, k);
            Array.Copy(alphaNew, alphaOld, k);
        }
        return Fail(maxIterations, string.Create(CultureInfo.InvariantCulture,
            $"no convergence in {maxIterations} iterations (last δ = max|Δα| = {delta:g3} ≥ tol = {tol:g3})"));

        Outcome Fail(int iterations, string reason) => new(false, iterations, reason, lastActive, lastMean, lastSigma, lastBeta);
    }

    /// <summary>Keeps the rows and columns of a k×k row-major matrix where <paramref name="keep"/> is true, in place.</summary>
    private static void CompactSquare(double[] s, int k, bool[] keep)
    {
        int w = 0;
        for (int r = 0; r < k; r++)
        {
            if (!keep[r]) continue;
            for (int c = 0; c < k; c++)
                if (keep[c]) s[w++] = s[r * k + c];
        }
    }
}
