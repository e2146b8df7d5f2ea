namespace Science.QgModel;

/// <summary>
/// A snapshot of the two-layer model in physical space: streamfunction ψ and total PV q (including βy and R), each
/// flat <c>[layer, y, x]</c> (layer index 0 = upper, 1 = lower — the one layer convention in code; labels and file
/// attributes say "layer 1"/"layer 2"), with its time and step. A value: the constructor copies its inputs and the
/// fields are exposed read-only, so no caller can change a snapshot another part of the program holds.
/// </summary>
public sealed class QgState
{
    private readonly double[] _psi;
    private readonly double[]? _q;

    /// <summary>
    /// Copies fields of shape <c>[2, Ny, Nx]</c>; an empty <paramref name="q"/> (or <c>null</c>) means only ψ is known.
    /// </summary>
    public QgState(Grid grid, ReadOnlySpan<double> psi, ReadOnlySpan<double> q, double time = 0, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (psi.Length != 2 * grid.RealSize)
            throw new ArgumentException($"psi has {psi.Length} values; a two-layer state on {grid} needs {2 * grid.RealSize}", nameof(psi));
        if (!q.IsEmpty && q.Length != psi.Length)
            throw new ArgumentException($"q has {q.Length} values; expected {psi.Length}", nameof(q));
        Grid = grid; _psi = psi.ToArray(); _q = q.IsEmpty ? null : q.ToArray(); Time = time; Step = step;
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>Streamfunction ψ, <c>[layer, y, x]</c>.</summary>
    public ReadOnlySpan<double> Psi => _psi;
    /// <summary>Whether the snapshot carries the PV q.</summary>
    public bool HasQ => _q is not null;
    /// <summary>Total PV q including βy (and R in the lower layer), <c>[layer, y, x]</c>; empty when not known (see <see cref="HasQ"/>).</summary>
    public ReadOnlySpan<double> Q => _q;
    /// <summary>Model time.</summary>
    public double Time { get; }
    /// <summary>Step count since the start of the experiment.</summary>
    public long Step { get; }

    /// <summary>ψ of one layer (0 = upper, 1 = lower) as a read-only span <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> PsiLayer(int layer) => _psi.AsSpan(LayerOffset(layer), Grid.RealSize);

    /// <summary>q of one layer (0 = upper, 1 = lower) as a read-only span <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> QLayer(int layer) =>
        (_q ?? throw new InvalidOperationException("this state carries no PV")).AsSpan(LayerOffset(layer), Grid.RealSize);

    private int LayerOffset(int layer)
    {
        if (layer is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 0 (upper) or 1 (lower)");
        return layer * Grid.RealSize;
    }
}
