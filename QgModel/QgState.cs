namespace Science.QgModel;

/// <summary>
/// A snapshot of the two-layer model in physical space: streamfunction ψ and total PV q (including βy and R), each
/// a flat array <c>[layer, y, x]</c> (layer 0 = upper), with its time and step. The snapshot owns its arrays; the
/// solver never mutates a snapshot it returned.
/// </summary>
public sealed class QgState
{
    /// <summary>Wraps arrays of shape <c>[2, Ny, Nx]</c>; <paramref name="q"/> may be null when only ψ is known.</summary>
    public QgState(Grid grid, double[] psi, double[]? q, double time = 0, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(psi);
        if (psi.Length != 2 * grid.RealSize)
            throw new ArgumentException($"psi has {psi.Length} values; a two-layer state on {grid} needs {2 * grid.RealSize}", nameof(psi));
        if (q is not null && q.Length != psi.Length)
            throw new ArgumentException($"q has {q.Length} values; expected {psi.Length}", nameof(q));
        Grid = grid; Psi = psi; Q = q; Time = time; Step = step;
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>Streamfunction ψ, <c>[layer, y, x]</c>.</summary>
    public double[] Psi { get; }
    /// <summary>Total PV q including βy (and R in layer 2), <c>[layer, y, x]</c>; null when not known.</summary>
    public double[]? Q { get; }
    /// <summary>Model time.</summary>
    public double Time { get; }
    /// <summary>Step count since the start of the experiment.</summary>
    public long Step { get; }

    /// <summary>ψ of one layer (0 = upper) as a read-only span <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> PsiLayer(int layer) => Psi.AsSpan(LayerOffset(layer), Grid.RealSize);

    /// <summary>q of one layer (0 = upper) as a read-only span <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> QLayer(int layer) =>
        (Q ?? throw new InvalidOperationException("this state carries no PV")).AsSpan(LayerOffset(layer), Grid.RealSize);

    private int LayerOffset(int layer)
    {
        if (layer is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 0 (upper) or 1 (lower)");
        return layer * Grid.RealSize;
    }
}
