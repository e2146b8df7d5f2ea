using PureHDF;
using Science.Numerics.IO;

namespace Science.Models.IO;

/// <summary>
/// Collects snapshots of one model run and writes them as one HDF5 file (format <c>science-model-trajectory</c>,
/// version 1) on <see cref="Complete"/>, atomically (temporary name + rename), like the QG trajectory files.
/// </summary>
/// <remarks>
/// <para>Layout: <c>/x</c> float64 <c>[time, n]</c> (the state vectors), <c>/time</c> float64 <c>[T]</c> (model time
/// units), <c>/step</c> int64 <c>[T]</c>; root attributes <c>format</c>, <c>format_version</c> (int32), <c>producer</c>,
/// <c>model</c> (the model's <see cref="IDynamicalModel.Name"/>), <c>state_size</c> (int32), <c>snapshot_count</c>
/// (int64, announced), <c>complete</c> (int32: 1 when all announced snapshots were added), the model parameters
/// (<see cref="ModelFileFormat.ParametersOf"/>) and provenance strings.</para>
/// <para>PureHDF writes whole files, so the snapshots are buffered in one preallocated array of
/// count × n doubles. <see cref="Dispose"/> without <see cref="Complete"/> writes what was added (complete = 0), so a run
/// stopped by a blow-up still leaves its trajectory. Not thread-safe.</para>
/// </remarks>
public sealed class ModelTrajectoryWriter : IDisposable
{
    private readonly double[] _x;
    private readonly double[] _times;
    private readonly long[] _steps;
    private readonly Dictionary<string, object> _attributes = new(StringComparer.Ordinal);

    /// <summary>Starts a trajectory of <paramref name="snapshotCount"/> states of <paramref name="model"/> (its name and parameters are recorded).</summary>
    /// <param name="path">Destination file (its directory is created when missing).</param>
    /// <param name="model">The model (only its name, state size and parameters are read).</param>
    /// <param name="snapshotCount">Snapshots to be added, ≥ 1.</param>
    /// <param name="provenance">Extra string attributes (command line, seed…); keys must not collide with the format's or the parameters'.</param>
    /// <exception cref="ArgumentOutOfRangeException">snapshotCount &lt; 1 or the buffer would exceed 2³¹ doubles.</exception>
    /// <exception cref="ArgumentException">A reserved, colliding or empty provenance key.</exception>
    public ModelTrajectoryWriter(string path, IDynamicalModel model, int snapshotCount, IReadOnlyDictionary<string, string>? provenance = null)
        : this(path, model?.Name ?? throw new ArgumentNullException(nameof(model)), model.StateSize, ModelFileFormat.ParametersOf(model), snapshotCount, provenance) { }

    /// <summary>Starts a trajectory of <paramref name="snapshotCount"/> states of length <paramref name="stateSize"/> of the model named <paramref name="modelName"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    /// <exception cref="ArgumentException">A reserved, colliding or empty attribute name.</exception>
    public ModelTrajectoryWriter(string path, string modelName, int stateSize, IReadOnlyList<(string Name, object Value)> parameters,
        int snapshotCount, IReadOnlyDictionary<string, string>? provenance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(parameters);
        if (stateSize < 1) throw new ArgumentOutOfRangeException(nameof(stateSize), stateSize, "the state size must be ≥ 1");
        if (snapshotCount < 1) throw new ArgumentOutOfRangeException(nameof(snapshotCount), snapshotCount, "the snapshot count must be ≥ 1");
        if ((long)snapshotCount * stateSize > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(snapshotCount), snapshotCount, $"{snapshotCount} snapshots of {stateSize} values exceed one array; use a larger --every");
        Path = path;
        ModelName = modelName;
        StateSize = stateSize;
        SnapshotCount = snapshotCount;
        _x = new double[snapshotCount * stateSize];
        _times = new double[snapshotCount];
        _steps = new long[snapshotCount];
        _attributes["format"] = ModelFileFormat.TrajectoryFormat;
        _attributes["format_version"] = ModelFileFormat.FormatVersion;
        _attributes["producer"] = ModelFileFormat.Producer;
        _attributes["model"] = modelName;
        _attributes["state_size"] = stateSize;
        _attributes["snapshot_count"] = (long)snapshotCount;
        _attributes["complete"] = 0;
        foreach (var (name, value) in parameters) Add(name, value, nameof(parameters));
        if (provenance is not null)
            foreach (var (key, value) in provenance) Add(key, value ?? throw new ArgumentException($"provenance value of '{key}' is null", nameof(provenance)), nameof(provenance));
    }

    /// <summary>The destination file.</summary>
    public string Path { get; }
    /// <summary>The model's name.</summary>
    public string ModelName { get; }
    /// <summary>Length of each state.</summary>
    public int StateSize { get; }
    /// <summary>The announced number of snapshots.</summary>
    public int SnapshotCount { get; }
    /// <summary>Snapshots added so far.</summary>
    public int Count { get; private set; }
    /// <summary>Whether the file has been written.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Copies one state (at model time <paramref name="time"/>, step <paramref name="step"/>) into the buffer, without allocating.</summary>
    /// <exception cref="ArgumentException">Wrong length.</exception>
    /// <exception cref="InvalidOperationException">All announced snapshots were added, or the file was written.</exception>
    public void Add(ReadOnlySpan<double> state, double time, long step)
    {
        if (IsCompleted) throw new InvalidOperationException($"the trajectory {Path} was already written");
        if (Count >= SnapshotCount) throw new InvalidOperationException($"the trajectory {Path} was announced with {SnapshotCount} snapshots; all were added");
        if (state.Length != StateSize) throw new ArgumentException($"the state has {state.Length} values; the trajectory's states have {StateSize}", nameof(state));
        state.CopyTo(_x.AsSpan(Count * StateSize, StateSize));
        _times[Count] = time;
        _steps[Count] = step;
        Count++;
    }

    /// <summary>Copies the current state of <paramref name="model"/> with its time and step.</summary>
    public void Add(IDynamicalModel model, Span<double> scratch)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.CopyState(scratch);
        Add(scratch, model.Time, model.StepCount);
    }

    /// <summary>Writes the file atomically with the snapshots added so far (complete = 1 when all were added).</summary>
    /// <exception cref="InvalidOperationException">No snapshot was added, or the file was written already.</exception>
    /// <exception cref="DataFileException">The file could not be written; an existing file is left unchanged.</exception>
    public void Complete()
    {
        if (IsCompleted) throw new InvalidOperationException($"the trajectory {Path} was already written");
        if (Count == 0) throw new InvalidOperationException($"the trajectory {Path} has no snapshots to write");
        _attributes["complete"] = Count == SnapshotCount ? 1 : 0;
        AtomicFile.Write(AtomicFile.EnsureDirectory(Path), WriteTo);
        IsCompleted = true;
    }

    /// <summary>Writes the snapshots added so far if <see cref="Complete"/> was not called and there are any.</summary>
    public void Dispose()
    {
        if (!IsCompleted && Count > 0) Complete();
    }

    private void WriteTo(string tmp)
    {
        ulong t = (ulong)Count, n = (ulong)StateSize;
        double[] x = Count == SnapshotCount ? _x : _x[..(Count * StateSize)];
        var file = new H5File
        {
            ["x"] = new H5Dataset(x, fileDims: [t, n]),
            ["time"] = new H5Dataset(_times[..Count], fileDims: [t]),
            ["step"] = new H5Dataset(_steps[..Count], fileDims: [t]),
        };
        file.Attributes = _attributes;
        file.Write(tmp);
    }

    private void Add(string key, object value, string param)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("an attribute name is empty", param);
        if (_attributes.ContainsKey(key)) throw new ArgumentException($"attribute '{key}' collides with a reserved or earlier attribute of the file", param);
        _attributes[key] = value;
    }
}
