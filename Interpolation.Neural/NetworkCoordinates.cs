using Science.QgModel;

namespace Science.Interpolation.Neural;

/// <summary>
/// The scaled coordinates fed to the networks (spec §8.2): X = −π + 2π i/Nx, Y = −π + 2π j/Ny (end point excluded),
/// i.e. X = x·2π/Lx and Y = y·2π/Ly, in float32, for flat indices p = j·Nx + i.
/// </summary>
public static class NetworkCoordinates
{
    /// <summary>X of column <paramref name="i"/>.</summary>
    public static float X(Grid grid, int i) => (float)(-Math.PI + 2 * Math.PI * i / grid.Nx);

    /// <summary>Y of row <paramref name="j"/>.</summary>
    public static float Y(Grid grid, int j) => (float)(-Math.PI + 2 * Math.PI * j / grid.Ny);

    /// <summary>Interleaved (X, Y) pairs, <c>[point, 2]</c>, of the given flat indices.</summary>
    public static float[] ForIndices(Grid grid, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var v = new float[2 * indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int p = indices[k];
            if (p < 0 || p >= grid.RealSize) throw new ArgumentOutOfRangeException(nameof(indices), p, $"index must be in [0, {grid.RealSize - 1}]");
            v[2 * k] = X(grid, p % grid.Nx);
            v[2 * k + 1] = Y(grid, p / grid.Nx);
        }
        return v;
    }

    /// <summary>Interleaved (X, Y) pairs of every grid point in row-major order.</summary>
    public static float[] ForGrid(Grid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var v = new float[2 * grid.RealSize];
        for (int j = 0, k = 0; j < grid.Ny; j++)
        {
            float y = Y(grid, j);
            for (int i = 0; i < grid.Nx; i++, k++)
            {
                v[2 * k] = X(grid, i);
                v[2 * k + 1] = y;
            }
        }
        return v;
    }
}
