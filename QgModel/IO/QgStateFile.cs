using Science.Numerics.IO;
using PureHDF;

namespace Science.QgModel.IO;

/// <summary>What <see cref="QgStateFile.Read"/> found in a state file.</summary>
/// <param name="Grid">The grid (from the file's attributes, or assumed; see <see cref="QgStateFile.Read"/>).</param>
/// <param name="State">ψ, and q when the file holds it, with time and step (0 when the attributes are absent).</param>
/// <param name="Parameters">The model parameters when the file carries all of them as attributes, else null.</param>
/// <param name="HasQ">Whether the file holds <c>/q</c>.</param>
public sealed record QgStateFileContent(Grid Grid, QgState State, QgParameters? Parameters, bool HasQ)
{
    /// <summary>The root's string attributes other than <c>format</c> and <c>producer</c> (command line, seed, …).</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Reads and writes one model state as HDF5 (format <c>science-qg-state</c>, version 1), readable by h5py and h5dump.
/// </summary>
/// <remarks>
/// <para>Layout (all attributes on the root group):</para>
/// <list type="bullet">
/// <item><c>/psi</c> float64 <c>[2, Ny, Nx]</c> = <c>[layer, y, x]</c>, layer 0 = upper; row-major like <see cref="QgState.Psi"/>.</item>
/// <item><c>/q</c> float64 <c>[2, Ny, Nx]</c>, total PV; omitted when the state has none.</item>
/// <item><c>/x</c> float64 <c>[Nx]</c>, <c>/y</c> float64 <c>[Ny]</c>: the grid coordinates.</item>
/// <item>attributes <c>time</c> (float64), <c>step</c> (int64), <c>nx</c>, <c>ny</c> (int32), <c>lx</c>, <c>ly</c>
/// (float64), every parameter of <see cref="QgParameters.ToNamedValues"/> by its name (float64; the flags as 0/1),
/// <c>format</c> = "science-qg-state", <c>format_version</c> = 1 (int32), <c>producer</c> = "Science.QgModel
/// &lt;version&gt;", and the provenance strings.</item>
/// </list>
/// <para>
/// Writes are atomic: the file is written to <c>path + ".tmp-&lt;random&gt;"</c> in the same directory and renamed
/// over <c>path</c>; after a failure the temporary file is gone and an existing file at <c>path</c> is unchanged.
/// </para>
/// </remarks>
public static class QgStateFile
{
    /// <summary>Writes <paramref name="state"/> to <paramref name="path"/> atomically (see the class remarks).</summary>
    /// <param name="path">Destination file; its directory must exist. An existing file is replaced.</param>
    /// <param name="state">The state; <c>/q</c> is written when <see cref="QgState.Q"/> is not null.</param>
    /// <param name="parameters">The model parameters, stored as attributes.</param>
    /// <param name="provenance">Extra string attributes (command line, seed, …); keys must not collide with the format's attribute names.</param>
    /// <exception cref="ArgumentException">A provenance key is empty or reserved, or a value is null.</exception>
    /// <exception cref="DataFileException">The file could not be written (the message says why).</exception>
    public static void Write(string path, QgState state, QgParameters parameters, IReadOnlyDictionary<string, string>? provenance = null) =>
        Write(path, state, parameters, provenance, beforeCommit: null);

    /// <summary>As the public overload, with a test seam that runs between writing the temporary file and the rename.</summary>
    internal static void Write(string path, QgState state, QgParameters parameters, IReadOnlyDictionary<string, string>? provenance,
        Action<string>? beforeCommit)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(parameters);
        var g = state.Grid;
        var attributes = QgFileFormat.NewAttributes(QgFileFormat.StateFormat);
        attributes["time"] = state.Time;
        attributes["step"] = state.Step;
        QgFileFormat.AddGrid(attributes, g);
        QgFileFormat.AddParameters(attributes, parameters);
        QgFileFormat.AddProvenance(attributes, provenance);

        ulong ny = (ulong)g.Ny, nx = (ulong)g.Nx;
        var file = new H5File
        {
            ["psi"] = QgFileFormat.Float64(state.Psi.ToArray(), 2, ny, nx),
            ["x"] = QgFileFormat.Float64(g.X.ToArray(), nx),
            ["y"] = QgFileFormat.Float64(g.Y.ToArray(), ny),
        };
        if (state.HasQ) file["q"] = QgFileFormat.Float64(state.Q.ToArray(), 2, ny, nx);
        file.Attributes = attributes;
        QgFileFormat.AtomicWrite(path, tmp => file.Write(tmp), beforeCommit);
    }

    /// <summary>Reads a state file.</summary>
    /// <remarks>
    /// Only <c>/psi</c> float64 <c>[2, Ny, Nx]</c> is required, so a file written by hand with h5py works; <c>/q</c>
    /// is read when present. The grid is rebuilt from the nx/ny/lx/ly attributes; without them the sizes come from
    /// the shape of <c>/psi</c> and the lengths from <paramref name="expectedGrid"/> or else <see cref="Grid.Default"/>
    /// (46 × 68). Time and step default to 0. The parameters are returned when every parameter attribute is present,
    /// else null. A file whose <c>format</c> attribute names another format is refused.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <param name="expectedGrid">When given, the file must be on this grid (shape and, if stored, lengths); the returned state uses this instance.</param>
    /// <exception cref="DataFileException">Missing file, not HDF5, missing <c>/psi</c>, wrong type or shape, inconsistent attributes.</exception>
    public static QgStateFileContent Read(string path, Grid? expectedGrid = null)
    {
        using var r = Hdf5Reader.Open(path);
        QgFileFormat.CheckFormat(r, QgFileFormat.StateFormat, "a state file");

        const string layout = "float64 [2, Ny, Nx] (layer, y, x)";
        if (!r.IsDataset("/psi"))
            throw new DataFileException(path, r.Exists("/psi") ? "/psi is a group; expected a dataset " + layout : "dataset /psi not found; expected " + layout);
        int[] shape = r.GetShape("/psi");
        if (shape.Length == 4)
            throw new DataFileException(path,
                $"dataset /psi has shape {Hdf5Reader.FormatShape(shape)}; expected [2, Ny, Nx]: this looks like a trajectory, read it with QgTrajectoryFile");
        if (expectedGrid is not null)
        {
            int[] want = [2, expectedGrid.Ny, expectedGrid.Nx];
            if (!shape.SequenceEqual(want))
                throw new DataFileException(path, $"dataset /psi has shape {Hdf5Reader.FormatShape(shape)}; expected {QgFileFormat.ForGrid(want, expectedGrid)}");
        }
        else if (shape.Length != 3 || shape[0] != 2)
        {
            throw new DataFileException(path, $"dataset /psi has shape {Hdf5Reader.FormatShape(shape)}; expected [2, Ny, Nx] (layer, y, x)");
        }

        var grid = QgFileFormat.ReadGrid(r, shape[2], shape[1], $"dataset /psi of shape {Hdf5Reader.FormatShape(shape)}", expectedGrid);
        int[] fieldShape = [2, grid.Ny, grid.Nx];
        string expectation = QgFileFormat.ForGrid(fieldShape, grid);
        double[] psi = r.ReadFloat64("/psi", fieldShape, expectation);
        bool hasQ = r.Exists("/q");
        double[]? q = hasQ ? r.ReadFloat64("/q", fieldShape, expectation) : null;
        double time = r.TryReadDoubleAttribute("/", "time") ?? 0;
        long step = r.TryReadInt64Attribute("/", "step") ?? 0;
        var parameters = QgFileFormat.ReadParameters(r);
        return new QgStateFileContent(grid, new QgState(grid, psi, q, time, step), parameters, hasQ)
        {
            Provenance = QgFileFormat.ReadProvenance(r),
        };
    }
}
