using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Science.Models.Stepping;

namespace Science.Models.Lorenz;

/// <summary>
/// The Lorenz-96 tendency dx_i/dt = (x_{i+1} − x_{i−2}) x_{i−1} − x_i + F on a periodic ring of N variables
/// (Lorenz 1996; DAPPER's <c>Lorenz96</c>). Defaults N = 40, F = 8.
/// </summary>
public sealed class Lorenz96Tendency : ITendency
{
    /// <summary>The tendency of a ring of <paramref name="n"/> ≥ 4 variables with forcing <paramref name="forcing"/>.</summary>
    public Lorenz96Tendency(int n = 40, double forcing = 8.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 4);
        if (!double.IsFinite(forcing)) throw new ArgumentOutOfRangeException(nameof(forcing), forcing, "the forcing must be finite");
        Size = n;
        Forcing = forcing;
    }

    /// <inheritdoc/>
    public int Size { get; }
    /// <summary>The forcing F.</summary>
    public double Forcing { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// The interior runs in SIMD vectors of shifted loads with the scalar expression's operations in its order (no
    /// fused multiply-add), so every element has the same bits as the scalar loop, whatever the vector width.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(double t, ReadOnlySpan<double> x, Span<double> dxdt)
    {
        int n = Size;
        if (x.Length < n || dxdt.Length < n) throw new ArgumentException($"x and dxdt must have {n} values");
        double f = Forcing;
        // The two wrapped ends, then the interior without index arithmetic modulo n.
        dxdt[0] = (x[1] - x[n - 2]) * x[n - 1] - x[0] + f;
        dxdt[1] = (x[2] - x[n - 1]) * x[0] - x[1] + f;
        int i = 2;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double dr = ref MemoryMarshal.GetReference(dxdt);
            var force = Vector256.Create(f);
            // Loads reach x[i + 4] at most, so i + 4 ≤ n − 1.
            for (; i + 4 <= n - 1; i += Vector256<double>.Count)
            {
                var next = Vector256.LoadUnsafe(ref xr, (nuint)(i + 1));
                var back2 = Vector256.LoadUnsafe(ref xr, (nuint)(i - 2));
                var back1 = Vector256.LoadUnsafe(ref xr, (nuint)(i - 1));
                var here = Vector256.LoadUnsafe(ref xr, (nuint)i);
                ((next - back2) * back1 - here + force).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n - 1; i++) dxdt[i] = (x[i + 1] - x[i - 2]) * x[i - 1] - x[i] + f;
        dxdt[n - 1] = (x[0] - x[n - 3]) * x[n - 2] - x[n - 1] + f;
    }
}

/// <summary>Lorenz-96 (<see cref="Lorenz96Tendency"/>) stepped with RK4; state vector x_0 … x_{N−1}.</summary>
public sealed class Lorenz96 : TendencyModel
{
    /// <summary>N variables, forcing F, RK4 step <paramref name="dt"/> (DAPPER's sakov2008 setup: 40, 8, 0.05).</summary>
    public Lorenz96(int n = 40, double forcing = 8.0, double dt = 0.05) : base("lorenz96", new Lorenz96Tendency(n, forcing), dt) { }
}
