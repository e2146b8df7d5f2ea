using Science.Numerics.IO;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using PureHDF;

namespace Science.QgModel.IO;

/// <summary>Attribute conventions and atomic writing shared by the model's HDF5 files.</summary>
internal static class QgFileFormat
{
    public const string StateFormat = "science-qg-state";
    public const string CheckpointFormat = "science-qg-checkpoint";
    public const string TrajectoryFormat = "science-qg-trajectory";
    public const int FormatVersion = 1;

    /// <summary>"Science.QgModel &lt;informational version&gt;".</summary>
    public static string Producer { get; } = "Science.QgModel " + AssemblyVersion();

    /// <summary>The names written by <see cref="AddParameters"/>, in order.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = [.. QgParameters.Truth.ToNamedValues().Select(v => v.Name)];

    private static string AssemblyVersion()
    {
        var asm = typeof(QgFileFormat).Assembly;
        return asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? asm.GetName().Version?.ToString() ?? "unknown";
    }

    /// <summary>The root attributes every file starts with: format, format_version, producer.</summary>
    public static Dictionary<string, object> NewAttributes(string format) => new(StringComparer.Ordinal)
    {
        ["format"] = format,
        ["format_version"] = FormatVersion,
        ["producer"] = Producer,
    };

    /// <summary>nx, ny (int32) and lx, ly (float64).</summary>
    public static void AddGrid(Dictionary<string, object> attributes, Grid grid)
    {
        attributes["nx"] = grid.Nx;
        attributes["ny"] = grid.Ny;
        attributes["lx"] = grid.Lx;
        attributes["ly"] = grid.Ly;
    }

    /// <summary>Every parameter of <see cref="QgParameters.ToNamedValues"/> by its name, as float64.</summary>
    public static void AddParameters(Dictionary<string, object> attributes, QgParameters parameters)
    {
        foreach (var (name, value) in parameters.ToNamedValues()) attributes[name] = value;
    }

    /// <summary>Adds provenance strings; a key that collides with an attribute already present is an error.</summary>
    /// <exception cref="ArgumentException">Empty or reserved key, or null value.</exception>
    public static void AddProvenance(Dictionary<string, object> attributes, IReadOnlyDictionary<string, string>? provenance)
    {
        if (provenance is null) return;
        foreach (var (key, value) in provenance)
        {
            if (string.IsNullOrWhiteSpace(key))
                throw new ArgumentException("a provenance key is empty", nameof(provenance));
            if (attributes.ContainsKey(key))
                throw new ArgumentException($"provenance key '{key}' collides with a reserved attribute of the file format", nameof(provenance));
            attributes[key] = value ?? throw new ArgumentException($"provenance value of '{key}' is null", nameof(provenance));
        }
    }

    /// <summary>
    /// Writes through <paramref name="writeTemp"/> to <c>path + ".tmp-&lt;random&gt;"</c> in the same directory, then
    /// renames it over <paramref name="path"/>. On any failure the temporary file is deleted, an existing file at
    /// <paramref name="path"/> is left as it was, and the error is thrown as a <see cref="DataFileException"/>.
    /// </summary>
    /// <param name="path">The destination.</param>
    /// <param name="writeTemp">Writes the complete file to the temporary path it is given.</param>
    /// <param name="beforeCommit">Test seam: runs after the temporary file is written, before the rename.</param>
    public static void AtomicWrite(string path, Action<string> writeTemp, Action<string>? beforeCommit = null) =>
        AtomicFile.Write(path, writeTemp, beforeCommit);

    /// <summary>Refuses a file whose <c>format</c> attribute names another format or whose version is newer.</summary>
    public static void CheckFormat(Hdf5Reader reader, string expected, string readerName)
    {
        if (reader.IsStringAttribute("/", "format"))
        {
            string format = reader.ReadStringAttribute("/", "format");
            if (format != expected)
            {
                string hint = format switch
                {
                    StateFormat => "; read it with QgStateFile",
                    CheckpointFormat => "; read it with QgCheckpointFile",
                    TrajectoryFormat => "; read it with QgTrajectoryFile",
                    _ => "",
                };
                throw new DataFileException(reader.FilePath, $"attribute 'format' is '{format}'; expected '{expected}' for {readerName}{hint}");
            }
        }
        long? version = reader.HasAttribute("/", "format_version") ? reader.ReadInt64Attribute("/", "format_version") : null;
        if (version > FormatVersion)
            throw new DataFileException(reader.FilePath,
                $"attribute 'format_version' is {version}; this build reads format version {FormatVersion} (written by a newer program?)");
    }

    /// <summary>
    /// The grid of a file with real or spectral arrays of <paramref name="ny"/> rows and <paramref name="nx"/> columns:
    /// nx/ny attributes, when present, must agree with the arrays; lx/ly come from the attributes, else from
    /// <paramref name="expectedGrid"/>, else from <see cref="Grid.Default"/>. When <paramref name="expectedGrid"/> is
    /// given the file's grid must equal it, and that instance is returned.
    /// </summary>
    public static Grid ReadGrid(Hdf5Reader reader, int nx, int ny, string shapeSource, Grid? expectedGrid)
    {
        long? fnx = reader.TryReadInt64Attribute("/", "nx"), fny = reader.TryReadInt64Attribute("/", "ny");
        if ((fnx is not null && fnx != nx) || (fny is not null && fny != ny))
            throw new DataFileException(reader.FilePath,
                $"attributes nx = {Text(fnx)}, ny = {Text(fny)} disagree with {shapeSource}, which is for a {nx}×{ny} grid");
        double lx = reader.TryReadDoubleAttribute("/", "lx") ?? expectedGrid?.Lx ?? Grid.Default.Lx;
        double ly = reader.TryReadDoubleAttribute("/", "ly") ?? expectedGrid?.Ly ?? Grid.Default.Ly;
        Grid grid;
        try
        {
            grid = new Grid(nx, ny, lx, ly);
        }
        catch (ArgumentException e)
        {
            throw new DataFileException(reader.FilePath, $"{shapeSource} does not describe a valid grid ({FirstLine(e.Message)})", e);
        }
        if (expectedGrid is null) return grid;
        if (!grid.SameAs(expectedGrid))
            throw new DataFileException(reader.FilePath, $"the file's grid {grid} differs from the expected grid {expectedGrid}");
        return expectedGrid;
    }

    /// <summary>Parameters from the attributes named in <see cref="ParameterNames"/> when all are present, else null.</summary>
    public static QgParameters? ReadParameters(Hdf5Reader reader)
    {
        if (!ParameterNames.All(n => reader.HasAttribute("/", n))) return null;
        var values = ParameterNames.Select(n => (n, reader.ReadDoubleAttribute("/", n))).ToArray();
        try
        {
            return QgParameters.FromNamedValues(values);
        }
        catch (ArgumentException e)
        {
            throw new DataFileException(reader.FilePath, $"the parameter attributes are invalid ({FirstLine(e.Message)})", e);
        }
    }

    /// <summary>Every string attribute of the root except format and producer: the provenance.</summary>
    public static IReadOnlyDictionary<string, string> ReadProvenance(Hdf5Reader reader)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in reader.GetAttributeNames("/"))
            if (name is not ("format" or "producer") && reader.IsStringAttribute("/", name))
                d[name] = reader.ReadStringAttribute("/", name);
        return d;
    }

    /// <summary>Shape text for messages, e.g. "[2, 192, 96] for the 96×192 grid".</summary>
    public static string ForGrid(int[] shape, Grid grid) => $"{Hdf5Reader.FormatShape(shape)} for the {grid.Nx}×{grid.Ny} grid";

    private static string Text(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "(absent)";

    private static string FirstLine(string s) => s.ReplaceLineEndings(" ");

    /// <summary>A float64 dataset of the given dimensions, contiguous (or compact when small).</summary>
    public static H5Dataset Float64(double[] data, params ulong[] dims) => new(data, fileDims: dims);
}
