using System.Diagnostics;

namespace Science.Cli.Tests;

/// <summary>
/// All CLI tests share one collection without parallelism: they redirect the process-wide <see cref="Console"/>
/// streams while <see cref="Entry.Main"/> runs in-process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "medida CLI (console redirected)";
}

/// <summary>What one in-process run of <c>medida</c> returned and printed.</summary>
internal sealed record CliResult(string[] Args, int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed)
{
    /// <summary>Non-empty lines of standard error (carriage-return redraws split too).</summary>
    public string[] ErrLines => Lines(StdErr);

    /// <summary>Non-empty lines of standard output.</summary>
    public string[] OutLines => Lines(StdOut);

    private static string[] Lines(string text) =>
        text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Where(l => l.Trim().Length > 0).ToArray();

    /// <summary>A description for assertion messages.</summary>
    public override string ToString() =>
        $"medida {string.Join(' ', Args)}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F2} s\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Runs <see cref="Entry.Main"/> in-process with captured standard output and error.</summary>
internal static class Medida
{
    private static readonly object Gate = new();

    public static CliResult Run(params string[] args)
    {
        lock (Gate)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            TextWriter oldOut = Console.Out, oldErr = Console.Error;
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var clock = Stopwatch.StartNew();
            int code;
            try
            {
                code = Entry.Main(args);
            }
            finally
            {
                Console.Out.Flush();
                Console.Error.Flush();
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
            return new CliResult(args, code, stdout.ToString(), stderr.ToString(), clock.Elapsed);
        }
    }

    /// <summary>Runs and asserts exit code 0.</summary>
    public static CliResult Ok(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode == 0, "expected exit code 0\n" + r);
        return r;
    }

    /// <summary>
    /// Asserts the error contract: the exit code, exactly one line on stderr starting with "error:" that contains every
    /// fragment, no stack trace, nothing on stdout.
    /// </summary>
    public static string AssertError(CliResult r, int exitCode, params string[] fragments)
    {
        Assert.True(r.ExitCode == exitCode, $"expected exit code {exitCode}\n" + r);
        var lines = r.ErrLines;
        Assert.True(lines.Length == 1, "expected exactly one line on stderr\n" + r);
        string line = lines[0];
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", r.StdErr);
        Assert.DoesNotContain("Exception", line);
        foreach (string f in fragments) Assert.True(line.Contains(f, StringComparison.Ordinal), $"the error should contain '{f}'\n" + r);
        Assert.True(r.StdOut.Length == 0, "nothing should be printed on stdout\n" + r);
        return line;
    }
}

/// <summary>The repository root (the directory holding Science.sln) and its shipped data.</summary>
internal static class Repo
{
    public static string Root => Science.Tests.Shared.RepositoryPaths.Root;

    /// <summary>data/qg_spunup.h5: one state at step 20000.</summary>
    public static string SpunUp => Science.Tests.Shared.RepositoryPaths.SpunUp;

    /// <summary>data/qg_trajectory.h5: 6 snapshots 400 steps apart.</summary>
    public static string Trajectory => Science.Tests.Shared.RepositoryPaths.Trajectory;
}

/// <summary>A fresh temporary directory per test, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "medida-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Names of every file below the directory, relative, sorted.</summary>
    public string[] FileNames() =>
        [.. Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

internal static class Bits
{
    /// <summary>Bit-for-bit equality (distinguishes −0 from 0 and compares NaN payloads).</summary>
    public static void AssertEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{what}: value {i} differs: expected {expected[i]:R}, got {actual[i]:R}");
    }

    /// <summary>Asserts every value is finite, with a short message (count and first index) otherwise.</summary>
    public static void AssertFinite(ReadOnlySpan<double> values, string what)
    {
        var all = values.ToArray();
        int bad = all.Count(v => !double.IsFinite(v));
        if (bad > 0)
            Assert.Fail($"{what}: {bad} of {all.Length} values are not finite (first at index {Array.FindIndex(all, v => !double.IsFinite(v))})");
    }

    public static bool Equal(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) return false;
        return true;
    }
}
