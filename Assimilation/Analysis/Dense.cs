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
        Product(a, k, 1, b, cols, c, cols, r, k, cols);

    /// <summary>C (r×c) = Aᵀ · B with A (k×r), B (k×c).</summary>
    public static void MultiplyTransposeA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int k, int r, int cols) =>
        Product(a, 1, r, b, cols, c, cols, r, k, cols);

    /// <summary>
    /// C_i = Σ_p A(i, p) B_p for i &lt; r, with A(i, p) = a[i·rowStride + p·colStride], row p of B at b[p·ldb …] and
    /// row i of C at c[i·ldc …] (c columns each). Every element is summed over p in order as c ← c + A(i, p)·b
    /// (unfused; terms with A(i, p) = 0 skipped), so the bits do not depend on the SIMD width. Register-blocked: up to
    /// four vectors of one row of C, or three of each of two rows with AVX-512, stay in registers while p runs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Product(ReadOnlySpan<double> a, int rowStride, int colStride, ReadOnlySpan<double> b, int ldb,
        Span<double> c, int ldc, int r, int k, int cols)
    {
        if (r == 0 || cols == 0) return;
        if (k == 0)
        {
            for (int row = 0; row < r; row++) c.Slice(row * ldc, cols).Clear();
            return;
        }
        if (a.Length < (r - 1) * rowStride + (k - 1) * colStride + 1 || b.Length < (k - 1) * ldb + cols || c.Length < (r - 1) * ldc + cols)
            throw new ArgumentException("a span is shorter than the matrix sizes say");
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        int i = 0;
        // Pairs of rows with AVX-512: blocks of up to three vectors per row, six accumulation chains.
        if (Vector512.IsHardwareAccelerated && cols >= 8)
            for (; i + 1 < r; i += 2)
            {
                ref double ai = ref Unsafe.Add(ref ra, i * rowStride);
                ref double ci = ref Unsafe.Add(ref rc, i * ldc);
                int j = 0;
                for (int nv = (cols - j) / 8; nv > 0; nv = (cols - j) / 8)
                {
                    int take = nv == 4 ? 2 : Math.Min(nv, 3);
                    Block512Rows2(ref ai, rowStride, colStride, ref Unsafe.Add(ref rb, j), ldb, ref Unsafe.Add(ref ci, j), ldc, k, take);
                    j += 8 * take;
                }
                if (j < cols)
                {
                    Tail(ref ai, colStride, ref rb, ldb, ref ci, k, j, cols);
                    Tail(ref Unsafe.Add(ref ai, rowStride), colStride, ref rb, ldb, ref Unsafe.Add(ref ci, ldc), k, j, cols);
                }
            }
        for (; i < r; i++)
        {
            ref double ai = ref Unsafe.Add(ref ra, i * rowStride);
            ref double ci = ref Unsafe.Add(ref rc, i * ldc);
            int j = 0;
            // Blocks of up to four vectors (independent accumulation chains); a remainder of five is split 3 + 2.
            if (Vector512.IsHardwareAccelerated)
                for (int nv = (cols - j) / 8; nv > 0; nv = (cols - j) / 8)
                {
                    int take = nv == 5 ? 3 : Math.Min(nv, 4);
                    Block512(ref ai, colStride, ref Unsafe.Add(ref rb, j), ldb, ref Unsafe.Add(ref ci, j), k, take);
                    j += 8 * take;
                }
            Tail(ref ai, colStride, ref rb, ldb, ref ci, k, j, cols);
        }
    }

    /// <summary>Columns j0 … cols−1 of one row of C, with Vector256 where it fits, then scalar.</summary>
    private static void Tail(ref double ai, int colStride, ref double rb, int ldb, ref double ci, int k, int j0, int cols)
    {
        int j = j0;
        if (Vector256.IsHardwareAccelerated)
            for (int nv = (cols - j) / 4; nv > 0; nv = (cols - j) / 4)
            {
                int take = nv == 5 ? 3 : Math.Min(nv, 4);
                Block256(ref ai, colStride, ref Unsafe.Add(ref rb, j), ldb, ref Unsafe.Add(ref ci, j), k, take);
                j += 4 * take;
            }
        for (; j < cols; j++)
        {
            double sum = 0;
            for (int p = 0; p < k; p++)
            {
                double s = Unsafe.Add(ref ai, p * colStride);
                if (s != 0) sum += s * Unsafe.Add(ref rb, p * ldb + j);
            }
            Unsafe.Add(ref ci, j) = sum;
        }
    }

    /// <summary>Rows i and i+1 of C, <paramref name="vectors"/> (1–3) Vector512 columns each: Σ_p A(·, p) B_p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block512Rows2(ref double ai, int rowStride, int colStride, ref double b, int ldb, ref double c, int ldc, int k, int vectors)
    {
        Vector512<double> v0 = default, v1 = default, v2 = default, w0 = default, w1 = default, w2 = default;
        ref double aj = ref Unsafe.Add(ref ai, rowStride);
        for (int p = 0; p < k; p++)
        {
            double s = Unsafe.Add(ref ai, p * colStride), t = Unsafe.Add(ref aj, p * colStride);
            ref double bp = ref Unsafe.Add(ref b, p * ldb);
            var b0 = Vector512.LoadUnsafe(ref bp);
            var b1 = vectors > 1 ? Vector512.LoadUnsafe(ref bp, 8) : default;
            var b2 = vectors > 2 ? Vector512.LoadUnsafe(ref bp, 16) : default;
            if (s != 0)
            {
                var vs = Vector512.Create(s);
                v0 += vs * b0;
                if (vectors > 1) v1 += vs * b1;
                if (vectors > 2) v2 += vs * b2;
            }
            if (t != 0)
            {
                var vt = Vector512.Create(t);
                w0 += vt * b0;
                if (vectors > 1) w1 += vt * b1;
                if (vectors > 2) w2 += vt * b2;
            }
        }
        ref double c1 = ref Unsafe.Add(ref c, ldc);
        v0.StoreUnsafe(ref c);
        w0.StoreUnsafe(ref c1);
        if (vectors > 1) { v1.StoreUnsafe(ref c, 8); w1.StoreUnsafe(ref c1, 8); }
        if (vectors > 2) { v2.StoreUnsafe(ref c, 16); w2.StoreUnsafe(ref c1, 16); }
    }

    /// <summary>One block of <paramref name="vectors"/> (1–4) Vector512 columns of C: Σ_p A(i, p) B_p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block512(ref double ai, int colStride, ref double b, int ldb, ref double c, int k, int vectors)
    {
        Vector512<double> v0 = default, v1 = default, v2 = default, v3 = default;
        for (int p = 0; p < k; p++)
        {
            double s = Unsafe.Add(ref ai, p * colStride);
            if (s == 0) continue;
            var vs = Vector512.Create(s);
            ref double bp = ref Unsafe.Add(ref b, p * ldb);
            v0 += vs * Vector512.LoadUnsafe(ref bp);
            if (vectors > 1) v1 += vs * Vector512.LoadUnsafe(ref bp, 8);
            if (vectors > 2) v2 += vs * Vector512.LoadUnsafe(ref bp, 16);
            if (vectors > 3) v3 += vs * Vector512.LoadUnsafe(ref bp, 24);
        }
        v0.StoreUnsafe(ref c);
        if (vectors > 1) v1.StoreUnsafe(ref c, 8);
        if (vectors > 2) v2.StoreUnsafe(ref c, 16);
        if (vectors > 3) v3.StoreUnsafe(ref c, 24);
    }

    /// <summary>One block of <paramref name="vectors"/> (1–4) Vector256 columns of C: Σ_p A(i, p) B_p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block256(ref double ai, int colStride, ref double b, int ldb, ref double c, int k, int vectors)
    {
        Vector256<double> v0 = default, v1 = default, v2 = default, v3 = default;
        for (int p = 0; p < k; p++)
        {
            double s = Unsafe.Add(ref ai, p * colStride);
            if (s == 0) continue;
            var vs = Vector256.Create(s);
            ref double bp = ref Unsafe.Add(ref b, p * ldb);
            v0 += vs * Vector256.LoadUnsafe(ref bp);
            if (vectors > 1) v1 += vs * Vector256.LoadUnsafe(ref bp, 4);
            if (vectors > 2) v2 += vs * Vector256.LoadUnsafe(ref bp, 8);
            if (vectors > 3) v3 += vs * Vector256.LoadUnsafe(ref bp, 12);
        }
        v0.StoreUnsafe(ref c);
        if (vectors > 1) v1.StoreUnsafe(ref c, 4);
        if (vectors > 2) v2.StoreUnsafe(ref c, 8);
        if (vectors > 3) v3.StoreUnsafe(ref c, 12);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gram(ReadOnlySpan<double> a, Span<double> c, int r, int k)
    {
        for (int i = 0; i < r; i++)
        {
            var ai = a.Slice(i * k, k);
            for (int j = 0; j <= i; j++)
            {
                double v = Lanes.Dot(ai, a.Slice(j * k, k));
                c[i * r + j] = v;
                c[j * r + i] = v;
            }
        }
    }

    /// <summary>The column means of A (r×c) into <paramref name="mean"/> (c), and A − mean into <paramref name="anomalies"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Centre(ReadOnlySpan<double> a, int r, int c, Span<double> mean, Span<double> anomalies)
    {
        mean[..c].Clear();
        for (int i = 0; i < r; i++) Lanes.Add(mean[..c], a.Slice(i * c, c), mean[..c]);
        Lanes.Scale(mean[..c], 1.0 / r, mean[..c]);
        for (int i = 0; i < r; i++) Lanes.Subtract(a.Slice(i * c, c), mean[..c], anomalies.Slice(i * c, c));
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
