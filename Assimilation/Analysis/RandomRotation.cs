using Science.Numerics;

namespace Science.Assimilation.Analysis;

/// <summary>
/// A Haar-random orthogonal N×N matrix that keeps the ones vector fixed (DAPPER's <c>genOG_1</c>): Q = H·diag(1, O)·H
/// with O Haar-random of order N−1 (Gram–Schmidt of a Gaussian matrix, which gives R with a positive diagonal) and H
/// the Householder reflection exchanging e₁ and 1/√N. Applied to anomalies it preserves their mean (zero) and their
/// sample covariance AᵀA. Owns its buffers.
/// </summary>
internal sealed class RandomRotation
{
    private readonly int _n;
    private readonly double[] _g, _q, _h, _t;

    /// <summary>Buffers for order <paramref name="members"/> ≥ 2.</summary>
    public RandomRotation(int members)
    {
        _n = members;
        _g = new double[(members - 1) * (members - 1)];
        _q = new double[members * members];
        _h = new double[members * members];
        _t = new double[members * members];
        // H = I − 2 v vᵀ / (vᵀ v), v = e₁ − 1/√N.
        double u = 1 / Math.Sqrt(members);
        var v = new double[members];
        for (int i = 0; i < members; i++) v[i] = -u;
        v[0] += 1;
        double vv = v.Sum(x => x * x);
        for (int i = 0; i < members; i++)
            for (int j = 0; j < members; j++) _h[i * members + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
    }

    /// <summary>Writes the rotation drawn from <paramref name="seed"/> into <paramref name="q"/> (N×N).</summary>
    public void Draw(int seed, Span<double> q)
    {
        int n = _n, k = n - 1;
        GaussianStream.Fill(seed, 1.0, _g);
        // Modified Gram–Schmidt on the columns of G (k×k, row-major), in place → O.
        for (int j = 0; j < k; j++)
        {
            for (int p = 0; p < j; p++)
            {
                double dot = 0;
                for (int i = 0; i < k; i++) dot += _g[i * k + p] * _g[i * k + j];
                for (int i = 0; i < k; i++) _g[i * k + j] -= dot * _g[i * k + p];
            }
            double norm = 0;
            for (int i = 0; i < k; i++) norm += _g[i * k + j] * _g[i * k + j];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < k; i++) _g[i * k + j] /= norm;
        }
        Array.Clear(_q);
        _q[0] = 1;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) _q[(i + 1) * n + j + 1] = _g[i * k + j];
        Dense.Multiply(_h, _q, _t, n, n, n);
        Dense.Multiply(_t, _h, q, n, n, n);
    }
}
