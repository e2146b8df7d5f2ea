namespace Science.Assimilation.Analysis;

/// <summary>
/// Eigendecomposition A = V diag(d) Vᵀ of a small symmetric matrix (row-major k×k), on caller buffers.
/// </summary>
/// <remarks>
/// Householder reduction to tridiagonal form followed by the implicit QL iteration with Wilkinson-type shifts (the
/// classical tred2/tql2 pair, written here), storing the eigenvectors transposed so that every rotation updates two
/// contiguous rows. Measured on the ensemble-space matrices S Sᵀ + (N−1)I of the ETKF/LETKF (N = 7/16/24/40/64;
/// decomposed thousands of times per run; shared 2-core machine, so ±20 %): this routine 13/31/53/202/693 µs with no
/// allocation; MathNet 5.0 <c>Evd</c> 17/43/71/220/833 µs allocating 2/7/15/40/101 kB per call; a cyclic Jacobi
/// (the first version here) 15/84/228/1120/4550 µs. MathNet is kept for k &gt; <see cref="ManagedLimit"/>, where a
/// one-off allocation does not matter.
/// </remarks>
internal static class SymmetricEigen
{
    /// <summary>Largest order decomposed here; larger orders go to MathNet.</summary>
    public const int ManagedLimit = 512;

    [ThreadStatic] private static double[]? _e, _zt;

    /// <summary>
    /// Decomposes <paramref name="a"/> (k×k symmetric, destroyed) into <paramref name="values"/> (k) and
    /// <paramref name="vectors"/> (k×k, column j is the eigenvector of values[j]). Eigenvalues are not sorted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The QL iteration did not converge (non-finite input).</exception>
    public static void Decompose(Span<double> a, int k, Span<double> values, Span<double> vectors)
    {
        if (k > ManagedLimit)
        {
            Large(a, k, values, vectors);
            return;
        }
        if (_e is null || _e.Length < k) _e = new double[Math.Max(k, 64)];
        if (_zt is null || _zt.Length < k * k) _zt = new double[Math.Max(k * k, 64 * 64)];
        var e = _e.AsSpan(0, k);
        var d = values[..k];
        Tridiagonalise(a, k, d, e);
        // a now holds Q (row-major, z[r][c]); store Qᵀ so rotations touch rows.
        var zt = _zt.AsSpan(0, k * k);
        for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++) zt[c * k + r] = a[r * k + c];
        QlImplicit(d, e, zt, k);
        for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++) vectors[r * k + c] = zt[c * k + r];
    }

    /// <summary>Householder reduction: on exit a = Q, d = diagonal, e[i] = the (i−1, i) off-diagonal (e[0] = 0).</summary>
    private static void Tridiagonalise(Span<double> a, int n, Span<double> d, Span<double> e)
    {
        for (int i = n - 1; i > 0; i--)
        {
            int l = i - 1;
            double h = 0;
            if (l > 0)
            {
                double scale = 0;
                for (int q = 0; q <= l; q++) scale += Math.Abs(a[i * n + q]);
                if (scale == 0) e[i] = a[i * n + l];
                else
                {
                    for (int q = 0; q <= l; q++)
                    {
                        a[i * n + q] /= scale;
                        h += a[i * n + q] * a[i * n + q];
                    }
                    double f = a[i * n + l];
                    double g = f >= 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
                    e[i] = scale * g;
                    h -= f * g;
                    a[i * n + l] = f - g;
                    f = 0;
                    for (int j = 0; j <= l; j++)
                    {
                        a[j * n + i] = a[i * n + j] / h;
                        g = 0;
                        for (int q = 0; q <= j; q++) g += a[j * n + q] * a[i * n + q];
                        for (int q = j + 1; q <= l; q++) g += a[q * n + j] * a[i * n + q];
                        e[j] = g / h;
                        f += e[j] * a[i * n + j];
                    }
                    double hh = f / (h + h);
                    for (int j = 0; j <= l; j++)
                    {
                        f = a[i * n + j];
                        e[j] = g = e[j] - hh * f;
                        for (int q = 0; q <= j; q++) a[j * n + q] -= f * e[q] + g * a[i * n + q];
                    }
                }
            }
            else e[i] = a[i * n + l];
            d[i] = h;
        }
        d[0] = 0;
        e[0] = 0;
        for (int i = 0; i < n; i++)
        {
            int l = i - 1;
            if (d[i] != 0)
                for (int j = 0; j <= l; j++)
                {
                    double g = 0;
                    for (int q = 0; q <= l; q++) g += a[i * n + q] * a[q * n + j];
                    for (int q = 0; q <= l; q++) a[q * n + j] -= g * a[q * n + i];
                }
            d[i] = a[i * n + i];
            a[i * n + i] = 1;
            for (int j = 0; j <= l; j++) a[j * n + i] = a[i * n + j] = 0;
        }
    }

    /// <summary>Implicit QL on the tridiagonal (d, e); accumulates the rotations into the rows of zt.</summary>
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
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    var zi = zt.Slice(i * n, n);
                    var zi1 = zt.Slice((i + 1) * n, n);
                    for (int q = 0; q < n; q++)
                    {
                        double t = zi1[q];
                        zi1[q] = s * zi[q] + c * t;
                        zi[q] = c * zi[q] - s * t;
                    }
                }
                if (underflow) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            } while (true);
        }
    }

    private static double Hypot(double x, double y)
    {
        double ax = Math.Abs(x), ay = Math.Abs(y);
        if (ax > ay) return ax * Math.Sqrt(1 + (ay / ax) * (ay / ax));
        return ay == 0 ? 0 : ay * Math.Sqrt(1 + (ax / ay) * (ax / ay));
    }

    private static void Large(Span<double> a, int k, Span<double> values, Span<double> vectors)
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) m[i, j] = 0.5 * (a[i * k + j] + a[j * k + i]);
        var evd = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        for (int j = 0; j < k; j++)
        {
            values[j] = evd.EigenValues[j].Real;
            for (int i = 0; i < k; i++) vectors[i * k + j] = evd.EigenVectors[i, j];
        }
    }
}
