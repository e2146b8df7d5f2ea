using Science.QgModel.IO;
using Science.QgModel.Spectral;

namespace Science.QgModel.Tests;

/// <summary>
/// Acceptance 4: the spin-up from the analytic IC reaches the statistics of spec §3.6 / check B2. The fast test checks
/// the shipped spun-up trajectory (made by this solver: 20 000 steps from the oracle's IC, then snapshots every 400
/// steps); the default-suite run test advances the solver 2 000 steps from the shipped spun-up state and checks the
/// same bands plus KE; the slow one (SCIENCE_SLOW=1, skipped otherwise) repeats the spec's 20 001-step run with its
/// 251-snapshot archive.
/// </summary>
public sealed class SpinUpTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// B2 on a run of the solver in the default suite: 2 000 steps (50 time units, ~5 s) from the shipped spun-up
    /// state, 51 snapshots every 40 steps as the reference archives. The B2 bands of spec §13 are for 251 snapshots
    /// over 250 time units; they hold here too (measured values are printed). The KE bands are ours (the spec gives
    /// none): ±25% around the reference run's mean KE over t = 250…1500 from the oracle's /diag/ke (see below).
    /// Measured (managed FFT): 2 001 steps in 5.2 s; KE1 0.1551, KE2 0.02511, std ψ1 3.191, ψ2 0.4418, q1 6.678,
    /// q2 1.928, S(10) 4.591, S(30) 0.1769, S(48) 0.007581, u1 peak 0.982, u1(±10) 0.006 and −0.026.
    /// </summary>
    [Fact]
    public void ShortRunFromSpunUpStateKeepsSpunUpStatistics()
    {
        var start = QgStateFile.Read(Science.Tests.Shared.RepositoryPaths.SpunUp);
        var g = start.Grid;
        using var solver = new QgSolver(g, QgParameters.Truth);
        solver.Initialize(start.State);
        var archive = new List<QgState>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i <= 2_000; i++)
        {
            solver.Step();
            if (i % 40 == 0) archive.Add(solver.Current);
        }
        output.WriteLine($"2 001 steps in {clock.Elapsed.TotalSeconds:F1} s; {archive.Count} snapshots");
        Assert.True(FieldMath.MaxAbs(solver.Current.QLayer(0)) < 50, "B1: max |q1| must stay below 50");

        using var sp = new QgSpectral(g);
        var d = new QgDiagnostics(sp);
        var summaries = archive.Select(s => d.Summarize(s, QgParameters.Truth.Dt)).ToArray();
        double ke1 = summaries.Average(s => s.Ke1), ke2 = summaries.Average(s => s.Ke2);
        output.WriteLine(FormattableString.Invariant($"mean KE1 {ke1:G4}, KE2 {ke2:G4}"));
        InRange("mean KE1", ke1, Ke1Low, Ke1High, "oracle /diag/ke ±25%");
        InRange("mean KE2", ke2, Ke2Low, Ke2High, "oracle /diag/ke ±25%");
        CheckB2(archive, g, output);
    }

    // The reference run's mean KE over its /diag/ke samples at t ≥ 250 (steps 10 000…60 000, 1 251 samples): KE1 0.156149,
    // KE2 0.026402 (KeBandsAreCentredOnTheReferenceRun checks them against the oracle); the bands are ±25% around them,
    // like the B2 bands around the reference run.
    private const double Ke1Reference = 0.156149, Ke2Reference = 0.026402;
    private const double Ke1Low = 0.75 * Ke1Reference, Ke1High = 1.25 * Ke1Reference;
    private const double Ke2Low = 0.75 * Ke2Reference, Ke2High = 1.25 * Ke2Reference;

    [Fact]
    public void ShippedTrajectoryHasSpunUpStatistics()
    {
        var t = QgTrajectoryFile.Read(Science.Tests.Shared.RepositoryPaths.Trajectory);
        var states = Enumerable.Range(0, t.Count).Select(t.GetState).ToArray();
        CheckB2(states, t.Grid, output);
        Assert.Equal(20_000, t.Steps[0]);
    }

    [SkippableFact]
    public void FullSpinUpFromAnalyticIcReachesStatistics()
    {
        Science.Tests.Shared.Prerequisite.OptIn("SCIENCE_SLOW", "the 20 001-step spin-up (~1–2 minutes)");
        var g = Grid.Default;
        using var solver = new QgSolver(g, QgParameters.Truth);
        solver.Initialize(InitialConditions.Analytic(g));
        var archive = new List<QgState>();
        for (int i = 0; i <= 20_000; i++)
        {
            solver.Step();
            if (i >= 10_000 && i % 40 == 0) archive.Add(solver.Previous); // level 0 after call i, as the reference archives
        }
        Assert.Equal(251, archive.Count);
        Assert.True(FieldMath.MaxAbs(solver.Current.QLayer(0)) < 50, "B1: max |q1| must stay below 50");
        CheckB2(archive, g);
    }

    private static void CheckB2(IReadOnlyList<QgState> states, Grid g, Xunit.Abstractions.ITestOutputHelper? log = null)
    {
        void Check(string what, double v, double lo, double hi)
        {
            log?.WriteLine(FormattableString.Invariant($"{what} = {v:G4} (band [{lo}, {hi}])"));
            InRange(what, v, lo, hi);
        }

        using var sp = new QgSpectral(g);
        var d = new QgDiagnostics(sp);
        double Mean(Func<QgState, double> f) => states.Average(f);
        Check("std ψ1", Mean(s => FieldMath.StandardDeviation(s.PsiLayer(0))), 2.6, 3.6);
        Check("std ψ2", Mean(s => FieldMath.StandardDeviation(s.PsiLayer(1))), 0.33, 0.60);
        Check("std q1", Mean(s => FieldMath.StandardDeviation(s.QLayer(0))), 5.9, 7.3);
        Check("std q2", Mean(s => FieldMath.StandardDeviation(s.QLayer(1))), 1.75, 2.15);
        var spectra = states.Select(s => QgDiagnostics.ZonalAmplitudeSpectrum(g, s.PsiLayer(0))).ToArray();
        Check("S(10)", spectra.Average(s => s[10]), 2.5, 9);
        Check("S(30)", spectra.Average(s => s[30]), 0.08, 0.35);
        Check("S(48)", spectra.Average(s => s[48]), 0.003, 0.03);
        var u = new double[g.Ny];
        foreach (var s in states)
        {
            var w = d.ZonalMeanWind(s, 0);
            for (int j = 0; j < g.Ny; j++) u[j] += w[j] / states.Count;
        }
        double peak = Enumerable.Range(0, g.Ny).Where(j => Math.Abs(g.Y[j]) <= 1.5).Max(j => u[j]);
        Check("u1 peak |y| ≤ 1.5", peak, 0.85, 1.25);
        foreach (double y0 in new[] { -10.0, 10.0 })
        {
            int j = Array.FindIndex(g.Y.ToArray(), y => Math.Abs(y - y0) < g.Dy / 2 + 1e-9);
            log?.WriteLine(FormattableString.Invariant($"u1 at y = {y0}: {u[j]:F3} (must be below 0.15)"));
            Assert.True(u[j] < 0.15, $"u1 at y = {y0}: {u[j]:F3} (must be below 0.15)");
        }
    }

    /// <summary>The KE band centres above are the oracle reference run's mean KE at t ≥ 250 (skipped without the oracle).</summary>
    [SkippableFact]
    public void KeBandsAreCentredOnTheReferenceRun()
    {
        var steps = Oracle.Data.ReadInt64Vector("/diag/steps");
        var ke = Oracle.Data.ReadArray("/diag/ke", out int[] shape);
        Assert.Equal([steps.Length, 2], shape);
        double ke1 = 0, ke2 = 0;
        int n = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            if (steps[i] < 10_000) continue;
            ke1 += ke[2 * i];
            ke2 += ke[2 * i + 1];
            n++;
        }
        ke1 /= n;
        ke2 /= n;
        output.WriteLine(FormattableString.Invariant($"oracle /diag/ke at steps ≥ 10000 ({n} samples, last step {steps[^1]}): KE1 {ke1:G6}, KE2 {ke2:G6}"));
        Assert.Equal(Ke1Reference, ke1, ke1 * 1e-5);
        Assert.Equal(Ke2Reference, ke2, ke2 * 1e-4);
    }

    private static void InRange(string what, double v, double lo, double hi, string source = "spec §13 B2") =>
        Assert.True(v >= lo && v <= hi, $"{what} = {v:G4} outside [{lo}, {hi}] ({source})");

}
