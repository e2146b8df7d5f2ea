using Science.Medida.Observations;
using Science.QgModel;

namespace Science.Cli.Reproduce;

/// <summary>
/// A state estimator that interpolates each (snapshot, time) once and hands out copies afterwards, so that the
/// diagnostics and several cases of one sensor layout share one interpolation. A cached key asked for with a different
/// true state is an error, not a silent reuse.
/// </summary>
internal sealed class CachingEstimator(IStateEstimator inner) : IStateEstimator
{
    private readonly Dictionary<(int, ObservationTime), (double[] Truth, double[] Estimate)> _cache = [];
    private readonly Lock _gate = new();

    public string Name => inner.Name;

    /// <summary>Wall time spent in the wrapped estimator (s).</summary>
    public double Seconds { get; private set; }

    public double[] Estimate(Grid grid, ReadOnlySpan<double> truePsi, int snapshot, ObservationTime time)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue((snapshot, time), out var hit))
            {
                if (!truePsi.SequenceEqual(hit.Truth))
                    throw new InvalidOperationException($"cached estimate of snapshot {snapshot} at {time} asked for with another true state");
                return (double[])hit.Estimate.Clone();
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var estimate = inner.Estimate(grid, truePsi, snapshot, time);
            Seconds += clock.Elapsed.TotalSeconds;
            _cache[(snapshot, time)] = (truePsi.ToArray(), estimate);
            return (double[])estimate.Clone();
        }
    }
}
