using Science.Medida.Regression;

namespace Science.Medida.Tests.Regression;

/// <summary>STLSQ and bagged STLSQ on the F1 problem and degenerate inputs.</summary>
public sealed class StlsqTests
{
    private static readonly (DesignMatrix Phi, double[] T, double[][] Columns) F1 = SyntheticData.F1();

    /// <summary>λ = 0.05 recovers {4, 7} exactly: the coefficients are the least squares on that support.</summary>
    [Fact]
    public void RecoversF1SupportExactly()
    {
        var fit = new SequentialThresholdedLeastSquares(0.05).Fit(F1.Phi, F1.T);
        var ls = SyntheticData.LeastSquares(F1.Columns, F1.T, 4, 7);

        Assert.True(fit.Converged, fit.Reason);
        Assert.Equal(["phi4", "phi7"], fit.Support);
        Assert.Equal(ls[0], fit["phi4"], 1e-12);
        Assert.Equal(ls[1], fit["phi7"], 1e-12);
        Assert.Equal(0.1, fit["phi4"], 1e-4);
        Assert.Equal(-0.5, fit["phi7"], 1e-4);
        Assert.Equal(2, fit.Iterations); // full fit, then the fit on {4, 7}, whose support is stable
        Assert.Null(fit.StandardDeviations);
    }

    /// <summary>An all-zero target gives the empty support (a converged "no term" answer).</summary>
    [Fact]
    public void ZeroTargetGivesEmptySupport()
    {
        var t = new double[F1.Phi.Rows];
        foreach (double lambda in new[] { 0.0, 0.05 })
        {
            var fit = new SequentialThresholdedLeastSquares(lambda).Fit(F1.Phi, t);
            Assert.True(fit.Converged);
            Assert.Empty(fit.Support);
            Assert.All(fit.Coefficients, c => Assert.Equal(0.0, c));
        }
    }

    /// <summary>Thresholding standardised coefficients: 0.1·std(φ4)/std(t) ≈ 0.196, so λ = 0.1 keeps {4, 7}, λ = 0.5 only 7.</summary>
    [Fact]
    public void StandardisedThresholdUsesScaledCoefficients()
    {
        var keep = new SequentialThresholdedLeastSquares(new StlsqSettings(0.1, ThresholdOnStandardised: true)).Fit(F1.Phi, F1.T);
        Assert.Equal(["phi4", "phi7"], keep.Support);
        var drop = new SequentialThresholdedLeastSquares(new StlsqSettings(0.5, ThresholdOnStandardised: true)).Fit(F1.Phi, F1.T);
        Assert.Equal(["phi7"], drop.Support);
    }

    /// <summary>Duplicated columns make the active Gram singular: no ridge → Converged = false with a reason; a ridge fixes it.</summary>
    [Fact]
    public void SingularGramIsReportedAndRidgeResolvesIt()
    {
        var dup = new DesignMatrix([("phi4", F1.Columns[4]), ("copy", (double[])F1.Columns[4].Clone()), ("phi7", F1.Columns[7])]);
        var plain = new SequentialThresholdedLeastSquares(0.01).Fit(dup, F1.T);
        Assert.False(plain.Converged);
        Assert.Contains("singular", plain.Reason);

        var ridge = new SequentialThresholdedLeastSquares(new StlsqSettings(0.01, Ridge: 1e-3, Unbias: false)).Fit(dup, F1.T);
        Assert.True(ridge.Converged, ridge.Reason);
        Assert.Equal(0.1, ridge["phi4"] + ridge["copy"], 1e-4);
    }

    /// <summary>With a ridge and Unbias (default), the final coefficients are the plain least squares on the support.</summary>
    [Fact]
    public void UnbiasRefitsWithoutRidge()
    {
        var fit = new SequentialThresholdedLeastSquares(new StlsqSettings(0.05, Ridge: 1e3)).Fit(F1.Phi, F1.T);
        var ls = SyntheticData.LeastSquares(F1.Columns, F1.T, 4, 7);
        Assert.Equal(["phi4", "phi7"], fit.Support);
        Assert.Equal(ls[0], fit["phi4"], 1e-12);
        var biased = new SequentialThresholdedLeastSquares(new StlsqSettings(0.05, Ridge: 1e3, Unbias: false)).Fit(F1.Phi, F1.T);
        Assert.True(Math.Abs(biased["phi4"]) < Math.Abs(ls[0]));
    }

    /// <summary>The bagged STLSQ is deterministic for a fixed seed (parallel or not) and depends on the seed.</summary>
    [Fact]
    public void EnsembleIsDeterministicForAFixedSeed()
    {
        var settings = new EnsembleStlsqSettings(new StlsqSettings(0.05), Bags: 24, Seed: 42);
        var problem = new RegressionProblem(F1.Phi, F1.T);
        var a = new EnsembleStlsq(settings).Fit(problem);
        var b = new EnsembleStlsq(settings).Fit(problem);
        var c = new EnsembleStlsq(settings with { Parallel = false }).Fit(problem);
        var d = new EnsembleStlsq(settings with { Seed = 43 }).Fit(problem);

        Assert.Equal(a.Coefficients, b.Coefficients);
        Assert.Equal(a.Coefficients, c.Coefficients);
        Assert.Equal(a.StandardDeviations!, c.StandardDeviations!);
        Assert.Equal(a.InclusionProbabilities!, c.InclusionProbabilities!);
        Assert.NotEqual(a.Coefficients[4], d.Coefficients[4]);
    }

    /// <summary>Inclusion probability 1 for the true terms and 0 for the others; medians near the truth; bootstrap spread ≈ σ/√n.</summary>
    [Fact]
    public void EnsembleInclusionProbabilitiesSeparateTrueTerms()
    {
        var fit = new EnsembleStlsq(new EnsembleStlsqSettings(new StlsqSettings(0.05), Bags: 40, Seed: 1)).Fit(F1.Phi, F1.T);

        Assert.True(fit.Converged, fit.Reason);
        Assert.Equal(["phi4", "phi7"], fit.Support);
        for (int j = 0; j < SyntheticData.F1Columns; j++)
            Assert.Equal(j is 4 or 7 ? 1.0 : 0.0, fit.InclusionProbabilities![j]);
        Assert.Equal(0.1, fit["phi4"], 1e-4);
        Assert.Equal(-0.5, fit["phi7"], 1e-4);
        Assert.All(fit.Terms, t => Assert.InRange(t.Std!.Value, 3e-6, 3e-5));
    }

    /// <summary>The inclusion cut decides the support: a weak term selected in about half the bags is kept only by a low cut.</summary>
    [Fact]
    public void EnsembleInclusionCutControlsSupport()
    {
        // λ set at the full-data estimate of a weak term's coefficient: the bootstrap puts it above λ in some bags only.
        var t = SyntheticData.Target(F1.Columns, new Dictionary<int, double> { [4] = 0.1, [7] = -0.5, [2] = 0.02 }, 0.3, 3);
        double c2 = SyntheticData.LeastSquares(F1.Columns, t, 2, 4, 7)[0];
        var settings = new EnsembleStlsqSettings(new StlsqSettings(c2), Bags: 60, Seed: 9);
        var fit = new EnsembleStlsq(settings).Fit(F1.Phi, t);
        double p2 = fit.InclusionProbabilities![2];
        Assert.InRange(p2, 0.1, 0.9);
        Assert.Equal(p2 >= 0.6, fit.Support.Contains("phi2"));
        var loose = new EnsembleStlsq(settings with { InclusionCut = Math.Max(0.05, p2 - 0.01) }).Fit(F1.Phi, t);
        Assert.Contains("phi2", loose.Support);
    }

    /// <summary>Invalid settings are rejected.</summary>
    [Fact]
    public void InvalidSettingsThrow()
    {
        Assert.Throws<ArgumentException>(() => new SequentialThresholdedLeastSquares(-1));
        Assert.Throws<ArgumentException>(() => new SequentialThresholdedLeastSquares(new StlsqSettings(0.1, Ridge: -1)));
        Assert.Throws<ArgumentException>(() => new EnsembleStlsq(new EnsembleStlsqSettings(new StlsqSettings(0.1), Bags: 0)));
        Assert.Throws<ArgumentException>(() => new EnsembleStlsq(new EnsembleStlsqSettings(new StlsqSettings(0.1), InclusionCut: 0)));
    }
}
