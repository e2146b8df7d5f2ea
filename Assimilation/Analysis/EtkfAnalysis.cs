using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Science.Observing;

namespace Science.Assimilation.Analysis;

/// <summary>
/// The global symmetric square-root ETKF (DAPPER's <c>EnKF('Sqrt')</c>). When N ≤ m it works in ensemble space
/// (<see cref="SquareRootTransform"/>, N×N). When N &gt; m (e.g. a consistency test with 20 000 members) the same
/// update is formed in observation space from the m×m eigendecomposition SᵀS = U Λ Uᵀ, never an N×N matrix:
/// T A = A + S U diag(g) Uᵀ (Sᵀ A), g(λ) = (√((N−1)/(λ+N−1)) − 1)/λ = −1/(√(λ+N−1)(√(λ+N−1)+√(N−1))), and
/// w A = dy U diag(1/(λ+N−1)) Uᵀ (Sᵀ A), by the push-through identity Sᵀ(SSᵀ + aI)⁻¹ = (SᵀS + aI)⁻¹Sᵀ.
/// </summary>
internal sealed class EtkfAnalysis : IEnsembleAnalysis
{
    private readonly ObservedEnsemble _obs;
    private readonly int _n, _members, _m;
    private readonly double[] _mu, _a;
    private readonly SquareRootTransform? _transform;
    private readonly double[] _x = [], _sts = [], _u = [], _lambda = [], _g = [], _h = [], _coef = [], _wa = [];

    public EtkfAnalysis(IObservationOperator h, ObservationError r, int members, int stateSize, bool? observationSpace = null)
    {
        _obs = new ObservedEnsemble(h, r, members);
        _n = stateSize;
        _members = members;
        _m = h.ObservationSize;
        _mu = new double[stateSize];
        _a = new double[members * stateSize];
        if (!(observationSpace ?? members > _m))
        {
            _transform = new SquareRootTransform(members);
            _x = new double[members * members];
        }
        else
        {
            _sts = new double[_m * _m];
            _u = new double[_m * _m];
            _lambda = new double[_m];
            _g = new double[_m * stateSize];
            _h = new double[_m * stateSize];
            _coef = new double[_m];
            _wa = new double[stateSize];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Analyse(Span<double> ensemble, ReadOnlySpan<double> observation, ReadOnlySpan<double> truth, int seed)
    {
        int n = _n, nm = _members, m = _m;
        _obs.Compute(ensemble, n, observation);
        Dense.Centre(ensemble, nm, n, _mu, _a);
        if (_transform is not null)
        {
            _transform.Build(_obs.S, _obs.Dy, m, _x);
            Dense.Multiply(_x, _a, ensemble, nm, nm, n);
            for (int i = 0; i < nm; i++) Lanes.Add(ensemble.Slice(i * n, n), _mu, ensemble.Slice(i * n, n));
            return;
        }
        double aa = nm - 1;
        var s = _obs.S;
        // SᵀS (m×m) and its eigendecomposition.
        Dense.MultiplyTransposeA(s, s, _sts, nm, m, m);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < i; j++) _sts[j * m + i] = _sts[i * m + j] = 0.5 * (_sts[i * m + j] + _sts[j * m + i]);
        SymmetricEigen.Decompose(_sts, m, _lambda, _u);
        // G = Sᵀ A (m×n).
        Dense.MultiplyTransposeA(s, _a, _g, nm, m, n);
        // Uᵀ G into _h, then scale rows by g(λ) → H = U diag(g) Uᵀ G (into _g after use).
        Dense.MultiplyTransposeA(_u, _g, _h, m, m, n);
        // w A = dy U diag(1/(λ+a)) (Uᵀ G).
        for (int k = 0; k < m; k++)
        {
            double dot = 0;
            for (int j = 0; j < m; j++) dot += _obs.Dy[j] * _u[j * m + k];
            _coef[k] = dot / (Math.Max(_lambda[k], 0) + aa);
        }
        Array.Clear(_wa);
        for (int k = 0; k < m; k++) TensorPrimitives.MultiplyAdd(_h.AsSpan(k * n, n), _coef[k], _wa, _wa);
        for (int k = 0; k < m; k++)
        {
            double l = Math.Max(_lambda[k], 0), q = Math.Sqrt(l + aa);
            TensorPrimitives.Multiply(_h.AsSpan(k * n, n), -1 / (q * (q + Math.Sqrt(aa))), _h.AsSpan(k * n, n));
        }
        Dense.Multiply(_u, _h, _g, m, m, n);
        // E_i = μ + wA + A_i + S_i H.
        for (int i = 0; i < nm; i++)
        {
            var ei = ensemble.Slice(i * n, n);
            _a.AsSpan(i * n, n).CopyTo(ei);
            var si = s.AsSpan(i * m, m);
            for (int k = 0; k < m; k++)
                if (si[k] != 0) TensorPrimitives.MultiplyAdd(_g.AsSpan(k * n, n), si[k], ei, ei);
            TensorPrimitives.Add(ei, _mu, ei);
            TensorPrimitives.Add(ei, _wa, ei);
        }
    }
}
