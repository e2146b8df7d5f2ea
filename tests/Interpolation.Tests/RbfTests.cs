using Science.Interpolation.Diagnostics;
using Science.Interpolation.Rbf;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel;
using Xunit.Abstractions;
using static Science.Interpolation.Tests.InterpolationTestData;

namespace Science.Interpolation.Tests;

/// <summary>Dense LU and the multiquadric RBF interpolator.</summary>
public sealed class RbfTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(7)]
    [InlineData(97)]
    [InlineData(301)]
    public void Lu_solves_random_systems_and_needs_pivoting(int n)
    {
        var rng = new Random(n);
        var a = new double[n * n];
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() - 0.5;
        for (int i = 0; i < n; i++) a[i * n + i] = 0; // zero diagonal: impossible without pivoting
        var x = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
        var b = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) b[i] += a[i * n + j] * x[j];
        var lu = DenseLu.Factorize((double[])a.Clone(), n);
        lu.Solve(b);
        for (int i = 0; i < n; i++) Assert.Equal(x[i], b[i], 1e-9);
        Assert.InRange(lu.PivotRatio, 1e-12, 1);
    }

    [Fact]
    public void Lu_refuses_a_singular_matrix()
    {
        var a = new double[] { 1, 2, 2, 4 };
        Assert.Throws<InvalidOperationException>(() => DenseLu.Factorize(a, 2));
    }

    [Fact]
    public void Rbf_interpolates_the_sensors_and_refuses_layouts_above_the_cap()
    {
        var layout = SensorLayout.RandomSubset(Grid.Default, 0.05, 1);
        var values = layout.SampleLayers(Truth.Psi);
        var rbf = new RbfInterpolator();
        var est = rbf.Interpolate(layout, values, new InterpolationContext());
        var d = InterpolationDiagnostics.Compute(layout, Truth.Psi, est, "rbf", values);
        Assert.All(d.Layers, l => Assert.True(l.SensorMaxError < 1e-8 * 20, $"sensor error {l.SensorMaxError:E2}"));
        output.WriteLine($"SR 0.05 rbf: ψ1 error {d.Layers[0].PsiError:E3}, ψ2 error {d.Layers[1].PsiError:E3}");
        // Measured ψ1 error 5.497e-2 (deterministic: seeded layout, LU solve); band measured ÷/× 1.5 (was [1e-3, 0.1]).
        Assert.InRange(d.Layers[0].PsiError, 0.037, 0.082);
        var capped = new RbfInterpolator(maxSensors: 500);
        var e = Assert.Throws<ArgumentException>(() => capped.Interpolate(layout, values, new InterpolationContext()));
        Assert.Contains("cap is 500", e.Message);
        Assert.Contains("rbf_max_sensors", e.Message);
        // The matrix is the multiquadric of the classical scaled distances.
        var m = rbf.Matrix(SensorLayout.FromIndices(Grid.Default, [0, 1, 96], "three"));
        Assert.Equal(1, m[0]);
        Assert.Equal(Math.Sqrt(Math.Pow(2 * Math.PI / 95 / 0.1, 2) + 1), m[1], 12);
        Assert.Equal(Math.Sqrt(Math.Pow(2 * Math.PI / 191 / 0.1, 2) + 1), m[2], 12);
    }

    /// <summary>
    /// Spec §13 D6 — slow (one 4 608² LU and a discovery): runs only when SCIENCE_SLOW=1, otherwise skipped.
    /// Reference: ψ1 error 0.0089, ∇²ψ1 error 0.53, 1001 fails with nMSE 0.59 and 9 terms. Positive controls on the
    /// same path: the RBF estimate is exact at its sensors, and the same sparse-observation pipeline with every sensor
    /// (exact interpolator) finds the exact support.
    /// </summary>
    [SkippableFact]
    public void D6_slow_rbf_at_025_fails_discovery_only_with_SCIENCE_SLOW()
    {
        Science.Tests.Shared.Prerequisite.OptIn("SCIENCE_SLOW", "the RBF SR 0.25 check (spec D6, one 4 608² LU)");
        var layout = Layout(0.25);
        var rbf = new RbfInterpolator();
        var d = InterpolationDiagnostics.Compute(layout, Truth.Psi, rbf.Interpolate(layout, layout.SampleLayers(Truth.Psi), new InterpolationContext()), "rbf");
        output.WriteLine($"ψ1 error {d.Layers[0].PsiError:E3}, ∇²ψ1 error {d.Layers[0].LaplacianError:E3}");
        Assert.InRange(d.Layers[0].PsiError, 0.004, 0.02);
        Assert.InRange(d.Layers[0].LaplacianError, 0.3, 0.8);
        var inc = new IncrementBuilder(CaseCatalogue.Get(1001), IncrementSettings.Reference, new SparseObservation(layout, rbf)).Build([Truth]);
        var report = ModelErrorDiscovery.Discover(inc, CaseCatalogue.Get(1001), new DiscoverySettings());
        output.WriteLine(Describe(report));
        Assert.True(report.Layers.Any(l => !l.NoError && l.Nmse >= 0.3 && l.Terms.Count >= 5), Describe(report));

        // Positive controls: the RBF interpolant reproduces its sensors, and the same pipeline with all sensors succeeds.
        var sampled = layout.SampleLayers(Truth.Psi);
        var atSensors = InterpolationDiagnostics.Compute(layout, Truth.Psi, rbf.Interpolate(layout, sampled, new InterpolationContext()), "rbf", sampled);
        Assert.All(atSensors.Layers, l => Assert.True(l.SensorMaxError < 1e-6, $"rbf sensor error {l.SensorMaxError:E2}"));
        var full = Layout(1.0);
        var fullInc = new IncrementBuilder(CaseCatalogue.Get(1001), IncrementSettings.Reference, new SparseObservation(full, ExactInterpolator.Instance)).Build([Truth]);
        var control = ModelErrorDiscovery.Discover(fullInc, CaseCatalogue.Get(1001), new DiscoverySettings());
        output.WriteLine("control: " + Describe(control));
        Assert.Equal(Verdict.ExactSupport, control.Verdict);
    }
}
