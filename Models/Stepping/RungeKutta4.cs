using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Science.Models.Stepping;

/// <summary>
/// The classical fourth-order Runge–Kutta step for dx/dt = f(x, t): x ← x + Δt/6 (k1 + 2k2 + 2k3 + k4). Holds its
/// stage buffers (no allocation per step); one instance per thread.
/// </summary>
public sealed class RungeKutta4
{
    private readonly ITendency _f;
    private readonly double[] _k1, _k2, _k3, _k4, _stage;

    /// <summary>A stepper for <paramref name="tendency"/>.</summary>
    public RungeKutta4(ITendency tendency)
    {
        _f = tendency ?? throw new ArgumentNullException(nameof(tendency));
        int n = tendency.Size;
        _k1 = new double[n]; _k2 = new double[n]; _k3 = new double[n]; _k4 = new double[n]; _stage = new double[n];
    }

    /// <summary>The tendency.</summary>
    public ITendency Tendency => _f;

    /// <summary>One step of <paramref name="dt"/> from time <paramref name="t"/>, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(Span<double> x, double t, double dt)
    {
        if (x.Length != _k1.Length) throw new ArgumentException($"x must have {_k1.Length} values", nameof(x));
        _f.Evaluate(t, x, _k1);
        TensorPrimitives.MultiplyAdd(_k1, 0.5 * dt, x, _stage);
        _f.Evaluate(t + 0.5 * dt, _stage, _k2);
        TensorPrimitives.MultiplyAdd(_k2, 0.5 * dt, x, _stage);
        _f.Evaluate(t + 0.5 * dt, _stage, _k3);
        TensorPrimitives.MultiplyAdd(_k3, dt, x, _stage);
        _f.Evaluate(t + dt, _stage, _k4);
        // x += dt/6 (k1 + 2 k2 + 2 k3 + k4), summed in that order.
        double h = dt / 6;
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The scalar expression's operations in its order (no fused multiply-add): the same bits per element.
            var hv = Vector256.Create(h);
            var two = Vector256.Create(2.0);
            ref double xr = ref MemoryMarshal.GetReference(x);
            for (; j + Vector256<double>.Count <= x.Length; j += Vector256<double>.Count)
            {
                var sum = Vector256.LoadUnsafe(ref _k1[0], (nuint)j) + two * Vector256.LoadUnsafe(ref _k2[0], (nuint)j)
                    + two * Vector256.LoadUnsafe(ref _k3[0], (nuint)j) + Vector256.LoadUnsafe(ref _k4[0], (nuint)j);
                (Vector256.LoadUnsafe(ref xr, (nuint)j) + hv * sum).StoreUnsafe(ref xr, (nuint)j);
            }
        }
        for (; j < x.Length; j++) x[j] += h * (_k1[j] + 2 * _k2[j] + 2 * _k3[j] + _k4[j]);
    }
}
