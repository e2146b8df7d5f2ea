using Science.Numerics.IO;
using System.Diagnostics;
using PureHDF;
using Science.QgModel.IO;
using Science.QgModel.Spectral;

namespace Science.QgModel.Tests.IO;

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qgio-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Names of the files in the directory (to check that no temporary file was left behind).</summary>
    public string[] FileNames() => [.. Directory.GetFiles(Path).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

internal static class IoFixtures
{
    /// <summary>A small non-default grid, to show the grid really comes from the file.</summary>
    public static Grid SmallGrid { get; } = new(8, 12, 10.0, 20.0);

    /// <summary>Non-default parameters that touch every field, flags included.</summary>
    public static QgParameters OddParameters { get; } = QgParameters.Truth with
    {
        Beta = 0.17, TauD1 = 0.02, TauD2 = 0.03, TauF = 0.11, Nu = 2e-6, Sigma = 3.1, CJacobian = 0.5, U1 = 0.9,
        Dt = 0.0125, Robert = 0.05, H1 = 0.1, H2 = -0.2, H3 = 0.3, H4 = 0.4, TopographyFixed = true, PeriodicPv = true,
    };

    /// <summary>Seeded doubles with full mantissas over several decades.</summary>
    public static double[] RandomValues(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 6));
        return a;
    }

    public static QgState State(Grid g, bool withQ, int seed = 1, double time = 12.375, long step = 495) =>
        new(g, RandomValues(2 * g.RealSize, seed), withQ ? RandomValues(2 * g.RealSize, seed + 100) : null, time, step);

    public static SpectralField[] Level(Grid g, int seed)
    {
        var level = new[] { new SpectralField(g), new SpectralField(g) };
        for (int layer = 0; layer < 2; layer++)
        {
            RandomValues(g.SpectralSize, seed + layer).CopyTo(level[layer].Re, 0);
            RandomValues(g.SpectralSize, seed + 10 + layer).CopyTo(level[layer].Im, 0);
        }
        return level;
    }

    /// <summary>Bit-for-bit equality (distinguishes −0 from 0 and compares NaN payloads).</summary>
    public static void AssertBitwiseEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"value {i} differs: expected {expected[i]:R} (0x{BitConverter.DoubleToInt64Bits(expected[i]):x16}), got {actual[i]:R} (0x{BitConverter.DoubleToInt64Bits(actual[i]):x16})");
    }

    /// <summary>Writes an arbitrary HDF5 file with PureHDF (no attributes unless given), to fake foreign files.</summary>
    public static void WriteRaw(string path, Action<H5File> fill)
    {
        var f = new H5File();
        fill(f);
        f.Write(path);
    }

    /// <summary>Asserts a one-line DataFileException message that starts with the file path.</summary>
    public static DataFileException AssertFileError(string path, Action action, params string[] fragments)
    {
        var e = Assert.Throws<DataFileException>(action);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(path, e.FilePath);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
        return e;
    }
}

/// <summary>
/// External tools for the interop tests; <see cref="RequirePythonH5py"/> and <see cref="RequireH5dump"/> skip the test
/// when they are missing (fail it under CI=true).
/// </summary>
internal static class ExternalTools
{
    public const string SystemPython = "/usr/bin/python3";

    private static readonly Lazy<bool> PythonH5py = new(() =>
        File.Exists(SystemPython) && Run(SystemPython, ["-c", "import h5py, numpy"]).ExitCode == 0);

    private static readonly Lazy<string?> H5dumpPath = new(() => Which("h5dump"));

    /// <summary>Whether /usr/bin/python3 can import h5py and numpy.</summary>
    public static bool HasPythonH5py => PythonH5py.Value;

    /// <summary>The h5dump executable, or null.</summary>
    public static string? H5dump => H5dumpPath.Value;

    /// <summary>Skips the test (fails it under CI=true) unless /usr/bin/python3 can import h5py and numpy.</summary>
    public static void RequirePythonH5py() =>
        Science.Tests.Shared.Prerequisite.Require(HasPythonH5py, $"{SystemPython} with h5py and numpy",
            "apt-get install python3-h5py python3-numpy");

    /// <summary>The h5dump executable; skips the test (fails it under CI=true) when it is not on PATH.</summary>
    public static string RequireH5dump()
    {
        Science.Tests.Shared.Prerequisite.Require(H5dump is not null, "h5dump (on PATH)", "apt-get install hdf5-tools");
        return H5dump!;
    }

    public static (int ExitCode, string StdOut, string StdErr) Run(string exe, IEnumerable<string> args, int timeoutMs = 120_000)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} did not finish within {timeoutMs} ms");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a Python snippet with the system Python; fails the test with its output when it exits non-zero.</summary>
    public static string RunPython(string script, params string[] args)
    {
        var (code, stdout, stderr) = Run(SystemPython, ["-c", script, .. args]);
        Assert.True(code == 0, $"python exited with {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        return stdout;
    }

    private static string? Which(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
