using Science.Numerics;

namespace Science.Assimilation.Tests;

/// <summary>Small fixtures shared by the tests.</summary>
internal static class TestData
{
    /// <summary>A periodic Gaussian-shaped covariance P_ij = s² exp(−d²/(2ℓ²)) + nugget·δ_ij on a ring of n.</summary>
    public static double[] RingCovariance(int n, double s, double l, double nugget)
    {
        var p = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double d = Math.Min(Math.Abs(i - j), n - Math.Abs(i - j));
                p[i * n + j] = s * s * Math.Exp(-d * d / (2 * l * l)) + (i == j ? nugget : 0);
            }
        return p;
    }

    /// <summary>The lower Cholesky factor of an SPD matrix.</summary>
    public static double[] Cholesky(double[] a, int n)
    {
        var l = (double[])a.Clone();
        Assert.True(Science.Numerics.LinearAlgebra.SmallDense.TryCholesky(l, n));
        return l;
    }

    /// <summary>N draws of N(mean, LLᵀ), member-major.</summary>
    public static double[] Draw(double[] l, int n, int members, int seed, double[]? mean = null)
    {
        var z = new double[members * n];
        SeedSequence.Gaussian(seed, 1.0, z);
        var e = new double[members * n];
        for (int m = 0; m < members; m++)
            for (int i = 0; i < n; i++)
            {
                double s = mean?[i] ?? 0;
                for (int k = 0; k <= i; k++) s += l[i * n + k] * z[m * n + k];
                e[m * n + i] = s;
            }
        return e;
    }

    /// <summary>Sample mean and covariance (N−1) of a member-major ensemble.</summary>
    public static (double[] Mean, double[] Cov) Moments(ReadOnlySpan<double> e, int members, int n)
    {
        var mean = new double[n];
        for (int m = 0; m < members; m++)
            for (int i = 0; i < n; i++) mean[i] += e[m * n + i] / members;
        var cov = new double[n * n];
        for (int m = 0; m < members; m++)
            for (int i = 0; i < n; i++)
            {
                double ai = e[m * n + i] - mean[i];
                for (int j = 0; j < n; j++) cov[i * n + j] += ai * (e[m * n + j] - mean[j]);
            }
        for (int i = 0; i < cov.Length; i++) cov[i] /= members - 1;
        return (mean, cov);
    }

    /// <summary>‖a − b‖₂ / ‖b‖₂.</summary>
    public static double Relative(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { num += (a[i] - b[i]) * (a[i] - b[i]); den += b[i] * b[i]; }
        return Math.Sqrt(num / den);
    }
}
