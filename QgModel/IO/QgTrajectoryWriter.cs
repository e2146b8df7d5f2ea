using Science.Numerics.IO;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Science.QgModel.IO;

/// <summary>
/// Collects snapshots of one run and writes them as one HDF5 trajectory file (format <c>science-qg-trajectory</c>,
/// version 1) on <see cref="Complete"/>.
/// </summary>
/// <remarks>
/// <para>
/// PureHDF cannot reopen or append to a file, so the snapshots are <b>buffered in memory</b> (copied on
/// <see cref="Add"/>) and the file is written once, atomically (temporary name + rename), when the run is done. The
/// buffer costs count × 2 × Ny × Nx × 8 bytes for ψ and as much again for q: 295 kB per field per snapshot on the
/// 96 × 192 grid, so 300 snapshots with q take about 177 MB.
/// </para>
/// <para>Layout (attributes on the root group):</para>
/// <list type="bullet">
/// <item><c>/psi</c>, <c>/q</c> float64 <c>[time, layer, y, x]</c> = <c>[T, 2, Ny, Nx]</c>; <c>/q</c> only when the
/// snapshots carry q. Chunked one snapshot per chunk with shuffle + deflate (level 1) unless compression is off.</item>
/// <item><c>/time</c> float64 <c>[T]</c>, <c>/step</c> int64 <c>[T]</c>, <c>/x</c> <c>[Nx]</c>, <c>/y</c> <c>[Ny]</c>.</item>
/// <item>attributes <c>nx</c>, <c>ny</c>, <c>lx</c>, <c>ly</c>, the parameters, <c>format</c>, <c>format_version</c>,
/// <c>producer</c>, <c>snapshot_count</c> (int64, the number announced), <c>complete</c> (int32: 1 when T equals the
/// announced count, 0 when fewer were added), and the provenance strings.</item>
/// </list>
/// <para>
/// <see cref="Dispose"/> without <see cref="Complete"/> writes the snapshots added so far (if any), marked
/// <c>complete</c> = 0 when fewer than announced, so a run that stops early (e.g. a blow-up) still leaves its
/// trajectory. Not thread-safe.
/// </para>
/// </remarks>
public sealed class QgTrajectoryWriter : IDisposable
{
    private readonly List<double[]> _psi = [];
    private readonly List<double[]> _q = [];
    private readonly List<double> _times = [];
    private readonly List<long> _steps = [];
    private readonly Dictionary<string, object> _attributes;
    private readonly bool _compress;
    private bool? _hasQ;

    /// <summary>Starts a trajectory of <paramref name="snapshotCount"/> snapshots on <paramref name="grid"/>.</summary>
    /// <param name="path">Destination file, written on <see cref="Complete"/>; its directory must exist then.</param>
    /// <param name="grid">The grid of every snapshot.</param>
    /// <param name="parameters">The model parameters, stored as attributes.</param>
    /// <param name="snapshotCount">How many snapshots will be added (≥ 1).</param>
    /// <param name="provenance">Extra string attributes (command line, seed, …); keys must not collide with the format's attribute names.</param>
    /// <param name="compress">Chunk per snapshot with shuffle + deflate (default) or write contiguous, uncompressed datasets.</param>
    /// <exception cref="ArgumentException">Bad count, or a reserved or empty provenance key.</exception>
    public QgTrajectoryWriter(string path, Grid grid, QgParameters parameters, int snapshotCount,
        IReadOnlyDictionary<string, string>? provenance = null, bool compress = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotCount, 1);
        Path = path;
        Grid = grid;
        Parameters = parameters;
        SnapshotCount = snapshotCount;
        _compress = compress;
        _attributes = QgFileFormat.NewAttributes(QgFileFormat.TrajectoryFormat);
        QgFileFormat.AddGrid(_attributes, grid);
        QgFileFormat.AddParameters(_attributes, parameters);
        _attributes["snapshot_count"] = (long)snapshotCount;
        _attributes["complete"] = 0;
        QgFileFormat.AddProvenance(_attributes, provenance);
    }

    /// <summary>The destination file.</summary>
    public string Path { get; }
    /// <summary>The grid of every snapshot.</summary>
    public Grid Grid { get; }
    /// <summary>The model parameters stored with the trajectory.</summary>
    public QgParameters Parameters { get; }
    /// <summary>The announced number of snapshots.</summary>
    public int SnapshotCount { get; }
    /// <summary>Snapshots added so far.</summary>
    public int Count => _psi.Count;
    /// <summary>Whether the file has been written.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Copies one snapshot into the buffer.</summary>
    /// <exception cref="ArgumentException">Another grid, or q present in some snapshots and absent in others.</exception>
    /// <exception cref="InvalidOperationException">All announced snapshots were added already, or the file was written.</exception>
    public void Add(QgState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (IsCompleted) throw new InvalidOperationException($"the trajectory {Path} was already written");
        if (Count >= SnapshotCount)
            throw new InvalidOperationException($"the trajectory {Path} was announced with {SnapshotCount} snapshots; all were added");
        if (!state.Grid.SameAs(Grid))
            throw new ArgumentException($"the snapshot is on the grid {state.Grid}; the trajectory is on {Grid}", nameof(state));
        bool hasQ = state.HasQ;
        if (_hasQ is bool expected && expected != hasQ)
            throw new ArgumentException(hasQ
                ? "this snapshot carries q but the earlier ones did not"
                : "this snapshot carries no q but the earlier ones did", nameof(state));
        _hasQ = hasQ;
        _psi.Add(state.Psi.ToArray());
        if (hasQ) _q.Add(state.Q.ToArray());
        _times.Add(state.Time);
        _steps.Add(state.Step);
    }

    /// <summary>
    /// Writes the file atomically with the snapshots added so far (attribute <c>complete</c> = 1 when all announced
    /// snapshots were added, 0 otherwise) and releases the buffer.
    /// </summary>
    /// <exception cref="InvalidOperationException">No snapshot was added, or the file was written already.</exception>
    /// <exception cref="DataFileException">The file could not be written.</exception>
    public void Complete() => CompleteCore(beforeCommit: null);

    /// <summary>As <see cref="Complete()"/>, with a test seam between writing the temporary file and the rename.</summary>
    internal void CompleteCore(Action<string>? beforeCommit)
    {
        if (IsCompleted) throw new InvalidOperationException($"the trajectory {Path} was already written");
        if (Count == 0) throw new InvalidOperationException($"the trajectory {Path} has no snapshots to write");
        _attributes["complete"] = Count == SnapshotCount ? 1 : 0;
        QgFileFormat.AtomicWrite(Path, WriteTo, beforeCommit);
        IsCompleted = true;
        _psi.Clear();
        _q.Clear();
    }

    /// <summary>Writes the buffered snapshots if <see cref="Complete"/> was not called and there are any (see the class remarks).</summary>
    /// <exception cref="DataFileException">The file could not be written.</exception>
    public void Dispose()
    {
        if (!IsCompleted && Count > 0) Complete();
    }

    private void WriteTo(string tmp)
    {
        ulong t = (ulong)Count, ny = (ulong)Grid.Ny, nx = (ulong)Grid.Nx;
        ulong[] dims = [t, 2, ny, nx];
        var psi = NewField(dims);
        var q = _hasQ == true ? NewField(dims) : null;
        var file = new H5File
        {
            ["psi"] = psi,
            ["time"] = QgFileFormat.Float64([.. _times], t),
            ["step"] = new H5Dataset(_steps.ToArray(), fileDims: [t]),
            ["x"] = QgFileFormat.Float64(Grid.X.ToArray(), nx),
            ["y"] = QgFileFormat.Float64(Grid.Y.ToArray(), ny),
        };
        if (q is not null) file["q"] = q;
        file.Attributes = _attributes;

        using var writer = file.BeginWrite(tmp);
        for (int k = 0; k < Count; k++)
        {
            writer.Write(psi, _psi[k], fileSelection: Snapshot(k));
            if (q is not null) writer.Write(q, _q[k], fileSelection: Snapshot(k));
        }

        HyperslabSelection Snapshot(int k) => new(4, [(ulong)k, 0, 0, 0], [1, 2, ny, nx]);
    }

    private H5Dataset<double[]> NewField(ulong[] dims) => _compress
        ? new H5Dataset<double[]>(fileDims: dims, chunks: [1, 2, (uint)Grid.Ny, (uint)Grid.Nx],
            datasetCreation: new H5DatasetCreation(Filters:
            [
                ShuffleFilter.Id,
                new H5Filter(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = 1 }),
            ]))
        : new H5Dataset<double[]>(fileDims: dims);
}
