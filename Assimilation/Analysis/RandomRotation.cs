using System.Runtime.CompilerServices;
using Science.Numerics;

namespace Science.Assimilation.Analysis;

/// <summary>
/// A Haar-random orthogonal N×N matrix that keeps the ones vector fixed (DAPPER's <c>genOG_1</c>): Q = H·diag(1, O)·H
/// with O Haar-random of order k = N−1 and H the Householder reflection exchanging e₁ and 1/√N. Applied to anomalies
/// it preserves their mean (zero) and their sample covariance AᵀA. O is drawn as the Householder QR of a k×k Gaussian
/// matrix with R's diagonal made positive, in Stewart's (1980) form: O = H₀ H₁ ⋯ H_{k−2} D, where H_j reflects a
/// fresh Gaussian vector x_j ∈ ℝ^{k−j} onto −sign(x_j0)‖x_j‖e₀ (rows j…k−1) and D_j = −sign(x_j0) (D_{k−1} the sign
/// of one more draw): k(k+1)/2 draws instead of k², and no factorisation. Neither Q nor O is formed:
/// Q A = H (diag(1, O) (H A)), all row updates. Owns its buffers; allocation-free per call.
/// </summary>
internal sealed class RandomRotation
{
    private readonly int _n, _cols;
    private readonly double[] _x, _v, _t;
    private readonly double _twoOverVv;

    /// <summary>Buffers for order <paramref name="members"/> ≥ 2 acting on N × <paramref name="columns"/> matrices.</summary>
    public RandomRotation(int members, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 2);
        _n = members;
        _cols = columns;
        int k = members - 1;
        _x = new double[k * (k + 1) / 2];
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
    /// <paramref name="seed"/>; the same seed gives the same Q. <paramref name="a"/> and <paramref name="destination"/>
    /// may be the same span.
    /// </summary>
    public void Apply(int seed, ReadOnlySpan<double> a, Span<double> destination)
    {
        int n = _n, c = _cols;
        var m = destination[..(n * c)];
        a[..(n * c)].CopyTo(m);
        Reflect(m);
        ApplyO(seed, m[c..]);
        Reflect(m);
    }

    /// <summary>M ← O M for M (k×columns), O = H₀ ⋯ H_{k−2} D drawn from <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ApplyO(int seed, Span<double> m)
    {
        int k = _n - 1, c = _cols;
        var x = _x.AsSpan();
        GaussianStream.Fill(seed, 1.0, x);
        // x_j starts at offset(j) = Σ_{i<j} (k − i); x_{k−1} is the single last draw.
        int last = x.Length - 1;
        if (x[last] < 0) Negate(m.Slice((k - 1) * c, c));
        var t = _t.AsSpan();
        for (int j = k - 2; j >= 0; j--)
        {
            int len = k - j, off = j * k - j * (j - 1) / 2;
            var v = x.Slice(off, len);
            double x0 = v[0], norm = Math.Sqrt(Lanes.Dot(v, v));
            var rows = m.Slice(j * c, len * c);
            // D_j = −sign(x0): applied first (D is the rightmost factor), on row j only.
            if (x0 >= 0) Negate(rows[..c]);
            if (norm == 0) continue;
            double alpha = x0 >= 0 ? norm : -norm;
            v[0] = x0 + alpha;
            double beta = 1 / (norm * (norm + Math.Abs(x0)));
            // rows ← (I − β v vᵀ) rows.
            Dense.Product(v, 0, 1, rows, c, t, c, 1, len, c);
            for (int r = 0; r < len; r++) Lanes.AddScaled(rows.Slice(r * c, c), -beta * v[r], t);
        }
    }

    private static void Negate(Span<double> row) => Lanes.Scale(row, -1, row);

    /// <summary>M ← H M for M (N×columns): M_i −= (2 v_i / vᵀv) (vᵀ M).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reflect(Span<double> m)
    {
        int n = _n, c = _cols;
        var t = _t.AsSpan();
        Dense.Product(_v, 0, 1, m, c, t, c, 1, n, c);
        for (int i = 0; i < n; i++) Lanes.AddScaled(m.Slice(i * c, c), -_twoOverVv * _v[i], t);
    }
}
