using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Science.Numerics.Fft;

/// <summary>
/// Width-generic SIMD operations on doubles, implemented by one struct per vector width, so the FFT kernels are
/// written once and specialised by the JIT (generic struct parameters are compiled per instantiation).
/// </summary>
/// <typeparam name="TV">The vector type (<see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>,
/// <see cref="Vector128{T}"/> or <see cref="double"/>).</typeparam>
internal unsafe interface IVecOps<TV> where TV : unmanaged
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Width { get; }

    /// <summary>Unaligned load of <see cref="Width"/> doubles.</summary>
    static abstract TV Load(double* p);

    /// <summary>Unaligned store of <see cref="Width"/> doubles.</summary>
    static abstract void Store(double* p, TV v);

    /// <summary>All lanes equal to <paramref name="x"/>.</summary>
    static abstract TV Splat(double x);

    /// <summary>a + b.</summary>
    static abstract TV Add(TV a, TV b);

    /// <summary>a − b.</summary>
    static abstract TV Sub(TV a, TV b);

    /// <summary>a · b.</summary>
    static abstract TV Mul(TV a, TV b);

    /// <summary>−a.</summary>
    static abstract TV Neg(TV a);

    /// <summary>a · b + c (fused where the hardware has FMA).</summary>
    static abstract TV MulAdd(TV a, TV b, TV c);

    /// <summary>c − a · b (fused where the hardware has FMA).</summary>
    static abstract TV NegMulAdd(TV a, TV b, TV c);
}

/// <summary>512-bit operations.</summary>
internal readonly unsafe struct Ops512 : IVecOps<Vector512<double>>
{
    public static int Width => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double* p) => Vector512.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* p, Vector512<double> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Splat(double x) => Vector512.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Neg(Vector512<double> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MulAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> NegMulAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAddNegated(a, b, c) : c - a * b;
}

/// <summary>256-bit operations.</summary>
internal readonly unsafe struct Ops256 : IVecOps<Vector256<double>>
{
    public static int Width => Vector256<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* p, Vector256<double> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Splat(double x) => Vector256.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Neg(Vector256<double> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MulAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> NegMulAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c) : c - a * b;
}

/// <summary>128-bit operations.</summary>
internal readonly unsafe struct Ops128 : IVecOps<Vector128<double>>
{
    public static int Width => Vector128<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(double* p) => Vector128.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* p, Vector128<double> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Splat(double x) => Vector128.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sub(Vector128<double> a, Vector128<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Mul(Vector128<double> a, Vector128<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Neg(Vector128<double> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MulAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c)
        : AdvSimd.Arm64.IsSupported ? AdvSimd.Arm64.FusedMultiplyAdd(c, a, b)
        : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> NegMulAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c)
        : AdvSimd.Arm64.IsSupported ? AdvSimd.Arm64.FusedMultiplySubtract(c, a, b)
        : c - a * b;
}

/// <summary>Scalar operations (one lane), for batches narrower than any vector.</summary>
internal readonly unsafe struct OpsScalar : IVecOps<double>
{
    public static int Width => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(double* p) => *p;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* p, double v) => *p = v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Splat(double x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sub(double a, double b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mul(double a, double b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Neg(double a) => -a;

    // Fused like the vector widths on FMA hardware, so that results do not depend on which width handled a lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MulAdd(double a, double b, double c) =>
        Fma.IsSupported || AdvSimd.Arm64.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NegMulAdd(double a, double b, double c) =>
        Fma.IsSupported || AdvSimd.Arm64.IsSupported ? Math.FusedMultiplyAdd(-a, b, c) : c - a * b;
}
