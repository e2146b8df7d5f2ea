using Science.QgModel;

namespace Science.Interpolation.Cubic;

/// <summary>
/// "cubic": piecewise-cubic C¹ Clough–Tocher interpolation on the Delaunay triangulation of the sensors with
/// nearest-sensor fill outside their convex hull (spec §9.3), a re-implementation of SciPy's
/// <c>griddata(method="cubic")</c> (CloughTocher2DInterpolator) followed by <c>griddata(method="nearest")</c> for the
/// points it leaves NaN, in the classical scaled coordinates X = linspace(−π, π, Nx), Y = linspace(−π, π, Ny).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Triangulation: <see cref="LatticeDelaunay"/>, exact predicates on the sensors' grid indices with the
/// empty-circle test in the scaled coordinates; cocircular ties (every cell of a full grid) are resolved by a fixed
/// insertion order, so the result is deterministic (it may pick other diagonals than Qhull).</item>
/// <item>Nodal gradients: SciPy's global curvature-minimising estimate (Nielson 1983, Renka &amp; Cline 1984):
/// Gauss–Seidel over the vertices in sensor order, at most <see cref="GradientIterations"/> sweeps (400) until the
/// largest relative change is below <see cref="GradientTolerance"/> (1e-6).</item>
/// <item>Clough–Tocher split at the centroid with SciPy's affine-invariant cross-boundary directions (towards the
/// neighbour's centroid; (e12 + e13)/2 on hull edges).</item>
/// <item>At the sensors the interpolant equals the data (the vertices' Bézier ordinates), so at SR = 1 the grid is
/// reproduced exactly.</item>
/// </list>
/// The triangulation and the point location depend only on the layout and are cached for the most recent layout
/// (the same sensors serve both layers and both times). Thread-safe.
/// </remarks>
public sealed class CubicInterpolator : IInterpolator
{
    private readonly object _gate = new();
    private (SensorLayout Layout, Lazy<Plan> Plan)? _cache;

    /// <summary>Creates the interpolator.</summary>
    /// <param name="gradientIterations">Maximum Gauss–Seidel sweeps of the gradient estimate (SciPy: 400).</param>
    /// <param name="gradientTolerance">Stop tolerance of the gradient estimate (SciPy: 1e-6).</param>
    public CubicInterpolator(int gradientIterations = 400, double gradientTolerance = 1e-6)
    {
        if (gradientIterations < 1) throw new ArgumentOutOfRangeException(nameof(gradientIterations), gradientIterations, "at least one gradient iteration is needed");
        if (!(gradientTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(gradientTolerance), gradientTolerance, "the gradient tolerance must be > 0");
        GradientIterations = gradientIterations;
        GradientTolerance = gradientTolerance;
    }

    /// <inheritdoc/>
    public string Name => "cubic";
    /// <summary>Maximum Gauss–Seidel sweeps of the gradient estimate.</summary>
    public int GradientIterations { get; }
    /// <summary>Stop tolerance of the gradient estimate.</summary>
    public double GradientTolerance { get; }

    /// <inheritdoc/>
    public double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int count = layout.Count, n = layout.Grid.RealSize;
        if (values.Length != 2 * count) throw new ArgumentException($"expected {2 * count} values (2 layers × {count} sensors), got {values.Length}", nameof(values));
        var plan = GetPlan(layout);
        var psi = new double[2 * n];
        var f1 = values[..count].ToArray();
        var f2 = values[count..].ToArray();
        Parallel.Invoke(
            () => plan.Evaluate(f1, EstimateGradients(plan, f1), psi.AsSpan(0, n)),
            () => plan.Evaluate(f2, EstimateGradients(plan, f2), psi.AsSpan(n, n)));
        return psi;
    }

    /// <summary>Number of Delaunay triangles of a layout (for tests and reports).</summary>
    public int TriangleCount(SensorLayout layout) => GetPlan(layout).Triangulation.Count;

    /// <summary>Grid points outside the sensors' convex hull, filled with the nearest sensor's value.</summary>
    public int NearestFilledPoints(SensorLayout layout) => GetPlan(layout).NearestFilled;

    internal LatticeDelaunay Triangulate(SensorLayout layout) => GetPlan(layout).Triangulation;

    private Plan GetPlan(SensorLayout layout)
    {
        Lazy<Plan> lazy;
        lock (_gate)
        {
            if (_cache is { } c && c.Layout.SameAs(layout)) lazy = c.Plan;
            else
            {
                lazy = new Lazy<Plan>(() => new Plan(layout), LazyThreadSafetyMode.ExecutionAndPublication);
                _cache = (layout, lazy);
            }
        }
        return lazy.Value;
    }

    // SciPy's _estimate_gradients_2d_global: per vertex minimise Σ_edges ∫ |W''|² with the neighbours' gradients fixed.
    private double[] EstimateGradients(Plan plan, double[] f)
    {
        int count = f.Length;
        var grad = new double[2 * count];
        var sx = plan.X; var sy = plan.Y;
        var start = plan.NeighbourStart; var nbrs = plan.NeighbourList;
        for (int it = 0; it < GradientIterations; it++)
        {
            double err = 0;
            for (int p = 0; p < count; p++)
            {
                double q0 = 0, q1 = 0, q3 = 0, s0 = 0, s1 = 0;
                for (int k = start[p]; k < start[p + 1]; k++)
                {
                    int r = nbrs[k];
                    double ex = sx[r] - sx[p], ey = sy[r] - sy[p];
                    double l = Math.Sqrt(ex * ex + ey * ey);
                    double l3 = l * l * l;
                    double df2 = -ex * grad[2 * r] - ey * grad[2 * r + 1];
                    q0 += 4 * ex * ex / l3;
                    q1 += 4 * ex * ey / l3;
                    q3 += 4 * ey * ey / l3;
                    double w = 6 * (f[p] - f[r]) - 2 * df2;
                    s0 += w * ex / l3;
                    s1 += w * ey / l3;
                }
                double det = q0 * q3 - q1 * q1;
                if (det == 0) continue;
                double r0 = (q3 * s0 - q1 * s1) / det;
                double r1 = (-q1 * s0 + q0 * s1) / det;
                double change = Math.Max(Math.Abs(grad[2 * p] + r0), Math.Abs(grad[2 * p + 1] + r1));
                grad[2 * p] = -r0;
                grad[2 * p + 1] = -r1;
                change /= Math.Max(1.0, Math.Max(Math.Abs(r0), Math.Abs(r1)));
                err = Math.Max(err, change);
            }
            if (err < GradientTolerance) break;
        }
        return grad;
    }

    // Everything that depends only on the layout: triangulation, vertex neighbours, CT edge directions, and for every
    // grid point its triangle and barycentric coordinates (or the nearest sensor outside the hull).
    private sealed class Plan
    {
        public Plan(SensorLayout layout)
        {
            var grid = layout.Grid;
            int count = layout.Count;
            var ix = new int[count];
            var iy = new int[count];
            for (int k = 0; k < count; k++) { ix[k] = layout.Column(k); iy[k] = layout.Row(k); }
            (X, Y) = layout.Coordinates(CoordinateScaling.Classical);
            long wx = (long)(grid.Ny - 1) * (grid.Ny - 1), wy = (long)(grid.Nx - 1) * (grid.Nx - 1);
            Triangulation = new LatticeDelaunay(ix, iy, wx, wy);
            var tri = Triangulation.Triangles;
            int nt = Triangulation.Count;

            // Vertex neighbours (CSR, ascending).
            var sets = new List<int>[count];
            for (int k = 0; k < count; k++) sets[k] = [];
            for (int t = 0; t < nt; t++)
                for (int e = 0; e < 3; e++)
                {
                    int a = tri[3 * t + e], b = tri[3 * t + (e + 1) % 3];
                    sets[a].Add(b);
                    sets[b].Add(a);
                }
            NeighbourStart = new int[count + 1];
            var list = new List<int>();
            for (int k = 0; k < count; k++)
            {
                var uniq = sets[k].Distinct().Order().ToArray();
                list.AddRange(uniq);
                NeighbourStart[k + 1] = list.Count;
            }
            NeighbourList = [.. list];

            // CT cross-boundary direction parameters g per triangle (SciPy's affine-invariant choice).
            G = new double[3 * nt];
            var nb = Triangulation.Neighbors;
            for (int t = 0; t < nt; t++)
            {
                int v0 = tri[3 * t], v1 = tri[3 * t + 1], v2 = tri[3 * t + 2];
                for (int k = 0; k < 3; k++)
                {
                    int other = nb[3 * t + k];
                    if (other < 0) { G[3 * t + k] = -0.5; continue; }
                    double cx = (ix[tri[3 * other]] + ix[tri[3 * other + 1]] + ix[tri[3 * other + 2]]) / 3.0;
                    double cy = (iy[tri[3 * other]] + iy[tri[3 * other + 1]] + iy[tri[3 * other + 2]]) / 3.0;
                    var (c0, c1, c2) = Barycentric(ix, iy, v0, v1, v2, cx, cy);
                    G[3 * t + k] = k switch
                    {
                        0 => (2 * c2 + c1 - 1) / (2 - 3 * c2 - 3 * c1),
                        1 => (2 * c0 + c2 - 1) / (2 - 3 * c0 - 3 * c2),
                        _ => (2 * c1 + c0 - 1) / (2 - 3 * c1 - 3 * c0),
                    };
                }
            }

            // Point location by rasterising each triangle over the lattice (exact orientation tests); first triangle wins.
            int nx = grid.Nx, n = grid.RealSize;
            Owner = new int[n];
            Array.Fill(Owner, -1);
            Bary = new double[3 * n];
            for (int t = 0; t < nt; t++)
            {
                int v0 = tri[3 * t], v1 = tri[3 * t + 1], v2 = tri[3 * t + 2];
                int i0 = Math.Min(ix[v0], Math.Min(ix[v1], ix[v2])), i1 = Math.Max(ix[v0], Math.Max(ix[v1], ix[v2]));
                int j0 = Math.Min(iy[v0], Math.Min(iy[v1], iy[v2])), j1 = Math.Max(iy[v0], Math.Max(iy[v1], iy[v2]));
                long area = Orient(ix[v0], iy[v0], ix[v1], iy[v1], ix[v2], iy[v2]);
                for (int j = j0; j <= j1; j++)
                    for (int i = i0; i <= i1; i++)
                    {
                        int p = j * nx + i;
                        if (Owner[p] >= 0) continue;
                        long a0 = Orient(ix[v1], iy[v1], ix[v2], iy[v2], i, j);
                        if (a0 < 0) continue;
                        long a1 = Orient(ix[v2], iy[v2], ix[v0], iy[v0], i, j);
                        if (a1 < 0) continue;
                        long a2 = Orient(ix[v0], iy[v0], ix[v1], iy[v1], i, j);
                        if (a2 < 0) continue;
                        Owner[p] = t;
                        Bary[3 * p] = (double)a0 / area;
                        Bary[3 * p + 1] = (double)a1 / area;
                        Bary[3 * p + 2] = (double)a2 / area;
                    }
            }
            // Outside the hull: the nearest sensor in the scaled coordinates (lowest index on ties).
            Nearest = new int[n];
            Array.Fill(Nearest, -1);
            var ax = ScaledCoordinates.AxisX(grid, CoordinateScaling.Classical);
            var ay = ScaledCoordinates.AxisY(grid, CoordinateScaling.Classical);
            var missing = Enumerable.Range(0, n).Where(p => Owner[p] < 0).ToArray();
            NearestFilled = missing.Length;
            Parallel.ForEach(missing, p =>
            {
                double px = ax[p % nx], py = ay[p / nx];
                double best = double.PositiveInfinity;
                int arg = -1;
                for (int k = 0; k < count; k++)
                {
                    double dx = X[k] - px, dy = Y[k] - py, d = dx * dx + dy * dy;
                    if (d < best) { best = d; arg = k; }
                }
                Nearest[p] = arg;
            });
        }

        public LatticeDelaunay Triangulation { get; }
        public double[] X { get; }
        public double[] Y { get; }
        public int[] NeighbourStart { get; }
        public int[] NeighbourList { get; }
        public double[] G { get; }
        public int[] Owner { get; }
        public double[] Bary { get; }
        public int[] Nearest { get; }
        public int NearestFilled { get; }

        public void Evaluate(double[] f, double[] grad, Span<double> result)
        {
            var tri = Triangulation.Triangles;
            for (int p = 0; p < result.Length; p++)
            {
                int t = Owner[p];
                if (t < 0) { result[p] = f[Nearest[p]]; continue; }
                result[p] = CloughTocher(tri[3 * t], tri[3 * t + 1], tri[3 * t + 2], G[3 * t], G[3 * t + 1], G[3 * t + 2],
                    Bary[3 * p], Bary[3 * p + 1], Bary[3 * p + 2], f, grad);
            }
        }

        // SciPy's _clough_tocher_2d_single for one point with barycentric coordinates (b0, b1, b2).
        private double CloughTocher(int v0, int v1, int v2, double g0, double g1, double g2, double b0, double b1, double b2, double[] f, double[] d)
        {
            double e12x = X[v1] - X[v0], e12y = Y[v1] - Y[v0];
            double e23x = X[v2] - X[v1], e23y = Y[v2] - Y[v1];
            double e31x = X[v0] - X[v2], e31y = Y[v0] - Y[v2];
            double f1 = f[v0], f2 = f[v1], f3 = f[v2];
            double df12 = d[2 * v0] * e12x + d[2 * v0 + 1] * e12y;
            double df21 = -(d[2 * v1] * e12x + d[2 * v1 + 1] * e12y);
            double df23 = d[2 * v1] * e23x + d[2 * v1 + 1] * e23y;
            double df32 = -(d[2 * v2] * e23x + d[2 * v2 + 1] * e23y);
            double df31 = d[2 * v2] * e31x + d[2 * v2 + 1] * e31y;
            double df13 = -(d[2 * v0] * e31x + d[2 * v0 + 1] * e31y);

            double c3000 = f1, c2100 = (df12 + 3 * c3000) / 3, c2010 = (df13 + 3 * c3000) / 3;
            double c0300 = f2, c1200 = (df21 + 3 * c0300) / 3, c0210 = (df23 + 3 * c0300) / 3;
            double c0030 = f3, c1020 = (df31 + 3 * c0030) / 3, c0120 = (df32 + 3 * c0030) / 3;
            double c2001 = (c2100 + c2010 + c3000) / 3;
            double c0201 = (c1200 + c0300 + c0210) / 3;
            double c0021 = (c1020 + c0120 + c0030) / 3;
            double c0111 = (g0 * (-c0300 + 3 * c0210 - 3 * c0120 + c0030) + (-c0300 + 2 * c0210 - c0120 + c0021 + c0201)) / 2;
            double c1011 = (g1 * (-c0030 + 3 * c1020 - 3 * c2010 + c3000) + (-c0030 + 2 * c1020 - c2010 + c2001 + c0021)) / 2;
            double c1101 = (g2 * (-c3000 + 3 * c2100 - 3 * c1200 + c0300) + (-c3000 + 2 * c2100 - c1200 + c2001 + c0201)) / 2;
            double c1002 = (c1101 + c1011 + c2001) / 3;
            double c0102 = (c1101 + c0111 + c0201) / 3;
            double c0012 = (c1011 + c0111 + c0021) / 3;
            double c0003 = (c1002 + c0102 + c0012) / 3;

            double minval = Math.Min(b0, Math.Min(b1, b2));
            double x1 = b0 - minval, x2 = b1 - minval, x3 = b2 - minval, x4 = 3 * minval;
            return x1 * x1 * x1 * c3000 + 3 * x1 * x1 * x2 * c2100 + 3 * x1 * x1 * x3 * c2010 +
                   3 * x1 * x1 * x4 * c2001 + 3 * x1 * x2 * x2 * c1200 +
                   6 * x1 * x2 * x4 * c1101 + 3 * x1 * x3 * x3 * c1020 + 6 * x1 * x3 * x4 * c1011 +
                   3 * x1 * x4 * x4 * c1002 + x2 * x2 * x2 * c0300 + 3 * x2 * x2 * x3 * c0210 +
                   3 * x2 * x2 * x4 * c0201 + 3 * x2 * x3 * x3 * c0120 + 6 * x2 * x3 * x4 * c0111 +
                   3 * x2 * x4 * x4 * c0102 + x3 * x3 * x3 * c0030 + 3 * x3 * x3 * x4 * c0021 +
                   3 * x3 * x4 * x4 * c0012 + x4 * x4 * x4 * c0003;
        }

        private static long Orient(int ax, int ay, int bx, int by, int cx, int cy) =>
            (long)(bx - ax) * (cy - ay) - (long)(by - ay) * (cx - ax);

        private static (double, double, double) Barycentric(int[] ix, int[] iy, int v0, int v1, int v2, double px, double py)
        {
            double x0 = ix[v0], y0 = iy[v0], x1 = ix[v1], y1 = iy[v1], x2 = ix[v2], y2 = iy[v2];
            double area = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0);
            double c0 = ((x1 - px) * (y2 - py) - (y1 - py) * (x2 - px)) / area;
            double c1 = ((x2 - px) * (y0 - py) - (y2 - py) * (x0 - px)) / area;
            return (c0, c1, 1 - c0 - c1);
        }
    }
}
