using System.Runtime.CompilerServices;

namespace Science.Assimilation.Analysis;

/// <summary>
/// What is done to the analysis anomalies A = E − μ after each update, in this order (mean unchanged):
/// RTPS (Whitaker &amp; Hamill 2012) A_j ← A_j·(1 + α(σ_f,j − σ_a,j)/σ_a,j) per state variable j; multiplicative
/// inflation A ← infl·A (DAPPER's <c>post_process</c>: variance × infl²); a random mean-preserving rotation
/// A ← Q A (DAPPER's <c>rot=True</c>, <see cref="RandomRotation"/>). Owns its buffers.
/// </summary>
internal sealed class AnomalyPostProcessor
{
    private readonly int _members, _n;
    private readonly double _inflation, _rtps;
    private readonly RandomRotation? _rotation;
    private readonly double[] _mu, _a, _spread;

    public AnomalyPostProcessor(int members, int stateSize, double inflation, double rtps, bool rotate)
    {
        _members = members;
        _n = stateSize;
        _inflation = inflation;
        _rtps = rtps;
        _rotation = rotate ? new RandomRotation(members, stateSize) : null;
        _mu = new double[stateSize];
        _a = new double[members * stateSize];
        _spread = new double[stateSize];
    }

    /// <summary>True when <see cref="Apply"/> changes anything.</summary>
    public bool IsActive => _inflation != 1 || _rtps != 0 || _rotation is not null;

    /// <summary>
    /// Post-processes <paramref name="ensemble"/> (N×n) in place. <paramref name="forecastSpread"/> holds σ_f per
    /// variable (N−1 normalisation; used by RTPS); <paramref name="seed"/> draws the rotation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(Span<double> ensemble, ReadOnlySpan<double> forecastSpread, int seed)
    {
        if (!IsActive) return;
        int nm = _members, n = _n;
        Dense.Centre(ensemble, nm, n, _mu, _a);
        if (_rtps != 0)
        {
            Statistics.EnsembleStatistics.Spread(_a, nm, n, _spread);
            for (int j = 0; j < n; j++)
            {
                double sa = _spread[j];
                _spread[j] = sa > 0 ? 1 + _rtps * (forecastSpread[j] - sa) / sa : 1;
            }
            for (int i = 0; i < nm; i++) Lanes.Multiply(_a.AsSpan(i * n, n), _spread, _a.AsSpan(i * n, n));
        }
        if (_inflation != 1) Lanes.Scale(_a, _inflation, _a);
        if (_rotation is not null) _rotation.Apply(seed, _a, ensemble);
        else _a.CopyTo(ensemble);
        for (int i = 0; i < nm; i++) Lanes.Add(ensemble.Slice(i * n, n), _mu, ensemble.Slice(i * n, n));
    }
}
