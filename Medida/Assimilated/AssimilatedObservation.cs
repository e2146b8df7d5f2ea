using Science.Medida.Observations;
using Science.QgModel;

namespace Science.Medida.Assimilated;

/// <summary>
/// The state estimator of assimilated increments: for snapshot n it returns the analysis mean of the cycle at the
/// snapshot time (<see cref="ObservationTime.Start"/>) or of the cycle one model step later
/// (<see cref="ObservationTime.End"/>), from a finished cycled run (<see cref="AssimilatedTruth"/>). The true ψ passed in
/// is only checked against the run's truth at the start time (it must be the same snapshot).
/// </summary>
public sealed class AssimilatedObservation : IStateEstimator
{
    private readonly double[] _analysis;
    private readonly double[] _truth;
    private readonly int[] _start, _end;
    private readonly int _n;

    internal AssimilatedObservation(string name, double[] analysisMeans, double[] truth, int stateSize, int[] startCycles, int[] endCycles)
    {
        Name = name;
        _analysis = analysisMeans;
        _truth = truth;
        _n = stateSize;
        _start = startCycles;
        _end = endCycles;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The snapshot count.</summary>
    public int Snapshots => _start.Length;

    /// <inheritdoc/>
    public double[] Estimate(Grid grid, ReadOnlySpan<double> truePsi, int snapshot, ObservationTime time)
    {
        if ((uint)snapshot >= (uint)_start.Length)
            throw new ArgumentOutOfRangeException(nameof(snapshot), snapshot, $"the assimilated run has {_start.Length} snapshots");
        if (truePsi.Length != _n) throw new ArgumentException($"ψ must have {_n} values", nameof(truePsi));
        int cycle = time == ObservationTime.Start ? _start[snapshot] : _end[snapshot];
        if (time == ObservationTime.Start && !truePsi.SequenceEqual(_truth.AsSpan(cycle * _n, _n)))
            throw new ArgumentException($"snapshot {snapshot} is not the truth the filter assimilated (cycle {cycle})", nameof(truePsi));
        return _analysis.AsSpan(cycle * _n, _n).ToArray();
    }
}
