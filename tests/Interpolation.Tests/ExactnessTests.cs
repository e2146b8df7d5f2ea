using Science.Interpolation.Cubic;
using Science.Interpolation.Diagnostics;
using Science.Interpolation.Spectral;
using Science.QgModel;
using static Science.Interpolation.Tests.InterpolationTestData;

namespace Science.Interpolation.Tests;

/// <summary>Spec §13 D1: every interpolator reproduces full observations, and the exact one refuses sparse ones.</summary>
public sealed class ExactnessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("exact")]
    [InlineData("cubic")]
    [InlineData("oi")]
    public void D1_full_observations_are_reproduced(string name)
    {
        var layout = Layout(1.0);
        var truth = Truth.Psi;
        var estimate = Interpolator(name).Interpolate(layout, layout.SampleLayers(truth), new InterpolationContext());
        double scale = truth.ToArray().Max(Math.Abs), err = 0;
        for (int p = 0; p < truth.Length; p++) err = Math.Max(err, Math.Abs(estimate[p] - truth[p]));
        Assert.True(err <= 1e-12 * scale, $"{name}: max error {err:E2} (scale {scale:G3})");
    }

    [Fact]
    public void Exact_refuses_sparse_layouts_with_a_clear_message()
    {
        var layout = Layout(0.95);
        var e = Assert.Throws<ArgumentException>(() => ExactInterpolator.Instance.Interpolate(layout, new double[2 * layout.Count], new InterpolationContext()));
        Assert.Contains("every grid point observed", e.Message);
        Assert.Contains("17510 of 18432", e.Message);
    }

    [Fact]
    public void Cubic_full_grid_triangulation_is_delaunay_with_two_triangles_per_cell()
    {
        var cubic = new CubicInterpolator();
        var full = SensorLayout.Full(Grid.Default);
        Assert.Equal(2 * 95 * 191, cubic.TriangleCount(full));
        Assert.Equal(0, cubic.NearestFilledPoints(full));
        Assert.True(cubic.Triangulate(full).IsDelaunay());
        var sparse = Layout(0.5);
        var t = cubic.Triangulate(sparse);
        Assert.True(t.IsDelaunay());
        // Euler: a triangulation of n points with h on the hull has 2n − 2 − h triangles; h ≥ 3.
        Assert.InRange(t.Count, 2 * sparse.Count - 2 - 600, 2 * sparse.Count - 5);
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(0.1, 2)]
    [InlineData(0.6, 3)]
    [InlineData(0.99, 4)]
    public void Delaunay_triangulations_of_random_layouts_are_valid(double ratio, int seed)
    {
        var layout = SensorLayout.RandomSubset(Grid.Default, ratio, seed);
        var t = new CubicInterpolator().Triangulate(layout);
        Assert.True(t.IsDelaunay());
        // Every triangle is counter-clockwise and non-degenerate, and neighbour links are symmetric.
        for (int k = 0; k < t.Count; k++)
        {
            Assert.True(t.Orient(t.Triangles[3 * k], t.Triangles[3 * k + 1], t.Triangles[3 * k + 2]) > 0);
            for (int e = 0; e < 3; e++)
            {
                int nb = t.Neighbors[3 * k + e];
                if (nb >= 0) Assert.Contains(k, t.Neighbors.AsSpan(3 * nb, 3).ToArray());
            }
        }
    }

    [Fact]
    public void Cubic_falls_back_to_the_nearest_sensor_for_degenerate_layouts()
    {
        var grid = Grid.Default;
        var psi = Truth.Psi;
        foreach (var layout in new[]
        {
            SensorLayout.RegularSubgrid(grid, 1, grid.Ny, 0, 100),       // one row: collinear
            SensorLayout.FromIndices(grid, [5, 1000], "two points"),
        })
        {
            var values = layout.SampleLayers(psi);
            var est = new CubicInterpolator().Interpolate(layout, values, new InterpolationContext());
            Assert.All(est, v => Assert.Contains(v, values));
        }
        var twoRows = SensorLayout.FromIndices(grid, Enumerable.Range(0, 96).SelectMany(i => new[] { 50 * 96 + i, 52 * 96 + i }), "two rows");
        var cubic = new CubicInterpolator();
        var e2 = cubic.Interpolate(twoRows, twoRows.SampleLayers(psi), new InterpolationContext());
        Assert.Equal(2 * 95, cubic.TriangleCount(twoRows));
        Assert.Equal(grid.RealSize - 3 * 96, cubic.NearestFilledPoints(twoRows));
        Assert.All(e2, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Cubic_reproduces_linear_fields_inside_the_hull_and_fills_outside_with_the_nearest_sensor()
    {
        var grid = Grid.Default;
        var layout = SensorLayout.RandomSubset(grid, 0.3, 5);
        var psi = new double[2 * grid.RealSize];
        for (int j = 0; j < grid.Ny; j++)
            for (int i = 0; i < grid.Nx; i++)
            {
                psi[j * grid.Nx + i] = 1 + 0.3 * i - 0.05 * j;
                psi[grid.RealSize + j * grid.Nx + i] = -2 + 0.01 * i + 0.02 * j;
            }
        var cubic = new CubicInterpolator();
        var values = layout.SampleLayers(psi);
        var est = cubic.Interpolate(layout, values, new InterpolationContext());
        int outside = cubic.NearestFilledPoints(layout);
        Assert.InRange(outside, 1, 400);
        int exact = 0;
        for (int p = 0; p < psi.Length; p++)
            if (Math.Abs(est[p] - psi[p]) <= 1e-7) exact++; // gradients converge to the estimate's tolerance (1e-6)
            else Assert.Contains(est[p], values); // outside the hull: some sensor's value
        Assert.True(exact >= psi.Length - 2 * outside, $"{psi.Length - exact} points differ, {outside} per layer outside the hull");
        Assert.Equal(est, new CubicInterpolator().Interpolate(layout, values, new InterpolationContext())); // deterministic
    }

    [Fact]
    public void D2_cubic_at_095_has_a_laplacian_error_of_5_to_20_percent_and_oi_is_far_better()
    {
        var layout = Layout(0.95);
        var cubic = InterpolationDiagnostics.Compute(layout, Truth.Psi, Estimate("cubic", 0.95), "cubic");
        var oi = InterpolationDiagnostics.Compute(layout, Truth.Psi, Estimate("oi", 0.95), "oi");
        output.WriteLine($"SR 0.95: cubic ψ1 {cubic.Layers[0].PsiError:E3} ∇²ψ1 {cubic.Layers[0].LaplacianError:E3}; oi ∇²ψ1 {oi.Layers[0].LaplacianError:E3} ∇²ψ2 {oi.Layers[1].LaplacianError:E3}");
        Assert.InRange(cubic.Layers[0].LaplacianError, 0.05, 0.2);
        // The reference: 5e-4. Measured 6.539e-4; band measured ÷/× 1.5 (was [1e-4, 2e-3]), which holds the reference.
        Assert.InRange(cubic.Layers[0].PsiError, 4.3e-4, 9.9e-4);
        // Findings: OI ∇²ψ1 ≈ 1.8e-3 at 0.95 (prior from other snapshots), cubic ≈ 10%. Measured here 1.213e-3 and
        // 3.177e-4 (∇²ψ2) vs 0.137; the bounds are measured × 1.5 (were 5e-3 for both layers).
        Assert.True(oi.Layers[0].LaplacianError < 1.8e-3, $"oi ∇²ψ1 error {oi.Layers[0].LaplacianError:E2}");
        Assert.True(oi.Layers[1].LaplacianError < 4.8e-4, $"oi ∇²ψ2 error {oi.Layers[1].LaplacianError:E2}");
        Assert.True(oi.Layers[0].LaplacianError < cubic.Layers[0].LaplacianError / 30);
        Assert.Equal(0, oi.Layers[0].SensorMaxError); // exact at the sensors
        Assert.Equal(0, oi.Layers[1].SensorMaxError);
        Assert.Equal(0, cubic.Layers[0].SensorMaxError);
        // The OI estimate keeps the zonal spectrum within 1% in every band (no spectral bias).
        Assert.All(oi.Layers[0].Bands, b => Assert.InRange(b.Ratio, 0.99, 1.01));
    }

    [Fact]
    public void Oi_at_075_matches_the_findings()
    {
        var layout = Layout(0.75);
        var oi = InterpolationDiagnostics.Compute(layout, Truth.Psi, Estimate("oi", 0.75), "oi");
        output.WriteLine($"oi SR 0.75: ∇²ψ1 {oi.Layers[0].LaplacianError:E3}, ∇²ψ2 {oi.Layers[1].LaplacianError:E3}");
        // Findings: 2.5e-2 / 8e-3. Measured here: 2.386e-2 / 8.514e-3; bands measured ÷/× 1.5 (were [5e-3, 4e-2] and
        // [1e-3, 2e-2]); both hold the findings' values.
        Assert.InRange(oi.Layers[0].LaplacianError, 1.59e-2, 3.58e-2);
        Assert.InRange(oi.Layers[1].LaplacianError, 5.67e-3, 1.28e-2);
        Assert.Equal(0, oi.Layers[0].SensorMaxError);
    }
}
