using Science.Numerics.IO;
using PureHDF;
using Science.QgModel.Spectral;

namespace Science.QgModel.IO;

/// <summary>
/// Reads and writes a leapfrog restart point (<see cref="QgCheckpoint"/>) as HDF5 (format
/// <c>science-qg-checkpoint</c>, version 1). The raw spectral levels are stored bit for bit, so a restart from the
/// file continues exactly like the run it came from.
/// </summary>
/// <remarks>
/// <para>Layout (attributes on the root group):</para>
/// <list type="bullet">
/// <item><c>/previous_re</c>, <c>/previous_im</c>, <c>/current_re</c>, <c>/current_im</c>: float64
/// <c>[2, Ny, Nk]</c> = <c>[layer, l, k]</c> with Nk = Nx/2 + 1, the real and imaginary parts of
/// <see cref="QgCheckpoint.Previous"/> (level n − 1) and <see cref="QgCheckpoint.Current"/> (level n).</item>
/// <item>attributes <c>call_index</c>, <c>step</c> (int64), <c>time</c> (float64), <c>nx</c>, <c>ny</c> (int32),
/// <c>lx</c>, <c>ly</c> (float64), every parameter by its name (float64), <c>format</c>, <c>format_version</c>,
/// <c>producer</c>.</item>
/// </list>
/// <para>Writes are atomic like <see cref="QgStateFile.Write(string, QgState, QgParameters, IReadOnlyDictionary{string, string}?)"/>.</para>
/// </remarks>
public static class QgCheckpointFile
{
    private static readonly string[] Datasets = ["/previous_re", "/previous_im", "/current_re", "/current_im"];

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException">The checkpoint's levels do not have two layers of the grid's spectral size.</exception>
    /// <exception cref="DataFileException">The file could not be written.</exception>
    public static void Write(string path, QgCheckpoint checkpoint) => Write(path, checkpoint, beforeCommit: null);

    /// <summary>As the public overload, with a test seam that runs between writing the temporary file and the rename.</summary>
    internal static void Write(string path, QgCheckpoint checkpoint, Action<string>? beforeCommit)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var g = checkpoint.Grid ?? throw new ArgumentException("the checkpoint has no grid", nameof(checkpoint));
        var parameters = checkpoint.Parameters ?? throw new ArgumentException("the checkpoint has no parameters", nameof(checkpoint));
        CheckLevel(checkpoint.Previous, g, nameof(QgCheckpoint.Previous));
        CheckLevel(checkpoint.Current, g, nameof(QgCheckpoint.Current));

        var attributes = QgFileFormat.NewAttributes(QgFileFormat.CheckpointFormat);
        attributes["call_index"] = checkpoint.CallIndex;
        attributes["step"] = checkpoint.Step;
        attributes["time"] = checkpoint.Time;
        QgFileFormat.AddGrid(attributes, g);
        QgFileFormat.AddParameters(attributes, parameters);

        ulong ny = (ulong)g.Ny, nk = (ulong)g.Nk;
        var file = new H5File
        {
            ["previous_re"] = QgFileFormat.Float64(Join(checkpoint.Previous, f => f.Re), 2, ny, nk),
            ["previous_im"] = QgFileFormat.Float64(Join(checkpoint.Previous, f => f.Im), 2, ny, nk),
            ["current_re"] = QgFileFormat.Float64(Join(checkpoint.Current, f => f.Re), 2, ny, nk),
            ["current_im"] = QgFileFormat.Float64(Join(checkpoint.Current, f => f.Im), 2, ny, nk),
        };
        file.Attributes = attributes;
        QgFileFormat.AtomicWrite(path, tmp => file.Write(tmp), beforeCommit);
    }

    /// <summary>Reads a checkpoint written by <see cref="Write(string, QgCheckpoint)"/>.</summary>
    /// <remarks>
    /// The grid comes from the nx/ny/lx/ly attributes (the sizes must agree with the datasets' <c>[2, Ny, Nk]</c>).
    /// call_index, step, time and every parameter attribute are required.
    /// </remarks>
    /// <exception cref="DataFileException">Missing file, not HDF5, a missing dataset or attribute, wrong type or shape.</exception>
    public static QgCheckpoint Read(string path)
    {
        using var r = Hdf5Reader.Open(path);
        QgFileFormat.CheckFormat(r, QgFileFormat.CheckpointFormat, "a checkpoint");
        foreach (string d in Datasets)
            if (!r.IsDataset(d))
                throw new DataFileException(path, $"dataset {d} not found; expected float64 [2, Ny, Nk] (layer, l, k): not a checkpoint file?");

        int[] shape = r.GetShape(Datasets[0]);
        if (shape.Length != 3 || shape[0] != 2 || shape[2] < 3)
            throw new DataFileException(path, $"dataset {Datasets[0]} has shape {Hdf5Reader.FormatShape(shape)}; expected [2, Ny, Nk] (layer, l, k)");
        var grid = QgFileFormat.ReadGrid(r, 2 * (shape[2] - 1), shape[1], $"dataset {Datasets[0]} of shape {Hdf5Reader.FormatShape(shape)}", null);
        int[] want = [2, grid.Ny, grid.Nk];
        string expectation = $"{Hdf5Reader.FormatShape(want)} for the {grid.Nx}×{grid.Ny} grid (Nk = Nx/2 + 1)";
        var arrays = Datasets.Select(d => r.ReadFloat64(d, want, expectation)).ToArray();

        var parameters = QgFileFormat.ReadParameters(r) ?? throw new DataFileException(path,
            $"the parameter attributes are missing; a checkpoint needs all of: {string.Join(", ", QgFileFormat.ParameterNames)}");
        return new QgCheckpoint
        {
            Grid = grid,
            Parameters = parameters,
            CallIndex = r.ReadInt64Attribute("/", "call_index"),
            Step = r.ReadInt64Attribute("/", "step"),
            Time = r.ReadDoubleAttribute("/", "time"),
            Previous = Split(grid, arrays[0], arrays[1]),
            Current = Split(grid, arrays[2], arrays[3]),
        };
    }

    private static void CheckLevel(SpectralField[]? level, Grid g, string name)
    {
        if (level is null || level.Length != 2)
            throw new ArgumentException($"checkpoint level {name} must hold 2 layers", nameof(level));
        for (int layer = 0; layer < 2; layer++)
        {
            var f = level[layer] ?? throw new ArgumentException($"checkpoint level {name}[{layer}] is null", nameof(level));
            if (f.Re.Length != g.SpectralSize || f.Im.Length != g.SpectralSize)
                throw new ArgumentException(
                    $"checkpoint level {name}[{layer}] has {f.Re.Length}/{f.Im.Length} coefficients; the {g.Nx}×{g.Ny} grid needs {g.SpectralSize}", nameof(level));
        }
    }

    private static double[] Join(SpectralField[] level, Func<SpectralField, double[]> part)
    {
        int n = level[0].Length;
        var a = new double[2 * n];
        part(level[0]).AsSpan().CopyTo(a);
        part(level[1]).AsSpan().CopyTo(a.AsSpan(n));
        return a;
    }

    private static SpectralField[] Split(Grid g, double[] re, double[] im)
    {
        int n = g.SpectralSize;
        var level = new SpectralField[2];
        for (int layer = 0; layer < 2; layer++)
        {
            level[layer] = new SpectralField(g);
            re.AsSpan(layer * n, n).CopyTo(level[layer].Re);
            im.AsSpan(layer * n, n).CopyTo(level[layer].Im);
        }
        return level;
    }
}
