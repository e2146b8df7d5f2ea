using Science.Numerics;
using Science.Numerics.Fft;
using Science.Medida.Filters;
using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Medida.Observations;

/// <summary>
/// Full observations with Gaussian noise on ψ (spec §4.4): i.i.d. N(0, (a·std ψ_k)²) per point, independently per
/// layer, time and snapshot, a = <see cref="Level"/>; optionally smoothed by a spectral filter before use. Without a
/// smoother even a = 0.001 destroys discovery (spec §4.4): noise is amplified by ∇² and 1/Δt.
/// </summary>
public sealed class NoisyObservation : IStateEstimator
{
    private readonly Func<Grid, SpectralFilter>? _smoother;
    private readonly FftBackendKind _backend;

    /// <summary>Creates the estimator.</summary>
    /// <param name="level">Noise std relative to the field's spatial std, ≥ 0.</param>
    /// <param name="seed">The seed; draws are derived per (snapshot, time, layer).</param>
    /// <param name="smoother">Builds the smoothing filter for a grid, or null for raw noisy fields.</param>
    /// <param name="smootherName">Name of the smoother for reports.</param>
    /// <param name="backend">FFT backend for the smoother.</param>
    public NoisyObservation(double level, int seed, Func<Grid, SpectralFilter>? smoother = null, string smootherName = "none",
        FftBackendKind backend = FftBackendKind.Auto)
    {
        if (!(level >= 0) || double.IsInfinity(level)) throw new ArgumentOutOfRangeException(nameof(level), level, "noise level must be ≥ 0");
        Level = level;
        Seed = seed;
        _smoother = smoother;
        _backend = backend;
        Name = $"noise {level:G3} (seed {seed}), smoother {smootherName}";
    }

    /// <summary>Noise std relative to the field's std.</summary>
    public double Level { get; }
    /// <summary>The seed.</summary>
    public int Seed { get; }
    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public double[] Estimate(Grid grid, ReadOnlySpan<double> truePsi, int snapshot, ObservationTime time)
    {
        int n = grid.RealSize;
        var psi = AddNoise(truePsi, n, Level, Seed, snapshot, time);
        if (_smoother is not null)
        {
            using var sp = new QgSpectral(grid, _backend);
            var filter = _smoother(grid);
            var scratch = new SpectralField(grid);
            filter.Apply(sp, psi.AsSpan(0, n), scratch);
            filter.Apply(sp, psi.AsSpan(n, n), scratch);
        }
        return psi;
    }

    /// <summary>
    /// The noisy field of spec §4.4: a copy of ψ <c>[layer, point]</c> plus i.i.d. N(0, (level·std ψ_k)²), std over
    /// the whole layer, drawn from <see cref="SeedSequence.Derive"/>(seed, snapshot, time, layer). Sparse observations
    /// use the same draw, so sparse and full noisy experiments with one seed see the same noise at shared points.
    /// </summary>
    /// <param name="truePsi">True ψ, both layers.</param>
    /// <param name="points">Grid points per layer.</param>
    /// <param name="level">Noise std relative to the layer's spatial std.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="snapshot">Snapshot index.</param>
    /// <param name="time">Start or end of the step.</param>
    public static double[] AddNoise(ReadOnlySpan<double> truePsi, int points, double level, int seed, int snapshot, ObservationTime time)
    {
        var psi = truePsi.ToArray();
        var noise = new double[points];
        for (int layer = 0; layer < 2; layer++)
        {
            var field = psi.AsSpan(layer * points, points);
            double sigma = level * FieldMath.StandardDeviation(field);
            SeedSequence.Gaussian(SeedSequence.Derive(seed, snapshot, (int)time, layer), sigma, noise);
            for (int p = 0; p < points; p++) field[p] += noise[p];
        }
        return psi;
    }
}
