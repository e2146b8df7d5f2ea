using Science.QgModel;

namespace Science.Interpolation.Tests;

/// <summary>Spec §13 D0 (masks, coordinates) and the layout factories.</summary>
public sealed class SensorLayoutTests
{
    [Theory]
    [InlineData(0.25, 4608)]
    [InlineData(0.5, 9216)]
    [InlineData(0.75, 13824)]
    [InlineData(0.95, 17510)]
    [InlineData(1.0, 18432)]
    public void D0_counts_sorted_unique_and_deterministic(double ratio, int expected)
    {
        var a = SensorLayout.RandomSubset(Grid.Default, ratio, 7);
        var b = SensorLayout.RandomSubset(Grid.Default, ratio, 7);
        Assert.Equal(expected, a.Count);
        Assert.Equal(a.Indices, b.Indices);
        for (int k = 1; k < a.Count; k++) Assert.True(a.Indices[k] > a.Indices[k - 1]);
        Assert.All(a.Indices, p => Assert.InRange(p, 0, Grid.Default.RealSize - 1));
        if (ratio < 1) Assert.NotEqual(a.Indices, SensorLayout.RandomSubset(Grid.Default, ratio, 8).Indices);
    }

    [Fact]
    public void D0_the_same_set_serves_both_layers()
    {
        var grid = Grid.Default;
        var layout = SensorLayout.RandomSubset(grid, 0.5, 0);
        var psi = new double[2 * grid.RealSize];
        for (int p = 0; p < grid.RealSize; p++) { psi[p] = p; psi[grid.RealSize + p] = -p; }
        var v = layout.SampleLayers(psi);
        for (int k = 0; k < layout.Count; k++)
        {
            Assert.Equal(layout.Indices[k], v[k]);
            Assert.Equal(-layout.Indices[k], v[layout.Count + k]);
        }
    }

    [Fact]
    public void D0_network_coordinates_are_physical_coordinates_scaled_in_float32()
    {
        var grid = Grid.Default;
        var layout = SensorLayout.RandomSubset(grid, 0.25, 0);
        var xy = layout.NetworkCoordinatesSingle();
        var (sx, sy) = ScaledCoordinates.NetworkScale(grid);
        Assert.Equal(0.136591, sx, 6);
        Assert.Equal(0.0923998, sy, 7);
        for (int k = 0; k < layout.Count; k++)
        {
            double x = grid.X[layout.Column(k)] * sx, y = grid.Y[layout.Row(k)] * sy;
            Assert.True(Math.Abs(xy[2 * k] - x) <= 1e-7 * Math.Max(1, Math.Abs(x)), $"X of sensor {k}");
            Assert.True(Math.Abs(xy[2 * k + 1] - y) <= 1e-7 * Math.Max(1, Math.Abs(y)), $"Y of sensor {k}");
        }
        var all = ScaledCoordinates.NetworkGridPointsSingle(grid);
        Assert.Equal(-(float)Math.PI, all[0]);
        Assert.Equal((float)(grid.X[95] * sx), all[2 * 95]);
    }

    [Fact]
    public void Classical_coordinates_include_both_end_points()
    {
        var x = ScaledCoordinates.AxisX(Grid.Default, CoordinateScaling.Classical);
        var y = ScaledCoordinates.AxisY(Grid.Default, CoordinateScaling.Classical);
        Assert.Equal(-Math.PI, x[0]);
        Assert.Equal(Math.PI, x[95]);
        Assert.Equal(Math.PI, y[191]);
        Assert.Equal(2 * Math.PI / 95, x[1] - x[0], 14);
        Assert.Equal(2 * Math.PI / 191, y[1] - y[0], 14);
    }

    [Fact]
    public void Regular_subgrid_mask_and_missing_points()
    {
        var grid = Grid.Default;
        var layout = SensorLayout.RegularSubgrid(grid, 2, 3, 1, 2);
        Assert.Equal(48 * 64, layout.Count);
        Assert.All(Enumerable.Range(0, layout.Count), k =>
        {
            Assert.Equal(1, layout.Column(k) % 2);
            Assert.Equal(2, layout.Row(k) % 3);
        });
        var mask = layout.Mask();
        var missing = layout.MissingIndices();
        Assert.Equal(grid.RealSize - layout.Count, missing.Length);
        Assert.All(missing, p => Assert.False(mask[p]));
        Assert.Equal(layout.Count, mask.Count(m => m));
        Assert.Empty(SensorLayout.Full(grid).MissingIndices());
        Assert.Throws<ArgumentOutOfRangeException>(() => SensorLayout.RegularSubgrid(grid, 2, 2, 2, 0));
    }

    [Fact]
    public void Files_of_indices_and_coordinates_round_trip()
    {
        var grid = Grid.Default;
        string dir = Directory.CreateTempSubdirectory("sensors").FullName;
        try
        {
            var layout = SensorLayout.RandomSubset(grid, 0.01, 3);
            string ij = Path.Combine(dir, "ij.csv");
            layout.WriteFile(ij);
            Assert.Equal(layout.Indices, SensorLayout.FromFile(grid, ij).Indices);

            string p = Path.Combine(dir, "p.txt");
            File.WriteAllLines(p, ["# flat indices, unsorted, one duplicate", "5", "3", "5", "", "18431"]);
            Assert.Equal([3, 5, 18431], SensorLayout.FromFile(grid, p).Indices);

            string noHeader = Path.Combine(dir, "nh.txt");
            File.WriteAllLines(noHeader, ["1 2", "0\t0"]);
            Assert.Equal([0, 2 * 96 + 1], SensorLayout.FromFile(grid, noHeader).Indices);

            string xy = Path.Combine(dir, "xy.csv");
            File.WriteAllLines(xy, ["x,y", "-23,-34", "0.0,0.0", "23,34"]); // the last wraps to (0, 0)
            Assert.Equal([0, 96 * 96 + 48], SensorLayout.FromFile(grid, xy).Indices);

            string bad = Path.Combine(dir, "bad.csv");
            File.WriteAllLines(bad, ["i,j", "1,2", "96,0"]);
            var e = Assert.Throws<FormatException>(() => SensorLayout.FromFile(grid, bad));
            Assert.Contains("bad.csv:3", e.Message);
            Assert.Contains("i = 96", e.Message);
            File.WriteAllLines(bad, ["x,y", "30,0"]);
            Assert.Contains("outside", Assert.Throws<FormatException>(() => SensorLayout.FromFile(grid, bad)).Message);
            File.WriteAllLines(bad, ["a,b", "1,2"]);
            Assert.Contains("unknown header", Assert.Throws<FormatException>(() => SensorLayout.FromFile(grid, bad)).Message);
            Assert.Throws<FileNotFoundException>(() => SensorLayout.FromFile(grid, Path.Combine(dir, "none.csv")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Specification_strings_name_ratios_full_regular_grids_and_files()
    {
        var grid = Grid.Default;
        Assert.Equal(SensorLayout.RandomSubset(grid, 0.5, 3).Indices, SensorSpecification.Parse(grid, "0.5", 3).Indices);
        Assert.Equal(grid.RealSize, SensorSpecification.Parse(grid, "full", 0).Count);
        Assert.Equal(grid.RealSize, SensorSpecification.Parse(grid, "1", 0).Count);
        Assert.Equal(SensorLayout.RegularSubgrid(grid, 3, 2).Indices, SensorSpecification.Parse(grid, "regular:3,2", 0).Indices);
        Assert.Equal(SensorLayout.RegularSubgrid(grid, 3, 2, 1, 1).Indices, SensorSpecification.Parse(grid, "regular:3,2,1,1", 0).Indices);

        string file = Path.Combine(Path.GetTempPath(), $"sensors-{Guid.NewGuid():N}.csv");
        try
        {
            var layout = SensorLayout.RandomSubset(grid, 0.1, 9);
            layout.WriteFile(file);
            Assert.Equal(layout.Indices, SensorSpecification.Parse(grid, file, 0).Indices);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => SensorSpecification.Parse(grid, "0", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SensorSpecification.Parse(grid, "1.01", 0));
        Assert.Throws<ArgumentException>(() => SensorSpecification.Parse(grid, "regular:2", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SensorSpecification.Parse(grid, "regular:2,2,2,0", 0));
        Assert.Throws<FileNotFoundException>(() => SensorSpecification.Parse(grid, "no-such-sensors.csv", 0));
    }
}
