using System.Numerics.Tensors;

namespace Science.Assimilation.Analysis;

/// <summary>
/// Row-major dense products on spans for the ensemble algebra (N×N, N×m, m×n). Inner loops are SIMD axpy or dot
/// products (<see cref="TensorPrimitives"/>); nothing allocates. Summation order is fixed, so results do not depend
/// on threads.
/// </summary>
internal static class Dense
{
    /// <summary>C (r×c) = A (r×k) · B (k×c).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int r, int k, int cols)
    {
        c[..(r * cols)].Clear();
        for (int i = 0; i < r; i++)
        {
            var ci = c.Slice(i * cols, cols);
            for (int p = 0; p < k; p++)
            {
                double s = a[i * k + p];
                if (s != 0) TensorPrimitives.MultiplyAdd(b.Slice(p * cols, cols), s, ci, ci);
            }
        }
    }

    /// <summary>C (r×c) = Aᵀ · B with A (k×r), B (k×c).</summary>
    public static void MultiplyTransposeA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int k, int r, int cols)
    {
        c[..(r * cols)].Clear();
        for (int p = 0; p < k; p++)
        {
            var bp = b.Slice(p * cols, cols);
            for (int i = 0; i < r; i++)
            {
                double s = a[p * r + i];
                if (s != 0)
                {
                    var ci = c.Slice(i * cols, cols);
                    TensorPrimitives.MultiplyAdd(bp, s, ci, ci);
                }
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
