using Science.QgModel;

namespace Science.Interpolation;

/// <summary>Which scaled coordinates an interpolator works in (spec §8.2).</summary>
public enum CoordinateScaling
{
    /// <summary>
    /// Neural interpolators: X = −π + 2π i/Nx and Y = −π + 2π j/Ny (end point excluded), so X = x·2π/Lx and
    /// Y = y·2π/Ly.
    /// </summary>
    Network,
    /// <summary>
    /// Classical interpolators (RBF, cubic): X = linspace(−π, π, Nx) and Y = linspace(−π, π, Ny) <b>with</b> end points,
    /// spacings 2π/(Nx − 1) and 2π/(Ny − 1).
    /// </summary>
    Classical,
}

/// <summary>The scaled coordinates of spec §8.2 for the grid columns and rows.</summary>
public static class ScaledCoordinates
{
    /// <summary>Scaled X of every grid column i = 0 … Nx − 1.</summary>
    public static double[] AxisX(Grid grid, CoordinateScaling scaling) => Axis(grid.Nx, scaling);

    /// <summary>Scaled Y of every grid row j = 0 … Ny − 1.</summary>
    public static double[] AxisY(Grid grid, CoordinateScaling scaling) => Axis(grid.Ny, scaling);

    /// <summary>
    /// The scaled coordinate of index <paramref name="index"/> on an axis of <paramref name="n"/> points, computed as
    /// numpy.linspace does (i·step − π; the classical end point is exactly π).
    /// </summary>
    public static double Value(int index, int n, CoordinateScaling scaling) => scaling switch
    {
        // numpy.linspace: start + i·step with step = (stop − start)/div.
        CoordinateScaling.Network => index * (2 * Math.PI / n) - Math.PI,
        CoordinateScaling.Classical => index == n - 1 ? Math.PI : index * (2 * Math.PI / (n - 1)) - Math.PI,
        _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "unknown coordinate scaling"),
    };

    /// <summary>
    /// Factors that convert derivatives with respect to the network coordinates to physical ones:
    /// ∂/∂x = (2π/Lx)·∂/∂X and ∂/∂y = (2π/Ly)·∂/∂Y (0.136591 and 0.0923998 on the default grid).
    /// </summary>
    public static (double X, double Y) NetworkScale(Grid grid) => (2 * Math.PI / grid.Lx, 2 * Math.PI / grid.Ly);

    /// <summary>Scaled (X, Y) of every grid point in row-major <c>[y, x]</c> order.</summary>
    public static (double[] X, double[] Y) GridPoints(Grid grid, CoordinateScaling scaling)
    {
        var ax = AxisX(grid, scaling);
        var ay = AxisY(grid, scaling);
        var x = new double[grid.RealSize];
        var y = new double[grid.RealSize];
        for (int j = 0; j < grid.Ny; j++)
            for (int i = 0; i < grid.Nx; i++)
            {
                x[j * grid.Nx + i] = ax[i];
                y[j * grid.Nx + i] = ay[j];
            }
        return (x, y);
    }

    /// <summary>The network coordinates of every grid point as float32 pairs (X, Y), row-major, for training inputs.</summary>
    public static float[] NetworkGridPointsSingle(Grid grid)
    {
        var (x, y) = GridPoints(grid, CoordinateScaling.Network);
        var xy = new float[2 * x.Length];
        for (int p = 0; p < x.Length; p++)
        {
            xy[2 * p] = (float)x[p];
            xy[2 * p + 1] = (float)y[p];
        }
        return xy;
    }

    private static double[] Axis(int n, CoordinateScaling scaling)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = Value(i, n, scaling);
        return a;
    }
}
