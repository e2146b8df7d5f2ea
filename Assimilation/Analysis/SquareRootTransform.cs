using System.Runtime.CompilerServices;

namespace Science.Assimilation.Analysis;

/// <summary>
/// The ensemble-space symmetric square-root (ETKF) transform of DAPPER's <c>EnKF('Sqrt')</c>, on observation
/// anomalies already scaled by R^{-1/2}: eigh of S Sᵀ + (N−1)I = V D Vᵀ, T = V D^{-1/2} Vᵀ √(N−1),
/// Pw = V D⁻¹ Vᵀ, w = dy Sᵀ Pw, and the analysis E = μ + X·A with X = T + 1 wᵀ (each row of T plus w).
/// Owns its N×N buffers; one instance per thread.
/// </summary>
internal sealed class SquareRootTransform
{
    private readonly int _n;
    private readonly double[] _m, _v, _d, _sdy, _z, _w;
    private double[] _st = [];

    /// <summary>Buffers for an ensemble of <paramref name="members"/>.</summary>
    public SquareRootTransform(int members)
    {
        _n = members;
        _m = new double[members * members];
        _v = new double[members * members];
        _d = new double[members];
        _sdy = new double[members];
        _z = new double[members];
        _w = new double[members];
    }

    /// <summary>
    /// Writes X (N×N) into <paramref name="x"/> from the scaled anomalies <paramref name="s"/> (N×p, row = member) and
    /// the scaled innovation <paramref name="dy"/> (p).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Build(ReadOnlySpan<double> s, ReadOnlySpan<double> dy, int p, Span<double> x)
    {
        int n = _n;
        double a = n - 1;
        // S Sᵀ as a register-blocked product with Sᵀ (exactly symmetric: both triangles sum the same products in order).
        if (_st.Length < p * n) _st = new double[p * n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < p; k++) _st[k * n + i] = s[i * p + k];
        Dense.Product(s, p, 1, _st, n, _m, n, n, p, n);
        for (int i = 0; i < n; i++) _m[i * n + i] += a;
        for (int i = 0; i < n; i++) _sdy[i] = Lanes.Dot(s.Slice(i * p, p), dy);
        // Rows of _v are the eigenvectors (Vᵀ).
        SymmetricEigen.DecomposeRows(_m, n, _d, _v);
        // z = D⁻¹ Vᵀ (S dy), w = V z.
        _w.AsSpan().Clear();
        for (int k = 0; k < n; k++)
        {
            _z[k] = Lanes.Dot(_v.AsSpan(k * n, n), _sdy) / _d[k];
            Lanes.AddScaled(_w, _z[k], _v.AsSpan(k * n, n));
        }
        // Scale the eigenvector rows by sqrt(a / d_k) into _m (free now), then X = V (scaled Vᵀ) + 1 wᵀ.
        for (int k = 0; k < n; k++)
        {
            double f = Math.Sqrt(a / _d[k]);
            for (int j = 0; j < n; j++) _m[k * n + j] = _v[k * n + j] * f;
        }
        Dense.MultiplyTransposeA(_v, _m, x, n, n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) x[i * n + j] += _w[j];
    }
}
