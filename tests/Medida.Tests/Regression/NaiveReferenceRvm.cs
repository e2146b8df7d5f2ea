namespace Science.Medida.Tests.Regression;

/// <summary>
/// A deliberately naive, line-by-line port of the reference RVM loop (spec §6.1) used as a test oracle: explicit
/// Gauss–Jordan inverse of diag(α) + βΦᵀΦ, residual summed directly over the rows, no shared statistics, no guards.
/// Independent of the production code paths (Cholesky inverse, QR-form residual, cache-blocked Gram).
/// </summary>
internal static class NaiveReferenceRvm
{
    public sealed record Result(bool Converged, int Iterations, double[] Coefficients);

    public static Result Fit(double[][] columns, double[] t, double threshold, double tol = 1e-3, int nIter = 3000)
    {
        int n = t.Length;
        var idx = Enumerable.Range(0, columns.Length).ToList();
        var alpha = Enumerable.Repeat(1e-6, columns.Length).ToArray();
        var alphaOld = (double[])alpha.Clone();
        double beta = 1e-6;
        double[] m = [];
        for (int it = 0; it < nIter; it++)
        {
            int k = idx.Count;
            var a = new double[k, k];
            var pt = new double[k];
            for (int r = 0; r < k; r++)
            {
                for (int c = 0; c < k; c++) a[r, c] = beta * SyntheticData.Dot(columns[idx[r]], columns[idx[c]]);
                a[r, r] += alpha[r];
                pt[r] = SyntheticData.Dot(columns[idx[r]], t);
            }
            var sigma = Invert(a);
            m = new double[k];
            for (int r = 0; r < k; r++)
            {
                double s = 0;
                for (int c = 0; c < k; c++) s += sigma[r, c] * pt[c];
                m[r] = beta * s;
            }
            var gamma = new double[k];
            var alphaNew = new double[k];
            for (int r = 0; r < k; r++)
            {
                gamma[r] = 1 - alpha[r] * sigma[r, r];
                alphaNew[r] = gamma[r] / (m[r] * m[r]);
            }
            double rss = 0;
            for (int i = 0; i < n; i++)
            {
                double y = t[i];
                for (int r = 0; r < k; r++) y -= columns[idx[r]][i] * m[r];
                rss += y * y;
            }
            beta = (n - gamma.Sum()) / rss;
            var keep = alphaNew.Select(x => x < threshold).ToArray();
            if (!keep.Any(x => x)) keep[0] = true;
            idx = idx.Where((_, r) => keep[r]).ToList();
            alphaNew = alphaNew.Where((_, r) => keep[r]).ToArray();
            alphaOld = alphaOld.Where((_, r) => keep[r]).ToArray();
            m = m.Where((_, r) => keep[r]).ToArray();
            double delta = alphaNew.Zip(alphaOld, (x, y) => Math.Abs(x - y)).Max();
            alpha = alphaNew;
            if (delta < tol && it > 1) return new Result(true, it + 1, Expand(columns.Length, idx, m));
            alphaOld = alphaNew;
        }
        return new Result(false, nIter, Expand(columns.Length, idx, m));
    }

    private static double[] Expand(int mAll, List<int> idx, double[] m)
    {
        var c = new double[mAll];
        for (int r = 0; r < idx.Count; r++) c[idx[r]] = m[r];
        return c;
    }

    private static double[,] Invert(double[,] a)
    {
        int k = a.GetLength(0);
        var m = (double[,])a.Clone();
        var inv = new double[k, k];
        for (int i = 0; i < k; i++) inv[i, i] = 1;
        for (int c = 0; c < k; c++)
        {
            int p = c;
            for (int r = c + 1; r < k; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[p, c])) p = r;
            for (int q = 0; q < k; q++)
            {
                (m[c, q], m[p, q]) = (m[p, q], m[c, q]);
                (inv[c, q], inv[p, q]) = (inv[p, q], inv[c, q]);
            }
            double d = m[c, c];
            for (int q = 0; q < k; q++) { m[c, q] /= d; inv[c, q] /= d; }
            for (int r = 0; r < k; r++)
            {
                if (r == c) continue;
                double f = m[r, c];
                for (int q = 0; q < k; q++) { m[r, q] -= f * m[c, q]; inv[r, q] -= f * inv[c, q]; }
            }
        }
        return inv;
    }
}
