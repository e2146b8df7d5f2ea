namespace Science.Numerics.LinearAlgebra;

/// <summary>
/// Small dense kernels (k ≤ ~30) on row-major k·k arrays: Cholesky, SPD inverse and solve, and a partial-pivoting
/// Gauss–Jordan inverse used as the fallback when Cholesky meets a non-positive pivot. Shared by the regressors
/// (Medida) and the Schwarz blocks of the OI preconditioner (Interpolation).
/// </summary>
public static class SmallDense
{
    /// <summary>In-place Cholesky A = LLᵀ (lower triangle of <paramref name="a"/> overwritten by L; the strict upper
    /// triangle is zeroed). False on a non-positive or non-finite pivot.</summary>
    public static bool TryCholesky(Span<double> a, int k)
    {
        for (int j = 0; j < k; j++)
        {
            double d = a[j * k + j];
            for (int p = 0; p < j; p++) d -= a[j * k + p] * a[j * k + p];
            if (!(d > 0) || !double.IsFinite(d)) return false;
            double ljj = Math.Sqrt(d);
            a[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++)
            {
                double s = a[i * k + j];
                for (int p = 0; p < j; p++) s -= a[i * k + p] * a[j * k + p];
                a[i * k + j] = s / ljj;
            }
            for (int i = 0; i < j; i++) a[i * k + j] = 0;
        }
        return true;
    }

    /// <summary>Inverse of an SPD matrix through its Cholesky factor: A⁻¹ = L⁻ᵀL⁻¹ (exactly symmetric).</summary>
    /// <param name="a">The matrix (unchanged).</param>
    /// <param name="k">Order.</param>
    /// <param name="inverse">Receives A⁻¹ (k·k).</param>
    /// <param name="work">Scratch of k·k.</param>
    public static bool TryInverseSpd(ReadOnlySpan<double> a, int k, Span<double> inverse, Span<double> work)
    {
        var l = work[..(k * k)];
        a[..(k * k)].CopyTo(l);
        if (!TryCholesky(l, k)) return false;
        // W = L⁻¹ (lower triangular), stored in `inverse` temporarily.
        var w = inverse[..(k * k)];
        w.Clear();
        for (int j = 0; j < k; j++)
        {
            w[j * k + j] = 1 / l[j * k + j];
            for (int i = j + 1; i < k; i++)
            {
                double s = 0;
                for (int p = j; p < i; p++) s -= l[i * k + p] * w[p * k + j];
                w[i * k + j] = s / l[i * k + i];
            }
        }
        // A⁻¹ = WᵀW: (A⁻¹)_ij = Σ_{p ≥ max(i,j)} W_pi W_pj. Reuse l as the output buffer.
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int p = i; p < k; p++) s += w[p * k + i] * w[p * k + j];
                l[i * k + j] = s;
                l[j * k + i] = s;
            }
        l.CopyTo(inverse);
        return true;
    }

    /// <summary>
    /// Gauss–Jordan inverse with partial pivoting (like LAPACK getrf/getri behind numpy.linalg.inv). False only on an
    /// exactly zero or non-finite pivot, the case numpy reports as a singular matrix.
    /// </summary>
    public static bool TryInverseGaussJordan(ReadOnlySpan<double> a, int k, Span<double> inverse, Span<double> work)
    {
        var m = work[..(k * k)];
        a[..(k * k)].CopyTo(m);
        var inv = inverse[..(k * k)];
        inv.Clear();
        for (int i = 0; i < k; i++) inv[i * k + i] = 1;
        for (int c = 0; c < k; c++)
        {
            int piv = c;
            double best = Math.Abs(m[c * k + c]);
            for (int r = c + 1; r < k; r++)
            {
                double v = Math.Abs(m[r * k + c]);
                if (v > best) { best = v; piv = r; }
            }
            if (!(best > 0) || !double.IsFinite(best)) return false;
            if (piv != c)
                for (int q = 0; q < k; q++)
                {
                    (m[c * k + q], m[piv * k + q]) = (m[piv * k + q], m[c * k + q]);
                    (inv[c * k + q], inv[piv * k + q]) = (inv[piv * k + q], inv[c * k + q]);
                }
            double d = m[c * k + c];
            for (int q = 0; q < k; q++)
            {
                m[c * k + q] /= d;
                inv[c * k + q] /= d;
            }
            for (int r = 0; r < k; r++)
            {
                if (r == c) continue;
                double f = m[r * k + c];
                if (f == 0) continue;
                for (int q = 0; q < k; q++)
                {
                    m[r * k + q] -= f * m[c * k + q];
                    inv[r * k + q] -= f * inv[c * k + q];
                }
            }
        }
        return true;
    }

    /// <summary>Solves A x = b for SPD A by Cholesky. False when the factorisation fails.</summary>
    public static bool TrySolveSpd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int k, Span<double> x, Span<double> work)
    {
        var l = work[..(k * k)];
        a[..(k * k)].CopyTo(l);
        if (!TryCholesky(l, k)) return false;
        for (int i = 0; i < k; i++)
        {
            double s = b[i];
            for (int p = 0; p < i; p++) s -= l[i * k + p] * x[p];
            x[i] = s / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
            x[i] = s / l[i * k + i];
        }
        for (int i = 0; i < k; i++)
            if (!double.IsFinite(x[i])) return false;
        return true;
    }
}
