using Science.Medida.Regression;

namespace Science.Medida.Tests.Regression;

/// <summary>The δ-rule of spec §6.4 on hand-made tables, and the sweep machinery.</summary>
public sealed class ThresholdSweepTests
{
    private static SweepEntry Row(double threshold, double nmse, int terms, bool converged = true) =>
        new(threshold, converged, converged ? nmse : double.PositiveInfinity, terms);

    /// <summary>The typical case-1001 layer-1 sweep of spec §7.4.</summary>
    private static SweepEntry[] Case1001Table()
    {
        var rows = new List<SweepEntry>();
        for (int e = -7; e <= 1; e++) rows.Add(Row(Math.Pow(10, e), 0.939, 1));
        rows.Add(Row(1e2, 2.2900e-5, 3));
        rows.Add(Row(1e3, 2.2890e-5, 3));
        rows.Add(Row(1e4, 2.2890e-5, 3));
        rows.Add(Row(1e5, 2.2895e-5, 3));
        rows.Add(Row(1e6, 2.2895e-5, 3));
        rows.Add(Row(1e7, 6.2e-6, 5));
        rows.Add(Row(1e12, 0, 9, converged: false));
        return rows.ToArray();
    }

    [Fact]
    public void DefaultRvmThresholdsAreTheSixteenReferenceValues()
    {
        var t = ThresholdSweep.DefaultRvmThresholds;
        Assert.Equal(16, t.Count);
        Assert.Equal([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e12], t);
    }

    /// <summary>Fewest terms within nMSE_min + δ; ties by the smaller nMSE (1e3 beats 1e2, 1e5, 1e6); non-converged ignored.</summary>
    [Fact]
    public void SelectsFewestTermsWithinDeltaThenSmallestNmse()
    {
        var result = new SweepResult(Case1001Table(), targetRms: 0.07, designRms: 1);
        var s = result.Selection;
        Assert.False(s.NoModelError);
        Assert.Equal(1e3, s.Selected!.Threshold);
        Assert.Equal(10, s.SelectedIndex);
        Assert.Equal(6.2e-6, s.MinimumNmse);
        Assert.Equal(1e-3, s.Delta);
    }

    /// <summary>δ is exposed: with δ = 0 only the best-nMSE fit qualifies; with a huge δ the 1-term fallback wins.</summary>
    [Fact]
    public void DeltaControlsTheElbow()
    {
        var result = new SweepResult(Case1001Table(), 0.07, 1);
        Assert.Equal(1e7, result.Select(0).Selected!.Threshold);
        Assert.Equal(1e-7, result.Select(1).Selected!.Threshold); // all 1-term rows tie at 0.939: table order
        Assert.Equal(5, result.Select(1e-5).Selected!.TermCount); // 2.29e−5 > 6.2e−6 + 1e−5
        Assert.Throws<ArgumentException>(() => result.Select(-1));
    }

    /// <summary>The bound is inclusive: nMSE = nMSE_min + δ qualifies.</summary>
    [Fact]
    public void DeltaBoundIsInclusive()
    {
        var rows = new[] { Row(1, 0.25, 1), Row(2, 0.125, 2) };
        Assert.Equal(1, new SweepResult(rows, 1, 1, delta: 0.125).Selection.Selected!.Threshold);
        Assert.Equal(2, new SweepResult(rows, 1, 1, delta: 0.124).Selection.Selected!.Threshold);
    }

    /// <summary>A non-converged row never counts, even with a tiny recorded nMSE.</summary>
    [Fact]
    public void NonConvergedRowsAreIgnored()
    {
        var rows = new[] { new SweepEntry(1, false, 1e-20, 1), Row(2, 0.5, 2), Row(3, 0.4, 3) };
        var s = new SweepResult(rows, 1, 1).Selection;
        Assert.Equal(3, s.Selected!.Threshold);
        Assert.Equal(0.4, s.MinimumNmse);
    }

    /// <summary>No converged fit → "no model error".</summary>
    [Fact]
    public void NoConvergedFitMeansNoModelError()
    {
        var rows = Enumerable.Range(0, 16).Select(i => Row(i, 0, 1, converged: false)).ToArray();
        var s = new SweepResult(rows, 1, 1).Selection;
        Assert.True(s.NoModelError);
        Assert.Null(s.Selected);
        Assert.Equal(-1, s.SelectedIndex);
        Assert.Contains("converged", s.Reason);
    }

    /// <summary>rms(t) &lt; 1e−9·rms(Φ) → "no model error" even when fits converged (cases 1006/1007 layer 1).</summary>
    [Fact]
    public void NegligibleTargetMeansNoModelError()
    {
        var s = new SweepResult(Case1001Table(), targetRms: 2e-12, designRms: 1e-2).Selection;
        Assert.True(s.NoModelError);
        Assert.Contains("rms", s.Reason);
        Assert.False(new SweepResult(Case1001Table(), targetRms: 2e-11, designRms: 1e-2).Selection.NoModelError);
    }

    /// <summary>An empty selected model (possible with STLSQ) is reported as "no model error".</summary>
    [Fact]
    public void EmptySelectedModelMeansNoModelError()
    {
        var rows = new[] { Row(0.1, 0.9995, 3), Row(1, 1, 0) };
        var s = new SweepResult(rows, 1, 1).Selection;
        Assert.True(s.NoModelError);
        Assert.Equal(0, s.Selected!.TermCount);
    }

    /// <summary>Parallel and sequential sweeps give identical tables in threshold order.</summary>
    [Fact]
    public void ParallelSweepIsDeterministicAndOrdered()
    {
        var (phi, t, _) = SyntheticData.F1();
        var problem = new RegressionProblem(phi, t);
        var par = ThresholdSweep.Rvm().Run(problem);
        var seq = new ThresholdSweep(th => new RelevanceVectorMachine(th), ThresholdSweep.DefaultRvmThresholds) { RunInParallel = false }.Run(problem);

        Assert.Equal(ThresholdSweep.DefaultRvmThresholds, par.Entries.Select(e => e.Threshold));
        for (int i = 0; i < par.Entries.Count; i++)
        {
            Assert.Equal(seq.Entries[i].Converged, par.Entries[i].Converged);
            Assert.Equal(seq.Entries[i].Nmse, par.Entries[i].Nmse);
            Assert.Equal(seq.Entries[i].Fit!.Coefficients, par.Entries[i].Fit!.Coefficients);
        }
        Assert.Equal(["phi4", "phi7"], par.Selection.Fit!.Support);
        Assert.Contains("<= selected", par.ToTable());
    }

    /// <summary>An STLSQ sweep over λ with the same selection rule.</summary>
    [Fact]
    public void StlsqSweepSelectsTheTrueSupport()
    {
        var (phi, t, _) = SyntheticData.F1();
        var sweep = ThresholdSweep.Stlsq([1e-6, 1e-3, 0.05, 0.2, 1]).Run(phi, t);
        Assert.Equal(["phi4", "phi7"], sweep.Selection.Fit!.Support);
        Assert.Equal(0, sweep.Entries[^1].TermCount);
    }
}
