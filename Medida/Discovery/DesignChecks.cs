using Science.Medida.Regression;

namespace Science.Medida.Discovery;

/// <summary>
/// Rank checks of a design matrix before regression, so that a library whose columns are linearly dependent on the
/// regressed points (e.g. grad_psi1 together with dx_psi1 and dy_psi1) is reported by name instead of silently
/// giving arbitrary coefficients.
/// </summary>
public static class DesignChecks
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the column that is (numerically) zero or a linear combination of
    /// the columns before it: pivoted Cholesky of the correlation-scaled Gram matrix with relative tolerance
    /// <paramref name="tolerance"/>.
    /// </summary>
    public static void RequireFullRank(DesignMatrix design, double tolerance = 1e-10)
    {
        int m = design.Columns;
        var gram = design.Gram();
        var scale = new double[m];
        for (int j = 0; j < m; j++)
        {
            if (!(gram[j, j] > 0))
                throw new ArgumentException($"the design matrix is singular: library column '{design.Labels[j]}' is zero on the regressed points");
            scale[j] = 1 / Math.Sqrt(gram[j, j]);
        }
        // Cholesky in column order on the correlation matrix; a tiny pivot means column j lies in the span of 0..j−1.
        var l = new double[m, m];
        for (int j = 0; j < m; j++)
        {
            double d = gram[j, j] * scale[j] * scale[j];
            for (int k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (d <= tolerance)
            {
                var partners = Enumerable.Range(0, j).Where(k => Math.Abs(gram[j, k] * scale[j] * scale[k]) > 1e-3)
                    .Select(k => $"'{design.Labels[k]}'");
                throw new ArgumentException(
                    $"the design matrix is singular: library column '{design.Labels[j]}' is a linear combination of {string.Join(", ", partners)} " +
                    $"(residual variance {Math.Max(d, 0):E1}); remove one of them (e.g. grad_psi = dx_psi + dy_psi)");
            }
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < m; i++)
            {
                double v = gram[i, j] * scale[i] * scale[j];
                for (int k = 0; k < j; k++) v -= l[i, k] * l[j, k];
                l[i, j] = v / l[j, j];
            }
        }
    }
}
