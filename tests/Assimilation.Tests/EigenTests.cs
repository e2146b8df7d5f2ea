using Science.Assimilation.Analysis;

namespace Science.Assimilation.Tests;

/// <summary>The symmetric eigendecomposition reconstructs its matrix (Jacobi and the MathNet path).</summary>
public sealed class EigenTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(70)]
    public void Reconstructs(int k)
    {
        var g = new double[k * k];
        Science.Numerics.SeedSequence.Gaussian(k, 1.0, g);
        var a = new double[k * k];
        Dense.Gram(g, a, k, k);
        for (int i = 0; i < k; i++) a[i * k + i] += 1;
        var work = (double[])a.Clone();
        var d = new double[k];
        var v = new double[k * k];
        SymmetricEigen.Decompose(work, k, d, v);
        double max = a.Max(Math.Abs);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int q = 0; q < k; q++) s += v[i * k + q] * d[q] * v[j * k + q];
                Assert.True(Math.Abs(s - a[i * k + j]) < 1e-11 * max, $"({i},{j}) {s} vs {a[i * k + j]}");
            }
    }
}
