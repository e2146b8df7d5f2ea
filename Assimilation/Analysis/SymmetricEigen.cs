namespace Science.Assimilation.Analysis;

/// <summary>
/// Eigendecomposition A = V diag(d) Vᵀ of a small symmetric matrix (row-major k×k).
/// </summary>
/// <remarks>
/// Up to <see cref="JacobiLimit"/> it is a cyclic Jacobi method written here, on caller buffers: the ensemble-space
/// matrices of the ETKF/LETKF are N×N with N ≈ 7–40 and are decomposed thousands of times per run (20 local analyses
/// per L96 cycle), where MathNet's <c>Evd</c> allocates a matrix, vectors and work arrays on every call; Jacobi needs
/// no allocation and is accurate to round-off in every eigenvalue (relative accuracy for positive-definite
/// matrices). Beyond the limit the O(k³)-per-sweep Jacobi loses to MathNet's tridiagonal QL, which is then used
/// (the allocation is negligible next to the O(k³) work).
/// </remarks>
internal static class SymmetricEigen
{
    /// <summary>Largest order decomposed with Jacobi; larger orders go to MathNet.</summary>
    public const int JacobiLimit = 64;

    /// <summary>
    /// Decomposes <paramref name="a"/> (k×k symmetric, destroyed) into <paramref name="values"/> (k) and
    /// <paramref name="vectors"/> (k×k, column j is the eigenvector of values[j]). Eigenvalues are not sorted.
    /// </summary>
    public static void Decompose(Span<double> a, int k, Span<double> values, Span<double> vectors)
    {
        if (k > JacobiLimit)
        {
            Large(a, k, values, vectors);
            return;
        }
        var v = vectors[..(k * k)];
        v.Clear();
        for (int i = 0; i < k; i++) v[i * k + i] = 1;
        double frob = 0;
        for (int i = 0; i < k * k; i++) frob += a[i] * a[i];
        double tol = 1e-32 * frob;
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (int p = 0; p < k; p++)
                for (int q = p + 1; q < k; q++) off += a[p * k + q] * a[p * k + q];
            if (off <= tol || off == 0) break;
            for (int p = 0; p < k - 1; p++)
                for (int q = p + 1; q < k; q++)
                {
                    double apq = a[p * k + q];
                    if (apq == 0) continue;
                    double theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int r = 0; r < k; r++)
                    {
                        double arp = a[r * k + p], arq = a[r * k + q];
                        a[r * k + p] = c * arp - s * arq;
                        a[r * k + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < k; r++)
                    {
                        double apr = a[p * k + r], aqr = a[q * k + r];
                        a[p * k + r] = c * apr - s * aqr;
                        a[q * k + r] = s * apr + c * aqr;
                    }
                    a[p * k + q] = 0;
                    a[q * k + p] = 0;
                    for (int r = 0; r < k; r++)
                    {
                        double vrp = v[r * k + p], vrq = v[r * k + q];
                        v[r * k + p] = c * vrp - s * vrq;
                        v[r * k + q] = s * vrp + c * vrq;
                    }
                }
        }
        for (int i = 0; i < k; i++) values[i] = a[i * k + i];
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
