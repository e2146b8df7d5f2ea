using Science.Medida.Regression;

namespace Science.Medida.Tests.Regression;

/// <summary>Seeded synthetic regression problems (Box–Muller on <see cref="Random"/>(seed)).</summary>
internal static class SyntheticData
{
    /// <summary>F1 shape: 8 512 rows × 10 columns.</summary>
    public const int F1Rows = 8512, F1Columns = 10;

    /// <summary>Labels "phi0" … "phi{m−1}".</summary>
    public static string[] Labels(int m) => Enumerable.Range(0, m).Select(j => $"phi{j}").ToArray();

    /// <summary>Fills <paramref name="x"/> with i.i.d. N(0, σ²) from <paramref name="rng"/> (Box–Muller, both outputs used).</summary>
    public static void Gaussian(Random rng, double sigma, Span<double> x)
    {
        for (int i = 0; i < x.Length; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            var (s, c) = Math.SinCos(2 * Math.PI * u2);
            x[i] = sigma * r * c;
            if (i + 1 < x.Length) x[i + 1] = sigma * r * s;
        }
    }

    /// <summary>An n × m design of i.i.d. N(0, 1) columns (column by column from one generator).</summary>
    public static double[][] GaussianColumns(int n, int m, int seed)
    {
        var rng = new Random(seed);
        var cols = new double[m][];
        for (int j = 0; j < m; j++)
        {
            cols[j] = new double[n];
            Gaussian(rng, 1, cols[j]);
        }
        return cols;
    }

    /// <summary>t = Σ c_j φ_j + N(0, σ²) with noise from its own seeded generator.</summary>
    public static double[] Target(double[][] columns, IReadOnlyDictionary<int, double> terms, double noiseSigma, int noiseSeed)
    {
        int n = columns[0].Length;
        var t = new double[n];
        if (noiseSigma > 0) Gaussian(new Random(noiseSeed), noiseSigma, t);
        foreach (var (j, c) in terms)
            for (int i = 0; i < n; i++) t[i] += c * columns[j][i];
        return t;
    }

    /// <summary>The F1 problem: t = 0.1 φ4 − 0.5 φ7 + N(0, (1e−3)²) on 8 512 × 10 N(0, 1) columns.</summary>
    public static (DesignMatrix Phi, double[] T, double[][] Columns) F1(int seed = 1234, double columnScale = 1)
    {
        var cols = GaussianColumns(F1Rows, F1Columns, seed);
        var t = Target(cols, new Dictionary<int, double> { [4] = 0.1, [7] = -0.5 }, 1e-3, seed + 1);
        if (columnScale != 1)
            foreach (var c in cols)
                for (int i = 0; i < c.Length; i++) c[i] *= columnScale;
        return (new DesignMatrix(Labels(F1Columns), cols), t, cols);
    }

    /// <summary>Ordinary least squares of t on the given columns (normal equations with a tiny Gauss elimination).</summary>
    public static double[] LeastSquares(double[][] columns, double[] t, params int[] which)
    {
        int k = which.Length;
        var a = new double[k, k + 1];
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < k; c++) a[r, c] = Dot(columns[which[r]], columns[which[c]]);
            a[r, k] = Dot(columns[which[r]], t);
        }
        for (int p = 0; p < k; p++)
            for (int r = p + 1; r < k; r++)
            {
                double f = a[r, p] / a[p, p];
                for (int c = p; c <= k; c++) a[r, c] -= f * a[p, c];
            }
        var x = new double[k];
        for (int r = k - 1; r >= 0; r--)
        {
            double s = a[r, k];
            for (int c = r + 1; c < k; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }

    /// <summary>Plain dot product.</summary>
    public static double Dot(double[] x, double[] y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>‖t − Σ c_j φ_j‖² with error-free transformations (TwoProduct/TwoSum), i.e. ~double-double accuracy.</summary>
    public static double ResidualSumOfSquaresAccurate(double[][] columns, double[] t, IReadOnlyList<double> c)
    {
        double hi = 0, lo = 0;
        for (int i = 0; i < t.Length; i++)
        {
            // residual r_i = t_i − Σ c_j φ_j,i in double-double
            double rh = t[i], rl = 0;
            for (int j = 0; j < c.Count; j++)
            {
                if (c[j] == 0) continue;
                double p = -c[j] * columns[j][i];
                double pe = Math.FusedMultiplyAdd(-c[j], columns[j][i], -p);
                (rh, double e) = TwoSum(rh, p);
                rl += e + pe;
            }
            var (r, rr) = TwoSum(rh, rl);
            double sq = r * r;
            double sqe = Math.FusedMultiplyAdd(r, r, -sq) + 2 * r * rr;
            (hi, double e2) = TwoSum(hi, sq);
            lo += e2 + sqe;
        }
        return hi + lo;
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }
}
