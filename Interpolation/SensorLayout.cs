using Science.QgModel;

namespace Science.Interpolation;

/// <summary>
/// Where the sensors are: sorted, unique flat indices p = j·Nx + i of the row-major grid (spec §8.1). The same set is
/// used at t_n and t_n + Δt, in both layers and for every snapshot (co-located sensors).
/// </summary>
public sealed class SensorLayout
{
    /// <summary>Wraps sorted unique indices on a grid.</summary>
    public SensorLayout(Grid grid, int[] indices, string description)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length == 0) throw new ArgumentException("a sensor layout needs at least one sensor", nameof(indices));
        for (int k = 0; k < indices.Length; k++)
        {
            if (indices[k] < 0 || indices[k] >= grid.RealSize)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"sensor index must be in [0, {grid.RealSize - 1}]");
            if (k > 0 && indices[k] <= indices[k - 1])
                throw new ArgumentException("sensor indices must be sorted and unique", nameof(indices));
        }
        Grid = grid;
        Indices = indices;
        Description = description;
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>Sorted unique flat indices j·Nx + i.</summary>
    public int[] Indices { get; }
    /// <summary>How the layout was made, for reports.</summary>
    public string Description { get; }
    /// <summary>Number of sensors per layer.</summary>
    public int Count => Indices.Length;
    /// <summary>Fraction of grid points observed.</summary>
    public double Ratio => (double)Count / Grid.RealSize;

    /// <summary>
    /// A uniformly random subset of n = ⌊ratio·Nx·Ny⌋ points (spec §8.1: 0.25 → 4 608, 0.5 → 9 216, 0.75 → 13 824,
    /// 0.95 → 17 510 on the default grid), drawn without replacement with <see cref="Random"/>(seed) and sorted.
    /// </summary>
    public static SensorLayout RandomSubset(Grid grid, double ratio, int seed)
    {
        if (!(ratio > 0 && ratio <= 1)) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the sensor ratio must be in (0, 1]");
        int total = grid.RealSize, n = (int)Math.Floor(ratio * total);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, $"the sensor ratio gives no sensor on {total} points");
        // Partial Fisher–Yates: the first n entries of a seeded shuffle.
        var all = new int[total];
        for (int p = 0; p < total; p++) all[p] = p;
        var rng = new Random(seed);
        for (int k = 0; k < n; k++)
        {
            int pick = k + rng.Next(total - k);
            (all[k], all[pick]) = (all[pick], all[k]);
        }
        var chosen = all[..n];
        Array.Sort(chosen);
        return new SensorLayout(grid, chosen, $"random {ratio:G4} (seed {seed})");
    }

    /// <summary>Values of a <c>[y, x]</c> field at the sensors, in layout order.</summary>
    public void Sample(ReadOnlySpan<double> field, Span<double> destination)
    {
        for (int k = 0; k < Indices.Length; k++) destination[k] = field[Indices[k]];
    }

    /// <summary>Values of both layers <c>[layer, y, x]</c> at the sensors, as <c>[layer, sensor]</c>.</summary>
    public double[] SampleLayers(ReadOnlySpan<double> psi)
    {
        int n = Grid.RealSize;
        var v = new double[2 * Count];
        Sample(psi[..n], v.AsSpan(0, Count));
        Sample(psi.Slice(n, n), v.AsSpan(Count, Count));
        return v;
    }
}
