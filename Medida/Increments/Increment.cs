using Science.QgModel;

namespace Science.Medida.Increments;

/// <summary>
/// Analysis increments per unit time, h_k = (q^o_k − q^m_k)/Δt (spec §4.1), for one or more snapshots, uncut, with
/// the state the library is evaluated at. Fields are <c>[snapshot, layer, y, x]</c> with layer index 0 = upper, 1 = lower
/// (labels say h1, h2); units: PV per unit time. A value: the constructor copies its inputs and exposes them read-only.
/// </summary>
public sealed class Increment
{
    private readonly double[] _dq, _libraryPsi;

    /// <summary>Wraps computed arrays.</summary>
    public Increment(Grid grid, double dt, ReadOnlySpan<double> dq, ReadOnlySpan<double> libraryPsi, IReadOnlyList<double> times,
        IncrementSettings settings, string estimator)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(times);
        int per = 2 * grid.RealSize;
        if (dq.Length % per != 0 || dq.Length == 0) throw new ArgumentException("dq must hold whole two-layer snapshots", nameof(dq));
        if (libraryPsi.Length != dq.Length) throw new ArgumentException("libraryPsi must match dq", nameof(libraryPsi));
        Grid = grid; Dt = dt; _dq = dq.ToArray(); _libraryPsi = libraryPsi.ToArray(); Times = Array.AsReadOnly(times.ToArray()); Settings = settings; Estimator = estimator;
        Snapshots = dq.Length / per;
        if (times.Count != Snapshots) throw new ArgumentException("one time per snapshot", nameof(times));
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>The time step Δt the increment is divided by.</summary>
    public double Dt { get; }
    /// <summary>Number of stacked snapshots.</summary>
    public int Snapshots { get; }
    /// <summary>h, <c>[snapshot, layer, y, x]</c>.</summary>
    public ReadOnlySpan<double> Dq => _dq;
    /// <summary>ψ of the library state, <c>[snapshot, layer, y, x]</c>.</summary>
    public ReadOnlySpan<double> LibraryPsi => _libraryPsi;
    /// <summary>Model time t_n of each snapshot.</summary>
    public IReadOnlyList<double> Times { get; }
    /// <summary>How the increments were built.</summary>
    public IncrementSettings Settings { get; }
    /// <summary>The state estimator used (e.g. "full").</summary>
    public string Estimator { get; }

    /// <summary>h of one snapshot and layer (0 = upper, 1 = lower), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> Layer(int snapshot, int layer) => _dq.AsSpan(Offset(snapshot, layer), Grid.RealSize);

    /// <summary>ψ of the library state for one snapshot, both layers <c>[layer, y, x]</c>.</summary>
    public ReadOnlySpan<double> LibraryState(int snapshot) => _libraryPsi.AsSpan(snapshot * 2 * Grid.RealSize, 2 * Grid.RealSize);

    /// <summary>Standard deviation of h over the whole grid and all snapshots for a layer (0 = upper, 1 = lower).</summary>
    public double StandardDeviation(int layer)
    {
        double sum = 0, sum2 = 0;
        long count = 0;
        for (int s = 0; s < Snapshots; s++)
            foreach (var v in Layer(s, layer)) { sum += v; sum2 += v * v; count++; }
        double mean = sum / count;
        return Math.Sqrt(Math.Max(0, sum2 / count - mean * mean));
    }

    private int Offset(int snapshot, int layer)
    {
        if (snapshot < 0 || snapshot >= Snapshots) throw new ArgumentOutOfRangeException(nameof(snapshot), snapshot, $"snapshot must be in [0, {Snapshots - 1}]");
        if (layer is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 0 (upper) or 1 (lower)");
        return (snapshot * 2 + layer) * Grid.RealSize;
    }
}
