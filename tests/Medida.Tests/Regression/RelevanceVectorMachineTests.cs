using Science.Medida.Regression;

namespace Science.Medida.Tests.Regression;

/// <summary>Spec §13 group F (F1–F4), §13 C12 (raw vs standardised) and the degenerate cases of the RVM.</summary>
public sealed class RelevanceVectorMachineTests
{
    private static readonly (DesignMatrix Phi, double[] T, double[][] Columns) F1 = SyntheticData.F1();

    /// <summary>F1: support exactly {4, 7}, coefficients within 1e−4, converged at the earliest allowed iteration.</summary>
    [Fact]
    public void F1_RecoversSparseSupportAtTheEarliestAllowedIteration()
    {
        var fit = new RelevanceVectorMachine(new RelevanceVectorSettings(1e5, Tolerance: 1e-3)).Fit(F1.Phi, F1.T);

        Assert.True(fit.Converged, fit.Reason);
        Assert.Equal(3, fit.Iterations); // it = 2 is the first with it > 1: three posterior evaluations
        Assert.Equal(["phi4", "phi7"], fit.Support);
        Assert.Equal(0.1, fit["phi4"], 1e-4);
        Assert.Equal(-0.5, fit["phi7"], 1e-4);
        for (int j = 0; j < SyntheticData.F1Columns; j++)
            if (j is not (4 or 7)) Assert.Equal(0.0, fit.Coefficients[j]);
        // Posterior std ≈ σ/√n ≈ 1e−3/92 for the kept terms, 0 for pruned ones; β ≈ 1/σ².
        Assert.All(fit.Terms, t => Assert.InRange(t.Std!.Value, 5e-6, 2e-5));
        Assert.Equal(0.0, fit.StandardDeviations![0]);
        Assert.InRange(fit.NoisePrecision!.Value, 0.95e6, 1.05e6);
        var cov = fit.GetPosteriorCovariance()!;
        Assert.Equal(2, cov.GetLength(0));
        Assert.Equal(cov[0, 1], cov[1, 0]);
    }

    /// <summary>F1 with threshold 1e12: the support grows, but the spurious terms are tiny (|c| &lt; 2e−5).</summary>
    [Fact]
    public void F1_HugeThresholdAdmitsOnlyTinySpuriousTerms()
    {
        var fit = new RelevanceVectorMachine(1e12).Fit(F1.Phi, F1.T);

        Assert.True(fit.TermCount > 2, fit.ToString());
        Assert.Contains("phi4", fit.Support);
        Assert.Contains("phi7", fit.Support);
        foreach (var term in fit.Terms.Where(t => t.Label is not ("phi4" or "phi7")))
            Assert.True(Math.Abs(term.Value) < 2e-5, $"{term.Label} = {term.Value}");
    }

    /// <summary>
    /// The whole default sweep on F1 agrees with a naive line-by-line port of the reference loop (explicit inverse,
    /// direct residual): same convergence, same iteration counts, coefficients to round-off. Threshold 1e12 is
    /// excluded from the iteration count: its spurious α drift slowly, so the step at which δ &lt; tol is met is
    /// round-off sensitive (numpy itself gives another count than this port).
    /// </summary>
    [Fact]
    public void F1_SweepMatchesNaiveReferencePort()
    {
        var sweep = ThresholdSweep.Rvm().Run(F1.Phi, F1.T);
        foreach (var entry in sweep.Entries)
        {
            var reference = NaiveReferenceRvm.Fit(F1.Columns, F1.T, entry.Threshold);
            Assert.Equal(reference.Converged, entry.Converged);
            if (entry.Threshold < 1e12) Assert.Equal(reference.Iterations, entry.Fit!.Iterations);
            for (int j = 0; j < reference.Coefficients.Length; j++)
                Assert.Equal(reference.Coefficients[j], entry.Fit!.Coefficients[j], 1e-12);
        }
    }

    /// <summary>F2: with threshold 1e−12 every α exceeds it; the fallback keeps the first column, which converges alone.</summary>
    [Fact]
    public void F2_PruningFallbackKeepsTheFirstColumn()
    {
        var t = SyntheticData.Target(F1.Columns, new Dictionary<int, double> { [0] = 0.3, [4] = 0.1 }, 1e-3, 77);
        var fit = new RelevanceVectorMachine(1e-12).Fit(F1.Phi, t);

        Assert.True(fit.Converged, fit.Reason);
        Assert.Equal(["phi0"], fit.Support);
        Assert.Equal(0.3, fit["phi0"], 3.5e-3); // φ4 leaks in by 0.1·corr(φ0, φ4) ≈ 0.1/√n
        // The single-term posterior mean is the one-column least-squares coefficient shrunk by the prior by a factor
        // 1/(1 + α/(βφᵀφ)): here α ≈ 1/0.3² and β ≈ 1/0.1² (φ4 is now noise), a relative 1.3e−5.
        Assert.Equal(SyntheticData.LeastSquares(F1.Columns, t, 0)[0], fit["phi0"], 1e-5);
    }

    /// <summary>F3: an identically zero target gives Converged = false without throwing; the sweep marks every fit missing.</summary>
    [Fact]
    public void F3_ZeroTargetDoesNotConvergeAndDoesNotThrow()
    {
        var t = new double[F1.Phi.Rows];
        var fit = new RelevanceVectorMachine(1e5).Fit(F1.Phi, t);
        Assert.False(fit.Converged);
        Assert.Contains("zero", fit.Reason);

        var sweep = ThresholdSweep.Rvm().Run(F1.Phi, t);
        Assert.All(sweep.Entries, e =>
        {
            Assert.False(e.Converged);
            Assert.Equal(double.PositiveInfinity, e.Nmse);
        });
        Assert.True(sweep.Selection.NoModelError);
        Assert.Null(sweep.Selection.Selected);
    }

    /// <summary>F3: a target at round-off level (1e−14) never converges (α ~ 1/m² fluctuates by ≫ tol); no throw.</summary>
    [Fact]
    public void F3_RoundOffTargetDoesNotConverge()
    {
        var t = new double[F1.Phi.Rows];
        SyntheticData.Gaussian(new Random(5), 1e-14, t);
        var sweep = ThresholdSweep.Rvm().Run(F1.Phi, t);

        Assert.All(sweep.Entries, e =>
        {
            Assert.False(e.Converged, $"threshold {e.Threshold}: {e.Fit}");
            Assert.NotNull(e.Fit!.Reason);
            Assert.Equal(double.PositiveInfinity, e.Nmse);
        });
        Assert.True(sweep.Selection.NoModelError);
    }

    /// <summary>F4: columns × 10 and threshold 1e7: the support is unchanged and the coefficients are divided by 10.</summary>
    [Fact]
    public void F4_ScaledColumnsGiveScaledCoefficients()
    {
        var scaled = SyntheticData.F1(columnScale: 10);
        var raw = new RelevanceVectorMachine(1e5).Fit(F1.Phi, F1.T);
        var fit = new RelevanceVectorMachine(1e7).Fit(scaled.Phi, scaled.T);

        Assert.True(fit.Converged, fit.Reason);
        Assert.Equal(["phi4", "phi7"], fit.Support);
        Assert.Equal(0.01, fit["phi4"], 1e-5);
        Assert.Equal(-0.05, fit["phi7"], 1e-5);
        for (int j = 0; j < SyntheticData.F1Columns; j++)
            Assert.Equal(raw.Coefficients[j] / 10, fit.Coefficients[j], 1e-10);
    }

    /// <summary>
    /// C12 on the F1 problem: the standardised path (centre, scale by the population std, back-transform
    /// c = m·std(t)/std(φ)) selects the same support as the raw path, with coefficients within 0.1%, both for a single
    /// threshold and with the δ-rule over the default sweep.
    /// </summary>
    [Fact]
    public void C12_StandardisedPathMatchesRawPath()
    {
        var problem = new RegressionProblem(F1.Phi, F1.T);
        var raw = new RelevanceVectorMachine(1e5).Fit(problem);
        var std = new RelevanceVectorMachine(new RelevanceVectorSettings(1e5, Standardise: true)).Fit(problem);
        AssertSameModel(raw, std);

        var rawSel = ThresholdSweep.Rvm().Run(problem).Selection;
        var stdSel = ThresholdSweep.Rvm(new RelevanceVectorSettings(1, Standardise: true)).Run(problem).Selection;
        Assert.False(rawSel.NoModelError);
        Assert.False(stdSel.NoModelError);
        AssertSameModel(rawSel.Fit!, stdSel.Fit!);

        static void AssertSameModel(SparseFit raw, SparseFit std)
        {
            Assert.True(std.Converged, std.Reason);
            Assert.Equal(raw.Support, std.Support);
            foreach (var label in raw.Support)
                Assert.True(Math.Abs(std[label] - raw[label]) <= 1e-3 * Math.Abs(raw[label]), $"{label}: {std[label]} vs {raw[label]}");
            // Posterior std is converted back with the same factor.
            foreach (var (r, s) in raw.Terms.Zip(std.Terms)) Assert.Equal(r.Std!.Value, s.Std!.Value, 0.05 * r.Std!.Value);
        }
    }

    /// <summary>
    /// A case-1008-like layer: t = −0.01·φ6 + N(0, (1e−10)²), nMSE ≈ 1e−16. The QR-form residual keeps full accuracy
    /// there (the Gram form tᵀt − 2mᵀΦᵀt + mᵀΦᵀΦm would be pure round-off): the sweep selects the single term, and
    /// the reported nMSE agrees with a double-double direct computation and with the one-pass Φ score.
    /// </summary>
    [Fact]
    public void TinyResidual_Nmse1e16_IsComputedAccurately()
    {
        var t = SyntheticData.Target(F1.Columns, new Dictionary<int, double> { [6] = -0.01 }, 1e-10, 99);
        var problem = new RegressionProblem(F1.Phi, t);
        var sweep = ThresholdSweep.Rvm().Run(problem);
        var fit = sweep.Selection.Fit!;

        Assert.False(sweep.Selection.NoModelError);
        Assert.Equal(["phi6"], fit.Support);
        Assert.Equal(-0.01, fit["phi6"], 1e-11);
        double exactRss = SyntheticData.ResidualSumOfSquaresAccurate(F1.Columns, t, fit.Coefficients);
        double exactNmse = exactRss / t.Length / (SyntheticData.Dot(t, t) / t.Length);
        Assert.InRange(exactNmse, 5e-17, 2e-16);
        Assert.Equal(exactNmse, fit.TrainingScore.Nmse, 1e-6 * exactNmse);
        Assert.Equal(exactNmse, fit.Score(F1.Phi, t).Nmse, 1e-6 * exactNmse);
        Assert.Equal(exactRss, problem.ResidualSumOfSquares(fit.Coefficients.ToArray()), 1e-8 * exactRss);
        // Noise precision β ≈ 1/σ² = 1e20.
        Assert.InRange(fit.NoisePrecision!.Value, 0.9e20, 1.1e20);
    }

    /// <summary>An all-zero column is excluded from the start: the fit is the same as without it, coefficient 0.</summary>
    [Fact]
    public void ZeroColumnIsHarmless()
    {
        var withZero = new DesignMatrix(F1.Phi.Labels.Append("zero").ToArray(), F1.Columns.Append(new double[F1.Phi.Rows]).ToArray());
        var a = new RelevanceVectorMachine(1e5).Fit(F1.Phi, F1.T);
        var b = new RelevanceVectorMachine(1e5).Fit(withZero, F1.T);

        Assert.True(b.Converged, b.Reason);
        Assert.Equal(a.Support, b.Support);
        Assert.Equal(0.0, b["zero"]);
        for (int j = 0; j < a.Coefficients.Count; j++) Assert.Equal(a.Coefficients[j], b.Coefficients[j], 1e-14);
    }

    /// <summary>All columns zero, duplicated (collinear) columns, constant columns when standardising: never a throw.</summary>
    [Fact]
    public void DegenerateDesignsNeverThrow()
    {
        int n = F1.Phi.Rows;
        var zeros = new DesignMatrix([("a", new double[n]), ("b", new double[n])]);
        var z = new RelevanceVectorMachine(1e5).Fit(zeros, F1.T);
        Assert.False(z.Converged);
        Assert.Contains("zero", z.Reason);

        var dup = new DesignMatrix([("phi4", F1.Columns[4]), ("copy", (double[])F1.Columns[4].Clone()), ("phi7", F1.Columns[7])]);
        foreach (var th in ThresholdSweep.DefaultRvmThresholds)
        {
            var fit = new RelevanceVectorMachine(th).Fit(dup, F1.T);
            if (fit.Converged) Assert.True(double.IsFinite(fit.TrainingScore.Nmse));
        }

        var constant = Enumerable.Repeat(0.7, n).ToArray();
        var withConstant = new DesignMatrix(F1.Phi.Labels.Prepend("one").ToArray(), F1.Columns.Prepend(constant).ToArray());
        var s = new RelevanceVectorMachine(new RelevanceVectorSettings(1e5, Standardise: true)).Fit(withConstant, F1.T);
        Assert.True(s.Converged, s.Reason);
        Assert.Equal(0.0, s["one"]);
        Assert.Equal(["phi4", "phi7"], s.Support);
    }

    /// <summary>Posterior predictive variance is 1/β + φᵀΣφ ≥ 1/β, ≈ the noise variance 1e−6 here.</summary>
    [Fact]
    public void PredictiveVarianceIsNoiseVariancePlusParameterUncertainty()
    {
        var fit = new RelevanceVectorMachine(1e5).Fit(F1.Phi, F1.T);
        var v = fit.PredictiveVariance(F1.Phi);
        Assert.All(v, x => Assert.True(x >= 1 / fit.NoisePrecision!.Value));
        Assert.InRange(v.Average(), 0.95e-6, 1.05e-6);
    }

    /// <summary>Invalid settings are rejected at construction.</summary>
    [Fact]
    public void InvalidSettingsThrow()
    {
        Assert.Throws<ArgumentException>(() => new RelevanceVectorMachine(0));
        Assert.Throws<ArgumentException>(() => new RelevanceVectorMachine(double.NaN));
        Assert.Throws<ArgumentException>(() => new RelevanceVectorMachine(new RelevanceVectorSettings(1, Tolerance: -1)));
        Assert.Throws<ArgumentException>(() => new RelevanceVectorMachine(new RelevanceVectorSettings(1, MaxIterations: 0)));
    }

    /// <summary>Non-convergence within MaxIterations is reported with a reason, not thrown.</summary>
    [Fact]
    public void IterationBudgetExhaustedIsReportedNotThrown()
    {
        var fit = new RelevanceVectorMachine(new RelevanceVectorSettings(1e5, MaxIterations: 2)).Fit(F1.Phi, F1.T);
        Assert.False(fit.Converged);
        Assert.Equal(2, fit.Iterations);
        Assert.Contains("no convergence", fit.Reason);
    }
}
