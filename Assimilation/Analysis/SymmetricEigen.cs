using System.Runtime.CompilerServices;

namespace Science.Assimilation.Analysis;

/// <summary>
/// Eigendecomposition A = V diag(d) Vᵀ of a small symmetric matrix (row-major k×k), on caller buffers, allocation-free.
/// </summary>
/// <remarks>
/// Householder reduction to tridiagonal form T = Qᵀ A Q, reducing row i = k−1 … 2 against the leading block
/// (row-major: the symmetric mat-vec is a register-blocked row combination, the rank-2 update an update of rows), Q
/// accumulated on leading blocks, then the implicit QL iteration with Wilkinson-type shifts, applying each plane
/// rotation to two contiguous rows of Vᵀ. Row kernels are <see cref="Lanes"/>, so the bits do not depend on the SIMD
/// width. For the ensemble-space matrices S Sᵀ + (N−1)I of the ETKF (N = 24) this takes ≈ 10–15 µs (the previous
/// column-oriented tred2/tql2 port ≈ 55–90 µs; MathNet 5.0 <c>Evd</c> ≈ 70 µs plus 15 kB of garbage per call).
/// Orders above <see cref="ManagedLimit"/> go to MathNet, where a one-off allocation does not matter.
/// </remarks>
internal static class SymmetricEigen
{
    /// <summary>Largest order decomposed here; larger orders go to MathNet.</summary>
    public const int ManagedLimit = 512;

    [ThreadStatic] private static double[]? _work;

    /// <summary>
    /// Decomposes <paramref name="a"/> (k×k symmetric, destroyed) into <paramref name="values"/> (k) and
    /// <paramref name="vectors"/> (k×k, column j is the eigenvector of values[j]). Eigenvalues are not sorted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The QL iteration did not converge (non-finite input).</exception>
    public static void Decompose(Span<double> a, int k, Span<double> values, Span<double> vectors)
    {
        var rows = Work(k).AsSpan(3 * k, k * k);
        DecomposeRows(a, k, values, rows);
        for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++) vectors[r * k + c] = rows[c * k + r];
    }

    /// <summary>
    /// As <see cref="Decompose"/>, with the eigenvectors as the rows of <paramref name="rows"/> (k×k, row j is the
    /// eigenvector of values[j]), i.e. Vᵀ.
    /// </summary>
    /// <exception cref="InvalidOperationException">The QL iteration did not converge (non-finite input).</exception>
    public static void DecomposeRows(Span<double> a, int k, Span<double> values, Span<double> rows)
    {
        if (k > ManagedLimit)
        {
            Large(a, k, values, rows);
            return;
        }
        var work = Work(k);
        var e = work.AsSpan(0, k);
        var h = work.AsSpan(k, k);
        var w = work.AsSpan(2 * k, k);
        var d = values[..k];
        Tridiagonalise(a, k, d, e, h, w);
        Accumulate(a, k, h, rows, w);
        QlImplicit(d, e, rows, k);
    }

    private static double[] Work(int k)
    {
        int need = 3 * k + k * k;
        if (_work is null || _work.Length < need) _work = new double[Math.Max(need, 3 * 64 + 64 * 64)];
        return _work;
    }

    /// <summary>
    /// Householder reduction of a (full symmetric storage). On exit d = diagonal, e[i] = T[i, i−1] (e[0] = 0),
    /// row i of a holds u_i in its first i entries and h[i] = uᵢᵀuᵢ/2 (0 = no reflection), H_i = I − uᵢuᵢᵀ/h[i].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tridiagonalise(Span<double> a, int k, Span<double> d, Span<double> e, Span<double> h, Span<double> w)
    {
        for (int i = k - 1; i >= 1; i--)
        {
            d[i] = a[i * k + i];
            int l = i - 1;
            var u = a.Slice(i * k, i);
            double xl = u[l];
            double sigma = l > 0 ? Lanes.Dot(u[..l], u[..l]) : 0;
            if (sigma == 0)
            {
                e[i] = xl;
                h[i] = 0;
                continue;
            }
            double norm = Math.Sqrt(sigma + xl * xl);
            double alpha = xl >= 0 ? -norm : norm;
            double hi = sigma + xl * xl - xl * alpha;
            e[i] = alpha;
            h[i] = hi;
            u[l] = xl - alpha;
            // p = B u / h over the leading i×i block B (uᵀB: B is symmetric), q = p − (uᵀp / 2h) u, B ← B − u qᵀ − q uᵀ.
            // Columns up to the next multiple of 8 (≤ k) avoid scalar tails; the extra ones (stale upper-triangle
            // entries, never read again) are ignored.
            var q = w[..i];
            Dense.Product(u, 0, 1, a, k, w, k, 1, i, Padded(i, k));
            for (int j = 0; j < i; j++) q[j] /= hi;
            double kk = Lanes.Dot(u, q) / (hi + hi);
            Lanes.AddScaled(q, -kk, u);
            for (int j = 0; j < i; j++) Lanes.SubtractRank2(a.Slice(j * k, i), u[j], q, q[j], u);
        }
        d[0] = a[0];
        e[0] = 0;
        h[0] = 0;
    }

    /// <summary>
    /// Qᵀ into z: Q = H_{k−1} ⋯ H₂ built by left multiplications H_i (Q so far), which touch only the leading i×i block
    /// (Q so far differs from I only in its leading (i−1)×(i−1) block), then transposed in place. w: scratch (k).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(ReadOnlySpan<double> a, int k, ReadOnlySpan<double> h, Span<double> z, Span<double> w)
    {
        z[..(k * k)].Clear();
        for (int i = 0; i < k; i++) z[i * k + i] = 1;
        for (int i = 2; i < k; i++)
        {
            if (h[i] == 0) continue;
            var u = a.Slice(i * k, i);
            var t = w[..i];
            Dense.Product(u, 0, 1, z, k, w, k, 1, i, Padded(i, k));
            for (int r = 0; r < i; r++)
                if (u[r] != 0) Lanes.AddScaled(z.Slice(r * k, i), -u[r] / h[i], t);
        }
        for (int r = 1; r < k; r++)
            for (int c = 0; c < r; c++) (z[r * k + c], z[c * k + r]) = (z[c * k + r], z[r * k + c]);
    }

    /// <summary>i rounded up to a multiple of 8, at most k.</summary>
    private static int Padded(int i, int k) => Math.Min((i + 7) & ~7, k);

    /// <summary>Implicit QL on the tridiagonal (d, e); accumulates the rotations into the rows of zt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void QlImplicit(Span<double> d, Span<double> e, Span<double> zt, int n)
    {
        for (int i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0;
        for (int l = 0; l < n; l++)
        {
            int iter = 0, m;
            do
            {
                for (m = l; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) + dd == dd) break; // negligible at working precision
                }
                if (m == l) break;
                if (iter++ == 60) throw new InvalidOperationException("the symmetric eigendecomposition did not converge (non-finite values?)");
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.Abs(r) : -Math.Abs(r)));
                double s = 1, c = 1, p = 0;
                bool underflow = false;
                for (int i = m - 1; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    e[i + 1] = r = Hypot(f, g);
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    double inv = 1 / r;
                    s = f * inv;
                    c = g * inv;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    Lanes.Rotate(zt.Slice(i * n, n), zt.Slice((i + 1) * n, n), c, s);
                }
                if (underflow) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            } while (true);
        }
    }

    /// <summary>√(x² + y²): the plain formula when it neither overflows nor underflows, else scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Hypot(double x, double y)
    {
        double s = x * x + y * y;
        if (s is > 1e-290 and < 1e290) return Math.Sqrt(s);
        return ScaledHypot(x, y);
    }

    private static double ScaledHypot(double x, double y)
    {
        double ax = Math.Abs(x), ay = Math.Abs(y);
        if (ax > ay) return ax * Math.Sqrt(1 + (ay / ax) * (ay / ax));
        return ay == 0 ? 0 : ay * Math.Sqrt(1 + (ax / ay) * (ax / ay));
    }

    private static void Large(Span<double> a, int k, Span<double> values, Span<double> rows)
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) m[i, j] = 0.5 * (a[i * k + j] + a[j * k + i]);
        var evd = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        for (int j = 0; j < k; j++)
        {
            values[j] = evd.EigenValues[j].Real;
            for (int i = 0; i < k; i++) rows[j * k + i] = evd.EigenVectors[i, j];
        }
    }
}
