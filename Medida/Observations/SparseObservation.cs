using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Science.Interpolation;
using Science.QgModel;

namespace Science.Medida.Observations;

/// <summary>How one call of <see cref="SparseObservation.Estimate"/> went, for reports.</summary>
/// <param name="Snapshot">Snapshot index within the experiment.</param>
/// <param name="Time">Start (t_n) or end (t_n + Δt).</param>
/// <param name="Seconds">Wall time of the interpolation.</param>
public sealed record SparseObservationCall(int Snapshot, ObservationTime Time, double Seconds);

/// <summary>Progress of one interpolation (a network's training), tagged with the snapshot and time it serves.</summary>
/// <param name="Snapshot">Snapshot index within the experiment.</param>
/// <param name="Time">Start (t_n) or end (t_n + Δt).</param>
/// <param name="Done">Units done (training steps for the neural interpolators).</param>
/// <param name="Total">Units in all.</param>
/// <param name="Value">The interpolator's current figure of merit (the training loss for the neural interpolators).</param>
public sealed record InterpolationProgress(int Snapshot, ObservationTime Time, long Done, long Total, double Value);

/// <summary>
/// Sparse observations (spec §8): the true ψ, optionally with the Gaussian noise of spec §4.4, is observed at the
/// sensors of a <see cref="SensorLayout"/> (the same points in both layers, at t_n and t_n + Δt and for every
/// snapshot), and an <see cref="IInterpolator"/> turns the sensor values into the estimate on the full grid.
/// </summary>
/// <remarks>
/// <para>Noise: i.i.d. N(0, (a·std ψ_k)²) with std taken over the whole true field of that layer and time, drawn for
/// the full field by <see cref="NoisyObservation.AddNoise"/> and then kept at the sensors, so a sparse and a full noisy experiment with the
/// same seed see the same noise at the shared points.</para>
/// <para><see cref="MergeObservations"/> (spec §8.3): off (the reference) uses the interpolant's prediction at every
/// grid point; on puts the observed values back at the sensors. Merging creates a discontinuity between observed and
/// predicted values wherever the fit is imperfect (a noisy or smoothing interpolator), which ∇² in the increment
/// amplifies; it changes nothing for interpolators that are exact at the sensors (exact, cubic, rbf, noise-free oi).</para>
/// </remarks>
public sealed class SparseObservation : IStateEstimator
{
    private readonly ConcurrentQueue<SparseObservationCall> _calls = new();

    /// <summary>Creates the estimator.</summary>
    /// <param name="layout">The sensors.</param>
    /// <param name="interpolator">Sensor values → full grid.</param>
    /// <param name="noiseLevel">Noise std relative to the field's spatial std, ≥ 0 (0 = clean observations).</param>
    /// <param name="seed">Seed of the noise and of the interpolator's context.</param>
    /// <param name="mergeObservations">Re-insert the observations at the sensors (default off, as the reference).</param>
    /// <param name="progress">Optional progress sink: every report of the interpolator (training steps, total, loss),
    /// tagged with the snapshot and time; may be called from several threads at once.</param>
    /// <exception cref="ArgumentException">The interpolator cannot handle the layout (see <see cref="IInterpolator.EnsureSupported"/>).</exception>
    public SparseObservation(SensorLayout layout, IInterpolator interpolator, double noiseLevel = 0, int seed = 0, bool mergeObservations = false,
        Action<InterpolationProgress>? progress = null)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        Interpolator = interpolator ?? throw new ArgumentNullException(nameof(interpolator));
        Interpolator.EnsureSupported(layout);
        if (!(noiseLevel >= 0) || double.IsInfinity(noiseLevel)) throw new ArgumentOutOfRangeException(nameof(noiseLevel), noiseLevel, "noise level must be ≥ 0");
        NoiseLevel = noiseLevel;
        Seed = seed;
        MergeObservations = mergeObservations;
        Progress = progress;
        Name = string.Create(CultureInfo.InvariantCulture,
            $"sparse {Layout.Count} sensors (SR {Layout.Ratio:G4}, {Layout.Description}), interpolator {Interpolator.Name}, " +
            $"noise {NoiseLevel:G3} (seed {Seed}){(MergeObservations ? ", merged" : "")}");
    }

    /// <summary>The sensors.</summary>
    public SensorLayout Layout { get; }
    /// <summary>The interpolator.</summary>
    public IInterpolator Interpolator { get; }
    /// <summary>Relative noise level a.</summary>
    public double NoiseLevel { get; }
    /// <summary>The seed.</summary>
    public int Seed { get; }
    /// <summary>Whether observations are put back at the sensors (spec §8.3 "merge").</summary>
    public bool MergeObservations { get; }
    /// <summary>Called after each interpolation with how it went (e.g. for a progress display); may be called from several threads.</summary>
    public Action<SparseObservationCall>? Completed { get; init; }
    /// <summary>Progress sink fed by the interpolator.</summary>
    public Action<InterpolationProgress>? Progress { get; }
    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Every interpolation done so far, in completion order (calls may run in parallel).</summary>
    public IReadOnlyList<SparseObservationCall> Calls => [.. _calls];

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The grid differs from the layout's.</exception>
    /// <exception cref="InvalidOperationException">The interpolator returned the wrong size or non-finite values.</exception>
    public double[] Estimate(Grid grid, ReadOnlySpan<double> truePsi, int snapshot, ObservationTime time)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (!grid.SameAs(Layout.Grid)) throw new ArgumentException($"the sensor layout is on {Layout.Grid} but the state on {grid}", nameof(grid));
        int n = grid.RealSize;
        if (truePsi.Length != 2 * n) throw new ArgumentException($"ψ must hold 2 × {n} values", nameof(truePsi));
        var values = NoiseLevel > 0
            ? Layout.SampleLayers(NoisyObservation.AddNoise(truePsi, n, NoiseLevel, Seed, snapshot, time))
            : Layout.SampleLayers(truePsi);

        var clock = Stopwatch.StartNew();
        Action<long, long, double>? sink = Progress is { } report ? (done, total, value) => report(new(snapshot, time, done, total, value)) : null;
        var estimate = Interpolator.Interpolate(Layout, values, new InterpolationContext(Seed, snapshot, (int)time, sink));
        clock.Stop();
        var call = new SparseObservationCall(snapshot, time, clock.Elapsed.TotalSeconds);
        _calls.Enqueue(call);
        Completed?.Invoke(call);
        if (estimate.Length != 2 * n)
            throw new InvalidOperationException($"interpolator {Interpolator.Name} returned {estimate.Length} values; expected {2 * n}");
        foreach (double v in estimate)
            if (!double.IsFinite(v)) throw new InvalidOperationException($"interpolator {Interpolator.Name} returned a non-finite value");
        if (MergeObservations)
        {
            var idx = Layout.Indices;
            for (int layer = 0; layer < 2; layer++)
                for (int k = 0; k < idx.Length; k++)
                    estimate[layer * n + idx[k]] = values[layer * idx.Length + k];
        }
        return estimate;
    }
}
