using System.Numerics.Tensors;
using Science.Numerics.LinearAlgebra;
using Science.Observing;

namespace Science.Assimilation.Analysis;

/// <summary>
/// The stochastic EnKF with perturbed observations (Burgers et al. 1998; DAPPER's <c>EnKF('PertObs')</c>):
/// C = YᵀY + (N−1)R, D ~ N(0, R) re-centred to zero mean over the members, E += (y − D − HE) C⁻¹ Yᵀ A.
/// No n×n matrix is formed: with m ≤ N the m×m C is Cholesky-factored and applied to the N innovations, then
/// multiplied by Yᵀ A (m×n); with m &gt; N the N×N form X = [Δ R̃⁻¹ Yᵀ](I + Y R̃⁻¹ Yᵀ)⁻¹, R̃ = (N−1)R, is used
/// (push-through identity Y(YᵀY + R̃)⁻¹ = (I + YR̃⁻¹Yᵀ)⁻¹YR̃⁻¹) and E += X A.
/// </summary>
internal sealed class PerturbedObservationAnalysis : IEnsembleAnalysis
{
    private readonly ObservedEnsemble _obs;
    private readonly ObservationError _r;
    private readonly int _n, _members, _m;
    private readonly bool _observationSpace;
    private readonly double[] _mu, _a, _d, _dmean, _innov, _c, _b, _x, _p, _de;

    public PerturbedObservationAnalysis(IObservationOperator h, ObservationError r, int members, int stateSize, bool? observationSpace = null)
    {
        _obs = new ObservedEnsemble(h, r, members);
        _r = r;
        _n = stateSize;
        _members = members;
        _m = h.ObservationSize;
        _observationSpace = observationSpace ?? _m <= members;
        _mu = new double[stateSize];
        _a = new double[members * stateSize];
        _d = new double[members * _m];
        _dmean = new double[_m];
        _innov = new double[members * _m];
        int k = _observationSpace ? _m : members;
        _c = new double[k * k];
        _b = _observationSpace ? new double[_m * stateSize] : [];
        _x = _observationSpace ? [] : new double[members * members];
        _p = _observationSpace ? [] : new double[members * members];
        _de = _observationSpace ? [] : new double[members * stateSize];
    }

    public void Analyse(Span<double> ensemble, ReadOnlySpan<double> observation, ReadOnlySpan<double> truth, int seed)
    {
        int n = _n, nm = _members, m = _m;
        double a = nm - 1;
        _obs.Compute(ensemble, n, observation);
        Dense.Centre(ensemble, nm, n, _mu, _a);
        _r.Draw(seed, nm, _d);
        Dense.Centre(_d, nm, m, _dmean, _d);
        // Innovations y − D − Eo.
        for (int i = 0; i < nm; i++)
        {
            var row = _innov.AsSpan(i * m, m);
            TensorPrimitives.Subtract(observation, _d.AsSpan(i * m, m), row);
            TensorPrimitives.Subtract(row, _obs.Eo.AsSpan(i * m, m), row);
        }
        var y = _obs.Y;
        var std = _r.Std;
        if (_observationSpace)
        {
            Dense.MultiplyTransposeA(y, y, _c, nm, m, m);
            for (int j = 0; j < m; j++) _c[j * m + j] += a * std[j] * std[j];
            if (!SmallDense.TryCholesky(_c, m)) throw new InvalidOperationException("the EnKF innovation covariance YᵀY + (N−1)R is not positive definite");
            Dense.CholeskySolveRows(_c, m, _innov, nm);
            Dense.MultiplyTransposeA(y, _a, _b, nm, m, n);
            for (int i = 0; i < nm; i++)
            {
                var ei = ensemble.Slice(i * n, n);
                var zi = _innov.AsSpan(i * m, m);
                for (int k = 0; k < m; k++)
                    if (zi[k] != 0) TensorPrimitives.MultiplyAdd(_b.AsSpan(k * n, n), zi[k], ei, ei);
            }
            return;
        }
        // Ensemble space: scale Y and the innovations by R̃^{-1/2}.
        var s = _obs.S;
        double inv = 1 / Math.Sqrt(a);
        for (int i = 0; i < nm; i++)
        {
            TensorPrimitives.Multiply(_innov.AsSpan(i * m, m), _obs.InverseStd, _innov.AsSpan(i * m, m));
            TensorPrimitives.Multiply(_innov.AsSpan(i * m, m), inv, _innov.AsSpan(i * m, m));
        }
        Dense.Gram(s, _c, nm, m);
        for (int i = 0; i < nm * nm; i++) _c[i] /= a;
        for (int i = 0; i < nm; i++) _c[i * nm + i] += 1;
        Dense.MultiplyTransposeB(_innov, s, _p, nm, m, nm);
        TensorPrimitives.Multiply(_p, inv, _p);
        if (!SmallDense.TryCholesky(_c, nm)) throw new InvalidOperationException("I + Y R̃⁻¹ Yᵀ is not positive definite");
        // X = P M⁻¹ with M symmetric: each row x_i solves M x_i = p_i.
        _p.CopyTo(_x, 0);
        Dense.CholeskySolveRows(_c, nm, _x, nm);
        // E = E + X A.
        Dense.Multiply(_x, _a, _de, nm, nm, n);
        TensorPrimitives.Add(ensemble[..(nm * n)], _de, ensemble[..(nm * n)]);
    }
}
