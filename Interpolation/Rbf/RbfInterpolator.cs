using System.Runtime.Intrinsics;
using Science.QgModel;

namespace Science.Interpolation.Rbf;

/// <summary>
/// "rbf": exact multiquadric radial-basis-function interpolation of spec §9.3, φ(r) = √((r/ε)² + 1) with ε = 0.1 and r
/// the Euclidean distance in the classical scaled coordinates (X = linspace(−π, π, Nx), Y = linspace(−π, π, Ny), end
/// points included), no smoothing and no polynomial tail: Φ w = y solved by dense LU with partial pivoting in double,
/// per layer, then ψ̃(v) = Σ_p w_p φ(|v − v_p|) on the grid.
/// </summary>
/// <remarks>
/// <para><b>Size.</b> Cost O(n³) in the sensor count n, memory 8n² bytes. The sensor layout is the same for both
/// layers and both observation times, so one factorisation serves all four solves of a snapshot (it is cached for the
/// most recent layout). Measured with <see cref="DenseLu"/> on the project's 2-core machines (about 30 GFlop/s when
/// idle): n = 4 608 (SR 0.25) factorises in ≈ 2–3 s (170 MB); n = 9 216 (SR 0.5) in ≈ 30 s (680 MB); n = 13 824
/// (SR 0.75) would take ≈ 2 min and 1.5 GB. MathNet.Numerics 5.0's managed LU measured 0.3–0.5 GFlop/s (≈ 25× slower),
/// so it is not used. Layouts above <see cref="MaxSensors"/> (default 10 000) are refused with an explicit error.</para>
/// <para>The multiquadric matrix is indefinite and, with ε = 0.1 on sensor spacings of 0.03–0.07, ill-conditioned;
/// partial pivoting in double is what the reference (SciPy's Rbf) does too.</para>
/// </remarks>
public sealed class RbfInterpolator : IInterpolator
{
    /// <summary>The default cap on the number of sensors.</summary>
    public const int DefaultMaxSensors = 10_000;

    private readonly object _gate = new();
    private (SensorLayout Layout, Lazy<DenseLu> Lu)? _cache;

    /// <summary>Creates the interpolator.</summary>
    /// <param name="epsilon">Shape parameter ε of φ(r) = √((r/ε)² + 1), &gt; 0 (reference 0.1).</param>
    /// <param name="maxSensors">Largest sensor count accepted.</param>
    /// <param name="maxThreads">Threads of the factorisation and evaluation (≤ 0: all cores).</param>
    public RbfInterpolator(double epsilon = 0.1, int maxSensors = DefaultMaxSensors, int maxThreads = 0)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "the RBF shape parameter ε must be > 0");
        if (maxSensors < 1) throw new ArgumentOutOfRangeException(nameof(maxSensors), maxSensors, "the sensor cap must be ≥ 1");
        Epsilon = epsilon;
        MaxSensors = maxSensors;
        MaxThreads = maxThreads;
    }

    /// <inheritdoc/>
    public string Name => "rbf";
    /// <summary>Shape parameter ε.</summary>
    public double Epsilon { get; }
    /// <summary>Largest sensor count accepted.</summary>
    public int MaxSensors { get; }
    /// <summary>Thread cap (≤ 0: all cores).</summary>
    public int MaxThreads { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">More sensors than <see cref="MaxSensors"/>, or a wrong value count.</exception>
    public double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context)
    {
        EnsureSupported(layout);
        int count = layout.Count;
        if (values.Length != 2 * count) throw new ArgumentException($"expected {2 * count} values (2 layers × {count} sensors), got {values.Length}", nameof(values));
        var lu = Factorization(layout);
        var w1 = values[..count].ToArray();
        var w2 = values[count..].ToArray();
        lu.Solve(w1);
        lu.Solve(w2);
        return Evaluate(layout, w1, w2);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">More sensors than <see cref="MaxSensors"/>.</exception>
    public void EnsureSupported(SensorLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int count = layout.Count;
        if (count > MaxSensors)
            throw new ArgumentException(
                $"the RBF interpolator solves a dense {count}×{count} system (O(n³), {8.0 * count * count / 1e9:F1} GB); the cap is {MaxSensors} sensors " +
                $"(sensor ratio {layout.Ratio:G3}). Raise rbf_max_sensors in the interpolator config if you have the time and memory, or use cubic or oi.",
                nameof(layout));
    }

    /// <summary>The interpolation matrix Φ_pq = φ(|v_p − v_q|) of a layout (row-major), for tests and diagnostics.</summary>
    public double[] Matrix(SensorLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var (x, y) = layout.Coordinates(CoordinateScaling.Classical);
        int n = layout.Count;
        var a = new double[(long)n * n];
        double inv2 = 1.0 / (Epsilon * Epsilon);
        Parallel.For(0, n, Options(), i =>
        {
            long row = (long)i * n;
            for (int j = 0; j < n; j++)
            {
                double dx = x[i] - x[j], dy = y[i] - y[j];
                a[row + j] = Math.Sqrt((dx * dx + dy * dy) * inv2 + 1);
            }
        });
        return a;
    }

    private DenseLu Factorization(SensorLayout layout)
    {
        Lazy<DenseLu> lazy;
        lock (_gate)
        {
            if (_cache is { } c && c.Layout.SameAs(layout)) lazy = c.Lu;
            else
            {
                lazy = new Lazy<DenseLu>(() => DenseLu.Factorize(Matrix(layout), layout.Count, MaxThreads), LazyThreadSafetyMode.ExecutionAndPublication);
                _cache = (layout, lazy);
            }
        }
        return lazy.Value;
    }

    private ParallelOptions Options() => new() { MaxDegreeOfParallelism = MaxThreads > 0 ? MaxThreads : -1 };

    private double[] Evaluate(SensorLayout layout, double[] w1, double[] w2)
    {
        var grid = layout.Grid;
        var (sx, sy) = layout.Coordinates(CoordinateScaling.Classical);
        var ax = ScaledCoordinates.AxisX(grid, CoordinateScaling.Classical);
        var ay = ScaledCoordinates.AxisY(grid, CoordinateScaling.Classical);
        int n = grid.RealSize, count = layout.Count;
        var psi = new double[2 * n];
        double inv2 = 1.0 / (Epsilon * Epsilon);
        Parallel.For(0, grid.Ny, Options(), j =>
        {
            for (int i = 0; i < grid.Nx; i++)
            {
                var (s1, s2) = Sum(sx, sy, w1, w2, ax[i], ay[j], inv2, count);
                psi[j * grid.Nx + i] = s1;
                psi[n + j * grid.Nx + i] = s2;
            }
        });
        return psi;
    }

    // Σ_p w_p φ(|v − v_p|) for both weight vectors at once.
    private static (double, double) Sum(double[] sx, double[] sy, double[] w1, double[] w2, double x, double y, double inv2, int count)
    {
        double s1 = 0, s2 = 0;
        int p = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x); var vy = Vector256.Create(y);
            var vi = Vector256.Create(inv2); var one = Vector256.Create(1.0);
            var a1 = Vector256<double>.Zero; var a2 = Vector256<double>.Zero;
            for (; p <= count - 4; p += 4)
            {
                var dx = Vector256.Create<double>(sx.AsSpan(p, 4)) - vx;
                var dy = Vector256.Create<double>(sy.AsSpan(p, 4)) - vy;
                var phi = Vector256.Sqrt((dx * dx + dy * dy) * vi + one);
                a1 += phi * Vector256.Create<double>(w1.AsSpan(p, 4));
                a2 += phi * Vector256.Create<double>(w2.AsSpan(p, 4));
            }
            s1 = Vector256.Sum(a1);
            s2 = Vector256.Sum(a2);
        }
        for (; p < count; p++)
        {
            double dx = sx[p] - x, dy = sy[p] - y;
            double phi = Math.Sqrt((dx * dx + dy * dy) * inv2 + 1);
            s1 += phi * w1[p];
            s2 += phi * w2[p];
        }
        return (s1, s2);
    }
}
