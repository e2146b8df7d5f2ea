using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Science.Assimilation.Analysis;

/// <summary>
/// Short-vector kernels for the small ensemble matrices (rows of 7–100 doubles), cheaper per call than
/// <c>TensorPrimitives</c> at these lengths. Every kernel gives the same bits with or without SIMD and whatever the
/// vector width (AVX-512, AVX2, scalar): element-wise kernels use separate multiply and add (never a fused
/// multiply-add), and <see cref="Dot"/> always sums in four interleaved partial sums combined in a fixed order.
/// </summary>
internal static class Lanes
{
    /// <summary>Σ x_i y_i over four partial sums (i mod 4), combined as (s0 + s1) + (s2 + s3), then the tail in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Reduce<Product>(x, y);

    /// <summary>Σ x_i in the summation order of <see cref="Dot"/> (four interleaved partial sums).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(ReadOnlySpan<double> x) => Reduce<First>(x, x);

    /// <summary>Σ (x_i − y_i)² in the summation order of <see cref="Dot"/>.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Reduce<SquaredDifference>(x, y);

    /// <summary>The term t(x_i, y_i) a reduction sums, for a 256-bit lane and for one element (the same arithmetic).</summary>
    private interface ITerm
    {
        static abstract Vector256<double> Of(Vector256<double> a, Vector256<double> b);
        static abstract double Of(double a, double b);
    }

    private readonly struct Product : ITerm
    {
        public static Vector256<double> Of(Vector256<double> a, Vector256<double> b) => a * b;
        public static double Of(double a, double b) => a * b;
    }

    private readonly struct First : ITerm
    {
        public static Vector256<double> Of(Vector256<double> a, Vector256<double> b) => a;
        public static double Of(double a, double b) => a;
    }

    private readonly struct SquaredDifference : ITerm
    {
        public static Vector256<double> Of(Vector256<double> a, Vector256<double> b) { var d = a - b; return d * d; }
        public static double Of(double a, double b) { double d = a - b; return d * d; }
    }

    /// <summary>Σ t(x_i, y_i) over four partial sums (i mod 4) — one Vector256 accumulator or four scalars, the same
    /// bits — combined as (s0 + s1) + (s2 + s3), then the tail in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Reduce<T>(ReadOnlySpan<double> x, ReadOnlySpan<double> y) where T : struct, ITerm
    {
        int n = x.Length;
        if (y.Length < n) throw new ArgumentException("y is shorter than x", nameof(y));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= n - 4; i += 4)
                acc += T.Of(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i));
            s0 = acc.GetElement(0); s1 = acc.GetElement(1); s2 = acc.GetElement(2); s3 = acc.GetElement(3);
        }
        else
            for (; i <= n - 4; i += 4)
            {
                s0 += T.Of(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i));
                s1 += T.Of(Unsafe.Add(ref rx, i + 1), Unsafe.Add(ref ry, i + 1));
                s2 += T.Of(Unsafe.Add(ref rx, i + 2), Unsafe.Add(ref ry, i + 2));
                s3 += T.Of(Unsafe.Add(ref rx, i + 3), Unsafe.Add(ref ry, i + 3));
            }
        double s = (s0 + s1) + (s2 + s3);
        for (; i < n; i++) s += T.Of(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i));
        return s;
    }

    /// <summary>y ← y + a·x (element-wise, unfused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        int n = y.Length;
        if (x.Length < n) throw new ArgumentException("x is shorter than y", nameof(x));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; i <= n - 4; i += 4)
                (Vector256.LoadUnsafe(ref ry, (nuint)i) + va * Vector256.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) += a * Unsafe.Add(ref rx, i);
    }

    /// <summary>y ← y + x ⊙ x (element-wise, unfused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddSquares(Span<double> y, ReadOnlySpan<double> x)
    {
        int n = y.Length;
        if (x.Length < n) throw new ArgumentException("x is shorter than y", nameof(x));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 4; i += 4)
            {
                var a = Vector256.LoadUnsafe(ref rx, (nuint)i);
                (Vector256.LoadUnsafe(ref ry, (nuint)i) + a * a).StoreUnsafe(ref ry, (nuint)i);
            }
        for (; i < n; i++) Unsafe.Add(ref ry, i) += Unsafe.Add(ref rx, i) * Unsafe.Add(ref rx, i);
    }

    /// <summary>The plane rotation x ← c·x − s·y, y ← s·x + c·y (element-wise, unfused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        int n = x.Length;
        if (y.Length < n) throw new ArgumentException("y is shorter than x", nameof(y));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vc = Vector256.Create(c);
            var vs = Vector256.Create(s);
            for (; i <= n - 4; i += 4)
            {
                var a = Vector256.LoadUnsafe(ref rx, (nuint)i);
                var b = Vector256.LoadUnsafe(ref ry, (nuint)i);
                (vc * a - vs * b).StoreUnsafe(ref rx, (nuint)i);
                (vs * a + vc * b).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double a = Unsafe.Add(ref rx, i), b = Unsafe.Add(ref ry, i);
            Unsafe.Add(ref rx, i) = c * a - s * b;
            Unsafe.Add(ref ry, i) = s * a + c * b;
        }
    }

    /// <summary>The symmetric rank-2 row update r ← r − (uj·q + qj·u) (element-wise, unfused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractRank2(Span<double> r, double uj, ReadOnlySpan<double> q, double qj, ReadOnlySpan<double> u)
    {
        int n = r.Length;
        if (q.Length < n || u.Length < n) throw new ArgumentException("q and u must be at least as long as r");
        ref double rr = ref MemoryMarshal.GetReference(r);
        ref double rq = ref MemoryMarshal.GetReference(q);
        ref double ru = ref MemoryMarshal.GetReference(u);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vu = Vector256.Create(uj);
            var vq = Vector256.Create(qj);
            for (; i <= n - 4; i += 4)
            {
                var t = vu * Vector256.LoadUnsafe(ref rq, (nuint)i) + vq * Vector256.LoadUnsafe(ref ru, (nuint)i);
                (Vector256.LoadUnsafe(ref rr, (nuint)i) - t).StoreUnsafe(ref rr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref rr, i) -= uj * Unsafe.Add(ref rq, i) + qj * Unsafe.Add(ref ru, i);
    }

    /// <summary>z ← x + y (element-wise; z may alias x or y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z) => Combine(x, y, z, 0);

    /// <summary>z ← x − y (element-wise; z may alias x or y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z) => Combine(x, y, z, 1);

    /// <summary>z ← x ⊙ y (element-wise; z may alias x or y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z) => Combine(x, y, z, 2);

    /// <summary>y ← a·x (element-wise; y may alias x).</summary>
    public static void Scale(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        int n = y.Length;
        if (x.Length < n) throw new ArgumentException("x is shorter than y", nameof(x));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; i <= n - 4; i += 4) (va * Vector256.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) = a * Unsafe.Add(ref rx, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Combine(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z, int op)
    {
        int n = z.Length;
        if (x.Length < n || y.Length < n) throw new ArgumentException("x and y must be at least as long as z");
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        ref double rz = ref MemoryMarshal.GetReference(z);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 4; i += 4)
            {
                var a = Vector256.LoadUnsafe(ref rx, (nuint)i);
                var b = Vector256.LoadUnsafe(ref ry, (nuint)i);
                (op == 0 ? a + b : op == 1 ? a - b : a * b).StoreUnsafe(ref rz, (nuint)i);
            }
        for (; i < n; i++)
        {
            double a = Unsafe.Add(ref rx, i), b = Unsafe.Add(ref ry, i);
            Unsafe.Add(ref rz, i) = op == 0 ? a + b : op == 1 ? a - b : a * b;
        }
    }
}
