using System.Numerics.Tensors;

namespace Science.Medida.Regression;

/// <summary>
/// Cache-blocked formation of ΦᵀWΦ, ΦᵀWt and tᵀWt (W = diag(w), or the identity): the rows are processed in blocks
/// that fit in L2 (M+1 columns × 1024 rows), and every pair of columns is dotted (SIMD, TensorPrimitives) within a
/// block before moving on, so Φ is streamed from memory once instead of once per pair.
/// </summary>
internal static class GramKernel
{
    private const int BlockRows = 1024;

    /// <summary>Fills <paramref name="gram"/> (M·M row-major, both triangles) and <paramref name="xty"/> (M) and returns tᵀWt.</summary>
    /// <param name="phi">Φ.</param>
    /// <param name="target">t (n_s entries), or empty to form ΦᵀWΦ only.</param>
    /// <param name="weights">Row weights w (n_s entries), or empty for unit weights.</param>
    /// <param name="gram">Receives ΦᵀWΦ.</param>
    /// <param name="xty">Receives ΦᵀWt.</param>
    public static double Compute(DesignMatrix phi, ReadOnlySpan<double> target, ReadOnlySpan<double> weights, double[] gram, double[] xty)
    {
        int n = phi.Rows, m = phi.Columns;
        Array.Clear(gram);
        Array.Clear(xty);
        double tt = 0;
        bool weighted = !weights.IsEmpty;
        bool withTarget = !target.IsEmpty;
        double[]? scratch = weighted ? new double[(m + 1) * Math.Min(BlockRows, n)] : null;
        for (int start = 0; start < n; start += BlockRows)
        {
            int len = Math.Min(BlockRows, n - start);
            var tb = withTarget ? target.Slice(start, len) : default;
            for (int i = 0; i < m; i++)
            {
                var xi = phi.ColumnSpan(i).Slice(start, len);
                ReadOnlySpan<double> wxi = xi;
                if (weighted)
                {
                    var dst = scratch.AsSpan(i * len, len);
                    TensorPrimitives.Multiply(xi, weights.Slice(start, len), dst);
                    wxi = dst;
                }
                for (int j = i; j < m; j++) gram[i * m + j] += TensorPrimitives.Dot(wxi, phi.ColumnSpan(j).Slice(start, len));
                if (withTarget) xty[i] += TensorPrimitives.Dot(wxi, tb);
            }
            if (!withTarget) continue;
            if (weighted)
            {
                var wt = scratch.AsSpan(m * len, len);
                TensorPrimitives.Multiply(tb, weights.Slice(start, len), wt);
                tt += TensorPrimitives.Dot(wt, tb);
            }
            else tt += TensorPrimitives.Dot(tb, tb);
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < i; j++) gram[i * m + j] = gram[j * m + i];
        return tt;
    }
}
