namespace Science.QgModel;

/// <summary>
/// The topographic PV R(x, y) of the lower layer: four Gaussian bumps (spec §2.8), evaluated on the grid without
/// periodisation.
/// </summary>
public static class Topography
{
    /// <summary>Bump centres (x_i, y_i) of the reference.</summary>
    public static IReadOnlyList<(double X, double Y)> Centres { get; } = [(0, 0), (-10, -5), (0, 20), (0, -20)];

    /// <summary>Bump widths s_x = s_y = 5.</summary>
    public const double Width = 5.0;

    /// <summary>
    /// One unit bump G_i (height 1) on the grid, row-major <c>[y, x]</c>. With <paramref name="fixedShape"/> false the
    /// y exponent is (y − y_i)²/(4 s_y) as in the reference code; true gives the intended (y − y_i)²/(2 s_y²).
    /// </summary>
    public static double[] UnitBump(Grid grid, int index, bool fixedShape)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 3);
        var (x0, y0) = Centres[index];
        double sx = Width, sy = Width;
        double yDenominator = fixedShape ? 2 * sy * sy : 2 * sy * 2;
        var r = new double[grid.RealSize];
        for (int j = 0; j < grid.Ny; j++)
        {
            double dy = grid.Y[j] - y0;
            for (int i = 0; i < grid.Nx; i++)
            {
                double dx = grid.X[i] - x0;
                r[j * grid.Nx + i] = Math.Exp(-(dx * dx) / (2 * sx * sx) - (dy * dy) / yDenominator);
            }
        }
        return r;
    }

    /// <summary>R = Σ H_i G_i for the parameters' heights, or null when all heights are zero.</summary>
    public static double[]? Field(Grid grid, QgParameters parameters)
    {
        if (!parameters.HasTopography) return null;
        double[] heights = [parameters.H1, parameters.H2, parameters.H3, parameters.H4];
        var r = new double[grid.RealSize];
        for (int b = 0; b < 4; b++)
        {
            if (heights[b] == 0) continue;
            var g = UnitBump(grid, b, parameters.TopographyFixed);
            for (int p = 0; p < r.Length; p++) r[p] += heights[b] * g[p];
        }
        return r;
    }
}
