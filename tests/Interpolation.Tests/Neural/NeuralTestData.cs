using Science.Interpolation.Neural;
using Science.QgModel;

namespace Science.Interpolation.Tests.Neural;

/// <summary>All neural tests run one after another: they share libtorch's process-wide thread count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch (serial)";
}

/// <summary>Small analytic fields on small grids, in scaled coordinates X, Y ∈ [−π, π).</summary>
internal static class NeuralTestData
{
    /// <summary>A 32 × 16 grid (the physical lengths only matter for nothing here).</summary>
    public static Grid SmallGrid { get; } = new(32, 16, 46.0, 68.0 / 4);

    /// <summary>64 × 8: fine in x for the high-wavenumber test.</summary>
    public static Grid WideGrid { get; } = new(64, 8, 46.0, 8.0);

    /// <summary>ψ [layer, y, x] from a function of (X, Y, layer).</summary>
    public static double[] Field(Grid grid, Func<double, double, int, double> f)
    {
        var psi = new double[2 * grid.RealSize];
        for (int layer = 0; layer < 2; layer++)
            for (int j = 0; j < grid.Ny; j++)
                for (int i = 0; i < grid.Nx; i++)
                    psi[layer * grid.RealSize + j * grid.Nx + i] =
                        f(NetworkCoordinates.X(grid, i), NetworkCoordinates.Y(grid, j), layer);
        return psi;
    }

    /// <summary>A smooth two-layer field: low wavenumbers, offset and layer contrast like ψ1/ψ2.</summary>
    public static double[] Smooth(Grid grid) => Field(grid, (x, y, k) => k == 0
        ? 3 * Math.Sin(x) * Math.Cos(y) + 0.5 * Math.Cos(2 * y) + 1
        : 0.4 * Math.Cos(x + y) - 0.2);

    /// <summary>Relative L2 error of a against b.</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double num = 0, den = 0;
        for (int k = 0; k < a.Length; k++)
        {
            num += (a[k] - b[k]) * (a[k] - b[k]);
            den += b[k] * b[k];
        }
        return Math.Sqrt(num / den);
    }
}
