using Science.Assimilation.Analysis;

namespace Science.Assimilation.Tests;

/// <summary>
/// The small-matrix symmetric eigendecomposition (Householder + implicit QL): reconstruction, agreement with MathNet on
/// random symmetric matrices, orthonormal eigenvectors, and the MathNet path above the managed limit.
/// </summary>
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

    /// <summary>Random symmetric G + Gᵀ (indefinite) of several orders, 5 seeds each.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(41)]
    [InlineData(64)]
    public void AgreesWithMathNetOnRandomSymmetricMatrices(int k)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var g = new double[k * k];
            Science.Numerics.SeedSequence.Gaussian(1000 * k + seed, 1.0, g);
            var a = new double[k * k];
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) a[i * k + j] = g[i * k + j] + g[j * k + i];
            Check(a, k);
        }
    }

    /// <summary>The ETKF's matrix S Sᵀ + (N−1)I with centred S (one eigenvalue exactly N−1) and a clustered spectrum.</summary>
    [Fact]
    public void AgreesWithMathNetOnEnsembleSpaceAndClusteredMatrices()
    {
        const int n = 24, p = 40;
        var s = new double[n * p];
        Science.Numerics.SeedSequence.Gaussian(5, 0.2, s);
        var mean = new double[p];
        Dense.Centre(s, n, p, mean, s);
        var m = new double[n * n];
        Dense.Gram(s, m, n, p);
        for (int i = 0; i < n; i++) m[i * n + i] += n - 1;
        Check(m, n);
        // I + 1e-9 · (rank one): 23 equal eigenvalues.
        var c = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) c[i * n + j] = (i == j ? 1 : 0) + 1e-9 * (i + 1) * (j + 1);
        Check(c, n);
    }

    [Fact]
    public void RowsAreTheTransposedColumns()
    {
        const int k = 24;
        var g = new double[k * k];
        Science.Numerics.SeedSequence.Gaussian(9, 1.0, g);
        var a = new double[k * k];
        Dense.Gram(g, a, k, k);
        var d1 = new double[k];
        var d2 = new double[k];
        var columns = new double[k * k];
        var rows = new double[k * k];
        SymmetricEigen.Decompose((double[])a.Clone(), k, d1, columns);
        SymmetricEigen.DecomposeRows((double[])a.Clone(), k, d2, rows);
        Assert.Equal(d1, d2);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) Assert.Equal(columns[i * k + j], rows[j * k + i]);
    }

    /// <summary>
    /// Eigenvalues against MathNet's to 1e-12 relative (to the spectral radius), A·V = V·Λ and VᵀV = I to 1e-12.
    /// </summary>
    private static void Check(double[] a, int k)
    {
        var work = (double[])a.Clone();
        var d = new double[k];
        var v = new double[k * k];
        SymmetricEigen.Decompose(work, k, d, v);
        var reference = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, (i, j) => a[i * k + j])
            .Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(x => x.Real).Order().ToArray();
        var ours = d.Order().ToArray();
        double scale = reference.Max(Math.Abs);
        for (int i = 0; i < k; i++)
            Assert.True(Math.Abs(ours[i] - reference[i]) <= 1e-12 * scale, $"k={k} λ{i}: {ours[i]:R} vs MathNet {reference[i]:R}");
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double av = 0, vtv = 0;
                for (int q = 0; q < k; q++)
                {
                    av += a[i * k + q] * v[q * k + j];
                    vtv += v[q * k + i] * v[q * k + j];
                }
                Assert.True(Math.Abs(av - d[j] * v[i * k + j]) <= 1e-12 * scale, $"k={k} (AV − VΛ)[{i},{j}] = {av - d[j] * v[i * k + j]:E2}");
                Assert.True(Math.Abs(vtv - (i == j ? 1 : 0)) <= 1e-12, $"k={k} (VᵀV)[{i},{j}] = {vtv:R}");
            }
    }
}
