using Science.Interpolation.Diagnostics;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel;
using Xunit.Abstractions;
using static Science.Interpolation.Tests.InterpolationTestData;

namespace Science.Interpolation.Tests;

/// <summary>
/// Sparse observations through the MEDIDA pipeline (spec §13 D1, D2 and the filtered regression of the findings), on
/// the target snapshot of the shipped trajectory with the OI prior from the other snapshots.
/// </summary>
public sealed class PipelineTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("exact")]
    [InlineData("cubic")]
    public void D1_full_sensors_through_the_interpolation_path_give_the_full_observation_increment(string name)
    {
        foreach (int id in new[] { 1001, 1004 })
        {
            var sparse = SparseIncrement(id, name, 1.0);
            var full = FullIncrement(id);
            Assert.Equal(full.Dq, sparse.Dq);
            Assert.Equal(full.LibraryPsi, sparse.LibraryPsi);
            Assert.Contains("interpolator " + name, sparse.Estimator);
        }
        // So C3 (1001) and C6 (1004) pass exactly as with full observations.
        var c3 = Discover(1001, name, 1.0);
        Assert.Equal(Verdict.ExactSupport, c3.Verdict);
        Assert.True(c3.Layers.All(l => l.Comparison!.MaxRelativeError < 0.01), Describe(c3));
        var c6 = Discover(1004, name, 1.0);
        Assert.Equal(Verdict.ExactSupport, c6.Verdict);
        Assert.True(c6.Layers.All(l => l.Comparison!.MaxRelativeError < 0.025), Describe(c6));
    }

    [Fact]
    public void D2_cubic_at_095_breaks_discovery_of_1001()
    {
        var d = InterpolationDiagnostics.Compute(Layout(0.95), Truth.Psi, Estimate("cubic", 0.95), "cubic");
        Assert.InRange(d.Layers[0].LaplacianError, 0.05, 0.2);
        var report = Discover(1001, "cubic", 0.95);
        output.WriteLine(Describe(report));
        Assert.True(report.Layers.Any(l => !l.NoError && (l.Terms.Count >= 4 || l.Nmse >= 0.5)), Describe(report));
        Assert.NotEqual(Verdict.ExactSupport, report.Verdict);

        // Positive control on the same path (cubic through the sparse-observation pipeline) with every sensor: the
        // estimate is the truth and discovery finds the exact support, so a broken pipeline cannot pass the above.
        var exact = InterpolationDiagnostics.Compute(Layout(1.0), Truth.Psi, Estimate("cubic", 1.0), "cubic");
        Assert.All(exact.Layers, l => Assert.True(l.LaplacianError <= 1e-12, $"cubic SR 1 ∇²ψ error {l.LaplacianError:E2}"));
        var control = Discover(1001, "cubic", 1.0);
        output.WriteLine("control: " + Describe(control));
        Assert.Equal(Verdict.ExactSupport, control.Verdict);
        Assert.All(control.Layers, l => Assert.True(l.Comparison!.MaxRelativeError < 0.01, Describe(control)));
    }

    /// <summary>
    /// The findings' route: OI at SR 0.75 (prior from the other snapshots) with the filtered regression F = 0.08
    /// discovers 1001 and 1004 with the exact support and coefficients within 1%.
    /// </summary>
    [Theory]
    [InlineData(1001)]
    [InlineData(1004)]
    public void Oi_at_075_with_the_filtered_regression_discovers_the_case(int caseId)
    {
        var report = Discover(caseId, "oi", 0.75, regressionFilter: 0.08);
        output.WriteLine(Describe(report));
        Assert.Equal(Verdict.ExactSupport, report.Verdict);
        Assert.All(report.Layers, l => Assert.True(l.Comparison!.MaxRelativeError < 0.01, Describe(report)));
    }

    [Fact]
    public void Noise_matches_the_full_noisy_observation_at_the_sensors_and_merge_restores_the_observations()
    {
        var grid = Grid.Default;
        var layout = Layout(1.0);
        var noisyFull = new NoisyObservation(0.01, 11).Estimate(grid, Truth.Psi, 2, ObservationTime.End);
        var sparse = new SparseObservation(layout, ExactInterpolator.Instance, 0.01, 11).Estimate(grid, Truth.Psi, 2, ObservationTime.End);
        Assert.Equal(noisyFull, sparse);

        // A smoothing interpolator does not return the observations at the sensors; merge puts them back.
        var smoothing = new Offset(new Cubic.CubicInterpolator(), 1e-3);
        var half = Layout(0.95);
        var plain = new SparseObservation(half, smoothing, 0.01, 11).Estimate(grid, Truth.Psi, 0, ObservationTime.Start);
        var merged = new SparseObservation(half, smoothing, 0.01, 11, mergeObservations: true).Estimate(grid, Truth.Psi, 0, ObservationTime.Start);
        var observed = half.SampleLayers(noisyAt(0, ObservationTime.Start));
        int n = grid.RealSize, differ = 0;
        for (int layer = 0; layer < 2; layer++)
            for (int k = 0; k < half.Count; k++)
            {
                int p = layer * n + half.Indices[k];
                Assert.Equal(observed[layer * half.Count + k], merged[p]);
                if (plain[p] != merged[p]) differ++;
            }
        Assert.True(differ > half.Count, $"only {differ} sensor values changed by merging");
        var missing = half.MissingIndices();
        Assert.All(missing, p => Assert.Equal(plain[p], merged[p]));

        double[] noisyAt(int snapshot, ObservationTime time) => new NoisyObservation(0.01, 11).Estimate(grid, Truth.Psi, snapshot, time);
    }

    [Fact]
    public void Estimator_refuses_another_grid_and_records_its_calls()
    {
        var obs = new SparseObservation(SensorLayout.RandomSubset(new Grid(32, 16, 46, 17), 0.5, 0), new Cubic.CubicInterpolator());
        Assert.Throws<ArgumentException>(() => obs.Estimate(Grid.Default, Truth.Psi, 0, ObservationTime.Start));
        var ok = new SparseObservation(Layout(0.5), InterpolationTestData.Interpolator("cubic"));
        ok.Estimate(Grid.Default, Truth.Psi, 3, ObservationTime.End);
        Assert.Equal(3, Assert.Single(ok.Calls).Snapshot);
        Assert.Contains("SR 0.5", ok.Name);
        // Layouts an interpolator cannot handle are refused when the estimator is made, before any work.
        Assert.Contains("every grid point", Assert.Throws<ArgumentException>(() => new SparseObservation(Layout(0.5), ExactInterpolator.Instance)).Message);
        Assert.Contains("cap is 100", Assert.Throws<ArgumentException>(() => new SparseObservation(Layout(0.5), new Rbf.RbfInterpolator(maxSensors: 100))).Message);
    }

    // A stand-in for an inexact (smoothing) interpolator: cubic plus a constant.
    private sealed class Offset(IInterpolator inner, double offset) : IInterpolator
    {
        public string Name => "offset";

        public double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context) =>
            [.. inner.Interpolate(layout, values, context).Select(v => v + offset)];
    }
}
