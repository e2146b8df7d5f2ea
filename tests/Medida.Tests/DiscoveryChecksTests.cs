using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Library;
using Science.Medida.Regression;
using Science.QgModel;
using Xunit.Abstractions;

namespace Science.Medida.Tests;

/// <summary>
/// Spec §13 group C (C1–C12): increments and discovery with full, clean observations, reference settings (cut 20,
/// one snapshot, library at the forecast state, tol 1e−3, the 16-threshold RVM sweep, δ = 1e−3). Every check runs on
/// two snapshots of the shipped trajectory data/qg_trajectory.h5: index 0 (step 20000, t = 500) and index 5
/// (step 22000, t = 550). Tolerances are those of the spec; coefficients are asserted explicitly as well as through
/// the report's comparison with the known answer.
/// </summary>
public sealed class DiscoveryChecksTests(ITestOutputHelper output)
{
    private static readonly string[] Relaxation = ["psi1", "psi2", "psi_R"];

    private void Log(string check, int snapshot, DiscoveryReport report) => Log(check, $"snapshot {snapshot}", report);

    private void Log(string check, string snapshots, DiscoveryReport report)
    {
        foreach (var l in report.Layers)
            output.WriteLine($"{check} case {report.Case.Id} {snapshots} L{l.Number}: {TestData.Describe(l)}");
    }

    /// <summary>|found − expected| ≤ rel·|expected|.</summary>
    private static void Near(double expected, double found, double relative, string what) =>
        Assert.True(Math.Abs(found - expected) <= relative * Math.Abs(expected),
            FormattableString.Invariant($"{what}: found {found:G8}, expected {expected:G8} ± {relative:P2}"));

    private static void Support(LayerDiscovery layer, params string[] labels)
    {
        Assert.False(layer.NoError, $"layer {layer.Number}: unexpected 'no error' ({layer.NoErrorReason})");
        Assert.Equal(labels.Order(), layer.Terms.Select(t => t.Label).Order());
        Assert.NotNull(layer.Comparison);
        Assert.Equal(Verdict.ExactSupport, layer.Comparison!.Verdict);
    }

    /// <summary>C3 layer check: support {ψ1, ψ2, ψR}, coefficients s·(−0.1, +0.1, +0.1) within 1%, nMSE ≤ 1e−4.</summary>
    private static void Relaxation1001(LayerDiscovery layer, double sign, double relative = 0.01, double nmse = 1e-4)
    {
        Support(layer, Relaxation);
        Near(-0.1 * sign, TestData.Coefficient(layer, "psi1"), relative, $"L{layer.Number} psi1");
        Near(+0.1 * sign, TestData.Coefficient(layer, "psi2"), relative, $"L{layer.Number} psi2");
        Near(+0.1 * sign, TestData.Coefficient(layer, "psi_R"), relative, $"L{layer.Number} psi_R");
        Assert.True(layer.Comparison!.MaxRelativeError <= relative, $"max relative error {layer.Comparison.MaxRelativeError}");
        Assert.True(layer.Nmse <= nmse, $"L{layer.Number} nMSE {layer.Nmse:E3} > {nmse:E1}");
    }

    private static SweepEntry Entry(LayerDiscovery layer, double threshold) =>
        layer.Sweep.Entries.Single(e => e.Threshold == threshold);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C1_PerfectModelHasZeroIncrementAndNoModelError(int snapshot)
    {
        var increment = TestData.Increment(1000, [snapshot]);
        for (int layer = 1; layer <= 2; layer++)
            Assert.True(TestData.MaxAbs(increment.Layer(0, layer - 1)) <= 1e-9, $"max|h{layer}| = {TestData.MaxAbs(increment.Layer(0, layer - 1)):E2}");
        var report = TestData.Discover(1000, [snapshot]);
        Log("C1", snapshot, report);
        Assert.All(report.Layers, l =>
        {
            Assert.True(l.NoError, $"layer {l.Number}: {TestData.Describe(l)}");
            Assert.Empty(l.Terms);
            Assert.Equal(-1, l.SelectedIndex);
        });
        Assert.Equal(Verdict.ExactSupport, report.Verdict);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C2_Case1008_SinglePsiRTermExact(int snapshot)
    {
        var report = TestData.Discover(1008, [snapshot]);
        Log("C2", snapshot, report);
        foreach (var (layer, sign) in new[] { (1, -1.0), (2, +1.0) })
        {
            var l = report.Layer(layer - 1);
            Support(l, "psi_R");
            Assert.InRange(TestData.Coefficient(l, "psi_R"), sign * 0.01 - 1e-5, sign * 0.01 + 1e-5);
            Assert.True(l.Nmse <= 1e-10, $"L{layer} nMSE {l.Nmse:E3}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C3_Case1001_RelaxationTermsAndSweepPlateaus(int snapshot)
    {
        var report = TestData.Discover(1001, [snapshot]);
        Log("C3", snapshot, report);
        Relaxation1001(report.Layer(0), +1);
        Relaxation1001(report.Layer(1), -1);
        foreach (var l in report.Layers)
        {
            foreach (var e in l.Sweep.Entries.Where(e => e.Threshold <= 10))
            {
                Assert.True(e.Converged, $"L{l.Number} threshold {e.Threshold}: not converged");
                Assert.Equal(1, e.TermCount);
                Assert.True(e.Nmse > 0.5, $"L{l.Number} threshold {e.Threshold}: nMSE {e.Nmse} ≤ 0.5");
            }
            foreach (double t in new[] { 1e3, 1e4, 1e5, 1e6 })
            {
                var e = Entry(l, t);
                Assert.True(e.Converged, $"L{l.Number} threshold {t}: not converged");
                Assert.Equal(Relaxation.Order(), e.Fit!.Support.Order());
                Assert.True(e.Nmse <= 1e-4, $"L{l.Number} threshold {t}: nMSE {e.Nmse}");
            }
        }
        Assert.Equal(Verdict.ExactSupport, report.Verdict);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C4_Case1002_RelaxationAndFriction(int snapshot)
    {
        var report = TestData.Discover(1002, [snapshot]);
        Log("C4", snapshot, report);
        Relaxation1001(report.Layer(0), +1);
        var l2 = report.Layer(1);
        Support(l2, "lap_psi2", "psi1", "psi2", "psi_R");
        Near(0.30, TestData.Coefficient(l2, "lap_psi2"), 0.02, "L2 lap_psi2");
        Near(+0.1, TestData.Coefficient(l2, "psi1"), 0.015, "L2 psi1");
        Near(-0.1, TestData.Coefficient(l2, "psi2"), 0.015, "L2 psi2");
        Near(-0.1, TestData.Coefficient(l2, "psi_R"), 0.015, "L2 psi_R");
        Assert.True(l2.Nmse <= 1e-3, $"L2 nMSE {l2.Nmse:E3}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C5_Case1003_SmallRelaxationNeedsLargeThresholds(int snapshot)
    {
        var report = TestData.Discover(1003, [snapshot]);
        Log("C5", snapshot, report);
        foreach (var (layer, sign) in new[] { (1, +1.0), (2, -1.0) })
        {
            var l = report.Layer(layer - 1);
            Support(l, Relaxation);
            Near(+0.01 * sign, TestData.Coefficient(l, "psi1"), 0.01, $"L{layer} psi1");
            Near(-0.01 * sign, TestData.Coefficient(l, "psi2"), 0.01, $"L{layer} psi2");
            Near(-0.01 * sign, TestData.Coefficient(l, "psi_R"), 0.01, $"L{layer} psi_R");
            foreach (var e in l.Sweep.Entries.Where(e => e.Threshold <= 1e4))
            {
                Assert.True(e.Converged && e.TermCount == 1 && e.Nmse > 0.5,
                    $"L{layer} threshold {e.Threshold}: expected the 1-term fallback, got {e.TermCount} terms, nMSE {e.Nmse}, converged {e.Converged}");
            }
            var first = Entry(l, 1e5);
            Assert.True(first.Converged);
            Assert.Equal(Relaxation.Order(), first.Fit!.Support.Order());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C6_Case1004_HalfAdvection(int snapshot)
    {
        var report = TestData.Discover(1004, [snapshot]);
        Log("C6", snapshot, report);
        foreach (var layer in new[] { 1, 2 })
        {
            var l = report.Layer(layer - 1);
            Support(l, $"J{layer}");
            Near(-0.5, TestData.Coefficient(l, $"J{layer}"), 0.025, $"L{layer} J{layer}");
            Assert.True(l.Nmse <= 5e-3, $"L{layer} nMSE {l.Nmse:E3}");
        }
    }

    /// <summary>C7 checks of a 1005 report.</summary>
    private static void Check1005(DiscoveryReport report)
    {
        var l1 = report.Layer(0);
        Support(l1, "psi1", "psi2", "psi_R", "J1");
        Near(-1.0, TestData.Coefficient(l1, "J1"), 0.03, "L1 J1");
        Near(-0.1, TestData.Coefficient(l1, "psi1"), 0.03, "L1 psi1");
        Near(+0.1, TestData.Coefficient(l1, "psi2"), 0.03, "L1 psi2");
        Near(+0.1, TestData.Coefficient(l1, "psi_R"), 0.03, "L1 psi_R");
        var l2 = report.Layer(1);
        Support(l2, "lap_psi2", "psi1", "psi2", "psi_R", "J2");
        Near(-1.0, TestData.Coefficient(l2, "J2"), 0.03, "L2 J2");
        Near(+0.3, TestData.Coefficient(l2, "lap_psi2"), 0.02, "L2 lap_psi2");
        Near(+0.1, TestData.Coefficient(l2, "psi1"), 0.03, "L2 psi1");
        Near(-0.1, TestData.Coefficient(l2, "psi2"), 0.03, "L2 psi2");
        Near(-0.1, TestData.Coefficient(l2, "psi_R"), 0.03, "L2 psi_R");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C7_Case1005_NoAdvectionPlusRelaxationAndFriction(int snapshot)
    {
        var report = TestData.Discover(1005, [snapshot]);
        Log("C7", snapshot, report);
        Check1005(report);
    }

    [Theory]
    [InlineData(0, 1006, 0.30)]
    [InlineData(5, 1006, 0.30)]
    [InlineData(0, 1007, -0.070)]
    [InlineData(5, 1007, -0.070)]
    public void C8_FrictionCases_UpperLayerNoError_LowerLayerLaplacian(int snapshot, int caseId, double friction)
    {
        var report = TestData.Discover(caseId, [snapshot]);
        Log("C8", snapshot, report);
        var l1 = report.Layer(0);
        Assert.True(l1.NoError, $"L1: {TestData.Describe(l1)}");
        Assert.Empty(l1.Terms);
        var l2 = report.Layer(1);
        Support(l2, "lap_psi2");
        Near(friction, TestData.Coefficient(l2, "lap_psi2"), 0.02, "L2 lap_psi2");
        Assert.Equal(Verdict.ExactSupport, report.Verdict);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C9_Case1009_ReferenceBookkeeping_YTerm(int snapshot)
    {
        var report = TestData.Discover(1009, [snapshot]);
        Log("C9 reference", snapshot, report);
        double expected = -QgParameters.Truth.Beta / QgParameters.Truth.Dt; // −7.84
        foreach (var l in report.Layers)
        {
            Support(l, "y");
            Near(expected, TestData.Coefficient(l, "y"), 0.01, $"L{l.Number} y");
        }
    }

    /// <summary>
    /// C9, consistent bookkeeping with the extended library: ∂xψ_k = −0.196 ± 2%, each as the selected single term.
    /// The coefficient part is checked first, so a failure of the single-term part is reported on its own.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C9_Case1009_ConsistentBookkeeping_ExtendedLibrary_SingleDxTerm(int snapshot)
    {
        // Reference truth (βy inside the spectral PV): ∂xψ_k = −0.196 ± 2% in both layers and ∂xψ1 alone in layer 1.
        // In layer 2 the βy-sawtooth residual of spec §7.3 (nMSE 0.72/0.69 on our snapshots, 0.64 in the spec) lets
        // three terms with |c| ≤ 2e-3 pass the absolute δ = 1e-3 rule; the spec names the periodic-PV option as the
        // remedy, and with it both layers select the single ∂xψ term (checked below, nMSE ~1e-4).
        var report = TestData.Discover(1009, [snapshot], new IncrementSettings(LibraryState.Forecast, PvBookkeeping.Consistent),
            new DiscoverySettings { Library = CandidateLibrary.Extended }, "extended");
        Log("C9 consistent", snapshot, report);
        foreach (var l in report.Layers)
        {
            output.WriteLine(TestData.SweepTable(l));
            Near(-0.196, TestData.Coefficient(l, $"dx_psi{l.Number}"), 0.02, $"L{l.Number} dx_psi{l.Number}");
            foreach (var t in l.Terms.Where(t => t.Label != $"dx_psi{l.Number}"))
                Assert.True(Math.Abs(t.Coefficient) < 3e-3, $"L{l.Number}: extra term {t.Label} = {t.Coefficient:G4} is not negligible");
        }
        Support(report.Layer(0), "dx_psi1");

        var periodic = QgParameters.Truth with { PeriodicPv = true };
        var periodicCase = CaseCatalogue.Custom(periodic, periodic with { Beta = 0 }, "no-beta, periodic PV");
        var inc = new IncrementBuilder(periodicCase, new IncrementSettings(LibraryState.Forecast, PvBookkeeping.Consistent))
            .Build([TestData.Snapshot(snapshot)]);
        var clean = ModelErrorDiscovery.Discover(inc, periodicCase, new DiscoverySettings { Library = CandidateLibrary.Extended });
        Log("C9 consistent, periodic PV", snapshot, clean);
        foreach (var l in clean.Layers)
        {
            Support(l, $"dx_psi{l.Number}");
            Near(-0.196, TestData.Coefficient(l, $"dx_psi{l.Number}"), 0.02, $"periodic PV L{l.Number} dx_psi{l.Number}");
            Assert.True(l.Nmse < 1e-3, $"periodic PV L{l.Number} nMSE {l.Nmse:E2}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C10_LibraryAtTheEstimate(int snapshot)
    {
        var atEstimate = new IncrementSettings(LibraryState.Estimate);
        var r1001 = TestData.Discover(1001, [snapshot], atEstimate);
        Log("C10", snapshot, r1001);
        Relaxation1001(r1001.Layer(0), +1, relative: 5e-4, nmse: 1e-7);
        Relaxation1001(r1001.Layer(1), -1, relative: 5e-4, nmse: 1e-7);
        var r1004 = TestData.Discover(1004, [snapshot], atEstimate);
        Log("C10", snapshot, r1004);
        foreach (var l in r1004.Layers)
        {
            Support(l, $"J{l.Number}");
            Near(-0.498, TestData.Coefficient(l, $"J{l.Number}"), 0.01, $"L{l.Number} J{l.Number}");
        }
    }

    /// <summary>C11: five snapshots 400 steps apart (steps 20000…21600) stacked reproduce C3, C6 and C7.</summary>
    [Fact]
    public void C11_StackingFiveSnapshots()
    {
        var truth = QgParameters.Truth;
        var states = TruthSnapshots.Load(TestData.TrajectoryPath, 5, 400, truth);
        Assert.Equal([20000L, 20400, 20800, 21200, 21600], states.Select(s => s.Step));
        int rowsPerSnapshot = RegionCut.Reference.Count(states[0].Grid);
        Assert.Equal(8512, rowsPerSnapshot);

        var reports = new Dictionary<int, DiscoveryReport>();
        foreach (int id in new[] { 1001, 1004, 1005 })
        {
            var increment = new IncrementBuilder(CaseCatalogue.Get(id)).Build(states);
            Assert.Equal(5, increment.Snapshots);
            reports[id] = ModelErrorDiscovery.Discover(increment, CaseCatalogue.Get(id), new DiscoverySettings());
            Assert.Equal(5 * rowsPerSnapshot, reports[id].Rows);
            Log("C11", "snapshots 0-4 stacked", reports[id]);
        }
        Relaxation1001(reports[1001].Layer(0), +1);
        Relaxation1001(reports[1001].Layer(1), -1);
        foreach (var l in reports[1004].Layers)
        {
            Support(l, $"J{l.Number}");
            Near(-0.5, TestData.Coefficient(l, $"J{l.Number}"), 0.025, $"L{l.Number} J{l.Number}");
            Assert.True(l.Nmse <= 5e-3, $"L{l.Number} nMSE {l.Nmse:E3}");
        }
        Check1005(reports[1005]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void C12_StandardisedPathMatchesRaw(int snapshot)
    {
        foreach (int id in new[] { 1001, 1004 })
        {
            var raw = TestData.Discover(id, [snapshot]);
            var standardised = TestData.Discover(id, [snapshot], null, new DiscoverySettings { Standardise = true }, "standardised");
            Log("C12 standardised", snapshot, standardised);
            Assert.Equal("true", standardised.Settings["standardise"]);
            for (int layer = 1; layer <= 2; layer++)
            {
                var a = raw.Layer(layer - 1);
                var b = standardised.Layer(layer - 1);
                Assert.Equal(a.Terms.Select(t => t.Label), b.Terms.Select(t => t.Label));
                Assert.Equal(Verdict.ExactSupport, b.Comparison!.Verdict);
                foreach (var t in a.Terms)
                    Near(t.Coefficient, TestData.Coefficient(b, t.Label), 1e-3, $"case {id} L{layer} {t.Label} standardised vs raw");
            }
        }
    }
}
