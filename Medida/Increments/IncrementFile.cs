using Science.Numerics.IO;
using PureHDF;
using Science.Medida.Cases;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Medida.Increments;

/// <summary>
/// Increments as HDF5 (format <c>science-medida-increment</c>): <c>/dq</c> float64 <c>[snapshot, layer, y, x]</c>
/// (uncut, PV per unit time), <c>/library_psi</c> (same shape, the state the library is evaluated at), <c>/time</c>
/// <c>[snapshot]</c>, <c>/x</c>, <c>/y</c>; root attributes <c>dt</c>, <c>nx</c>, <c>ny</c>, <c>lx</c>, <c>ly</c>,
/// <c>library_state</c>, <c>pv_bookkeeping</c>, <c>estimator</c>, <c>case</c> and any provenance strings. Written atomically.
/// </summary>
public static class IncrementFile
{
    private const string Format = "science-medida-increment";

    /// <summary>Writes an increment.</summary>
    public static void Write(string path, Increment increment, int caseId, IReadOnlyDictionary<string, string>? provenance = null)
    {
        var g = increment.Grid;
        ulong s = (ulong)increment.Snapshots, ny = (ulong)g.Ny, nx = (ulong)g.Nx;
        var attributes = new Dictionary<string, object>
        {
            ["format"] = Format,
            ["format_version"] = 1,
            ["producer"] = "Science.Medida " + typeof(IncrementFile).Assembly.GetName().Version,
            ["dt"] = increment.Dt,
            ["nx"] = g.Nx, ["ny"] = g.Ny, ["lx"] = g.Lx, ["ly"] = g.Ly,
            ["library_state"] = increment.Settings.LibraryState.ToString().ToLowerInvariant(),
            ["pv_bookkeeping"] = increment.Settings.Bookkeeping.ToString().ToLowerInvariant(),
            ["estimator"] = increment.Estimator,
            ["case"] = caseId,
        };
        if (provenance is not null)
            foreach (var (k, v) in provenance) attributes.TryAdd(k, v);
        var file = new H5File
        {
            ["dq"] = new H5Dataset(increment.Dq.ToArray(), fileDims: [s, 2, ny, nx]),
            ["library_psi"] = new H5Dataset(increment.LibraryPsi.ToArray(), fileDims: [s, 2, ny, nx]),
            ["time"] = new H5Dataset(increment.Times.ToArray(), fileDims: [s]),
            ["x"] = new H5Dataset(g.X.ToArray(), fileDims: [nx]),
            ["y"] = new H5Dataset(g.Y.ToArray(), fileDims: [ny]),
        };
        file.Attributes = attributes;
        AtomicFile.Write(path, tmp => file.Write(tmp));
    }

    /// <summary>Reads an increment written by <see cref="Write"/>.</summary>
    /// <exception cref="DataFileException">Missing, corrupt or mis-shaped file.</exception>
    public static Increment Read(string path)
    {
        using var r = Hdf5Reader.Open(path);
        var dq = r.ReadFloat64("/dq", out var shape);
        if (shape.Length != 4 || shape[1] != 2)
            throw new DataFileException(path, $"dataset /dq has shape {Hdf5Reader.FormatShape(shape)}; expected [snapshot, 2, ny, nx]");
        var grid = new Grid(shape[3], shape[2], r.TryReadDoubleAttribute("/", "lx") ?? Grid.Default.Lx, r.TryReadDoubleAttribute("/", "ly") ?? Grid.Default.Ly);
        var lib = r.ReadFloat64("/library_psi", shape);
        var times = r.ReadFloat64("/time", [shape[0]]);
        var settings = new IncrementSettings(
            Enum.Parse<LibraryState>(r.TryReadStringAttribute("/", "library_state") ?? "forecast", ignoreCase: true),
            Enum.Parse<PvBookkeeping>(r.TryReadStringAttribute("/", "pv_bookkeeping") ?? "reference", ignoreCase: true));
        return new Increment(grid, r.TryReadDoubleAttribute("/", "dt") ?? 0.025, dq, lib, times, settings,
            r.TryReadStringAttribute("/", "estimator") ?? "unknown");
    }
}
