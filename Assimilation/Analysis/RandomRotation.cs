using Science.Numerics;

namespace Science.Assimilation.Analysis;

/// <summary>
/// A Haar-random orthogonal N×N matrix that keeps the ones vector fixed (DAPPER's <c>genOG_1</c>): Q = H·diag(1, O)·H
/// with O Haar-random of order N−1 (Gram–Schmidt of a Gaussian matrix, which gives R with a positive diagonal) and H
/// the Householder reflection exchanging e₁ and 1/√N. Applied to anomalies it preserves their mean (zero) and their
/// sample covariance AᵀA. Q is never formed: Q A = H (diag(1, O) (H A)), two rank-1 updates and one (N−1)² × n
/// product. Owns its buffers; allocation-free per call.
/// </summary>
internal sealed class RandomRotation
{
    private readonly int _n, _cols;
    private readonly double[] _g, _ot, _b, _v, _t;
    private readonly double _twoOverVv;

    /// <summary>Buffers for order <paramref name="members"/> ≥ 2 acting on N × <paramref name="columns"/> matrices.</summary>
    public RandomRotation(int members, int columns)
    {
        _n = members;
        _cols = columns;
        int k = members - 1;
        _g = new double[k * k];
        _ot = new double[k * k];
        _b = new double[members * columns];
        _t = new double[columns];
        // H = I − 2 v vᵀ / (vᵀ v), v = e₁ − 1/√N.
        double u = 1 / Math.Sqrt(members);
        _v = new double[members];
        for (int i = 0; i < members; i++) _v[i] = -u;
        _v[0] += 1;
        _twoOverVv = 2 / Lanes.Dot(_v, _v);
    }

    /// <summary>
    /// <paramref name="destination"/> (N×columns) = Q · <paramref name="a"/> (N×columns, row = member) with Q drawn from
    /// <paramref name="seed"/>; the same seed gives the same Q.
    /// </summary>
    public void Apply(int seed, ReadOnlySpan<double> a, Span<double> destination)
    {
        int n = _n, k = n - 1, c = _cols;
        DrawTransposedO(seed);
        a[..(n * c)].CopyTo(_b);
        Reflect(_b);
        _b.AsSpan(0, c).CopyTo(destination);
        // Rows 1…N−1: O · B[1…] with O = (Oᵀ)ᵀ.
        Dense.MultiplyTransposeA(_ot, _b.AsSpan(c, k * c), destination.Slice(c, k * c), k, k, c);
        Reflect(destination[..(n * c)]);
    }

    /// <summary>Oᵀ into _ot: row j of _ot is column j of O, the modified Gram–Schmidt of the columns of G (k×k Gaussian).</summary>
    private void DrawTransposedO(int seed)
    {
        int k = _n - 1;
        GaussianStream.Fill(seed, 1.0, _g);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) _ot[j * k + i] = _g[i * k + j];
        for (int j = 0; j < k; j++)
        {
            var qj = _ot.AsSpan(j * k, k);
            for (int p = 0; p < j; p++)
            {
                var qp = _ot.AsSpan(p * k, k);
                Lanes.AddScaled(qj, -Lanes.Dot(qp, qj), qp);
            }
            double inv = 1 / Math.Sqrt(Lanes.Dot(qj, qj));
            for (int i = 0; i < k; i++) qj[i] *= inv;
        }
    }

    /// <summary>M ← H M for M (N×columns): M_i −= (2 v_i / vᵀv) (vᵀ M).</summary>
    private void Reflect(Span<double> m)
    {
        int n = _n, c = _cols;
        var t = _t.AsSpan();
        t.Clear();
        for (int i = 0; i < n; i++) Lanes.AddScaled(t, _v[i], m.Slice(i * c, c));
        for (int i = 0; i < n; i++) Lanes.AddScaled(m.Slice(i * c, c), -_twoOverVv * _v[i], t);
    }
}
