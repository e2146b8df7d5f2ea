using System.Diagnostics;
using Science.QgModel;

namespace Science.Medida.Observations;

/// <summary>
/// A state estimator that computes each (snapshot, time) once and hands out copies afterwards, so that several
/// experiments (cases, regression filters, diagnostics) with the same truth and sensors share one interpolation. A
/// memoised key asked for with a different true state is an error, not a silent reuse. Thread-safe (one computation at
/// a time).
/// </summary>
public sealed class MemoisingEstimator(IStateEstimator inner) : IStateEstimator
{
    private readonly Dictionary<(int, ObservationTime), Entry> _cache = [];
    private readonly Lock _gate = new();

    /// <summary>One memoised estimate.</summary>
    /// <param name="Truth">The true ψ it was computed from.</param>
    /// <param name="Estimate">The estimate.</param>
    /// <param name="Seconds">Wall time of the computation (s).</param>
    public sealed record Entry(double[] Truth, double[] Estimate, double Seconds);

    /// <summary>The wrapped estimator.</summary>
    public IStateEstimator Inner => inner;

    /// <inheritdoc/>
    public string Name => inner.Name;

    /// <summary>Total wall time spent in the wrapped estimator (s).</summary>
    public double InnerSeconds { get; private set; }

    /// <summary>Called (under the lock) just before an estimate is computed, with its snapshot and time.</summary>
    public Action<int, ObservationTime>? Computing { get; init; }

    /// <summary>Called (under the lock) just after an estimate is computed.</summary>
    public Action<int, ObservationTime, Entry>? Computed { get; init; }

    /// <summary>The memoised entry of (<paramref name="snapshot"/>, <paramref name="time"/>).</summary>
    /// <exception cref="KeyNotFoundException">Not computed yet.</exception>
    public Entry Cached(int snapshot, ObservationTime time)
    {
        lock (_gate) return _cache[(snapshot, time)];
    }

    /// <inheritdoc/>
    public double[] Estimate(Grid grid, ReadOnlySpan<double> truePsi, int snapshot, ObservationTime time)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue((snapshot, time), out var hit))
            {
                if (!truePsi.SequenceEqual(hit.Truth))
                    throw new InvalidOperationException($"memoised estimate of snapshot {snapshot} at {time} asked for with another true state");
                return (double[])hit.Estimate.Clone();
            }
            Computing?.Invoke(snapshot, time);
            var clock = Stopwatch.StartNew();
            var estimate = inner.Estimate(grid, truePsi, snapshot, time);
            double seconds = clock.Elapsed.TotalSeconds;
            InnerSeconds += seconds;
            var entry = new Entry(truePsi.ToArray(), estimate, seconds);
            _cache[(snapshot, time)] = entry;
            Computed?.Invoke(snapshot, time, entry);
            return (double[])estimate.Clone();
        }
    }
}
