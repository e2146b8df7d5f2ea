using Science.Numerics.IO;
namespace Science.QgModel.IO;

/// <summary>
/// A trajectory file opened by <see cref="QgTrajectoryFile.Read"/>: its grid, times and steps are in memory; each
/// snapshot is read from the file on demand by <see cref="GetState"/>.
/// </summary>
public sealed class QgTrajectory
{
    internal QgTrajectory(string path, Grid grid, QgParameters? parameters, double[] times, long[] steps, bool hasQ,
        bool isComplete, IReadOnlyDictionary<string, string> provenance)
    {
        Path = path; _fullPath = System.IO.Path.GetFullPath(path); Grid = grid; Parameters = parameters; Times = times; Steps = steps; HasQ = hasQ;
        IsComplete = isComplete; Provenance = provenance;
    }

    private readonly string _fullPath;

    /// <summary>The file, as named when it was opened.</summary>
    public string Path { get; }
    /// <summary>The grid of the snapshots.</summary>
    public Grid Grid { get; }
    /// <summary>The model parameters when the file carries all of them, else null.</summary>
    public QgParameters? Parameters { get; }
    /// <summary>Model time of each snapshot.</summary>
    public IReadOnlyList<double> Times { get; }
    /// <summary>Step count of each snapshot.</summary>
    public IReadOnlyList<long> Steps { get; }
    /// <summary>Number of snapshots.</summary>
    public int Count => Times.Count;
    /// <summary>Whether the file holds <c>/q</c>.</summary>
    public bool HasQ { get; }
    /// <summary>Whether the writer added every announced snapshot (attribute <c>complete</c>; true when absent).</summary>
    public bool IsComplete { get; }
    /// <summary>The root's string attributes other than <c>format</c> and <c>producer</c>.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; }

    /// <summary>Reads snapshot <paramref name="index"/> (ψ, and q when present) from the file.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such snapshot.</exception>
    /// <exception cref="DataFileException">The file can no longer be read as it was.</exception>
    public QgState GetState(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        using var r = Hdf5Reader.Open(_fullPath);
        int[] want = [Count, 2, Grid.Ny, Grid.Nx];
        string expectation = $"{Hdf5Reader.FormatShape(want)} for {Count} snapshots on the {Grid.Nx}×{Grid.Ny} grid";
        CheckShape(r, "/psi", want, expectation);
        double[] psi = r.ReadFloat64Slice("/psi", index);
        double[]? q = null;
        if (HasQ)
        {
            CheckShape(r, "/q", want, expectation);
            q = r.ReadFloat64Slice("/q", index);
        }
        return new QgState(Grid, psi, q, Times[index], Steps[index]);
    }

    private static void CheckShape(Hdf5Reader r, string dataset, int[] want, string expectation)
    {
        int[] shape = r.GetShape(dataset);
        if (!shape.SequenceEqual(want))
            throw new DataFileException(r.FilePath, $"dataset {dataset} has shape {Hdf5Reader.FormatShape(shape)}; expected {expectation}");
    }
}

/// <summary>Reads trajectory files written by <see cref="QgTrajectoryWriter"/> (or by hand: only <c>/psi</c> is required).</summary>
public static class QgTrajectoryFile
{
    /// <summary>Whether <paramref name="path"/> holds a trajectory, i.e. a dataset <c>/psi</c> of rank 4.</summary>
    /// <exception cref="DataFileException">The file is missing or not HDF5.</exception>
    public static bool IsTrajectory(string path)
    {
        using var r = Hdf5Reader.Open(path);
        return r.IsDataset("/psi") && r.GetShape("/psi").Length == 4;
    }

    /// <summary>Opens a trajectory: reads its grid, parameters, times and steps; snapshots are read by <see cref="QgTrajectory.GetState"/>.</summary>
    /// <remarks>
    /// Requires <c>/psi</c> float64 <c>[T, 2, Ny, Nx]</c>; <c>/q</c> of the same shape is optional. <c>/time</c> float64
    /// <c>[T]</c> and <c>/step</c> integer <c>[T]</c> are optional too: without them the steps are 0 … T − 1 and the
    /// times equal the steps. The grid follows the rules of <see cref="QgStateFile.Read"/>.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <param name="expectedGrid">When given, the file must be on this grid.</param>
    /// <exception cref="DataFileException">Missing file, not HDF5, not a trajectory, wrong type or shape.</exception>
    public static QgTrajectory Read(string path, Grid? expectedGrid = null)
    {
        using var r = Hdf5Reader.Open(path);
        QgFileFormat.CheckFormat(r, QgFileFormat.TrajectoryFormat, "a trajectory");
        const string layout = "float64 [T, 2, Ny, Nx] (time, layer, y, x)";
        if (!r.IsDataset("/psi")) throw new DataFileException(path, "dataset /psi not found; expected " + layout);
        int[] shape = r.GetShape("/psi");
        if (shape.Length != 4 || shape[1] != 2 || shape[0] < 1)
        {
            string hint = shape.Length == 3 ? ": this looks like a single state, read it with QgStateFile" : "";
            throw new DataFileException(path, $"dataset /psi has shape {Hdf5Reader.FormatShape(shape)}; expected [T, 2, Ny, Nx] with T ≥ 1{hint}");
        }
        if (r.GetTypeName("/psi") != "float64")
            throw new DataFileException(path, $"dataset /psi has type {r.GetTypeName("/psi")}; expected float64");
        if (expectedGrid is not null && (shape[2] != expectedGrid.Ny || shape[3] != expectedGrid.Nx))
            throw new DataFileException(path,
                $"dataset /psi has shape {Hdf5Reader.FormatShape(shape)}; expected [{shape[0]}, 2, {expectedGrid.Ny}, {expectedGrid.Nx}] for the {expectedGrid.Nx}×{expectedGrid.Ny} grid");
        int count = shape[0];
        var grid = QgFileFormat.ReadGrid(r, shape[3], shape[2], $"dataset /psi of shape {Hdf5Reader.FormatShape(shape)}", expectedGrid);

        bool hasQ = r.Exists("/q");
        if (hasQ)
        {
            int[] qShape = r.GetShape("/q");
            if (!qShape.SequenceEqual(shape))
                throw new DataFileException(path, $"dataset /q has shape {Hdf5Reader.FormatShape(qShape)}; expected {Hdf5Reader.FormatShape(shape)} like /psi");
            if (r.GetTypeName("/q") != "float64")
                throw new DataFileException(path, $"dataset /q has type {r.GetTypeName("/q")}; expected float64");
        }
        long[] steps = r.Exists("/step")
            ? r.ReadInt64("/step", [count], $"[{count}], one step per snapshot of /psi")
            : [.. Enumerable.Range(0, count).Select(i => (long)i)];
        double[] times = r.Exists("/time")
            ? r.ReadFloat64("/time", [count], $"[{count}], one time per snapshot of /psi")
            : [.. steps.Select(s => (double)s)];
        bool complete = (r.TryReadInt64Attribute("/", "complete") ?? 1) != 0;
        return new QgTrajectory(path, grid, QgFileFormat.ReadParameters(r), times, steps, hasQ, complete, QgFileFormat.ReadProvenance(r));
    }
}
