using Science.Numerics.IO;
namespace Science.QgModel.IO;

/// <summary>
/// Read access to the reference solver's oracle data (<c>shared/reference/oracle/qg_oracle_public.h5</c>, described
/// by the README beside it): real fields float64 <c>[192, 96]</c> = <c>[y, x]</c>, vectors, and attributes.
/// </summary>
/// <remarks>
/// The file stays open until <see cref="Dispose"/>. Every read is serialised by a lock, so one instance may be shared
/// by tests that run in parallel. Failures are <see cref="DataFileException"/>s naming the dataset.
/// </remarks>
public sealed class OracleFile : IDisposable
{
    /// <summary>The oracle's file name.</summary>
    public const string FileName = "qg_oracle_public.h5";

    /// <summary>The oracle's folder relative to the common root of the repository checkout and <c>shared</c>.</summary>
    public const string RelativeDirectory = "shared/reference/oracle";

    private readonly Hdf5Reader _reader;
    private readonly Lock _lock = new();

    private OracleFile(Hdf5Reader reader) => _reader = reader;

    /// <summary>The file as opened.</summary>
    public string FilePath => _reader.FilePath;

    /// <summary>The oracle's grid: 96 × 192 on 46 × 68 (<see cref="Grid.Default"/>).</summary>
    public Grid Grid => Grid.Default;

    /// <summary>
    /// The oracle file, or null if it cannot be found: the environment variable <c>SCIENCE_ORACLE</c> when it names an
    /// existing file, else the first <c>shared/reference/oracle/qg_oracle_public.h5</c> found in
    /// <see cref="AppContext.BaseDirectory"/>, the current directory, or any of their ancestors (the repository lives
    /// at <c>&lt;root&gt;/main</c> or, in CI, <c>&lt;root&gt;/repo</c>, with <c>&lt;root&gt;/shared</c> beside it).
    /// </summary>
    public static string? DefaultPath
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("SCIENCE_ORACLE");
            if (!string.IsNullOrWhiteSpace(env) && File.Exists(env)) return Path.GetFullPath(env);
            foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, RelativeDirectory, FileName);
                    if (File.Exists(candidate)) return candidate;
                }
            }
            return null;
        }
    }

    /// <summary>Opens the oracle file.</summary>
    /// <exception cref="DataFileException">Missing or not HDF5.</exception>
    public static OracleFile Open(string path) => new(Hdf5Reader.Open(path));

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_lock) _reader.Dispose();
    }

    /// <summary>Whether a dataset or group exists at <paramref name="path"/>.</summary>
    public bool Exists(string path)
    {
        lock (_lock) return _reader.Exists(path);
    }

    /// <summary>A real field float64 <c>[192, 96]</c> (row-major <c>[y, x]</c>), e.g. <c>/ic/psi_1</c>.</summary>
    public double[] ReadField(string datasetPath)
    {
        int[] want = [Grid.Ny, Grid.Nx];
        lock (_lock) return _reader.ReadFloat64(datasetPath, want, $"{Hdf5Reader.FormatShape(want)} (y, x) for the oracle's {Grid.Nx}×{Grid.Ny} grid");
    }

    /// <summary>ψ of both layers <c>[2, 192, 96]</c> from <c>{group}/psi_1</c> and <c>{group}/psi_2</c>.</summary>
    public double[] ReadLayers(string groupPath) => ReadPair(groupPath, "psi");

    /// <summary>Total PV q of both layers <c>[2, 192, 96]</c> from <c>{group}/q_1</c> and <c>{group}/q_2</c>.</summary>
    public double[] ReadPvLayers(string groupPath) => ReadPair(groupPath, "q");

    /// <summary>Both layers <c>[2, 192, 96]</c> from <c>{group}/{name}_1</c> and <c>{group}/{name}_2</c> (e.g. name = "dq").</summary>
    public double[] ReadPair(string groupPath, string name)
    {
        string g = Hdf5Reader.Normalize(groupPath).TrimEnd('/');
        return [.. ReadField($"{g}/{name}_1"), .. ReadField($"{g}/{name}_2")];
    }

    /// <summary>ψ (and q, when the group holds it) of both layers as a state on the oracle's grid.</summary>
    public QgState ReadState(string groupPath, double time = 0, long step = 0)
    {
        string g = Hdf5Reader.Normalize(groupPath).TrimEnd('/');
        double[]? q = Exists($"{g}/q_1") ? ReadPvLayers(g) : null;
        return new QgState(Grid, ReadLayers(g), q, time, step);
    }

    /// <summary>A one-dimensional float64 dataset, e.g. <c>/grid/x</c>.</summary>
    public double[] ReadVector(string datasetPath)
    {
        lock (_lock) return _reader.ReadFloat64(datasetPath, [-1], "a vector [n]");
    }

    /// <summary>A one-dimensional integer dataset as int64, e.g. <c>/diag/steps</c>.</summary>
    public long[] ReadInt64Vector(string datasetPath)
    {
        lock (_lock) return _reader.ReadInt64(datasetPath, [-1], "a vector [n]");
    }

    /// <summary>A float64 dataset of any shape as a flat row-major array, with its shape (e.g. <c>/diag/ke</c>, [1501, 2]).</summary>
    public double[] ReadArray(string datasetPath, out int[] shape)
    {
        lock (_lock) return _reader.ReadFloat64(datasetPath, out shape);
    }

    /// <summary>The shape of a dataset.</summary>
    public int[] GetShape(string datasetPath)
    {
        lock (_lock) return _reader.GetShape(datasetPath);
    }

    /// <summary>
    /// A numeric attribute as a double (float, integer, or bool as 0/1) of the object at <paramref name="objectPath"/>,
    /// e.g. <c>ReadAttribute("/traj/step_00010", "t_new")</c> or <c>ReadAttribute("/params", "beta")</c>.
    /// </summary>
    public double ReadAttribute(string objectPath, string name)
    {
        lock (_lock) return _reader.ReadDoubleAttribute(objectPath, name);
    }

    /// <summary>A string attribute, e.g. <c>ReadStringAttribute("/onestep/truth", "constants_json")</c>.</summary>
    public string ReadStringAttribute(string objectPath, string name)
    {
        lock (_lock) return _reader.ReadStringAttribute(objectPath, name);
    }
}
