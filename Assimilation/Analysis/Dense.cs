using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Science.Assimilation.Analysis;

/// <summary>
/// Row-major dense products on spans for the ensemble algebra (N×N, N×m, m×n): register-blocked SIMD products and
/// <see cref="TensorPrimitives"/> dot products; nothing allocates. Summation order is fixed, so results do not depend
/// on threads.
/// </summary>
internal static class Dense
{
    /// <summary>C (r×c) = A (r×k) · B (k×c).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int r, int k, int cols) =>
        Product(a, k, 1, b, c, r, k, cols);

    /// <summary>C (r×c) = Aᵀ · B with A (k×r), B (k×c).</summary>
    public static void MultiplyTransposeA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int k, int r, int cols) =>
        Product(a, 1, r, b, c, r, k, cols);

    /// <summary>
    /// C (r×c) = Σ_p A(i, p) B_p with A(i, p) = a[i·rowStride + p·colStride]: every element summed over p in order,
    /// as c ← c + A(i, p)·b (unfused; terms with A(i, p) = 0 skipped), so the bits do not depend on the SIMD width.
    /// Register-blocked: 16 columns of C stay in registers while p runs.
    /// </summary>
    private static void Product(ReadOnlySpan<double> a, int rowStride, int colStride, ReadOnlySpan<double> b, Span<double> c, int r, int k, int cols)
    {
        if (r == 0 || cols == 0) return;
        if (k == 0)
        {
            c[..(r * cols)].Clear();
            return;
        }
        if (a.Length < (r - 1) * rowStride + (k - 1) * colStride + 1 || b.Length < k * cols || c.Length < r * cols)
            throw new ArgumentException("a span is shorter than the matrix sizes say");
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        bool simd = Vector256.IsHardwareAccelerated;
        for (int i = 0; i < r; i++)
        {
            ref double ai = ref Unsafe.Add(ref ra, i * rowStride);
            ref double ci = ref Unsafe.Add(ref rc, i * cols);
            int j = 0;
            if (simd)
            {
                for (; j + 16 <= cols; j += 16)
                {
                    Vector256<double> v0 = default, v1 = default, v2 = default, v3 = default;
                    for (int p = 0; p < k; p++)
                    {
                        double s = Unsafe.Add(ref ai, p * colStride);
                        if (s == 0) continue;
                        var vs = Vector256.Create(s);
                        ref double bp = ref Unsafe.Add(ref rb, p * cols + j);
                        v0 += vs * Vector256.LoadUnsafe(ref bp);
                        v1 += vs * Vector256.LoadUnsafe(ref bp, 4);
                        v2 += vs * Vector256.LoadUnsafe(ref bp, 8);
                        v3 += vs * Vector256.LoadUnsafe(ref bp, 12);
                    }
                    v0.StoreUnsafe(ref ci, (nuint)j);
                    v1.StoreUnsafe(ref ci, (nuint)(j + 4));
                    v2.StoreUnsafe(ref ci, (nuint)(j + 8));
                    v3.StoreUnsafe(ref ci, (nuint)(j + 12));
                }
                for (; j + 4 <= cols; j += 4)
                {
                    Vector256<double> v0 = default;
                    for (int p = 0; p < k; p++)
                    {
                        double s = Unsafe.Add(ref ai, p * colStride);
                        if (s != 0) v0 += Vector256.Create(s) * Vector256.LoadUnsafe(ref rb, (nuint)(p * cols + j));
                    }
                    v0.StoreUnsafe(ref ci, (nuint)j);
                }
            }
            for (; j < cols; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double s = Unsafe.Add(ref ai, p * colStride);
                    if (s != 0) sum += s * Unsafe.Add(ref rb, p * cols + j);
                }
                Unsafe.Add(ref ci, j) = sum;
            }
        }
    }

    /// <summary>C (r×s) = A (r×k) · Bᵀ with B (s×k): dot products of rows.</summary>
    public static void MultiplyTransposeB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int r, int k, int s)
    {
        for (int i = 0; i < r; i++)
        {
            var ai = a.Slice(i * k, k);
            for (int j = 0; j < s; j++) c[i * s + j] = TensorPrimitives.Dot(ai, b.Slice(j * k, k));
        }
    }

    /// <summary>C (r×r) = A · Aᵀ with A (r×k), symmetric by construction (the lower triangle is mirrored).</summary>
    public static void Gram(ReadOnlySpan<double> a, Span<double> c, int r, int k)
    {
        for (int i = 0; i < r; i++)
        {
            var ai = a.Slice(i * k, k);
            for (int j = 0; j <= i; j++)
            {
                double v = TensorPrimitives.Dot(ai, a.Slice(j * k, k));
                c[i * r + j] = v;
                c[j * r + i] = v;
            }
        }
    }

    /// <summary>The column means of A (r×c) into <paramref name="mean"/> (c), and A − mean into <paramref name="anomalies"/>.</summary>
    public static void Centre(ReadOnlySpan<double> a, int r, int c, Span<double> mean, Span<double> anomalies)
    {
        mean[..c].Clear();
        for (int i = 0; i < r; i++) TensorPrimitives.Add(mean[..c], a.Slice(i * c, c), mean[..c]);
        TensorPrimitives.Multiply(mean[..c], 1.0 / r, mean[..c]);
        for (int i = 0; i < r; i++) TensorPrimitives.Subtract(a.Slice(i * c, c), mean[..c], anomalies.Slice(i * c, c));
    }

    /// <summary>
    /// Solves L Lᵀ x = b in place for each of the <paramref name="rows"/> rows of <paramref name="b"/> (length k each),
    /// with L the lower Cholesky factor from <see cref="Science.Numerics.LinearAlgebra.SmallDense.TryCholesky"/>.
    /// </summary>
    public static void CholeskySolveRows(ReadOnlySpan<double> l, int k, Span<double> b, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            var x = b.Slice(r * k, k);
            for (int i = 0; i < k; i++)
            {
                double s = x[i] - TensorPrimitives.Dot(l.Slice(i * k, i), x[..i]);
                x[i] = s / l[i * k + i];
            }
            for (int i = k - 1; i >= 0; i--)
            {
                double s = x[i];
                for (int p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
                x[i] = s / l[i * k + i];
            }
        }
    }
}
