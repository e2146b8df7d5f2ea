using Science.QgModel;

namespace Science.Medida.Increments;

/// <summary>
/// Analysis increments per unit time, h_k = (q^o_k − q^m_k)/Δt (spec §4.1), for one or more snapshots, uncut, with
/// the state the library is evaluated at. Arrays are <c>[snapshot, layer, y, x]</c>; units: PV per unit time.
/// </summary>
public sealed class Increment
{
    /// <summary>Wraps computed arrays.</summary>
    public Increment(Grid grid, double dt, double[] dq, double[] libraryPsi, double[] times, IncrementSettings settings, string estimator)
    {
        int per = 2 * grid.RealSize;
        if (dq.Length % per != 0 || dq.Length == 0) throw new ArgumentException("dq must hold whole two-layer snapshots", nameof(dq));
        if (libraryPsi.Length != dq.Length) throw new ArgumentException("libraryPsi must match dq", nameof(libraryPsi));
        Grid = grid; Dt = dt; Dq = dq; LibraryPsi = libraryPsi; Times = times; Settings = settings; Estimator = estimator;
        Snapshots = dq.Length / per;
        if (times.Length != Snapshots) throw new ArgumentException("one time per snapshot", nameof(times));
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>The time step Δt the increment is divided by.</summary>
    public double Dt { get; }
    /// <summary>Number of stacked snapshots.</summary>
    public int Snapshots { get; }
    /// <summary>h, <c>[snapshot, layer, y, x]</c>.</summary>
    public double[] Dq { get; }
    /// <summary>ψ of the library state, <c>[snapshot, layer, y, x]</c>.</summary>
    public double[] LibraryPsi { get; }
    /// <summary>Model time t_n of each snapshot.</summary>
    public double[] Times { get; }
    /// <summary>How the increments were built.</summary>
    public IncrementSettings Settings { get; }
    /// <summary>The state estimator used (e.g. "full").</summary>
    public string Estimator { get; }

    /// <summary>h of one snapshot and layer (1 = upper, 2 = lower), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> Layer(int snapshot, int layer) => Dq.AsSpan(Offset(snapshot, layer), Grid.RealSize);

    /// <summary>ψ of the library state for one snapshot, both layers <c>[layer, y, x]</c>.</summary>
    public ReadOnlySpan<double> LibraryState(int snapshot) => LibraryPsi.AsSpan(snapshot * 2 * Grid.RealSize, 2 * Grid.RealSize);

    /// <summary>Standard deviation of h over the whole grid and all snapshots for a layer (1 or 2).</summary>
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
        if (layer is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 1 (upper) or 2 (lower)");
        return (snapshot * 2 + layer - 1) * Grid.RealSize;
    }
}
