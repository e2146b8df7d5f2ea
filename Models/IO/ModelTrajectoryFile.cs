using Science.Numerics.IO;

namespace Science.Models.IO;

/// <summary>A model trajectory read by <see cref="ModelTrajectoryFile.Read"/>, held in memory.</summary>
public sealed class ModelTrajectory
{
    private readonly double[] _x;

    internal ModelTrajectory(string path, string model, int stateSize, double[] x, double[] times, long[] steps, bool complete,
        IReadOnlyDictionary<string, double> parameters, IReadOnlyDictionary<string, string> strings)
    {
        Path = path; Model = model; StateSize = stateSize; _x = x; Times = times; Steps = steps; IsComplete = complete;
        Parameters = parameters; Strings = strings;
    }

    /// <summary>The file, as named when it was read.</summary>
    public string Path { get; }
    /// <summary>The model's name (attribute <c>model</c>), e.g. "lorenz96", "ks".</summary>
    public string Model { get; }
    /// <summary>Length of each state.</summary>
    public int StateSize { get; }
    /// <summary>Number of snapshots.</summary>
    public int Count => Times.Count;
    /// <summary>Model time of each snapshot.</summary>
    public IReadOnlyList<double> Times { get; }
    /// <summary>Step count of each snapshot.</summary>
    public IReadOnlyList<long> Steps { get; }
    /// <summary>Whether every announced snapshot was written (attribute <c>complete</c>; true when absent).</summary>
    public bool IsComplete { get; }
    /// <summary>Every numeric root attribute other than the format's own (the model parameters), as float64.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }
    /// <summary>Every string root attribute other than format, producer and model (string parameters such as <c>stepper</c>, and provenance).</summary>
    public IReadOnlyDictionary<string, string> Strings { get; }
    /// <summary>All states, <c>[time, n]</c> row-major.</summary>
    public ReadOnlySpan<double> Data => _x;

    /// <summary>Snapshot <paramref name="index"/> (a view).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such snapshot.</exception>
    public ReadOnlySpan<double> State(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, {Count - 1}]");
        return _x.AsSpan(index * StateSize, StateSize);
    }
}

/// <summary>Reads files written by <see cref="ModelTrajectoryWriter"/>.</summary>
public static class ModelTrajectoryFile
{
    /// <summary>Reads a whole trajectory (states, times, steps, parameters).</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedModel">When given, the file's <c>model</c> attribute must equal it.</param>
    /// <exception cref="DataFileException">Missing file, not HDF5, another format or a newer version, a missing or
    /// malformed dataset; the message is one line naming the file and the problem.</exception>
    public static ModelTrajectory Read(string path, string? expectedModel = null)
    {
        using var r = Hdf5Reader.Open(path);
        string? format = r.IsStringAttribute("/", "format") ? r.ReadStringAttribute("/", "format") : null;
        if (format != ModelFileFormat.TrajectoryFormat)
            throw new DataFileException(path, format is null
                ? $"no 'format' attribute; expected '{ModelFileFormat.TrajectoryFormat}' (is this a model trajectory?)"
                : $"attribute 'format' is '{format}'; expected '{ModelFileFormat.TrajectoryFormat}'");
        long version = r.TryReadInt64Attribute("/", "format_version") ?? 1;
        if (version > ModelFileFormat.FormatVersion)
            throw new DataFileException(path, $"attribute 'format_version' is {version}; this build reads format version {ModelFileFormat.FormatVersion} (written by a newer program?)");
        string model = r.TryReadStringAttribute("/", "model") ?? throw new DataFileException(path, "attribute 'model' not found");
        if (expectedModel is not null && model != expectedModel)
            throw new DataFileException(path, $"the trajectory is of model '{model}'; expected '{expectedModel}'");
        if (!r.IsDataset("/x")) throw new DataFileException(path, "dataset /x not found; expected float64 [T, n] (time, state)");
        double[] x = r.ReadFloat64("/x", out int[] shape);
        if (shape.Length != 2 || shape[0] < 1 || shape[1] < 1)
            throw new DataFileException(path, $"dataset /x has shape {Hdf5Reader.FormatShape(shape)}; expected [T, n] with T, n ≥ 1");
        int count = shape[0], n = shape[1];
        long? stateSize = r.TryReadInt64Attribute("/", "state_size");
        if (stateSize is not null && stateSize != n)
            throw new DataFileException(path, $"attribute state_size = {stateSize} disagrees with dataset /x of shape {Hdf5Reader.FormatShape(shape)}");
        double[] times = r.ReadFloat64("/time", [count], $"[{count}], one time per snapshot of /x");
        long[] steps = r.ReadInt64("/step", [count], $"[{count}], one step per snapshot of /x");
        bool complete = (r.TryReadInt64Attribute("/", "complete") ?? 1) != 0;

        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in r.GetAttributeNames("/"))
        {
            if (r.IsStringAttribute("/", name))
            {
                if (name is not ("format" or "producer" or "model")) strings[name] = r.ReadStringAttribute("/", name);
            }
            else if (!ModelFileFormat.Reserved.Contains(name))
            {
                parameters[name] = r.ReadDoubleAttribute("/", name);
            }
        }
        return new ModelTrajectory(path, model, n, x, times, steps, complete, parameters, strings);
    }
}
